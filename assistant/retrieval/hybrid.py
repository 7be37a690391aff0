"""Hybrid retrieval: dense and BM25 candidates fused by reciprocal rank, with typo repair."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from ..indexing.embeddings import VectorEmbeddings
from ..indexing.snapshot import IndexSnapshot
from ..ingest.documents import Audience
from ..ingest.splitting import Chunk
from ..settings import Settings
from ..text.normalise import normalise_query
from ..text.tokenizer import Tokenizer

_WORD = re.compile(r"[a-z][a-z-]{3,}")


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
        for word in self._words:
            self._words_by_length.setdefault(len(word), []).append(word)
        self._audience_mask = {a: np.array([a in c.audience for c in snapshot.chunks]) for a in Audience}

    def repair_typos(self, query: str) -> str:
        """Replace words the corpus never uses by the closest corpus word (edit similarity >= 85)."""
        from rapidfuzz import fuzz, process

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            if len(word) < 5 or word in self._words:
                return word
            pool = [w for n in range(len(word) - 1, len(word) + 2) for w in self._words_by_length.get(n, ())]
            best = process.extractOne(word, pool, scorer=fuzz.ratio, score_cutoff=85)
            return best[0] if best else word

        return _WORD.sub(fix, query)

    def retrieve(
        self,
        question: str,
        *,
        audience: str | None = None,
        kinds: Sequence[str] | None = None,
        k: int | None = None,
        mode: SearchMode = SearchMode.HYBRID,
    ) -> Retrieval:
        """The ``k`` best chunks for ``question``; ``mode`` picks the retrievers."""
        k = k or self.settings.retrieve_k
        query = self.repair_typos(normalise_query(question))
        tokens = self.tokenizer.tokens(query)
        vector = self.embeddings.encode_query(query) if mode is not SearchMode.LEXICAL else np.zeros(0)
        dense: list[tuple[int, float]] = []
        lexical: list[tuple[int, float]] = []
        if mode is not SearchMode.LEXICAL:
            size = self.settings.candidate_k if mode is SearchMode.HYBRID else k
            dense = self.snapshot.dense(vector, size, audience, kinds)
        if mode is not SearchMode.DENSE:
            size = self.settings.candidate_k if mode is SearchMode.HYBRID else k
            lexical = self.snapshot.lexical.search(tokens, size, self._allowed(audience, kinds))
        fused: dict[int, float] = {}
        for ranked in (dense, lexical):
            for rank, (row, _) in enumerate(ranked):
                fused[row] = fused.get(row, 0.0) + 1.0 / (self.settings.rrf_k + rank + 1)
        order = sorted(fused, key=lambda r: (-fused[r], r))[:k]
        dense_of, lexical_of = dict(dense), dict(lexical)
        hits = [Hit(self.snapshot.chunks[r], fused[r], dense_of.get(r, 0.0), lexical_of.get(r, 0.0)) for r in order]
        top_dense = max((s for _, s in dense), default=0.0)
        return Retrieval(query=query, hits=hits, top_dense=top_dense, query_tokens=tuple(tokens), query_vector=vector)

    def _allowed(self, audience: str | None, kinds: Sequence[str] | None) -> np.ndarray | None:
        mask = self._audience_mask.get(Audience(audience)) if audience else None
        if kinds:
            kind_mask = np.array([c.kind in kinds for c in self.snapshot.chunks])
            mask = kind_mask if mask is None else mask & kind_mask
        return mask
