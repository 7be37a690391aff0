"""The Answer contract (DESIGN.md): what the API, CLI and UI return."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

STATUSES = ("answered", "not_found", "out_of_scope", "personal_data", "greeting", "clarify")
_CITATION = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class Source:
    """A cited chunk."""

    n: int
    doc_id: str
    title: str
    section: str
    path: str
    score: float
    excerpt: str = ""
    legal_basis: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        data = asdict(self)
        data["legal_basis"] = list(self.legal_basis)
        data["score"] = round(self.score, 4)
        return data


@dataclass
class Answer:
    """One reply: status, text with [n] citations, the cited sources, and timings."""

    question: str
    status: str
    text: str
    sources: list[Source] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"unknown status {self.status!r}")

    def cited_numbers(self) -> set[int]:
        return {int(n) for n in _CITATION.findall(self.text)}

    def citations_valid(self) -> bool:
        """Every [n] exists in sources, and an answered text cites at least one source."""
        cited = self.cited_numbers()
        known = {s.n for s in self.sources}
        if self.status == "answered" and not cited:
            return False
        return cited <= known

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "status": self.status,
            "text": self.text,
            "sources": [s.to_dict() for s in self.sources],
            "timings_ms": {k: round(v, 2) for k, v in self.timings_ms.items()},
        }
