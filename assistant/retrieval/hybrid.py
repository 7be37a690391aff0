"""Hybrid retrieval: dense and BM25 candidates fused by reciprocal rank, with typo repair."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np

from ..cache import BoundedCache
from ..indexing.embeddings import VectorEmbeddings
from ..indexing.snapshot import IndexSnapshot
from ..ingest.documents import Kind
from ..ingest.splitting import Chunk
from ..settings import Settings
from ..text.normalise import normalise_query
from ..text.tokenizer import Tokenizer

_WORD = re.compile(r"[a-z][a-z-]{3,}")
REAL_WORD_ZIPF = 2.0
"""A word at least this common in Indonesian (wordfreq's Zipf scale) is a real word, never a typo to repair..."""
_CLITIC = re.compile(r"(nya|lah|kah|pun|ku|mu)$")
"""...and so is a real word with a clitic attached ("membetulkannya" is not a typo of "membatalkannya")."""
SECTION_BONUS = 0.3
"""Share of a first-rank fusion score added to a chunk whose section answers what the question asks."""
DEMOTED = 0.6
"""Fusion scores of demoted kinds (election documents for a question that is not about voting) are scaled by this."""


class SearchMode(StrEnum):
    """Which retrievers rank: both fused (the product), or one alone (the evaluation's ablations)."""

    HYBRID = "hybrid"
    DENSE = "dense"
    LEXICAL = "lexical"


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with the evidence behind its rank."""

    chunk: Chunk
    score: float
    dense: float
    lexical: float


@dataclass(frozen=True)
class Emphasis:
    """What the question's intent and domain say about ranking: sections to lift, kinds to lower."""

    section: Callable[[str], bool] | None = None
    demote: frozenset[Kind] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Retrieval:
    """Ranked hits plus the normalised query they answer."""

    query: str
    hits: list[Hit]
    top_dense: float
    query_tokens: tuple[str, ...]
    query_vector: np.ndarray

    def documents(self) -> list[str]:
        """Document ids in rank order (each document once)."""
        return list(dict.fromkeys(h.chunk.doc_id for h in self.hits))


class HybridRetriever:
    """Fuses both retrievers over one index snapshot; filters by audience and kind."""

    def __init__(self, snapshot: IndexSnapshot, embeddings: VectorEmbeddings, tokenizer: Tokenizer, settings: Settings) -> None:
        self.snapshot = snapshot
        self.embeddings = embeddings
        self.tokenizer = tokenizer
        self.settings = settings
        self._words = {w for c in snapshot.chunks for w in _WORD.findall(c.indexed_text.lower())}
        self._words_by_length: dict[int, list[str]] = {}
        for word in sorted(self._words):  # sorted: a tie between two repairs goes the same way in every process
            self._words_by_length.setdefault(len(word), []).append(word)
        self._query_vectors: BoundedCache[np.ndarray] = BoundedCache(settings.cache_entries)

    def repair_typos(self, query: str) -> str:
        """Replace words the corpus never uses by the closest corpus word (edit similarity >= 85), unless the word
        is a real Indonesian word: "pengakuan" is not a typo of "pengaduan", nor "kepanjangan" of "perpanjang"."""
        from rapidfuzz import fuzz, process
        from wordfreq import zipf_frequency

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            bare = _CLITIC.sub("", word)
            if len(word) < 5 or word in self._words or bare in self._words:
                return word
            if max(zipf_frequency(word, "id"), zipf_frequency(bare, "id")) >= REAL_WORD_ZIPF:
                return word
            pool = [w for n in range(len(word) - 1, len(word) + 2) for w in self._words_by_length.get(n, ())]
            best = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=85)
            return best[0] if best else word

        return _WORD.sub(fix, query)

    def query_vector(self, question: str) -> np.ndarray:
        """The embedding of a question the guard has cleaned (kept for next time); empty in a lexical-only generation."""
        if not self.snapshot.has_vectors:
            return np.zeros(0)
        return self._kept_vector(self.repair_typos(normalise_query(question)))

    def _kept_vector(self, query: str) -> np.ndarray:
        """The embedding of a normalised, typo-repaired query, from the cache or made and kept."""
        vector, _ = self._query_vectors.get_or_make(query, lambda: self.embeddings.encode_query(query))
        return vector

    def retrieve(
        self,
        question: str,
        *,
        audience: str | None = None,
        kinds: Sequence[str] | None = None,
        k: int | None = None,
        mode: SearchMode = SearchMode.HYBRID,
        emphasis: Emphasis | None = None,
        cached: bool = False,
    ) -> Retrieval:
        """The ``k`` best chunks for ``question``; ``mode`` picks the retrievers; ``emphasis`` lifts the sections
        that answer the question's intent and lowers kinds outside its domain. ``cached`` keeps the question's
        embedding for next time: only for questions the guard has cleaned of personal data."""
        k = k or self.settings.retrieve_k
        if not self.snapshot.has_vectors:
            mode = SearchMode.LEXICAL
        query = self.repair_typos(normalise_query(question))
        tokens = self.tokenizer.tokens(query)
        if mode is SearchMode.LEXICAL:
            vector = np.zeros(0)
        elif cached:
            vector = self._kept_vector(query)
        else:
            vector = self.embeddings.encode_query(query)
        dense: list[tuple[int, float]] = []
        lexical: list[tuple[int, float]] = []
        if mode is not SearchMode.LEXICAL:
            size = self.settings.candidate_k if mode is SearchMode.HYBRID else k
            dense = self.snapshot.dense(vector, size, audience, kinds)
        if mode is not SearchMode.DENSE:
            size = self.settings.candidate_k if mode is SearchMode.HYBRID else k
            lexical = self.snapshot.lexical.search(tokens, size, self.snapshot.allowed(audience, kinds))
        fused: dict[int, float] = {}
        for ranked in (dense, lexical):
            for rank, (row, _) in enumerate(ranked):
                fused[row] = fused.get(row, 0.0) + 1.0 / (self.settings.rrf_k + rank + 1)
        if emphasis is not None:
            self._emphasise(fused, emphasis)
        order = sorted(fused, key=lambda r: (-fused[r], r))[:k]
        dense_of, lexical_of = dict(dense), dict(lexical)
        hits = [Hit(self.snapshot.chunks[r], fused[r], dense_of.get(r, 0.0), lexical_of.get(r, 0.0)) for r in order]
        top_dense = max((s for _, s in dense), default=0.0)
        return Retrieval(query=query, hits=hits, top_dense=top_dense, query_tokens=tuple(tokens), query_vector=vector)

    def _emphasise(self, fused: dict[int, float], emphasis: Emphasis) -> None:
        bonus = SECTION_BONUS / (self.settings.rrf_k + 1)
        for row in fused:
            chunk = self.snapshot.chunks[row]
            if chunk.kind in emphasis.demote:
                fused[row] *= DEMOTED
            if emphasis.section is not None and emphasis.section(chunk.section):
                fused[row] += bonus
