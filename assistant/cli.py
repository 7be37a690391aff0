"""Command line: ``tanya-kelurahan serve|index|ask|eval|corpus check`` (also ``python -m assistant``).

Exit codes: 0 success, 1 runtime error (the index or a server is unavailable), 2 usage error, 3 invalid documents
(``index --strict``, ``corpus check``), 70 unexpected internal error (logged with its trace), 130 interrupted."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from .errors import AssistantError, UsageError

if TYPE_CHECKING:
    from .answer.schema import Answer
from .offline import go_offline
from .settings import Settings

EXIT_RUNTIME = 1
EXIT_USAGE = 2
EXIT_INVALID_DOCUMENTS = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
log = logging.getLogger("assistant")


def main(argv: Sequence[str] | None = None) -> int:
    go_offline()
    parser = _parser()
    args = parser.parse_args(argv)
    settings = Settings()
    try:
        return int(args.handler(args, settings))
    except KeyboardInterrupt:
        print("Dibatalkan.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except UsageError as exc:
        print(f"Penggunaan salah: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except AssistantError as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return EXIT_RUNTIME
    except Exception:  # noqa: BLE001 - an unexpected failure is reported as one, with its trace
        log.exception("unexpected internal error")
        print("Kesalahan internal yang tidak terduga; rinciannya ada di log di atas.", file=sys.stderr)
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tanya-kelurahan", description="Tanya Kelurahan")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the web app (like python app.py)")
    serve.add_argument("--host", default=None, help="listen address (default: the host setting)")
    serve.add_argument("--port", type=int, default=None, help="port (default: the port setting)")
    serve.set_defaults(handler=_cmd_serve)

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

    corpus = sub.add_parser("corpus", help="corpus tools for staff")
    corpus_sub = corpus.add_subparsers(dest="corpus_command", required=True)
    check = corpus_sub.add_parser("check", help="check every document (exit 3 on errors; warnings are listed)")
    check.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    check.set_defaults(handler=_cmd_corpus_check)
    return parser


def _cmd_corpus_check(args: argparse.Namespace, settings: Settings) -> int:
    from .ingest.check import check_corpus

    report = check_corpus(settings.corpus_dir, settings.resolved_today(), settings.max_document_bytes)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        for finding in report.errors:
            print(f"! {finding.path}: {finding.message}")
        for finding in report.warnings:
            print(f"~ {finding.path}: {finding.message}")
        print(f"{report.documents} dokumen: {len(report.errors)} kesalahan, {len(report.warnings)} peringatan")
    return EXIT_INVALID_DOCUMENTS if report.errors else 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from .web.app import serve

    # the service's own progress (a first start's background build) at INFO; libraries only when they warn
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log.setLevel(logging.INFO)
    update = {k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    serve(settings.model_copy(update=update))
    return 0


def _cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    from .indexing.build import build_index
    from .indexing.embeddings import build_embeddings

    result = build_index(
        settings, build_embeddings(settings, for_index=True), rebuild=args.rebuild, progress=not args.json and sys.stderr.isatty()
    )
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    else:
        for error in result.errors:
            print(f"! {error.path}: {error.reason}", file=sys.stderr)
        print(result.summary())
    return EXIT_INVALID_DOCUMENTS if args.strict and result.errors else 0


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from .service import Assistant, StaleIndex

    assistant = Assistant.load(settings, on_stale=StaleIndex.SERVE, progress=sys.stderr.isatty())
    if args.question:
        answer = assistant.ask(" ".join(args.question), audience=args.audience)
        print(json.dumps(answer.to_dict(), ensure_ascii=False) if args.json else _render(answer))
        return 0
    for question in stdin_questions(sys.stdin.buffer):
        answer = assistant.ask(question, audience=args.audience)
        print(json.dumps(answer.to_dict(), ensure_ascii=False), flush=True)
    return 0


def stdin_questions(stream: BinaryIO) -> Iterator[str]:
    """One question per input line, whatever the bytes: undecodable ones become U+FFFD, blank lines stay
    (they are answered with ``clarify``), so answers line up with questions one to one."""
    for raw in stream:
        yield raw.decode("utf-8", errors="replace").rstrip("\r\n")


def _render(answer: Answer) -> str:
    lines = [answer.text]
    if answer.sources:
        lines.append("")
        lines += [f"[{s.n}] {s.title} — {s.section} ({s.corpus_path})" for s in answer.sources]
    return "\n".join(lines)


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from .evaluation.gold import GOLD
    from .evaluation.run import evaluate

    gold = args.gold or GOLD
    if not gold.exists():
        raise UsageError(f"berkas gold tidak ditemukan: {gold}")
    report = evaluate(
        settings,
        gold,
        external=not args.no_external,
        external_limit=args.external_limit,
        log=(lambda _line: None) if args.json else print,
    )
    if args.json:
        print(json.dumps(report, ensure_ascii=False, default=float))
    return 0
