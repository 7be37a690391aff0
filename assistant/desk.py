"""Staff lookup desk and the eligibility form: the services behind the Petugas tab."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from . import eligibility
from .render import document_markdown
from .service import Assistant

ELECTIONS = {"Pemilu 14 Februari 2024": eligibility.PEMILU_2024, "Pilkada 27 November 2024": eligibility.PILKADA_2024}
OTHER_ELECTION = "Tanggal lain"
KINDS = ("raker", "prosedur", "pemilu", "regulasi", "kelembagaan", "profil", "dokumen")


@dataclass(frozen=True)
class Match:
    doc_id: str
    title: str
    kind: str
    section: str

    @property
    def label(self) -> str:
        return f"{self.title} ({self.kind}) — {self.doc_id}"


def search_documents(assistant: Assistant, query: str, kind: str | None = None,
                     audience: str | None = None, limit: int = 10) -> list[Match]:
    """Documents matching a staff query, best first, optionally filtered by kind and audience."""
    if not query.strip():
        return []
    retrieval = assistant.retriever.retrieve(query, audience=audience or None, kinds=[kind] if kind else None, k=30)
    seen: dict[str, Match] = {}
    for hit in retrieval.hits:
        c = hit.chunk
        seen.setdefault(c.doc_id, Match(c.doc_id, c.title, c.kind, c.section))
    return list(seen.values())[:limit]


def document(assistant: Assistant, doc_id: str) -> str:
    return document_markdown(assistant.doc_chunks.get(doc_id, []))


def raker_directives(assistant: Assistant) -> list[Match]:
    """Raker documents, newest meeting first."""
    docs = [chunks[0] for chunks in assistant.doc_chunks.values() if chunks[0].kind == "raker"]
    docs.sort(key=lambda c: (c.date or date.min, c.doc_id), reverse=True)
    return [Match(c.doc_id, f"{c.date.isoformat() if c.date else '—'} · {c.title}", c.kind, c.section) for c in docs]


def eligibility_verdict(birth_text: str, married: bool, election: str, other_day: str, today: date) -> str:
    """The form's answer: verdict, age on the day and legal basis, or a clear message about the input."""
    birth = eligibility.parse_date(birth_text.strip()) if birth_text and birth_text.strip() else None
    if birth is None:
        return "Mohon isi tanggal lahir, misalnya **14-02-2007** atau **14 Februari 2007**."
    if election == OTHER_ELECTION:
        day = eligibility.parse_date(other_day.strip()) if other_day and other_day.strip() else None
        if day is None:
            return "Mohon isi tanggal pemungutan suara, misalnya **14-02-2029**."
        chosen = (f"Pemungutan suara {eligibility.format_date(day)}", day, eligibility.PEMILU_2024[2])
    else:
        chosen = ELECTIONS.get(election, eligibility.PEMILU_2024)
    if birth >= chosen[1]:
        return "Tanggal lahir harus sebelum hari pemungutan suara."
    question = eligibility.EligibilityQuestion(birth, married, (chosen,))
    return eligibility.explain(question, eligibility.decide(question), today)
