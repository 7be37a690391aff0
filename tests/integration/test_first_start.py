"""A first start with no index: answers from the lexical index at once, then the full index without a restart."""

from __future__ import annotations

import threading

import numpy as np

from assistant.indexing import generations as gen
from assistant.indexing.embeddings import VectorEmbeddings
from assistant.service import Assistant, StaleIndex
from assistant.settings import Settings

QUESTION = "KTP-el hilang harus bagaimana?"
WARMING = "pencarian lengkap sedang disiapkan"


class GatedEmbeddings(VectorEmbeddings):
    """The real model, but embedding the corpus waits until the test opens the gate: the build cannot finish
    before the test has asked its questions, however fast the machine is."""

    def __init__(self, real: VectorEmbeddings, gate: threading.Event) -> None:
        self.model_id, self.dim = real.model_id, real.dim
        self._real, self._gate = real, gate

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        assert self._gate.wait(timeout=600)
        return self._real.encode_passages(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self._real.encode_query(text)


def test_a_first_start_answers_from_words_then_switches_to_the_full_index(small_settings: Settings, embeddings) -> None:
    gate = threading.Event()
    assistant = Assistant.load(
        small_settings, on_stale=StaleIndex.BACKGROUND, embeddings=embeddings, index_embeddings=GatedEmbeddings(embeddings, gate)
    )
    try:
        assert assistant.warming_up and assistant.building
        early = assistant.ask(QUESTION)
        assert early.status == "answered" and early.citations_valid()
        assert {s.doc_id for s in early.sources} == {"ktp-el-hilang-rusak"}
        assert WARMING in early.text and "(0%)" in early.text, "the resident is told the answer is provisional"
        assert early.lead and not early.lead.startswith("**"), "it still leads with a sentence, not a heading"
        declined = assistant.ask("Siapa juara piala dunia sepak bola tahun lalu?")
        assert declined.status != "answered" and WARMING not in declined.text
        manifest = gen.read_manifest(small_settings.index_dir)
        assert manifest is not None and not manifest.dense
    finally:
        gate.set()
    assistant.reindex_in_background().join(timeout=900)
    assert not assistant.building
    later = assistant.ask(QUESTION)
    assert not assistant.warming_up and later.status == "answered" and WARMING not in later.text
    assert {s.doc_id for s in later.sources} == {"ktp-el-hilang-rusak"}
    manifest = gen.read_manifest(small_settings.index_dir)
    assert manifest is not None and manifest.dense and manifest.dimension == embeddings.dim
    assistant.close()

    restarted = Assistant.load(small_settings, on_stale=StaleIndex.BACKGROUND, embeddings=embeddings)
    assert not restarted.building and not restarted.warming_up, "a second start serves the full index at once"
    assert WARMING not in restarted.ask(QUESTION).text
    restarted.close()
