"""Incremental, atomic index builds: unchanged chunks keep their vectors; a new generation is written beside the
old one, then switched to."""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from ..errors import DocumentError
from ..ingest.loaders import LoadReport, load_corpus
from ..ingest.sentences import split_sentences
from ..ingest.splitting import Chunk, chunk_to_record, split_document
from ..settings import Settings
from . import generations as gen
from .embeddings import VectorEmbeddings
from .store import ChromaStore, remove_server_generations

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2
"""2: sentences of every chunk are embedded too (answers lead with the best sentence)."""
TOKENIZER_VERSION = 2
"""2: stems from the lexicon's ``stems`` override PySastrawi's."""
EMBED_BATCH = 16


class FileError(BaseModel):
    """A corpus file that was not indexed, and why."""

    path: str
    reason: str


class IndexResult(BaseModel):
    """What one ``index`` run did."""

    documents: int
    chunks: int
    added: int
    updated: int
    removed: int
    errors: list[FileError] = Field(default_factory=list)
    seconds: float = 0.0
    generation: str = ""
    rebuilt: bool = False
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json") | {"seconds": round(self.seconds, 3)}

    def summary(self) -> str:
        return (
            f"{self.documents} documents, {self.chunks} chunks: {self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {len(self.errors)} errors in {self.seconds:.2f} s"
            + (f" (full rebuild: {self.reason})" if self.rebuilt else "")
        )


def _file_errors(errors: list[DocumentError]) -> list[FileError]:
    return [FileError(path=e.path, reason=e.reason) for e in errors]


@dataclass
class Progress:
    """How far a running build is: texts embedded of those it has to embed (the app shows it while it serves)."""

    done: int = 0
    total: int = 0

    def percent(self) -> int:
        return int(100 * self.done / self.total) if self.total else 0


def is_stale(settings: Settings, embeddings: VectorEmbeddings) -> bool:
    """True when the index is missing, lexical-only, or differs from the corpus (cheap: loads and splits, embeds
    nothing)."""
    manifest = gen.read_manifest(settings.index_dir)
    if manifest is None or manifest.embedding_model != embeddings.model_id or not manifest.dense:
        return True
    _, chunks = _corpus_chunks(settings, manifest)
    return {c.key: c.id for c in chunks} != manifest.chunk_ids or manifest.fingerprint() != _fingerprint(settings, embeddings)


def _corpus_chunks(settings: Settings, indexed: gen.Manifest | None) -> tuple[LoadReport, list[Chunk]]:
    """Load and split the whole corpus (cheap: nothing is embedded); ``indexed`` decides duplicate ids."""
    known = {doc_id: str(d.get("path", "")) for doc_id, d in indexed.documents.items()} if indexed else None
    report = load_corpus(settings.corpus_dir, max_bytes=settings.max_document_bytes, known=known)
    return report, [c for d in report.documents for c in split_document(d, settings.chunk_max_chars)]


def _fingerprint(settings: Settings, embeddings: VectorEmbeddings) -> tuple[Any, ...]:
    return (
        SCHEMA_VERSION,
        embeddings.model_id,
        json.dumps(_splitter(settings), sort_keys=True),
        tokenizer_fingerprint(),
    )


SENTENCES_VERSION = 2
"""2: a name's initials ("A.D.E. Manafe") do not end a sentence."""


def _splitter(settings: Settings) -> dict[str, int]:
    return {"max_chars": settings.chunk_max_chars, "sentences": SENTENCES_VERSION}


def tokenizer_fingerprint() -> str:
    """The tokenizer's version and its lexicon's digest: an edited lexicon rebuilds the lexical index."""
    from importlib import resources

    lexicon = resources.files("assistant.text").joinpath("data", "lexicon.yaml").read_bytes()
    return f"{TOKENIZER_VERSION}:{hashlib.sha256(lexicon).hexdigest()[:12]}"


def _rebuild_reason(settings: Settings, embeddings: VectorEmbeddings, previous: gen.Manifest | None, requested: bool) -> str:
    if requested:
        return "requested"
    if previous is None:
        return "no usable index" if gen.current_generation(settings.index_dir) else ""
    if not previous.dense:
        return "embeddings of the lexical-only first start"
    if previous.embedding_model != embeddings.model_id:
        return f"embedding model changed ({previous.embedding_model} -> {embeddings.model_id})"
    if previous.fingerprint() != _fingerprint(settings, embeddings):
        return "index format or splitter settings changed"
    return ""


def build_index(
    settings: Settings,
    embeddings: VectorEmbeddings,
    *,
    rebuild: bool = False,
    progress: bool = False,
    lexical_only: bool = False,
    tracker: Progress | None = None,
) -> IndexResult:
    """Bring the index in line with the corpus; reuse vectors of unchanged chunks; switch atomically.

    ``lexical_only`` writes a generation without embeddings in about a second (chunks, sentences and BM25), for a
    first start to serve while the full build runs; a later build without it embeds everything. ``tracker`` is
    updated as texts are embedded."""
    started = time.perf_counter()
    index_dir = settings.index_dir
    with gen.build_lock(index_dir):
        previous = gen.read_manifest(index_dir)
        report, chunks = _corpus_chunks(settings, previous)
        reason = "" if lexical_only else _rebuild_reason(settings, embeddings, previous, rebuild)
        old_ids = previous.chunk_ids if previous and not reason else {}
        new_ids = {c.key: c.id for c in chunks}
        result = IndexResult(
            documents=len(report.documents),
            chunks=len(chunks),
            added=sum(1 for k in new_ids if k not in old_ids),
            updated=sum(1 for k, v in new_ids.items() if k in old_ids and old_ids[k] != v),
            removed=sum(1 for k in old_ids if k not in new_ids),
            errors=_file_errors(report.errors),
            generation=previous.generation if previous else "",
            rebuilt=bool(reason),
            reason=reason,
        )
        if previous is not None and not reason and not (result.added or result.updated or result.removed):
            _restore_store(settings, embeddings, previous)
            gen.remove_other_generations(index_dir, {previous.generation, previous.previous or ""})
            result.seconds = time.perf_counter() - started
            _write_status(settings, result)
            return result
        sentences = chunk_sentences(chunks)
        if lexical_only:
            vectors = np.zeros((len(chunks), 0), dtype=np.float32)
            sentence_vectors = np.zeros((len(sentences), 0), dtype=np.float32)
        else:
            # vectors depend only on the model and the text (in the key), so a format or tokenizer change keeps them;
            # a lexical-only generation has none to give
            reuse = not rebuild and previous is not None and previous.dense and previous.embedding_model == embeddings.model_id
            reusable = _previous_vectors(settings, previous) if reuse else {}
            reusable_sentences = _previous_sentence_vectors(settings, previous) if reuse else {}
            chunk_keys = [_chunk_key(c) for c in chunks]
            tracker = tracker or Progress()
            tracker.done = 0
            tracker.total = sum(k not in reusable for k in chunk_keys) + sum(s.key not in reusable_sentences for s in sentences)
            vectors = _embed([c.indexed_text for c in chunks], chunk_keys, embeddings, reusable, progress, tracker)
            sentence_vectors = _embed(
                [s.embedded_text for s in sentences],
                [s.key for s in sentences],
                embeddings,
                reusable_sentences,
                progress,
                tracker,
                unit="sentence",
            )
        generation = _write_generation(
            settings, embeddings, chunks, vectors, (sentences, sentence_vectors), result.errors, previous, not lexical_only
        )
        gen.switch(index_dir, generation)
        keep = {generation, previous.generation if previous else ""}
        gen.remove_other_generations(index_dir, keep)
        remove_server_generations(settings, keep)
        result.generation = generation
    result.seconds = time.perf_counter() - started
    _write_status(settings, result)
    return result


def _restore_store(settings: Settings, embeddings: VectorEmbeddings, manifest: gen.Manifest) -> None:
    """Put the generation's vectors back into its store when the store lacks them (a new or wiped Chroma server,
    a deployment moving from local files to a server): they are on disk beside the chunks, so nothing is embedded."""
    if not manifest.dense:
        return
    gdir = gen.generation_dir(settings.index_dir, manifest.generation)
    store = ChromaStore.open(settings, gdir, manifest.generation, embeddings)
    try:
        if store.count() != len(manifest.chunk_ids):  # the manifest counts the chunks: nothing read when all is well
            chunks = gen.load_chunks(gdir)
            log.warning("the vector store lacks generation %s: restoring %d vectors from disk", manifest.generation, len(chunks))
            store.add(chunks, np.load(gdir / gen.VECTORS_FILE))
    finally:
        store.close()


def _previous_vectors(settings: Settings, previous: gen.Manifest | None) -> dict[str, np.ndarray]:
    """Vectors of the served generation by chunk content hash (the last 12 hex of the id)."""
    if previous is None:
        return {}
    gdir = gen.generation_dir(settings.index_dir, previous.generation)
    try:
        records = gen.read_chunk_records(gdir)
        matrix = np.load(gdir / gen.VECTORS_FILE)
    except (OSError, ValueError):
        return {}
    if len(records) != len(matrix):
        return {}
    return {r["id"].rsplit(":", 1)[1]: matrix[i] for i, r in enumerate(records)}


def _previous_sentence_vectors(settings: Settings, previous: gen.Manifest | None) -> dict[str, np.ndarray]:
    """Sentence vectors of the served generation by the hash of the embedded text."""
    if previous is None:
        return {}
    gdir = gen.generation_dir(settings.index_dir, previous.generation)
    try:
        records = gen.read_records(gdir / gen.SENTENCES_FILE)
        matrix = np.load(gdir / gen.SENTENCE_VECTORS_FILE)
    except (OSError, ValueError):
        return {}
    if len(records) != len(matrix):
        return {}
    return {r["key"]: matrix[i] for i, r in enumerate(records)}


def _chunk_key(chunk: Chunk) -> str:
    return chunk.id.rsplit(":", 1)[1]


@dataclass(frozen=True)
class Sentence:
    """One sentence of a chunk, as embedded: its chunk's row, its text, and the text the vector was made of."""

    row: int
    text: str
    embedded_text: str

    @property
    def key(self) -> str:
        """Content key for vector reuse across builds."""
        return hashlib.sha256(self.embedded_text.encode("utf-8")).hexdigest()[:16]


def chunk_sentences(chunks: list[Chunk]) -> list[Sentence]:
    """Every sentence of every chunk, in order, embedded on its own: sentences are only ranked within the
    answering document, so its topic is already settled (a title prefix made short sentences look alike)."""
    return [Sentence(row, text, text) for row, chunk in enumerate(chunks) for text in split_sentences(chunk.text)]


def _embed(
    texts: list[str],
    keys: list[str],
    embeddings: VectorEmbeddings,
    reusable: dict[str, np.ndarray],
    progress: bool,
    tracker: Progress,
    unit: str = "chunk",
) -> np.ndarray:
    """Vectors for ``texts``, reusing those whose key is in ``reusable``."""
    from tqdm import tqdm

    todo = [i for i, key in enumerate(keys) if key not in reusable]
    fresh: dict[int, np.ndarray] = {}
    with tqdm(total=len(todo), desc="Embedding", unit=unit, disable=not progress or not todo, leave=False) as bar:
        for start in range(0, len(todo), EMBED_BATCH):
            batch = todo[start : start + EMBED_BATCH]
            matrix = embeddings.encode_passages([texts[i] for i in batch])
            for row, i in enumerate(batch):
                fresh[i] = matrix[row]
            bar.update(len(batch))
            tracker.done += len(batch)
            if tracker.total and tracker.done * 10 // tracker.total != (tracker.done - len(batch)) * 10 // tracker.total:
                log.info("embedding: %d of %d texts (%d%%)", tracker.done, tracker.total, tracker.percent())
    rows = [fresh[i] if i in fresh else reusable[key] for i, key in enumerate(keys)]
    dim = rows[0].shape[0] if rows else getattr(embeddings, "dim", 0)
    return np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)


def _write_generation(
    settings: Settings,
    embeddings: VectorEmbeddings,
    chunks: list[Chunk],
    vectors: np.ndarray,
    sentences: tuple[list[Sentence], np.ndarray],
    errors: list[FileError],
    previous: gen.Manifest | None,
    dense: bool,
) -> str:
    from ..text.tokenizer import Tokenizer
    from .lexical import LexicalIndex

    generation = datetime.now(timezone.utc).strftime("gen-%Y%m%dT%H%M%S-") + uuid.uuid4().hex[:6]
    gdir = gen.generation_dir(settings.index_dir, generation)
    gdir.mkdir(parents=True)
    with open(gdir / gen.CHUNKS_FILE, "w", encoding="utf-8") as handle:
        for chunk in chunks:
            handle.write(json.dumps(chunk_to_record(chunk), ensure_ascii=False) + "\n")
    np.save(gdir / gen.VECTORS_FILE, vectors)
    with open(gdir / gen.SENTENCES_FILE, "w", encoding="utf-8") as handle:
        for sentence in sentences[0]:
            handle.write(json.dumps({"row": sentence.row, "text": sentence.text, "key": sentence.key}, ensure_ascii=False) + "\n")
    np.save(gdir / gen.SENTENCE_VECTORS_FILE, sentences[1])
    tokenizer = Tokenizer()
    LexicalIndex.build([tokenizer.tokens(c.indexed_text) for c in chunks]).save(gdir / gen.LEXICAL_DIR)
    if dense:
        store = ChromaStore.open(settings, gdir, generation, embeddings)
        try:
            store.add(chunks, vectors)
        finally:
            store.close()
    documents: dict[str, dict[str, Any]] = {}
    for chunk in chunks:
        documents.setdefault(chunk.doc_id, {"path": chunk.path, "title": chunk.title, "kind": chunk.kind.value, "chunks": 0})[
            "chunks"
        ] += 1
    manifest = gen.Manifest(
        schema_version=SCHEMA_VERSION,
        embedding_model=embeddings.model_id,
        dimension=int(vectors.shape[1]) if len(vectors) else 0,
        splitter=_splitter(settings),
        tokenizer=tokenizer_fingerprint(),
        documents=documents,
        chunk_ids={c.key: c.id for c in chunks},
        built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        generation=generation,
        previous=previous.generation if previous else None,
        errors=[e.model_dump() for e in errors],
        dense=dense,
    )
    gen.write_atomic(gdir / gen.MANIFEST_FILE, manifest.to_json())
    gen.fsync_tree(gdir)
    return generation


def _write_status(settings: Settings, result: IndexResult) -> None:
    status = result.to_json() | {"finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    gen.write_atomic(settings.index_dir / gen.STATUS_FILE, json.dumps(status, ensure_ascii=False, indent=1))
