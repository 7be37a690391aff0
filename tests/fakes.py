"""Deterministic stand-ins plugged in through the real interfaces (the fast tier: no model, no Chroma)."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from assistant.indexing.embeddings import VectorEmbeddings


class HashingEmbeddings(VectorEmbeddings):
    """Character-trigram counts hashed into a fixed number of dimensions, L2-normalised: similar wording gives
    similar vectors, the same text always the same vector."""

    def __init__(self, dim: int = 256) -> None:
        self.model_id = f"test-hashing-{dim}"
        self.dim = dim

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in re.findall(r"\w+", text.lower()):
            padded = f" {word} "
            for i in range(len(padded) - 2):
                bucket = int.from_bytes(hashlib.blake2b(padded[i : i + 3].encode(), digest_size=4).digest(), "big")
                vector[bucket % self.dim] += 1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return np.vstack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return self._vector(text)
