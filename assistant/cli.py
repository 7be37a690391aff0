"""Command line: ``python -m assistant index|ask|eval``. Usage errors exit 2, runtime errors exit 1."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

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

    ask = sub.add_parser("ask", help="answer questions (from arguments, or one per stdin line as JSON lines)")
    ask.add_argument("question", nargs="*", help="the question; none: read one question per line from stdin")
    ask.add_argument("--json", action="store_true", help="print the Answer as JSON")
    ask.add_argument("--audience", choices=("warga", "petugas"), default="warga")
    ask.set_defaults(handler=_cmd_ask)

    evaluate = sub.add_parser("eval", help="quality and latency on the gold set, with baselines")
    evaluate.add_argument("--gold", type=Path, default=None, help="gold JSONL file (default tests/eval/gold.jsonl)")
    evaluate.add_argument("--json", action="store_true", help="print the report as one JSON object")
    evaluate.add_argument("--no-external", action="store_true", help="skip the outside question sets")
    evaluate.add_argument("--external-limit", type=int, default=300, help="general-QA questions to sample")
    evaluate.set_defaults(handler=_cmd_eval)
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


def _cmd_ask(args: argparse.Namespace, settings) -> int:
    from .service import Assistant

    assistant = Assistant.load(settings, progress=sys.stderr.isatty())
    if args.question:
        answer = assistant.ask(" ".join(args.question), audience=args.audience)
        print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json else _render(answer))
        return 0
    for line in sys.stdin:
        if line.strip():
            answer = assistant.ask(line.strip(), audience=args.audience)
            print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
    return 0


def _render(answer) -> str:
    lines = [answer.text]
    if answer.sources:
        lines.append("")
        lines += [f"[{s.n}] {s.title} — {s.section} ({s.path})" for s in answer.sources]
    return "\n".join(lines)


def _cmd_eval(args: argparse.Namespace, settings) -> int:
    from .evaluation import GOLD, evaluate

    gold = args.gold or GOLD
    if not gold.exists():
        print(f"Gold file not found: {gold}", file=sys.stderr)
        return 2
    log = (lambda _line: None) if args.json else print
    report = evaluate(settings, gold, external=not args.no_external, external_limit=args.external_limit, log=log)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=float))
    return 0
