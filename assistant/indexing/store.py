"""The vector store: Chroma (local files or a server). Every Chroma detail (clients, collection names, ids,
metadata, filters) lives in this module; the rest of the code sees ``ChromaStore``."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import numpy as np

from ..errors import StoreUnavailable
from ..ingest.splitting import Chunk
from ..settings import Settings
from .embeddings import VectorEmbeddings

if TYPE_CHECKING:
    from langchain_chroma import Chroma

LOCAL_COLLECTION = "chunks"
_GENERATION = r"gen-\d{8}T\d{6}-[0-9a-f]{6}"
SERVER_ATTEMPTS = 3
RETRY_SECONDS = 0.5
WRITE_BATCH = 500
_COSINE: Any = {"hnsw": {"space": "cosine"}}


def _client(settings: Settings, generation_dir: Path, attempts: int) -> Any:
    """HTTP when ``chroma_url`` is set (retried with backoff), else a PersistentClient in the generation folder."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from tenacity import RetryError, Retrying, stop_after_attempt, wait_exponential

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if not settings.chroma_url:
        try:
            return chromadb.PersistentClient(path=str(generation_dir / "chroma"), settings=chroma_settings)
        except Exception as exc:  # chromadb raises plain Exceptions for file errors
            raise StoreUnavailable(f"Chroma lokal tidak dapat dibuka di {generation_dir}: {exc}") from exc
    url = urlparse(settings.chroma_url)
    retrying = Retrying(stop=stop_after_attempt(attempts), wait=wait_exponential(multiplier=RETRY_SECONDS, max=8))
    try:
        return retrying(
            chromadb.HttpClient,
            host=url.hostname or "localhost",
            port=url.port or 8000,
            ssl=url.scheme == "https",
            settings=chroma_settings,
        )
    except RetryError as exc:
        last = exc.last_attempt.exception()
        raise StoreUnavailable(
            f"server Chroma di {settings.chroma_url} tidak dapat dihubungi setelah {attempts} percobaan "
            f"({type(last).__name__}); periksa apakah 'chroma run' berjalan"
        ) from last


def _collection_name(settings: Settings, generation: str) -> str:
    """One collection per generation on a shared server; a fixed name inside a local generation folder."""
    return f"{settings.chroma_prefix}-{generation}" if settings.chroma_url else LOCAL_COLLECTION


def _metadata(chunk: Chunk) -> dict[str, Any]:
    return {
        "doc_id": chunk.doc_id,
        "n": chunk.n,
        "title": chunk.title,
        "section": chunk.section,
        "kind": chunk.kind.value,
        "audience": ",".join(chunk.audience),
        "aud_warga": "warga" in chunk.audience,
        "aud_petugas": "petugas" in chunk.audience,
        "sources": "; ".join(chunk.sources),
        "path": chunk.path,
    }


def _where(audience: str | None, kinds: Sequence[str] | None) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    if audience:
        clauses.append({f"aud_{audience}": True})
    if kinds:
        clauses.append({"kind": {"$in": [str(k) for k in kinds]}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class ChromaStore:
    """One index generation's vectors; our embeddings and cosine space always, never Chroma's defaults."""

    def __init__(self, client: Any, name: str, embeddings: VectorEmbeddings) -> None:
        from langchain_chroma import Chroma

        self._client = client
        self._name = name
        self._langchain: Chroma = Chroma(
            collection_name=name, client=client, embedding_function=embeddings, collection_configuration=_COSINE
        )

    @classmethod
    def open(
        cls,
        settings: Settings,
        generation_dir: Path,
        generation: str,
        embeddings: VectorEmbeddings,
        attempts: int = SERVER_ATTEMPTS,
    ) -> ChromaStore:
        """The store of ``generation``; ``StoreUnavailable`` when Chroma cannot be reached or opened."""
        client = _client(settings, generation_dir, attempts)
        try:
            return cls(client, _collection_name(settings, generation), embeddings)
        except Exception as exc:  # connection dropped between connecting and opening the collection
            raise StoreUnavailable(f"koleksi Chroma tidak dapat dibuka ({type(exc).__name__})") from exc

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        """Upsert chunks with their precomputed vectors (ids are deterministic, so a rerun never duplicates)."""
        collection = self._collection()
        for start in range(0, len(chunks), WRITE_BATCH):
            part = chunks[start : start + WRITE_BATCH]
            collection.upsert(
                ids=[c.id for c in part],
                embeddings=vectors[start : start + len(part)],
                documents=[c.indexed_text for c in part],
                metadatas=[_metadata(c) for c in part],
            )

    def close(self) -> None:
        """Release the Chroma client (for local files: its SQLite connections and HNSW segment files)."""
        with contextlib.suppress(Exception):
            self._client.close()

    def count(self) -> int:
        """Number of vectors stored for this generation."""
        return int(self._collection().count())

    def _collection(self) -> Any:
        """The raw collection (created with cosine space when the LangChain wrapper opened it)."""
        return self._client.get_collection(name=self._name, embedding_function=None)

    def search(
        self, vector: np.ndarray, k: int, audience: str | None = None, kinds: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Top ``k`` (chunk id, cosine similarity), optionally only one audience's and some kinds' chunks."""
        try:
            hits = self._langchain.similarity_search_by_vector_with_relevance_scores(
                vector.tolist(), k=k, filter=_where(audience, kinds)
            )
        except Exception as exc:  # the server went away, or the files were removed under us
            raise StoreUnavailable(f"pencarian Chroma gagal ({type(exc).__name__})") from exc
        return [(str(doc.id), 1.0 - float(distance)) for doc, distance in hits]


def remove_server_generations(settings: Settings, keep: set[str]) -> None:
    """On a Chroma server, drop this deployment's collections of generations other than ``keep``: exactly
    ``<prefix>-gen-…``, so another deployment's collections (another prefix, even one that starts like ours) stay."""
    if not settings.chroma_url:
        return
    own = re.compile(rf"{re.escape(settings.chroma_prefix)}-({_GENERATION})")
    with contextlib.suppress(Exception):
        client = _client(settings, settings.index_dir, SERVER_ATTEMPTS)
        try:
            for collection in client.list_collections():
                name = str(getattr(collection, "name", collection))
                ours = own.fullmatch(name)
                if ours and ours.group(1) not in keep:
                    client.delete_collection(name)
        finally:
            client.close()
