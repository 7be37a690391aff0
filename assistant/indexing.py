"""Incremental, atomic index builds: a new generation is written beside the old one, then switched to."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .documents import DocumentError
from .embeddings import VectorEmbeddings
from .loaders import LoadReport, load_corpus
from .settings import Settings
from .splitting import Chunk, chunk_from_record, chunk_to_record, split_document

SCHEMA_VERSION = 1
TOKENIZER_VERSION = 1
CURRENT_FILE = "CURRENT"
STATUS_FILE = "status.json"
EMBED_BATCH = 16


class IndexUnavailable(RuntimeError):
    """There is no usable index (missing, removed or corrupted)."""


@dataclass
class IndexResult:
    """What one ``index`` run did."""

    documents: int
    chunks: int
    added: int
    updated: int
    removed: int
    errors: list[DocumentError]
    seconds: float
    generation: str
    rebuilt: bool = False
    reason: str = ""

    def to_json(self) -> dict:
        return {
            "documents": self.documents, "chunks": self.chunks, "added": self.added, "updated": self.updated,
            "removed": self.removed, "errors": [{"path": e.path, "reason": e.reason} for e in self.errors],
            "seconds": round(self.seconds, 3), "generation": self.generation, "rebuilt": self.rebuilt,
            "reason": self.reason,
        }

    def summary(self) -> str:
        return (f"{self.documents} documents, {self.chunks} chunks: {self.added} added, {self.updated} updated, "
                f"{self.removed} removed, {len(self.errors)} errors in {self.seconds:.2f} s"
                + (f" (full rebuild: {self.reason})" if self.rebuilt else ""))


@dataclass
class Manifest:
    """Everything needed to decide what a later build can reuse."""

    schema: int
    embedding_model: str
    dimension: int
    splitter: dict
    tokenizer: int
    documents: dict[str, dict]
    chunk_ids: dict[str, str]
    built_at: str
    generation: str
    previous: str | None = None
    errors: list[dict] = field(default_factory=list)

    def fingerprint(self) -> tuple:
        return (self.schema, self.embedding_model, json.dumps(self.splitter, sort_keys=True), self.tokenizer)

    @classmethod
    def read(cls, path: Path) -> "Manifest":
        return cls(**json.loads(path.read_text("utf-8")))


def current_generation(index_dir: Path) -> str | None:
    """Name of the generation being served, or None."""
    try:
        name = (index_dir / CURRENT_FILE).read_text("utf-8").strip()
    except OSError:
        return None
    return name or None


def generation_dir(index_dir: Path, generation: str) -> Path:
    return index_dir / generation


def read_manifest(index_dir: Path) -> Manifest | None:
    generation = current_generation(index_dir)
    if not generation:
        return None
    try:
        return Manifest.read(generation_dir(index_dir, generation) / "manifest.json")
    except (OSError, ValueError, TypeError):
        return None


def read_status(index_dir: Path) -> dict:
    """The last run's summary (for admin views); empty when never indexed."""
    try:
        return json.loads((index_dir / STATUS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def is_stale(settings: Settings, embeddings: VectorEmbeddings) -> bool:
    """True when the index is missing or differs from the corpus (cheap: loads and splits, embeds nothing)."""
    manifest = read_manifest(settings.index_dir)
    if manifest is None or manifest.embedding_model != embeddings.model_id:
        return True
    _, chunks = _corpus_chunks(settings)
    return {c.key: c.id for c in chunks} != manifest.chunk_ids or \
        manifest.fingerprint() != _fingerprint(settings, embeddings)


def _corpus_chunks(settings: Settings) -> tuple[LoadReport, list[Chunk]]:
    """Load and split the whole corpus (cheap: nothing is embedded)."""
    report = load_corpus(settings.corpus_dir)
    return report, [c for d in report.documents for c in split_document(d, settings.chunk_max_chars)]


def _fingerprint(settings: Settings, embeddings: VectorEmbeddings) -> tuple:
    return (SCHEMA_VERSION, embeddings.model_id, json.dumps({"max_chars": settings.chunk_max_chars}, sort_keys=True),
            TOKENIZER_VERSION)


@contextlib.contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build_index(settings: Settings, embeddings: VectorEmbeddings, *, rebuild: bool = False,
                progress: bool = False) -> IndexResult:
    """Bring the index in line with the corpus; reuse vectors of unchanged chunks; switch atomically."""
    started = time.perf_counter()
    report, chunks = _corpus_chunks(settings)
    index_dir = settings.index_dir
    with _build_lock(index_dir):
        previous = read_manifest(index_dir)
        reason = ""
        if rebuild:
            reason = "requested"
        elif previous is None:
            reason = "no usable index" if current_generation(index_dir) else ""
        elif previous.embedding_model != embeddings.model_id:
            reason = f"embedding model changed ({previous.embedding_model} -> {embeddings.model_id})"
        elif previous.fingerprint() != _fingerprint(settings, embeddings):
            reason = "index format or splitter settings changed"
        old_ids = previous.chunk_ids if previous and not reason else {}
        new_ids = {c.key: c.id for c in chunks}
        added = sum(1 for k in new_ids if k not in old_ids)
        updated = sum(1 for k, v in new_ids.items() if k in old_ids and old_ids[k] != v)
        removed = sum(1 for k in old_ids if k not in new_ids)
        result = IndexResult(documents=len(report.documents), chunks=len(chunks), added=added, updated=updated,
                             removed=removed, errors=report.errors, seconds=0.0,
                             generation=previous.generation if previous else "", rebuilt=bool(reason),
                             reason=reason)
        if previous is not None and not reason and not (added or updated or removed):
            result.seconds = time.perf_counter() - started
            _write_status(index_dir, result)
            return result
        reusable = {} if reason else _previous_vectors(index_dir, previous)
        vectors = _embed(chunks, embeddings, reusable, progress)
        generation = _write_generation(settings, embeddings, chunks, vectors, report.errors, previous)
        _switch(index_dir, generation)
        _cleanup(settings, keep={generation, previous.generation if previous else ""})
        result.generation = generation
    result.seconds = time.perf_counter() - started
    _write_status(index_dir, result)
    return result


def _previous_vectors(index_dir: Path, previous: Manifest | None) -> dict[str, np.ndarray]:
    """Vectors of the served generation by chunk content hash (the last 12 hex of the id)."""
    if previous is None:
        return {}
    gdir = generation_dir(index_dir, previous.generation)
    try:
        records = _read_chunk_records(gdir)
        matrix = np.load(gdir / "embeddings.npy")
    except (OSError, ValueError):
        return {}
    if len(records) != len(matrix):
        return {}
    return {r["id"].rsplit(":", 1)[1]: matrix[i] for i, r in enumerate(records)}


def _embed(chunks: list[Chunk], embeddings: VectorEmbeddings, reusable: dict[str, np.ndarray],
           progress: bool) -> np.ndarray:
    from tqdm import tqdm

    todo = [i for i, c in enumerate(chunks) if c.id.rsplit(":", 1)[1] not in reusable]
    fresh: dict[int, np.ndarray] = {}
    with tqdm(total=len(todo), desc="Embedding", unit="chunk", disable=not progress or not todo,
              leave=False) as bar:
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start:start + EMBED_BATCH]
            matrix = embeddings.encode_passages([chunks[i].indexed_text for i in batch])
            for row, i in enumerate(batch):
                fresh[i] = matrix[row]
            bar.update(len(batch))
    rows = [fresh[i] if i in fresh else reusable[c.id.rsplit(":", 1)[1]] for i, c in enumerate(chunks)]
    dim = rows[0].shape[0] if rows else getattr(embeddings, "dim", 0)
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)


def _write_generation(settings: Settings, embeddings: VectorEmbeddings, chunks: list[Chunk], vectors: np.ndarray,
                      errors: list[DocumentError], previous: Manifest | None) -> str:
    from .lexical import LexicalIndex
    from .text import Tokenizer
    from .vectorstore import chroma_client, collection_name, open_store

    generation = datetime.now(timezone.utc).strftime("gen-%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]
    gdir = generation_dir(settings.index_dir, generation)
    gdir.mkdir(parents=True)
    with open(gdir / "chunks.jsonl", "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(chunk_to_record(chunk), ensure_ascii=False) + "\n")
    np.save(gdir / "embeddings.npy", vectors)
    tokenizer = Tokenizer()
    LexicalIndex.build([tokenizer.tokens(c.indexed_text) for c in chunks]).save(gdir / "bm25")
    client = chroma_client(settings, gdir)
    store = open_store(client, collection_name(settings, generation), embeddings)
    collection = store._collection
    for start in range(0, len(chunks), 500):
        part = chunks[start:start + 500]
        collection.upsert(
            ids=[c.id for c in part],
            embeddings=vectors[start:start + len(part)],
            documents=[c.indexed_text for c in part],
            metadatas=[_chroma_metadata(c) for c in part],
        )
    documents: dict[str, dict] = {}
    for chunk in chunks:
        documents.setdefault(chunk.doc_id, {"path": chunk.path, "title": chunk.title, "kind": chunk.kind,
                                            "chunks": 0})["chunks"] += 1
    manifest = Manifest(
        schema=SCHEMA_VERSION, embedding_model=embeddings.model_id, dimension=int(vectors.shape[1]) if len(vectors) else 0,
        splitter={"max_chars": settings.chunk_max_chars}, tokenizer=TOKENIZER_VERSION, documents=documents,
        chunk_ids={c.key: c.id for c in chunks}, built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        generation=generation, previous=previous.generation if previous else None,
        errors=[{"path": e.path, "reason": e.reason} for e in errors],
    )
    _write_atomic(gdir / "manifest.json", json.dumps(manifest.__dict__, ensure_ascii=False, indent=1))
    _fsync_tree(gdir)
    return generation


def _chroma_metadata(chunk: Chunk) -> dict:
    return {
        "doc_id": chunk.doc_id, "n": chunk.n, "title": chunk.title, "section": chunk.section, "kind": chunk.kind,
        "audience": ",".join(chunk.audience), "aud_warga": "warga" in chunk.audience,
        "aud_petugas": "petugas" in chunk.audience, "sources": "; ".join(chunk.sources), "path": chunk.path,
    }


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _switch(index_dir: Path, generation: str) -> None:
    """The atomic step: until this rename, readers keep the previous generation."""
    _write_atomic(index_dir / CURRENT_FILE, generation + "\n")
    fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _cleanup(settings: Settings, keep: set[str]) -> None:
    """Remove generations other than the new and the previous one (also half-written ones from crashes)."""
    for path in settings.index_dir.glob("gen-*"):
        if path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
    if settings.chroma_url:
        with contextlib.suppress(Exception):
            from .vectorstore import chroma_client

            client = chroma_client(settings, settings.index_dir)
            for collection in client.list_collections():
                name = getattr(collection, "name", collection)
                if str(name).startswith("tk-gen-") and str(name)[3:] not in keep:
                    client.delete_collection(str(name))


def _write_status(index_dir: Path, result: IndexResult) -> None:
    status = result.to_json() | {"finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    _write_atomic(index_dir / STATUS_FILE, json.dumps(status, ensure_ascii=False, indent=1))


def _read_chunk_records(gdir: Path) -> list[dict]:
    with open(gdir / "chunks.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_chunks(gdir: Path) -> list[Chunk]:
    return [chunk_from_record(r) for r in _read_chunk_records(gdir)]
