"""The steps of ``Assistant.ask`` one by one, over real corpus chunks and a deterministic fake embedder."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer.composer import compose
from assistant.answer.followup import resolve
from assistant.answer.routes import Route
from assistant.answer.routing import Router
from assistant.answer.schema import Answer, Status
from assistant.answer.tools import ELIGIBILITY_DOC, EligibilityTool
from assistant.ingest.documents import Audience
from assistant.ingest.loaders import load_corpus
from assistant.ingest.splitting import LEAD_SECTION, Chunk, split_document
from assistant.retrieval.hybrid import Hit, Retrieval

from ..fakes import HashingEmbeddings
from ..helpers import CORPUS


@pytest.fixture(scope="module")
def documents() -> dict[str, list[Chunk]]:
    docs: dict[str, list[Chunk]] = {}
    for doc in load_corpus(CORPUS).documents:
        docs[doc.id] = split_document(doc, 1200)
    return docs


def _retrieval(chunks: list[Chunk], query: str, top_dense: float, embedder: HashingEmbeddings) -> Retrieval:
    hits = [Hit(c, 1.0 / (i + 1), top_dense, 1.0) for i, c in enumerate(chunks)]
    return Retrieval(query=query, hits=hits, top_dense=top_dense, query_tokens=(), query_vector=embedder.encode_query(query))


def test_an_elliptical_follow_up_is_read_with_the_previous_question() -> None:
    joined = resolve("syaratnya apa?", ["Bagaimana cara merekam KTP-el?"], 1000)
    assert joined.query == "Bagaimana cara merekam KTP-el? syaratnya apa?" and joined.is_follow_up
    tool_context = resolve("kalau Pilkada?", ["Saya lahir 1 Maret 2007, bisa memilih?"], 1000)
    assert tool_context.query == "kalau Pilkada?", "a new topic word keeps the question as asked"
    assert tool_context.previous == "Saya lahir 1 Maret 2007, bisa memilih?", "but tools still see the last turn"
    fresh = resolve("terus PKK itu apa?", ["Syarat KTP-el apa?"], 1000)
    assert fresh.query == "terus PKK itu apa?", "a new topic is not glued to the old one"
    assert not resolve("Bagaimana cara membuat akta kelahiran untuk bayi yang baru lahir?", ["KK hilang"], 1000).is_follow_up


def test_the_eligibility_tool_gives_a_verdict_cited_from_its_document(documents) -> None:
    tool = EligibilityTool(lambda: date(2026, 12, 2))
    draft = tool.answer("Saya lahir 15 Februari 2007, bisa ikut Pemilu?", documents)
    assert draft is not None and "Belum bisa memilih" in draft.text and "16 tahun" in draft.text
    assert {s.doc_id for s in draft.sources} == {ELIGIBILITY_DOC}
    answer = Answer(question="q", status=Status.ANSWERED, text=draft.text, sources=draft.sources)
    assert answer.citations_valid()
    assert tool.answer("Bagaimana cara merekam KTP-el?", documents) is None


def test_the_router_declines_another_agencys_service_and_empty_evidence(documents) -> None:
    embedder = HashingEmbeddings()
    router = Router(embedder, margin=0.05, min_evidence=0.0)
    ktp = documents["ktp-el-perekaman"]
    assert router.route(_retrieval([], "apa saja", 0.9, embedder)) is Route.NO_HITS
    assert router.route(_retrieval(ktp, "bagaimana cara membuat paspor", 0.95, embedder)) in (
        Route.OTHER_AGENCY,
        Route.NEAR_UNCOVERED,
    )
    assert router.route(_retrieval(ktp, "bagaimana cara perekaman ktp-el", 0.99, embedder)) is Route.ANSWERED


def test_composition_leads_with_the_summary_and_cites_every_piece(documents) -> None:
    chunks = documents["ktp-el-perekaman"]
    best = next(c for c in chunks if c.section != LEAD_SECTION)
    hits = [Hit(best, 1.0, 0.9, 1.0)]
    draft = compose("Apa syarat perekaman KTP-el?", hits, documents, Audience.WARGA, date(2026, 12, 2))
    lead = next(c for c in chunks if c.section == LEAD_SECTION)
    assert draft.text.startswith(lead.text.strip()[:40])
    answer = Answer(question="q", status=Status.ANSWERED, text=draft.text, sources=draft.sources)
    assert answer.citations_valid() and answer.cited_numbers() == {s.n for s in draft.sources}
