"""The default, offline answer composer: the best-matching sections of the corpus, each piece cited."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..ingest.documents import Audience
from ..ingest.splitting import LEAD_SECTION, Chunk
from ..retrieval.hybrid import Hit
from .eligibility import format_date
from .schema import Source

_INTENTS: dict[str, re.Pattern[str]] = {
    "how": re.compile(
        r"\b(bagaimana|cara|langkah|prosedur|proses|alur|how|steps?|procedure|mengurus|ngapain|"
        r"apa yang harus|harus apa|harus bagaimana)\b",
        re.I,
    ),
    "requirements": re.compile(
        r"\b(syarat\w*|persyaratan|dokumen apa|bawa apa|membawa|perlu apa|apa saja yang "
        r"(perlu|harus) dibawa|requirements?|bring|need)\b",
        re.I,
    ),
    "cost": re.compile(r"\b(biaya\w*|bayar\w*|gratis|tarif|harga|uang|pungut\w*|free|cost|fee|fees|pay|charge|rp)\b", re.I),
    "where": re.compile(r"\b(di mana|dimana|ke mana|kemana|tempat|lokasi|kantor mana|where|alamat|pergi)\b", re.I),
    "when": re.compile(r"\b(kapan|batas waktu|berapa lama|paling lambat|deadline|when|how long|jam|tanggal)\b", re.I),
    "law": re.compile(
        r"\b(dasar hukum|pasal|undang-undang|peraturan|regulasi|legal basis|law|sanksi|pidana|hukuman|"
        r"ancaman)\b",
        re.I,
    ),
}
_SECTION_WORDS: dict[str, tuple[str, ...]] = {
    "how": ("langkah", "cara", "alur", "prosedur", "tindak lanjut"),
    "requirements": ("persyaratan", "syarat", "dokumen"),
    "cost": ("biaya",),
    "where": ("tempat", "kontak", "lokasi"),
    "when": ("batas waktu", "waktu", "jadwal", "jam"),
    "law": ("dasar hukum", "sanksi"),
}
MAX_PIECES = 4
WARGA_MAX_CHARS = 2200


@dataclass(frozen=True)
class Draft:
    """An answer's text with its cited sources, before the status and timings are set."""

    text: str
    sources: list[Source]


class Citations:
    """Numbers chunks in the order they are first cited."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}

    def cite(self, chunk: Chunk, score: float) -> int:
        if chunk.id not in self._numbers:
            n = len(self.sources) + 1
            self._numbers[chunk.id] = n
            self.sources.append(
                Source(
                    n=n,
                    doc_id=chunk.doc_id,
                    title=chunk.title,
                    section=chunk.section,
                    path=chunk.path,
                    score=score,
                    excerpt=_excerpt(chunk.text),
                    legal_basis=chunk.sources,
                )
            )
        return self._numbers[chunk.id]


def intents(question: str) -> set[str]:
    return {name for name, pattern in _INTENTS.items() if pattern.search(question)}


def compose(question: str, hits: list[Hit], doc_chunks: dict[str, list[Chunk]], audience: Audience, today: date) -> Draft:
    """Direct answer first, then the sections the question asks for, then the legal basis; all cited."""
    citations = Citations()
    best = hits[0]
    doc_id = best.chunk.doc_id
    chunks = doc_chunks[doc_id]
    wanted = intents(question)
    scores = {h.chunk.id: h.score for h in hits}
    picked: list[Chunk] = []

    def pick(chunk: Chunk | None) -> None:
        if chunk is not None and chunk.id not in {c.id for c in picked} and len(picked) < MAX_PIECES:
            picked.append(chunk)

    pick(next((c for c in chunks if c.section == LEAD_SECTION), None))
    pick(best.chunk if _substantive(best.chunk) else None)
    for intent in ("requirements", "how", "cost", "where", "when"):
        if intent in wanted:
            pick(_section(chunks, intent, hits))
    if audience == Audience.PETUGAS or "law" in wanted:
        pick(_section(chunks, "law", hits))
    second = next((h for h in hits[1:4] if h.chunk.doc_id != doc_id and h.score >= 0.85 * best.score), None)
    if second is not None:
        pick(second.chunk)

    parts: list[str] = []
    notes = _historical_notes(picked, today)
    if notes:
        parts.append(notes)
    length = 0
    for chunk in picked:
        if audience == Audience.WARGA and parts and length > WARGA_MAX_CHARS:
            break
        n = citations.cite(chunk, scores.get(chunk.id, best.score))
        body = chunk.text.strip()
        if chunk.section == LEAD_SECTION:
            parts.append(f"{body} [{n}]")
        else:
            heading = chunk.section.split(" > ")[-1]
            prefix = "" if chunk.doc_id == doc_id else f"{chunk.title}: "
            parts.append(f"**{prefix}{heading}**\n{body} [{n}]")
        length += len(body)
    law_cited = any("dasar hukum" in c.section.lower() for c in picked)
    if not law_cited and best.chunk.sources:
        n = citations.cite(picked[0], scores.get(picked[0].id, best.score))
        if audience == Audience.PETUGAS:
            listed = "\n".join(f"- {source}" for source in best.chunk.sources)
            parts.append(f"**Dasar Hukum**\n{listed} [{n}]")
        else:
            parts.append(f"*Dasar hukum:* {'; '.join(best.chunk.sources[:3])} [{n}]")
    return Draft(text="\n\n".join(parts), sources=citations.sources)


def cite_document(doc_chunks: list[Chunk], citations: Citations, sections: tuple[str, ...] = (LEAD_SECTION,)) -> list[int]:
    """Cite the named sections of one document (used by tools that answer from a known document)."""
    return [citations.cite(c, 1.0) for c in doc_chunks if c.section.split(" > ")[0] in sections]


def _substantive(chunk: Chunk) -> bool:
    """False for chunks that are only cross-references ("Lihat juga: ...")."""
    kept = [line for line in chunk.text.splitlines() if not re.match(r"\W*lihat juga", line, re.I)]
    return len(" ".join(kept).strip()) >= 80


def _section(chunks: list[Chunk], intent: str, hits: list[Hit]) -> Chunk | None:
    words = _SECTION_WORDS[intent]
    matching = [c for c in chunks if any(w in c.section.lower() for w in words)]
    if not matching:
        return None
    ranked = {h.chunk.id: i for i, h in enumerate(hits)}
    return min(matching, key=lambda c: (ranked.get(c.id, 999), c.n))


def _historical_notes(chunks: list[Chunk], today: date) -> str:
    expired = {c.doc_id: (c.title, c.valid_until) for c in chunks if c.valid_until and c.valid_until < today}
    return "\n".join(
        f'*Catatan: informasi "{title}" bersifat historis; berlaku sampai {format_date(until)}.*'
        for title, until in expired.values()
    )


def _excerpt(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"
