"""A read-only view of the served index generation: chunks, BM25 and the vector store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..errors import IndexUnavailable
from ..ingest.documents import Audience
from ..ingest.splitting import Chunk
from ..settings import Settings
from . import generations as gen
from .embeddings import VectorEmbeddings
from .lexical import LexicalIndex
from .store import ChromaStore


@dataclass(frozen=True)
class Sentences:
    """Every sentence of the generation: its chunk's row, its text, and its unit vector (rows of ``vectors``)."""

    rows: np.ndarray
    texts: list[str]
    vectors: np.ndarray
    _stems: dict[int, frozenset[str]] = field(default_factory=dict, repr=False)

    def of_rows(self, chunk_rows: set[int]) -> np.ndarray:
        """Indices of the sentences that belong to the given chunks."""
        return np.flatnonzero(np.isin(self.rows, list(chunk_rows)))

    def stems(self, index: int, tokens: Callable[[str], list[str]]) -> frozenset[str]:
        """The stemmed tokens of sentence ``index``, computed once per generation (leads rank the same sentences
        for many questions)."""
        cached = self._stems.get(index)
        if cached is None:
            cached = self._stems[index] = frozenset(tokens(self.texts[index]))
        return cached


@dataclass
class IndexSnapshot:
    """One generation, opened once and queried many times."""

    generation: str
    manifest: gen.Manifest
    chunks: list[Chunk]
    lexical: LexicalIndex
    store: ChromaStore
    rows: dict[str, int]
    vectors: np.ndarray
    """Unit vectors of the chunks, one row per chunk (the same vectors the store holds)."""
    sentences: Sentences
    exact: bool = False
    """Dense search by an exact dot product over ``vectors`` (small local indexes) instead of a Chroma query."""
    _masks: dict[tuple[str | None, tuple[str, ...]], np.ndarray | None] = field(default_factory=dict, repr=False)

    @classmethod
    def open(cls, settings: Settings, embeddings: VectorEmbeddings) -> IndexSnapshot:
        """Open the current generation; ``IndexUnavailable`` if it is missing or damaged."""
        generation = gen.current_generation(settings.index_dir)
        if not generation:
            raise IndexUnavailable("indeks belum dibuat")
        gdir = gen.generation_dir(settings.index_dir, generation)
        try:
            manifest = gen.Manifest.read(gdir / gen.MANIFEST_FILE)
            chunks = gen.load_chunks(gdir)
            lexical = LexicalIndex.load(gdir / gen.LEXICAL_DIR, len(chunks))
            vectors = np.load(gdir / gen.VECTORS_FILE)
            records = gen.read_records(gdir / gen.SENTENCES_FILE)
            sentences = Sentences(
                rows=np.array([r["row"] for r in records], dtype=np.int32),
                texts=[r["text"] for r in records],
                vectors=np.load(gdir / gen.SENTENCE_VECTORS_FILE),
            )
            if len(vectors) != len(chunks) or len(sentences.vectors) != len(records):
                raise ValueError("vectors and records differ in length")
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise IndexUnavailable(f"indeks rusak atau tidak lengkap ({type(exc).__name__})") from exc
        if manifest.embedding_model != embeddings.model_id:
            raise IndexUnavailable("indeks dibuat dengan model embedding lain; jalankan indeks ulang")
        store = ChromaStore.open(settings, gdir, generation, embeddings)
        return cls(
            generation=generation,
            manifest=manifest,
            chunks=chunks,
            lexical=lexical,
            store=store,
            rows={c.id: i for i, c in enumerate(chunks)},
            vectors=vectors,
            sentences=sentences,
            exact=settings.chroma_url is None and len(chunks) <= settings.exact_search_max_chunks,
        )

    def close(self) -> None:
        """Release the store's client and open files (the snapshot cannot search afterwards)."""
        self.store.close()

    @property
    def has_vectors(self) -> bool:
        """False for a lexical-only generation (first start): search by words only until the embeddings are built."""
        return self.manifest.dense

    def is_current(self, index_dir: Path) -> bool:
        return gen.current_generation(index_dir) == self.generation

    def dense(
        self, query_vector: np.ndarray, k: int, audience: str | None = None, kinds: Sequence[str] | None = None
    ) -> list[tuple[int, float]]:
        """Top ``k`` (row, cosine similarity): exact from the vectors in memory, or from the vector store."""
        if self.exact:
            return self._exact(query_vector, k, audience, kinds)
        hits = self.store.search(query_vector, min(k, len(self.chunks)) or 1, audience, kinds)
        return [(self.rows[chunk_id], score) for chunk_id, score in hits if chunk_id in self.rows]

    def allowed(self, audience: str | None, kinds: Sequence[str] | None) -> np.ndarray | None:
        """Which chunks one audience and some kinds may see (a boolean row mask), None when all may; each
        combination is computed once per generation. ``ValueError`` for an unknown audience."""
        key = (Audience(audience) if audience else None, tuple(kinds or ()))
        if key not in self._masks:
            mask = np.array([key[0] in c.audience for c in self.chunks]) if key[0] else None
            if kinds:
                kind_mask = np.array([c.kind in kinds for c in self.chunks])
                mask = kind_mask if mask is None else mask & kind_mask
            self._masks[key] = mask
        return self._masks[key]

    def _exact(
        self, query_vector: np.ndarray, k: int, audience: str | None, kinds: Sequence[str] | None
    ) -> list[tuple[int, float]]:
        mask = self.allowed(audience, kinds)
        rows = np.arange(len(self.chunks)) if mask is None else np.flatnonzero(mask)
        return exact_search(self.vectors, query_vector, k, rows)


def exact_search(vectors: np.ndarray, query_vector: np.ndarray, k: int, rows: np.ndarray) -> list[tuple[int, float]]:
    """Top ``k`` (row, cosine similarity) among ``rows`` of unit ``vectors``: what Chroma's cosine space gives."""
    k = min(k, len(rows))
    if k == 0:
        return []
    scores = (vectors @ query_vector)[rows]  # one pass over the matrix; indexing the rows first would copy it
    top = np.argpartition(-scores, k - 1)[:k]
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(rows[i]), float(scores[i])) for i in top]
