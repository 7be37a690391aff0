"""Chroma access (local files or a server) with our own embeddings and cosine space."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .embeddings import VectorEmbeddings
from .settings import Settings

LOCAL_COLLECTION = "chunks"


class VectorStoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached or the local store cannot be opened."""


SERVER_ATTEMPTS = 3
RETRY_SECONDS = 0.5


def chroma_client(settings: Settings, generation_dir: Path, attempts: int = SERVER_ATTEMPTS) -> Any:
    """A Chroma client: HTTP when ``chroma_url`` is set (retried with backoff), else a PersistentClient."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if not settings.chroma_url:
        try:
            return chromadb.PersistentClient(path=str(generation_dir / "chroma"), settings=chroma_settings)
        except Exception as exc:  # chromadb raises plain Exceptions for file errors
            raise VectorStoreUnavailable(f"Chroma lokal tidak dapat dibuka di {generation_dir}: {exc}") from exc
    url = urlparse(settings.chroma_url)
    last: Exception | None = None
    for attempt in range(attempts):
        try:
            return chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        except Exception as exc:  # connection refused, timeouts, bad responses
            last = exc
            if attempt + 1 < attempts:
                time.sleep(RETRY_SECONDS * 2**attempt)
    raise VectorStoreUnavailable(
        f"server Chroma di {settings.chroma_url} tidak dapat dihubungi setelah {attempts} percobaan "
        f"({type(last).__name__}); periksa apakah 'chroma run' berjalan") from last


def collection_name(settings: Settings, generation: str) -> str:
    """One collection per generation on a shared server; a fixed name inside a local generation folder."""
    return f"tk-{generation}" if settings.chroma_url else LOCAL_COLLECTION


def open_store(client: Any, name: str, embeddings: VectorEmbeddings) -> Any:
    """The LangChain Chroma store for ``name``; our embeddings are always passed, never Chroma's default."""
    from langchain_chroma import Chroma

    return Chroma(collection_name=name, client=client, embedding_function=embeddings,
                  collection_configuration={"hnsw": {"space": "cosine"}})
