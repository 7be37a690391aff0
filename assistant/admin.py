"""City-admin services: corpus status, re-index, unanswered questions, feedback, export."""

from __future__ import annotations

import hmac
from collections import Counter

from .indexing import build_index, read_manifest, read_status
from .questionlog import QuestionLog
from .service import Assistant
from .settings import Settings


class AdminRefused(PermissionError):
    """The admin view is off, or the password is wrong."""


def authorise(settings: Settings, password: str | None) -> None:
    if not settings.admin_password:
        raise AdminRefused("Halaman admin tidak aktif (kata sandi admin belum diatur).")
    if not password or not hmac.compare_digest(password.encode(), settings.admin_password.encode()):
        raise AdminRefused("Kata sandi admin salah.")


def corpus_status(assistant: Assistant) -> str:
    """Markdown: documents per kind, chunks, embedding model, last indexed, errors."""
    settings = assistant.settings
    manifest = read_manifest(settings.index_dir)
    status = read_status(settings.index_dir)
    if manifest is None:
        return "**Indeks belum ada atau rusak.** Jalankan indeks ulang."
    kinds = Counter(d["kind"] for d in manifest.documents.values())
    lines = [
        f"**Dokumen:** {len(manifest.documents)} ({', '.join(f'{k}: {v}' for k, v in sorted(kinds.items()))})",
        f"**Potongan (chunks):** {len(manifest.chunk_ids)}",
        f"**Model embedding:** {manifest.embedding_model} (dimensi {manifest.dimension})",
        f"**Terakhir diindeks:** {manifest.built_at} (generasi `{manifest.generation}`)",
        f"**Pemeriksaan terakhir:** {status.get('finished_at', '—')}",
    ]
    errors = status.get("errors", manifest.errors)
    if errors:
        lines.append(f"**Dokumen bermasalah ({len(errors)}):**")
        lines += [f"- `{e['path']}`: {e['reason']}" for e in errors]
    else:
        lines.append("**Dokumen bermasalah:** tidak ada")
    return "\n\n".join(lines)


def reindex(assistant: Assistant) -> str:
    """Bring the index up to date and switch the running assistant to it."""
    result = build_index(assistant.settings, assistant.embeddings)
    assistant.refresh()
    return result.summary()


def unanswered_table(log: QuestionLog, limit: int = 50) -> list[list[str]]:
    return [list(row) for row in log.unanswered(limit)]


def feedback_markdown(log: QuestionLog) -> str:
    s = log.feedback_summary()
    return (f"**Pertanyaan tercatat:** {s['questions']} · **👍** {s['thumbs_up']} · **👎** {s['thumbs_down']} · "
            f"**Komentar:** {s['comments']}")
