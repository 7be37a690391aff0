"""Command line: ``python -m assistant index|ask|eval``. Usage errors exit 2, runtime errors exit 1."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .offline import go_offline

EXIT_RUNTIME = 1
EXIT_INVALID_DOCUMENTS = 3


def main(argv: Sequence[str] | None = None) -> int:
    go_offline()
    parser = _parser()
    args = parser.parse_args(argv)
    from .settings import Settings

    settings = Settings()
    try:
        return args.handler(args, settings)
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return 130
    except RuntimeError as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return EXIT_RUNTIME


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description="Tanya Kelurahan")
    sub = parser.add_subparsers(dest="command", required=True)

    index = sub.add_parser("index", help="build or update the index (incremental by default)")
    index.add_argument("--rebuild", action="store_true", help="re-embed everything")
    index.add_argument("--strict", action="store_true", help="exit with 3 when any document is invalid")
    index.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    index.set_defaults(handler=_cmd_index)
    return parser


def _cmd_index(args: argparse.Namespace, settings) -> int:
    from .embeddings import build_embeddings
    from .indexing import build_index

    result = build_index(settings, build_embeddings(settings), rebuild=args.rebuild,
                         progress=not args.json and sys.stderr.isatty())
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        for error in result.errors:
            print(f"! {error.path}: {error.reason}", file=sys.stderr)
        print(result.summary())
    return EXIT_INVALID_DOCUMENTS if args.strict and result.errors else 0
