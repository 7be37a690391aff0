"""The Answer contract (DESIGN.md): what the API, CLI and UI return."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer

CITATION = re.compile(r"\[(\d+)\]")
"""A citation marker ``[n]`` in an answer's text or details; the number is a source's ``n``."""
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
SOURCE_ROUTE = "/sumber"
"""The web route that shows a whole source document (``GET /sumber/{doc_id}``, DESIGN.md)."""


def section_anchor(section: str) -> str:
    """The HTML anchor of a section: its top-level heading, slugged ("Persyaratan > Umum" -> "persyaratan")."""
    return _NOT_SLUG.sub("-", section.split(" > ")[0].lower()).strip("-") or "ringkasan"


def source_url(doc_id: str, section: str | None = None) -> str:
    """Where a resident opens a document (at a section) in the app."""
    return f"{SOURCE_ROUTE}/{doc_id}" + (f"#{section_anchor(section)}" if section else "")


CHECKLIST_PAGE = "bawa"
"""``GET /sumber/{doc_id}/bawa``: a procedure's requirements as a one-page checklist to print ("Yang perlu dibawa")."""


def checklist_url(doc_id: str) -> str:
    return f"{SOURCE_ROUTE}/{doc_id}/{CHECKLIST_PAGE}"


class Status(StrEnum):
    """How a question ended (DESIGN.md)."""

    ANSWERED = "answered"
    NOT_FOUND = "not_found"
    OUT_OF_SCOPE = "out_of_scope"
    PERSONAL_DATA = "personal_data"
    EMERGENCY = "emergency"
    GREETING = "greeting"
    CLARIFY = "clarify"


REFUSALS = frozenset({Status.OUT_OF_SCOPE, Status.NOT_FOUND})
"""Statuses that decline to answer from the corpus."""


class Source(BaseModel):
    """A cited chunk. No key is named ``path``: gradio_client would take the dict for a file to download."""

    model_config = ConfigDict(frozen=True)

    n: int
    doc_id: str
    title: str
    section: str
    url: str
    corpus_path: str
    score: float
    excerpt: str = ""
    legal_basis: tuple[str, ...] = ()

    @field_serializer("score")
    def _rounded(self, score: float) -> float:
        return round(score, 4)

    @field_serializer("legal_basis")
    def _as_list(self, basis: tuple[str, ...]) -> list[str]:
        return list(basis)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()


class Suggestion(BaseModel):
    """A nearby topic the corpus does cover, offered with ``not_found``."""

    model_config = ConfigDict(frozen=True)

    doc_id: str
    title: str
    url: str


class Answer(BaseModel):
    """One reply: status, the lead (the answer to the question as asked), the text (lead plus the sections the
    question needs), details (what was left out, folded in the UI), the cited sources, suggestions and timings."""

    question: str
    status: Status
    lead: str = ""
    text: str
    details: str = ""
    sources: list[Source] = Field(default_factory=list)
    suggestions: list[Suggestion] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)

    @field_serializer("status")
    def _status_value(self, status: Status) -> str:
        return status.value

    @field_serializer("timings_ms")
    def _rounded(self, timings: dict[str, float]) -> dict[str, float]:
        return {k: round(v, 2) for k, v in timings.items()}

    def cited_numbers(self) -> set[int]:
        return {int(n) for n in CITATION.findall(f"{self.text}\n{self.details}")}

    def citations_valid(self) -> bool:
        """Every [n] (in the text and the details) exists in sources, and an answered text cites a source."""
        cited = self.cited_numbers()
        known = {s.n for s in self.sources}
        if self.status == Status.ANSWERED and not cited:
            return False
        return cited <= known

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()
