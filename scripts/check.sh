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
python -m pytest -q tests/integration tests/browser
