"""The default, offline answer composer: the lead first, then only the sections the question needs, all cited.

What the question did not ask for goes to ``details`` (folded in the UI, one tap away), never into the answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from ..indexing.snapshot import IndexSnapshot
from ..ingest.documents import Audience
from ..ingest.splitting import LEAD_SECTION, Chunk
from .eligibility import format_date
from .intents import Asked, Intent, section_answers
from .lead import Lead
from .schema import Source, Suggestion, source_url

WARGA_WORDS = 120
"""A resident's answer (lead plus sections) stays within about this many words; the rest is in the details."""
PETUGAS_WORDS = 400
"""Staff get the procedure in full, up to this many words."""
DETAILS_WORDS = 450
"""The folded details stay within this many words; the whole document is one more tap away (its page)."""
SHORT_REQUIREMENTS_WORDS = 45
"""A requirements section shorter than this (often "the full list is at the office") is followed by the steps,
so a resident asking what to bring still learns where to go and what to ask for."""

_SECTIONS_FOR: dict[Intent, tuple[Intent, ...]] = {
    Intent.REQUIREMENTS: (Intent.REQUIREMENTS,),
    Intent.STEPS: (Intent.STEPS, Intent.REQUIREMENTS),
    Intent.PLACE: (Intent.PLACE,),
    Intent.HOURS: (Intent.HOURS, Intent.PLACE),
    Intent.COST: (Intent.COST,),
    Intent.DURATION: (Intent.DURATION,),
    Intent.DEADLINE: (Intent.DEADLINE,),
    Intent.LAW: (Intent.LAW,),
}
_POINTER_LINE = re.compile(r"^\W*(lihat juga|baca juga)\b", re.I)
_CITE = re.compile(r"\s*\[\d+\]")
_MARKUP = re.compile(r"[*_#>`]")
_LIST_LINE = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")


@dataclass(frozen=True)
class Draft:
    """An answer before its status and timings are set."""

    lead: str
    text: str
    sources: list[Source]
    details: str = ""
    suggestions: list[Suggestion] = field(default_factory=list)


class Citations:
    """Numbers chunks in the order they are first cited."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[str, int] = {}

    def cite(self, chunk: Chunk, score: float = 1.0) -> int:
        if chunk.id not in self._numbers:
            n = len(self.sources) + 1
            self._numbers[chunk.id] = n
            self.sources.append(
                Source(
                    n=n,
                    doc_id=chunk.doc_id,
                    title=chunk.title,
                    section=chunk.section,
                    url=source_url(chunk.doc_id, chunk.section),
                    corpus_path=chunk.path,
                    score=score,
                    excerpt=_excerpt(chunk.text),
                    legal_basis=chunk.sources,
                )
            )
        return self._numbers[chunk.id]


def words(text: str) -> int:
    """Words a reader sees (citations and Markdown marks not counted)."""
    return len(_MARKUP.sub(" ", _CITE.sub("", text)).split())


@dataclass(frozen=True)
class Evidence:
    """Everything composition needs: the question, what it asks, the answering document and its lead."""

    asked: Asked
    chunks: Sequence[Chunk]
    lead: Lead | None
    query_vector: np.ndarray
    snapshot: IndexSnapshot
    audience: Audience
    today: date
    scores: dict[str, float] = field(default_factory=dict)
    question: str = ""
    """The normalised question; its word pairs pick between sibling sections ("dari Kupang ke" vs "ke Kupang")."""


def compose(evidence: Evidence, citations: Citations | None = None) -> Draft:
    """The lead, then the sections the question needs within the word budget; the rest as details."""
    citations = citations or Citations()
    chunks = list(evidence.chunks)
    budget = WARGA_WORDS if evidence.audience is Audience.WARGA else PETUGAS_WORDS
    parts: list[str] = []
    note = _historical_note(chunks, evidence.today)
    if note:
        parts.append(note)
    lead_text = ""
    used: set[str] = set()
    if evidence.lead is not None:
        n = citations.cite(evidence.lead.chunk, evidence.scores.get(evidence.lead.chunk.id, 1.0))
        prefix = f"{evidence.lead.verdict} " if evidence.lead.verdict else ""
        lead_text = f"{prefix}{evidence.lead.text} [{n}]"
        parts.append(lead_text)
    truncated: set[str] = set()
    if evidence.lead is not None and evidence.lead.whole_section:
        used.add(evidence.lead.chunk.id)
    for section in _wanted_sections(evidence, chunks):
        section_chunks = [c for c in chunks if c.section == section and c.id not in used]
        if not section_chunks:
            continue
        remaining = budget - sum(words(p) for p in parts)
        if remaining < 12:
            break
        body, complete = _fit(section_chunks, evidence.lead, remaining)
        if not body:
            continue
        n = citations.cite(section_chunks[0], evidence.scores.get(section_chunks[0].id, 1.0))
        parts.append(_block(section, body, n))
        used.update(c.id for c in section_chunks)
        if not complete:
            truncated.add(section)
    if not lead_text and parts:
        lead_text = parts[0]
    details = _details(chunks, used - {c.id for c in chunks if c.section in truncated}, citations, evidence)
    return Draft(lead=lead_text, text="\n\n".join(parts), sources=citations.sources, details=details)


def _wanted_sections(evidence: Evidence, chunks: list[Chunk]) -> list[str]:
    """Section paths of the document that the question needs, in the order they should appear."""
    asked = evidence.asked
    wanted: list[Intent] = []
    for intent in (asked.primary, *sorted(asked.intents)):
        for needed in _SECTIONS_FOR.get(intent, ()) if intent else ():
            if needed not in wanted:
                wanted.append(needed)
    if evidence.audience is Audience.PETUGAS and Intent.LAW not in wanted:
        wanted.append(Intent.LAW)
    sections: list[str] = []
    if not wanted or Intent.DEFINITION in asked.intents or evidence.audience is Audience.PETUGAS:
        sections.append(LEAD_SECTION)
    for intent in wanted:
        best = _best_section(chunks, intent, evidence)
        if best and best not in sections:
            sections.append(best)
            if intent is Intent.REQUIREMENTS and Intent.STEPS not in wanted and _short(chunks, best):
                wanted.append(Intent.STEPS)
    return sections


def _short(chunks: list[Chunk], section: str) -> bool:
    return sum(words(c.text) for c in chunks if c.section == section) < SHORT_REQUIREMENTS_WORDS


def _best_section(chunks: list[Chunk], intent: Intent, evidence: Evidence) -> str | None:
    """Of the sections that answer ``intent``, the one nearest the question ("pindah keluar" vs "datang"): the
    heading sharing most word pairs with the question (word order tells the direction), then the nearest text."""
    matching = [c for c in chunks if section_answers(intent, c.section)]
    if len({c.section for c in matching}) < 2 or not evidence.query_vector.size:
        return matching[0].section if matching else None
    rows = [evidence.snapshot.rows.get(c.id) for c in matching]
    if any(r is None for r in rows):
        return matching[0].section
    similarity = evidence.snapshot.vectors[[r for r in rows if r is not None]] @ evidence.query_vector
    asked_pairs = _pairs(evidence.question)
    overlap = [len(_pairs(c.section) & asked_pairs) for c in matching]
    best = max(range(len(matching)), key=lambda i: (overlap[i], float(similarity[i])))
    return matching[best].section


def _pairs(text: str) -> set[tuple[str, str]]:
    tokens = re.findall(r"\w+", text.lower())
    return set(zip(tokens, tokens[1:], strict=False))


def _fit(section_chunks: list[Chunk], lead: Lead | None, budget: int) -> tuple[str, bool]:
    """The section's text within ``budget`` words, cut at a line; (text, whether it is whole). The lead's
    sentence is not repeated when it opens the section."""
    lines: list[str] = []
    for chunk in section_chunks:
        lines.extend(line for line in chunk.text.splitlines() if not _POINTER_LINE.match(line))
    if lead is not None:  # the lead is not said twice
        lines = [line for line in lines if line.strip() not in lead.said]
        lines = [line.replace(lead.text, "").strip() if lead.text in line else line for line in lines]
        lines = [line for line in lines if words(line) >= 3 or not line.strip()]
    kept: list[str] = []
    count = 0
    for line in lines:
        size = words(line)
        if kept and count + size > budget:
            return _tidy(kept) + ("\n- …" if _LIST_LINE.match(line) else " …"), False
        if not kept and size > budget:
            cut = " ".join(line.split()[:budget])
            return cut.rsplit(".", 1)[0] + (". …" if "." in cut else " …"), False
        kept.append(line)
        count += size
    return _tidy(kept), True


def _tidy(lines: list[str]) -> str:
    return "\n".join(lines).strip()


def _block(section: str, body: str, n: int) -> str:
    if section == LEAD_SECTION:
        return f"{body} [{n}]"
    return f"**{section.split(' > ')[-1]}**\n{body} [{n}]"


def _details(chunks: list[Chunk], used: set[str], citations: Citations, evidence: Evidence) -> str:
    """The document's other sections, in order, within the details budget (pointer lines dropped)."""
    parts: list[str] = []
    count = 0
    seen_sections: list[str] = []
    lead_id = evidence.lead.chunk.id if evidence.lead is not None else None
    for chunk in chunks:
        if chunk.id in used or (chunk.id == lead_id and chunk.section == LEAD_SECTION):
            continue
        body = _tidy([line for line in chunk.text.splitlines() if not _POINTER_LINE.match(line)])
        if not body:
            continue
        size = words(body)
        if count + size > DETAILS_WORDS:
            break
        n = citations.cite(chunk, evidence.scores.get(chunk.id, 1.0))
        heading = chunk.section if chunk.section not in seen_sections else None
        seen_sections.append(chunk.section)
        parts.append(_block(heading, body, n) if heading else f"{body} [{n}]")
        count += size
    return "\n\n".join(parts)


def _historical_note(chunks: list[Chunk], today: date) -> str:
    expired = {c.doc_id: (c.title, c.valid_until) for c in chunks if c.valid_until and c.valid_until < today}
    return "\n".join(
        f'*Catatan: informasi "{title}" bersifat historis; berlaku sampai {format_date(until)}.*'
        for title, until in expired.values()
    )


def cite_document(doc_chunks: list[Chunk], citations: Citations, sections: tuple[str, ...] = (LEAD_SECTION,)) -> list[int]:
    """Cite the named sections of one document (used by tools that answer from a known document)."""
    return [citations.cite(c, 1.0) for c in doc_chunks if c.section.split(" > ")[0] in sections]


def suggestions_from(doc_ids: Sequence[str], documents: dict[str, list[Chunk]], limit: int = 3) -> list[Suggestion]:
    """Up to ``limit`` covered topics to offer instead of an answer."""
    out = []
    for doc_id in dict.fromkeys(doc_ids):
        chunks = documents.get(doc_id)
        if chunks:
            out.append(Suggestion(doc_id=doc_id, title=chunks[0].title, url=source_url(doc_id)))
        if len(out) == limit:
            break
    return out


def _excerpt(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + " …"
