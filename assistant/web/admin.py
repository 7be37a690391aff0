"""The admin page: corpus status, re-index, document upload, unanswered and 👎-rated questions, feedback and export,
behind a password. Times are shown in WITA, the city's time zone."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import gradio as gr

from ..errors import AdminRefused, DocumentError
from ..indexing.build import IndexResult
from ..ingest.upload import ACCEPTED_SUFFIXES
from ..service import Assistant
from .context import WebContext
from .questionlog import QuestionLog

EXPORT_KEEP_SECONDS = 120.0
"""Our private copy of an export is removed this long after the download was handed to Gradio."""
WITA = timezone(timedelta(hours=8), "WITA")
"""Kupang's time zone (UTC+8, no daylight saving): a fixed offset needs no time-zone database."""


def wita(stamp: str) -> str:
    """An ISO time stamp (stored in UTC) as Kupang reads it: ``07-12-2026 20:15 WITA``; unreadable stays as is."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or "—"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(WITA).strftime("%d-%m-%Y %H:%M WITA")


def index_summary(result: IndexResult) -> str:
    """One line, in Indonesian, of what an index run did."""
    line = (
        f"{result.documents} dokumen, {result.chunks} potongan: {result.added} baru, {result.updated} berubah, "
        f"{result.removed} dihapus, {len(result.errors)} bermasalah ({result.seconds:.1f} detik)"
    )
    return line + (" — indeks dibangun ulang seluruhnya" if result.rebuilt else "")


def corpus_status(assistant: Assistant) -> str:
    """Markdown: documents per kind, chunks, embedding model, last indexed, errors."""
    status = assistant.status()
    manifest = status.manifest
    if manifest is None:
        return "**Indeks belum ada atau rusak.** Jalankan indeks ulang."
    kinds = Counter(d["kind"] for d in manifest.documents.values())
    lines = [
        f"**Dokumen:** {len(manifest.documents)} ({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))})",
        f"**Potongan (chunks):** {len(manifest.chunk_ids)}",
        f"**Model embedding:** {manifest.embedding_model} (dimensi {manifest.dimension})",
        f"**Terakhir diindeks:** {wita(manifest.built_at)} (generasi `{manifest.generation}`)",
        f"**Pemeriksaan terakhir:** {wita(status.last_run.get('finished_at', ''))}",
    ]
    errors = status.last_run.get("errors", manifest.errors)
    if errors:
        lines.append(f"**Dokumen bermasalah ({len(errors)}):**")
        lines += [f"- `{e['path']}`: {e['reason']}" for e in errors]
    else:
        lines.append("**Dokumen bermasalah:** tidak ada")
    return "\n\n".join(lines)


def unanswered_table(log: QuestionLog, limit: int = 50) -> list[list[str]]:
    """Questions we could not answer, newest first: time (WITA), status, question."""
    return [[wita(asked_at), status, question] for asked_at, status, question in log.unanswered(limit)]


def disliked_table(log: QuestionLog, limit: int = 50) -> list[list[str]]:
    """Answers residents rated 👎, newest first: time (WITA), question, their comment, the documents it cited."""
    return [[wita(asked_at), question, comment or "", docs] for asked_at, question, comment, docs in log.disliked(limit)]


def feedback_markdown(log: QuestionLog) -> str:
    s = log.feedback_summary()
    return (
        f"**Pertanyaan tercatat:** {s['questions']} · **👍** {s['thumbs_up']} · **👎** {s['thumbs_down']} · "
        f"**Komentar:** {s['comments']}"
    )


def admin_tab(context: WebContext) -> None:
    """Build the tab inside the current ``gr.Blocks``; every action asks for the password."""
    assistant, questions, settings = context.assistant, context.questions, context.settings
    gr.Markdown("### Admin\nMasukkan kata sandi admin untuk melihat status dan laporan.")
    password = gr.Textbox(label="Kata sandi admin", type="password", elem_id="admin-password")
    show = gr.Button("Tampilkan status", elem_id="admin-show")
    status = gr.Markdown("", elem_id="admin-status")
    reindex = gr.Button("Indeks ulang", elem_id="admin-reindex")
    with gr.Group():
        upload = gr.File(
            label="Unggah dokumen (PDF, DOCX atau Markdown), misalnya notulen raker baru",
            file_types=list(ACCEPTED_SUFFIXES),
            type="filepath",
            elem_id="admin-upload",
        )
        add = gr.Button("Periksa, simpan dan indeks", elem_id="admin-add")
    unanswered = gr.Dataframe(
        headers=["waktu", "status", "pertanyaan"], label="Pertanyaan yang belum terjawab", interactive=False
    )
    disliked = gr.Dataframe(
        headers=["waktu", "pertanyaan", "komentar", "dokumen yang dikutip"],
        label="Jawaban yang dinilai 👎 (tidak membantu)",
        interactive=False,
    )
    feedback = gr.Markdown("")
    export = gr.Button("Ekspor CSV")
    csv_file = gr.File(label="Berkas CSV", interactive=False, visible=False)  # shown once there is a file

    def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
        def run(secret: str, request: gr.Request) -> Any:
            try:
                context.authorise(secret, request)
            except AdminRefused as exc:
                raise gr.Error(str(exc), print_exception=False) from exc
            return fn()

        return run

    def overview() -> tuple[str, list[list[str]], list[list[str]], str]:
        questions.purge_older_than(settings.log_retention_days)
        return (
            corpus_status(assistant),
            unanswered_table(questions),
            disliked_table(questions),
            feedback_markdown(questions),
        )

    def do_reindex(progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 - Gradio's injection idiom
        progress(0.1, desc="Mengindeks ulang dokumen…")
        summary = index_summary(assistant.reindex())
        return f"{corpus_status(assistant)}\n\n**Hasil indeks ulang:** {summary}"

    def do_add(secret: str, file: str | None, request: gr.Request) -> str:
        try:
            context.authorise(secret, request)
        except AdminRefused as exc:
            raise gr.Error(str(exc), print_exception=False) from exc
        if not file:
            raise gr.Error("Pilih dulu file yang akan diunggah.", print_exception=False)
        path = Path(file)
        if path.stat().st_size > settings.max_document_bytes:
            raise gr.Error(f"{path.name}: file terlalu besar.", print_exception=False)
        try:
            uploaded, result = assistant.add_document(path.name, path.read_bytes())
        except DocumentError as exc:
            raise gr.Error(f"Dokumen tidak disimpan. {exc.path}: {exc.reason}", print_exception=False) from exc
        document = uploaded.document
        return (
            f"**Dokumen ditambahkan:** {document.meta.title} (`{document.id}`, {document.path})\n\n"
            f"**Hasil indeks ulang:** {index_summary(result)}\n\n{corpus_status(assistant)}"
        )

    def do_export() -> dict[str, Any]:
        """A private file (folder 0700, file 0600) that Gradio copies for the download; ours is removed soon
        after, and Gradio's copy by its cache clean-up (``delete_cache`` in ``build_ui``)."""
        folder = Path(tempfile.mkdtemp(prefix="tk-export-"))
        path = folder / "pertanyaan.csv"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(questions.export_csv())
        timer = threading.Timer(EXPORT_KEEP_SECONDS, shutil.rmtree, args=(folder,), kwargs={"ignore_errors": True})
        timer.daemon = True
        timer.start()
        return gr.update(value=str(path), visible=True)

    show.click(guarded(overview), [password], [status, unanswered, disliked, feedback], api_name="admin_status")
    add.click(do_add, [password, upload], [status], api_name="admin_upload")
    reindex.click(guarded(do_reindex), [password], [status], api_name="admin_reindex")
    export.click(guarded(do_export), [password], [csv_file], api_name="admin_export")
