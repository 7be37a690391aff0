"""Persisted BM25 over stemmed Indonesian tokens (bm25s); returns only chunks that really match."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np


class LexicalIndex:
    """BM25 scores for token queries; built once at index time and loaded from disk."""

    def __init__(self, retriever: Any, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, token_lists: list[list[str]]) -> "LexicalIndex":
        import bm25s

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([tokens or ["_"] for tokens in token_lists], show_progress=False)
        return cls(retriever, len(token_lists))

    def save(self, directory: Path) -> None:
        self._retriever.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, size: int) -> "LexicalIndex":
        import bm25s

        return cls(bm25s.BM25.load(str(directory), show_progress=False, verbosity=0), size)

    def scores(self, tokens: list[str]) -> np.ndarray:
        """BM25 score of every chunk (0 where no query token occurs)."""
        if not tokens or self.size == 0:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(tokens), dtype=np.float32)

    def search(self, tokens: list[str], k: int, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (row, score) pairs with a positive score, optionally limited to ``allowed`` rows."""
        scores = self.scores(tokens)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        hits = np.flatnonzero(scores > 0)
        if hits.size == 0:
            return []
        top = hits[np.argsort(-scores[hits], kind="stable")[:k]]
        return [(int(i), float(scores[i])) for i in top]
