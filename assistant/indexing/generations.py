"""Index generations on disk: each build writes ``index/gen-*`` beside the served one, then ``CURRENT`` is
switched in one atomic rename. Readers and writers meet only here."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from ..ingest.splitting import Chunk, chunk_from_record

CURRENT_FILE = "CURRENT"
STATUS_FILE = "status.json"
MANIFEST_FILE = "manifest.json"
CHUNKS_FILE = "chunks.jsonl"
VECTORS_FILE = "embeddings.npy"
SENTENCES_FILE = "sentences.jsonl"
SENTENCE_VECTORS_FILE = "sentence_embeddings.npy"
LEXICAL_DIR = "bm25"
GENERATION_GLOB = "gen-*"


class Manifest(BaseModel):
    """Everything needed to decide what a later build can reuse."""

    schema_version: int = Field(alias="schema")
    embedding_model: str
    dimension: int
    splitter: dict[str, Any]
    tokenizer: int | str
    documents: dict[str, dict[str, Any]]
    chunk_ids: dict[str, str]
    built_at: str
    generation: str
    previous: str | None = None
    errors: list[dict[str, str]] = Field(default_factory=list)
    dense: bool = True
    """False for the lexical-only generation served on a first start while the embeddings are built."""

    model_config = {"populate_by_name": True}

    def fingerprint(self) -> tuple[Any, ...]:
        return (self.schema_version, self.embedding_model, json.dumps(self.splitter, sort_keys=True), self.tokenizer)

    @classmethod
    def read(cls, path: Path) -> Manifest:
        return cls.model_validate_json(path.read_text("utf-8"))

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True, indent=1)


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
    """The served generation's manifest, or None when there is none or it is damaged."""
    generation = current_generation(index_dir)
    if not generation:
        return None
    try:
        return Manifest.read(generation_dir(index_dir, generation) / MANIFEST_FILE)
    except (OSError, ValueError, TypeError):
        return None


def read_status(index_dir: Path) -> dict[str, Any]:
    """The last run's summary (for admin views); empty when never indexed."""
    try:
        status = json.loads((index_dir / STATUS_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return status if isinstance(status, dict) else {}


def read_records(path: Path) -> list[dict[str, Any]]:
    """One JSON object per line."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def read_chunk_records(gdir: Path) -> list[dict[str, Any]]:
    return read_records(gdir / CHUNKS_FILE)


def load_chunks(gdir: Path) -> list[Chunk]:
    return [chunk_from_record(r) for r in read_chunk_records(gdir)]


@contextlib.contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """One build at a time per index folder (across processes)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    with open(index_dir / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def switch(index_dir: Path, generation: str) -> None:
    """The atomic step: until this rename, readers keep the previous generation."""
    write_atomic(index_dir / CURRENT_FILE, generation + "\n")
    fd = os.open(index_dir, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_other_generations(index_dir: Path, keep: set[str]) -> None:
    """Remove generation folders other than ``keep`` (also half-written ones from crashes)."""
    for path in index_dir.glob(GENERATION_GLOB):
        if path.name not in keep and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
