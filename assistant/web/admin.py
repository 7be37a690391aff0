"""The Admin tab: corpus status, re-index, unanswered questions, feedback and export, behind a password."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import gradio as gr

from ..errors import AdminRefused
from ..service import Assistant
from .context import WebContext
from .questionlog import QuestionLog

EXPORT_KEEP_SECONDS = 120.0
"""Our private copy of an export is removed this long after the download was handed to Gradio."""


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
        f"**Terakhir diindeks:** {manifest.built_at} (generasi `{manifest.generation}`)",
        f"**Pemeriksaan terakhir:** {status.last_run.get('finished_at', '—')}",
    ]
    errors = status.last_run.get("errors", manifest.errors)
    if errors:
        lines.append(f"**Dokumen bermasalah ({len(errors)}):**")
        lines += [f"- `{e['path']}`: {e['reason']}" for e in errors]
    else:
        lines.append("**Dokumen bermasalah:** tidak ada")
    return "\n\n".join(lines)


def unanswered_table(log: QuestionLog, limit: int = 50) -> list[list[str]]:
    return [list(row) for row in log.unanswered(limit)]


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
    unanswered = gr.Dataframe(
        headers=["waktu", "status", "pertanyaan"], label="Pertanyaan yang belum terjawab", interactive=False
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

    def overview() -> tuple[str, list[list[str]], str]:
        questions.purge_older_than(settings.log_retention_days)
        return corpus_status(assistant), unanswered_table(questions), feedback_markdown(questions)

    def do_reindex(progress: gr.Progress = gr.Progress()) -> str:  # noqa: B008 - Gradio's injection idiom
        progress(0.1, desc="Mengindeks ulang dokumen…")
        summary = assistant.reindex().summary()
        return f"{corpus_status(assistant)}\n\n**Hasil indeks ulang:** {summary}"

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

    show.click(guarded(overview), [password], [status, unanswered, feedback], api_name="admin_status")
    reindex.click(guarded(do_reindex), [password], [status], api_name="admin_reindex")
    export.click(guarded(do_export), [password], [csv_file], api_name="admin_export")
