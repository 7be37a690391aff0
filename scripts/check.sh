#!/usr/bin/env bash
# The project's checks in order, fastest first: lint, format, types, then the fast, integration and browser tiers.
# Usage: scripts/check.sh [fast]   ("fast" stops after the fast tier: no model, no Chroma, no browser)
set -euo pipefail
cd "$(dirname "$0")/.."
ruff check .
ruff format --check .
mypy
python -m assistant corpus check
python -m pytest -q tests/fast
[ "${1:-}" = "fast" ] && exit 0
# The question-log tests also run against a real PostgreSQL server when Debian's postgresql is installed
# (.ci/run installs it); without it, those cases are skipped and say why.
if [ -z "${ASSISTANT_TEST_POSTGRES_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  eval "$(bash scripts/test_postgres.sh start)"
  trap 'bash scripts/test_postgres.sh stop' EXIT
fi
python -m pytest -q tests/integration tests/browser
