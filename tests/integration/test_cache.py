"""Repeated questions: answered from the cache (no second embedding), keyed without personal data, and never
served from an older index generation."""

from __future__ import annotations

import numpy as np

from assistant.indexing.build import build_index
from assistant.indexing.embeddings import VectorEmbeddings
from assistant.service import Assistant, StaleIndex
from assistant.settings import Settings

QUESTION = "KTP-el hilang harus bagaimana?"


class CountingEmbeddings(VectorEmbeddings):
    """The real model, counting the questions it embeds."""

    def __init__(self, real: VectorEmbeddings) -> None:
        self.model_id, self.dim, self._real, self.queries = real.model_id, real.dim, real, 0

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self._real.encode_passages(texts)

    def encode_query(self, text: str) -> np.ndarray:
        self.queries += 1
        return self._real.encode_query(text)


def test_a_repeated_question_is_answered_again_without_embedding_it(small_settings: Settings, embeddings) -> None:
    build_index(small_settings, embeddings)
    counting = CountingEmbeddings(embeddings)
    assistant = Assistant.load(small_settings, embeddings=counting, on_stale=StaleIndex.NEVER)
    first = assistant.ask(QUESTION)
    embedded = counting.queries
    again = [assistant.ask(QUESTION) for _ in range(5)]
    assert counting.queries == embedded, "the same question is not embedded again"
    assert all(a.text == first.text and a.sources == first.sources for a in again)
    staff = assistant.ask(QUESTION, audience="petugas")
    assert staff.status == "answered" and counting.queries == embedded, "staff get their own answer, same embedding"

    # a follow-up is answered in its own context, not from another conversation's cache entry
    costs = assistant.ask("biayanya berapa?", history=[QUESTION])
    births = assistant.ask("biayanya berapa?", history=["Bagaimana mengurus akta kelahiran?"])
    assert costs.sources[0].doc_id == "ktp-el-hilang-rusak" and births.sources[0].doc_id == "akta-kelahiran"


def test_the_cache_holds_no_personal_data_and_follows_the_index(small_settings: Settings, embeddings) -> None:
    build_index(small_settings, embeddings)
    assistant = Assistant.load(small_settings, embeddings=embeddings, on_stale=StaleIndex.NEVER)
    for nik in ("5371041299020001", "5371041299020002"):
        answer = assistant.ask(f"NIK saya {nik}, KTP-el hilang harus bagaimana?")
        assert answer.status == "personal_data" and nik not in answer.text + answer.question
    keys = repr(list(assistant._answers._entries or {}))  # noqa: SLF001 - what the process keeps in memory
    assert "53710412990200" not in keys and "[NIK" in keys

    assert assistant.ask(QUESTION).sources[0].doc_id == "ktp-el-hilang-rusak"
    next(small_settings.corpus_dir.rglob("ktp-el-hilang-rusak.md")).unlink()
    assistant.reindex()
    after = assistant.ask(QUESTION)
    assert "ktp-el-hilang-rusak" not in {s.doc_id for s in after.sources}, "a removed document is never cited from the cache"
