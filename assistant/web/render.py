"""Markdown for the web UI: answers with sources, documents in full; nothing executable, nothing loaded from outside."""

from __future__ import annotations

import html
import re

from ..answer.intents import Intent, section_answers
from ..answer.schema import CITATION, Answer, Source, checklist_url, source_url
from ..ingest.splitting import Chunk

_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MARKS = re.compile(r"\*\*|__|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~])")


def plain(text: str) -> str:
    """User-typed text shown verbatim: every Markdown and HTML character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def safe_markdown(text: str) -> str:
    """Corpus-derived Markdown with images and raw HTML removed (links stay as text, nothing is fetched)."""
    text = _IMAGE.sub("", text)
    return _TAG.sub(lambda m: html.escape(m.group(0)), text)


FOLD = "Selengkapnya"
NOT_OFFICIAL = "Informasi ini bukan keputusan resmi; pastikan ke kantor yang berwenang sebelum mengurus."
CHECKLIST_LINK = "Daftar yang perlu dibawa (untuk dicetak)"


def _linked(markdown: str, urls: dict[int, str]) -> str:
    """``[n]`` citations as links to the cited section of the source page."""
    return CITATION.sub(
        lambda m: f"[[{m.group(1)}]]({urls[int(m.group(1))]})" if int(m.group(1)) in urls else m.group(0), markdown
    )


def answer_markdown(answer: Answer) -> str:
    """The chat message: the answer (its lead first), the rest folded under "Selengkapnya", the sources as links,
    one line per document, and the nearby topics of a decline."""
    urls = {s.n: s.url for s in answer.sources}
    parts = [_linked(safe_markdown(answer.text), urls)]
    if answer.details:
        parts.append(f"<details><summary>{FOLD}</summary>\n\n{_linked(safe_markdown(answer.details), urls)}\n\n</details>")
    if answer.suggestions:
        parts.append("**Topik terdekat:** " + " · ".join(f"[{safe_markdown(s.title)}]({s.url})" for s in answer.suggestions))
    checklist = checklist_of(answer)
    if checklist:
        parts.append(f"🖨️ [{CHECKLIST_LINK}]({checklist})")
    if answer.sources:
        links = (f"[{safe_markdown(s.title)}]({source_url(s.doc_id)})" for s in cited_documents(answer))
        parts.append("**Sumber:** " + " · ".join(links))
    return "\n\n".join(parts)


def cited_documents(answer: Answer) -> list[Source]:
    """The first source of each cited document, in citation order: source lists show a document once."""
    first: dict[str, Source] = {}
    for source in answer.sources:
        first.setdefault(source.doc_id, source)
    return list(first.values())


def checklist_of(answer: Answer) -> str | None:
    """The printable checklist of the first cited document whose requirements the answer quotes, if any."""
    quoted = next((s for s in answer.sources if section_answers(Intent.REQUIREMENTS, s.section)), None)
    return checklist_url(quoted.doc_id) if quoted else None


def share_text(answer: Answer, base_url: str = "") -> str:
    """WhatsApp-ready plain text: no Markdown marks, numbered steps kept, source titles with links, and one line
    saying it is information, not an official decision."""
    text = _MARKS.sub("", answer.text)
    text = CITATION.sub("", text)
    lines = [line.rstrip() for line in text.splitlines()]
    documents = [f"- {s.title}: {base_url}{source_url(s.doc_id)}" for s in cited_documents(answer)]
    out = "\n".join(lines).strip()
    if documents:
        out += "\n\nSumber:\n" + "\n".join(documents)
    return f"{out}\n\n{NOT_OFFICIAL}"


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
