"""Chroma access (local files or a server) with our own embeddings and cosine space."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .embeddings import VectorEmbeddings
from .settings import Settings

LOCAL_COLLECTION = "chunks"


class VectorStoreUnavailable(RuntimeError):
    """The Chroma server cannot be reached or the local store cannot be opened."""


def chroma_client(settings: Settings, generation_dir: Path) -> Any:
    """A Chroma client: HTTP when ``chroma_url`` is set, else a PersistentClient inside the generation."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            return chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or 8000,
                                       ssl=url.scheme == "https", settings=chroma_settings)
        return chromadb.PersistentClient(path=str(generation_dir / "chroma"), settings=chroma_settings)
    except Exception as exc:  # chromadb raises plain Exceptions for connection and file errors
        raise VectorStoreUnavailable(f"Chroma tidak dapat dibuka: {exc}") from exc


def collection_name(settings: Settings, generation: str) -> str:
    """One collection per generation on a shared server; a fixed name inside a local generation folder."""
    return f"tk-{generation}" if settings.chroma_url else LOCAL_COLLECTION


def open_store(client: Any, name: str, embeddings: VectorEmbeddings) -> Any:
    """The LangChain Chroma store for ``name``; our embeddings are always passed, never Chroma's default."""
    from langchain_chroma import Chroma

    return Chroma(collection_name=name, client=client, embedding_function=embeddings,
                  collection_configuration={"hnsw": {"space": "cosine"}})
