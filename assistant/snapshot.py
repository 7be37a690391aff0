"""A read-only view of the served index generation: chunks, BM25 and the Chroma collection."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from .embeddings import VectorEmbeddings
from .indexing import IndexUnavailable, Manifest, current_generation, generation_dir, load_chunks
from .lexical import LexicalIndex
from .settings import Settings
from .splitting import Chunk
from .vectorstore import chroma_client, collection_name, open_store


@dataclass
class IndexSnapshot:
    """One generation, opened once and queried many times."""

    generation: str
    manifest: Manifest
    chunks: list[Chunk]
    lexical: LexicalIndex
    store: Any
    rows: dict[str, int]

    @classmethod
    def open(cls, settings: Settings, embeddings: VectorEmbeddings) -> "IndexSnapshot":
        """Open the current generation; ``IndexUnavailable`` if it is missing or damaged."""
        generation = current_generation(settings.index_dir)
        if not generation:
            raise IndexUnavailable("indeks belum dibuat")
        gdir = generation_dir(settings.index_dir, generation)
        try:
            manifest = Manifest.read(gdir / "manifest.json")
            chunks = load_chunks(gdir)
            lexical = LexicalIndex.load(gdir / "bm25", len(chunks))
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise IndexUnavailable(f"indeks rusak atau tidak lengkap ({type(exc).__name__})") from exc
        if manifest.embedding_model != embeddings.model_id:
            raise IndexUnavailable("indeks dibuat dengan model embedding lain; jalankan indeks ulang")
        store = open_store(chroma_client(settings, gdir), collection_name(settings, generation), embeddings)
        return cls(generation=generation, manifest=manifest, chunks=chunks, lexical=lexical, store=store,
                   rows={c.id: i for i, c in enumerate(chunks)})

    def is_current(self, index_dir: Path) -> bool:
        return current_generation(index_dir) == self.generation

    def dense(self, query_vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (row, cosine similarity) from Chroma (which reports cosine distance)."""
        hits = self.store.similarity_search_by_vector_with_relevance_scores(
            query_vector.tolist(), k=min(k, len(self.chunks)) or 1, filter=where)
        return [(self.rows[doc.id], 1.0 - float(distance)) for doc, distance in hits if doc.id in self.rows]
