"""The steps of ``Assistant.ask`` one by one, over real corpus chunks and a deterministic fake embedder."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from assistant.answer.answerability import TopicIndex, Verdict, decide
from assistant.answer.composer import WARGA_WORDS, Evidence, compose, words
from assistant.answer.followup import resolve
from assistant.answer.intents import classify
from assistant.answer.lead import LeadQuery, requirements_lead
from assistant.answer.routes import Route
from assistant.answer.routing import Router
from assistant.answer.schema import Answer, Status
from assistant.answer.tools import ELIGIBILITY_DOC, EligibilityTool
from assistant.ingest.documents import Audience
from assistant.ingest.loaders import load_corpus
from assistant.ingest.splitting import Chunk, split_document
from assistant.retrieval.hybrid import Hit, Retrieval
from assistant.text.normalise import normalise_query
from assistant.text.tokenizer import Tokenizer

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
    swapped = resolve("kalau KK?", ["Bikin KTP bayar ga?"], 1000)
    assert swapped.query == "kalau KK? bayar tidak", "a follow-up that only swaps the subject asks the same about it"
    assert resolve("kalau akta kematian?", ["syarat akta kelahiran apa saja?"], 1000).query.endswith("syarat")
    assert joined.joined and not swapped.joined and not fresh.joined


def test_a_chain_of_follow_ups_keeps_the_subject_it_started_with() -> None:
    moving = ["Saya mau pindah dari Kota Kupang ke Kabupaten Belu.", "Surat apa yang harus saya minta di Kupang?"]
    chained = resolve("terus setelah sampai di sana ngapain lagi?", moving, 1000)
    assert "pindah" in chained.query and chained.query.endswith("ngapain lagi?"), "two turns back is still the subject"
    chat = [{"role": "user", "content": moving[0]}, {"role": "assistant", "content": "…"}, {"role": "user", "content": moving[1]}]
    assert resolve("terus setelah sampai di sana ngapain lagi?", chat, 1000).query == chained.query
    topicless = resolve("Surat apa yang harus saya minta di Kupang?", moving[:1], 1000)
    assert topicless.joined, "a question that names no topic of its own continues the one before"
    long_ago = ["Bikin KTP gimana?", "syaratnya?", "bayar ga?", "di mana?", "lama ga?"]
    assert "KTP" in resolve("jam berapa?", long_ago[:4], 1000).query, "four turns back is still the subject"
    assert "KTP" not in resolve("jam berapa?", long_ago, 1000).query, "a chain is read a few turns back, not forever"


def test_the_eligibility_tool_gives_a_verdict_cited_from_its_document(documents) -> None:
    tool = EligibilityTool(lambda: date(2026, 12, 2))
    draft = tool.answer("Saya lahir 15 Februari 2007, bisa ikut Pemilu?", documents)
    assert draft is not None and "Belum bisa memilih" in draft.text and "16 tahun" in draft.text
    assert {s.doc_id for s in draft.sources} == {ELIGIBILITY_DOC}
    answer = Answer(question="q", status=Status.ANSWERED, text=draft.text, sources=draft.sources)
    assert answer.citations_valid()
    assert tool.answer("Bagaimana cara merekam KTP-el?", documents) is None


def test_the_router_declines_empty_evidence_and_off_topic_questions(documents) -> None:
    embedder = HashingEmbeddings()
    router = Router(embedder, margin=0.05, min_evidence=0.0)
    ktp = documents["ktp-el-perekaman"]
    assert router.route(_retrieval([], "apa saja", 0.9, embedder)) is Route.NO_HITS
    off_topic = "bagaimana resep membuat nasi goreng yang enak?"
    assert router.route(_retrieval(ktp, off_topic, 0.2, embedder)) is Route.NEAR_OFF_TOPIC
    assert router.route(_retrieval(ktp, "bagaimana cara perekaman ktp-el", 0.99, embedder)) is Route.ANSWERED


def _evidence(chunks: list[Chunk], question: str, audience: Audience = Audience.WARGA) -> Evidence:
    text = normalise_query(question)
    asked = classify(text)
    query = LeadQuery(text=text, vector=np.zeros(0), asked=asked, stems=frozenset(), subject=frozenset())
    lead = requirements_lead(chunks, query)
    return Evidence(
        asked=asked,
        chunks=chunks,
        lead=lead,
        query_vector=np.zeros(0),
        snapshot=None,  # type: ignore[arg-type]  - not read without a query vector
        audience=audience,
        today=date(2026, 12, 7),
    )


def test_a_requirements_question_leads_with_the_requirements_and_stays_short(documents) -> None:
    chunks = documents["kk-hilang-rusak"]
    draft = compose(_evidence(chunks, "KK hilang syaratnya apa?"))
    assert draft.lead.startswith("Syaratnya:") and draft.text.startswith(draft.lead)
    requirements = next(c for c in chunks if "Persyaratan" in c.section)
    first_item = next(line for line in requirements.text.splitlines() if line.startswith(("-", "1.")))
    assert first_item.lstrip("-1. ").split()[0].lower() in draft.lead.lower()
    assert words(draft.text) <= WARGA_WORDS + 10
    answer = Answer(
        question="q", status=Status.ANSWERED, lead=draft.lead, text=draft.text, details=draft.details, sources=draft.sources
    )
    assert answer.citations_valid() and answer.cited_numbers() == {s.n for s in draft.sources}
    assert not any("lihat juga" in line.lower() for line in draft.text.splitlines())


def test_staff_get_the_legal_basis_section(documents) -> None:
    chunks = documents["kk-hilang-rusak"]
    resident = compose(_evidence(chunks, "Bagaimana mengurus KK yang hilang?"))
    staff = compose(_evidence(chunks, "Bagaimana mengurus KK yang hilang?", Audience.PETUGAS))
    assert "**Dasar Hukum**" in staff.text and "**Dasar Hukum**" not in resident.text
    assert "Dasar Hukum" in resident.details, "what the resident's answer leaves out stays one tap away"


@pytest.fixture(scope="module")
def topics(documents) -> TopicIndex:
    return TopicIndex(documents, Tokenizer())


def _decide(topics: TopicIndex, question: str, ranked: list[str]):
    query = normalise_query(question)
    return decide(topics, ranked, query, classify(query), 0.6, lambda doc, intent, terms: True)


def test_answerability_declines_a_neighbour_and_accepts_the_document_about_the_subject(topics) -> None:
    marriage = "Bagaimana cara membuat akta perkawinan?"
    neighbours = ["akta-kelahiran", "akta-kematian"]  # the outside-traffic review's example: a birth certificate page
    assert _decide(topics, marriage, neighbours).verdict is Verdict.NOT_COVERED
    chosen = _decide(topics, marriage, ["akta-kelahiran", "akta-perkawinan-non-muslim"])
    assert (chosen.verdict, chosen.doc_id) == (Verdict.ANSWER, "akta-perkawinan-non-muslim")
    assert (
        _decide(topics, "Apa itu DCM?", ["istilah-adminduk", "ikd-identitas-kependudukan-digital"]).verdict is Verdict.NOT_COVERED
    )


def test_two_topics_no_document_holds_together_are_declined_with_both_suggested(topics) -> None:
    online_letters = _decide(
        topics,
        "Bagaimana cara mengajukan surat keterangan secara online?",
        ["layanan-adminduk-daring-kupang", "surat-keterangan-tidak-mampu"],
    )
    assert online_letters.verdict is Verdict.NOT_COVERED, "the online page never speaks of letters, the letters' never of online"
    assert set(online_letters.nearby[:2]) == {"layanan-adminduk-daring-kupang", "surat-keterangan-tidak-mampu"}
    online_id = _decide(
        topics, "Bisa urus KTP secara online?", ["layanan-adminduk-daring-kupang", "surat-keterangan-tidak-mampu"]
    )
    assert (online_id.verdict, online_id.doc_id) == (Verdict.ANSWER, "layanan-adminduk-daring-kupang")


def test_a_title_holding_the_questions_phrase_wins_over_one_holding_its_words_apart(topics) -> None:
    ranked = ["akta-kelahiran-anak-luar-kawin", "akta-perkawinan-non-muslim"]
    assert _decide(topics, "Dokumen untuk akta perkawinan apa saja?", ranked).doc_id == "akta-perkawinan-non-muslim"
    licence = _decide(topics, "cara bikin SIM di Kupang?", ["nik-tidak-ditemukan", "rujukan-sim"])
    assert (licence.verdict, licence.doc_id) == (Verdict.REFER, "rujukan-sim"), "not the page on a phone's SIM card"


def test_another_offices_service_is_referred_and_a_title_about_the_question_wins(topics) -> None:
    passport = _decide(topics, "cara bikin paspor gmn?", ["rujukan-paspor", "ktp-el-perekaman"])
    assert (passport.verdict, passport.doc_id) == (Verdict.REFER, "rujukan-paspor")
    late = _decide(
        topics, "akta kelahiran anak saya terlambat dibuat, bagaimana?", ["akta-kelahiran-anak-luar-kawin", "akta-kelahiran"]
    )
    assert late.doc_id == "akta-kelahiran", "the narrower document's title names things the question does not"


def test_a_duration_question_needs_a_document_that_states_the_duration(topics) -> None:
    query = normalise_query("Berapa lama proses pembuatan KTP-el?")
    holds = {"lama-proses-layanan"}
    decision = decide(
        topics, ["ktp-el-perekaman", "lama-proses-layanan"], query, classify(query), 0.6, lambda doc, intent, terms: doc in holds
    )
    assert decision.doc_id == "lama-proses-layanan"
    none = decide(topics, ["ktp-el-perekaman"], query, classify(query), 0.6, lambda doc, intent, terms: False)
    assert none.verdict is Verdict.NO_ASPECT
