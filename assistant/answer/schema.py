"""The Answer contract (DESIGN.md): what the API, CLI and UI return."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_serializer

_CITATION = re.compile(r"\[(\d+)\]")


class Status(StrEnum):
    """How a question ended (DESIGN.md)."""

    ANSWERED = "answered"
    NOT_FOUND = "not_found"
    OUT_OF_SCOPE = "out_of_scope"
    PERSONAL_DATA = "personal_data"
    GREETING = "greeting"
    CLARIFY = "clarify"


REFUSALS = frozenset({Status.OUT_OF_SCOPE, Status.NOT_FOUND})
"""Statuses that decline to answer from the corpus."""


class Source(BaseModel):
    """A cited chunk."""

    model_config = ConfigDict(frozen=True)

    n: int
    doc_id: str
    title: str
    section: str
    path: str
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


class Answer(BaseModel):
    """One reply: status, text with [n] citations, the cited sources, and timings."""

    question: str
    status: Status
    text: str
    sources: list[Source] = Field(default_factory=list)
    timings_ms: dict[str, float] = Field(default_factory=dict)

    @field_serializer("status")
    def _status_value(self, status: Status) -> str:
        return status.value

    @field_serializer("timings_ms")
    def _rounded(self, timings: dict[str, float]) -> dict[str, float]:
        return {k: round(v, 2) for k, v in timings.items()}

    def cited_numbers(self) -> set[int]:
        return {int(n) for n in _CITATION.findall(self.text)}

    def citations_valid(self) -> bool:
        """Every [n] exists in sources, and an answered text cites at least one source."""
        cited = self.cited_numbers()
        known = {s.n for s in self.sources}
        if self.status == Status.ANSWERED and not cited:
            return False
        return cited <= known

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump()
