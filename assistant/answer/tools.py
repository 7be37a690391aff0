"""Tools: small deterministic answerers that run before retrieval when a question is theirs to answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Protocol

from ..ingest.splitting import LEAD_SECTION, Chunk
from . import eligibility
from .composer import Citations, Draft, cite_document

ELIGIBILITY_DOC = "hak-pilih-syarat-usia"


class Tool(Protocol):
    """Answers a question it recognises (citing corpus documents), or returns None to let retrieval answer."""

    name: str

    def answer(self, question: str, documents: Mapping[str, list[Chunk]]) -> Draft | None: ...


class EligibilityTool:
    """Voter eligibility by date arithmetic: birth date (and marriage) against an election day."""

    name = "eligibility"

    def __init__(self, today: Callable[[], date]) -> None:
        self._today = today

    def answer(self, question: str, documents: Mapping[str, list[Chunk]]) -> Draft | None:
        parsed = eligibility.parse(question)
        if parsed is None or ELIGIBILITY_DOC not in documents:
            return None
        verdicts = eligibility.decide(parsed)
        citations = Citations()
        numbers = cite_document(documents[ELIGIBILITY_DOC], citations, (LEAD_SECTION, "Dasar Hukum"))
        refs = "".join(f" [{n}]" for n in numbers)
        body = eligibility.explain(parsed, verdicts, self._today())
        text = (
            f"{body}\n\nAturannya: warga negara yang pada hari pemungutan suara sudah genap 17 tahun, atau sudah "
            f"atau pernah kawin, berhak memilih; untuk menggunakan hak itu ia harus terdaftar sebagai pemilih dan "
            f"membawa KTP-el (atau suket perekaman) ke TPS.{refs}"
        )
        return Draft(lead=body.split("\n", 1)[0], text=text, sources=citations.sources)
