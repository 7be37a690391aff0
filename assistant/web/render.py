"""Markdown for the web UI: answers with sources, documents in full; nothing executable, nothing loaded from outside."""

from __future__ import annotations

import html
import re

from ..answer.schema import Answer
from ..ingest.splitting import Chunk

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def plain(text: str) -> str:
    """User-typed text shown verbatim: every Markdown and HTML character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def safe_markdown(text: str) -> str:
    """Corpus-derived Markdown with images and raw HTML removed (links stay as text, nothing is fetched)."""
    text = _IMAGE.sub("", text)
    return _TAG.sub(lambda m: html.escape(m.group(0)), text)


def answer_markdown(answer: Answer) -> str:
    """The chat message: the answer text, then the numbered sources in one line each."""
    body = safe_markdown(answer.text)
    if not answer.sources:
        return body
    refs = "\n".join(f"[{s.n}] {safe_markdown(s.title)} — {safe_markdown(s.section)}" for s in answer.sources)
    return f"{body}\n\n**Sumber:**\n{refs}"


def sources_markdown(answer: Answer) -> str:
    """The expandable source list: title, section, excerpt and legal basis per source."""
    if not answer.sources:
        return "_Jawaban ini tidak mengutip dokumen._"
    blocks = []
    for s in answer.sources:
        basis = "; ".join(s.legal_basis) if s.legal_basis else "—"
        blocks.append(
            f"<details><summary>[{s.n}] {html.escape(s.title)} — {html.escape(s.section)}</summary>\n\n"
            f"{safe_markdown(s.excerpt)}\n\n*Dasar hukum:* {safe_markdown(basis)}  \n[Buka dokumen]({s.url})\n\n</details>"
        )
    return "\n\n".join(blocks)


def document_markdown(chunks: list[Chunk]) -> str:
    """A whole document from its chunks, for the staff lookup desk."""
    if not chunks:
        return "_Dokumen tidak ditemukan._"
    first = chunks[0]
    meta = [f"*Jenis:* {first.kind}", f"*Untuk:* {', '.join(first.audience)}"]
    if first.date:
        meta.append(f"*Tanggal:* {first.date.isoformat()}")
    if first.valid_until:
        meta.append(f"*Berlaku sampai:* {first.valid_until.isoformat()}")
    lines = [f"## {safe_markdown(first.title)}", " · ".join(meta)]
    if first.sources:
        lines.append("**Dasar hukum:** " + "; ".join(safe_markdown(s) for s in first.sources))
    section = None
    for chunk in chunks:
        if chunk.section != section:
            section = chunk.section
            lines.append(f"### {safe_markdown(section)}")
        lines.append(safe_markdown(chunk.text))
    lines.append(f"\n*Berkas:* `{first.path}`")
    return "\n\n".join(lines)
