"""Index builds with the real embedding model and the real Chroma: incremental, model-aware, robust."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import IndexUnavailable
from assistant.indexing.build import build_index
from assistant.indexing.embeddings import E5Embeddings, VectorEmbeddings
from assistant.indexing.generations import current_generation, read_manifest
from assistant.indexing.snapshot import IndexSnapshot
from assistant.settings import Settings
from assistant.text.tokenizer import Tokenizer

from ..documents_factory import write_markdown, write_pdf
from ..helpers import cli_env


class CountingEmbeddings(VectorEmbeddings):
    """The real model, counting the chunks (``passages``) and the sentences it was asked to embed. A chunk's
    indexed text always has a heading line; a sentence is one line."""

    def __init__(self, inner: E5Embeddings) -> None:
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
        self.passages = self.sentences = 0

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        self.passages += sum("\n" in t for t in texts)
        self.sentences += sum("\n" not in t for t in texts)
        return self.inner.encode_passages(texts)

    def encode_query(self, text: str) -> np.ndarray:
        return self.inner.encode_query(text)


def _top_doc(settings: Settings, embeddings: VectorEmbeddings, question: str) -> str:
    snapshot = IndexSnapshot.open(settings, embeddings)
    row, _ = snapshot.dense(embeddings.encode_query(question), 1)[0]
    return snapshot.chunks[row].doc_id


def test_first_build_then_no_change_then_edits(small_settings: Settings, embeddings: E5Embeddings) -> None:
    counting = CountingEmbeddings(embeddings)
    first = build_index(small_settings, counting)
    assert first.documents == 3 and first.chunks == first.added == counting.passages > 0
    assert counting.sentences > first.chunks, "every sentence is embedded too (answers lead with one)"
    assert first.errors == [] and (first.updated, first.removed) == (0, 0)
    generation = current_generation(small_settings.index_dir)

    sentences = counting.sentences
    counting.passages = counting.sentences = 0
    again = build_index(small_settings, counting)
    assert (again.added, again.updated, again.removed, counting.passages, counting.sentences) == (0, 0, 0, 0, 0)
    assert current_generation(small_settings.index_dir) == generation

    doc = next(small_settings.corpus_dir.rglob("akta-kelahiran.md"))
    doc.write_text(doc.read_text("utf-8").replace("60 hari", "enam puluh hari"), "utf-8")
    changed = build_index(small_settings, counting)
    assert changed.updated >= 1 and changed.added == changed.removed == 0
    assert counting.passages == changed.updated, "only changed chunks are embedded again"
    assert 0 < counting.sentences < sentences / 2, "and only their changed sentences"
    assert current_generation(small_settings.index_dir) != generation

    doc.unlink()
    removed = build_index(small_settings, counting)
    assert removed.documents == 2 and removed.removed == changed.chunks - removed.chunks > 0
    snapshot = IndexSnapshot.open(small_settings, embeddings)
    assert {c.doc_id for c in snapshot.chunks} == {"ktp-el-hilang-rusak", "hak-pilih-syarat-usia"}
    assert snapshot.store.count() == removed.chunks, "Chroma holds no stale chunks"


def test_index_answers_queries_from_both_retrievers(small_settings: Settings, embeddings: E5Embeddings) -> None:
    build_index(small_settings, embeddings)
    assert _top_doc(small_settings, embeddings, "KTP saya hilang, apa yang harus dilakukan?") == "ktp-el-hilang-rusak"
    snapshot = IndexSnapshot.open(small_settings, embeddings)
    hits = snapshot.lexical.search(Tokenizer().tokens("akta kelahiran bayi"), 5)
    assert hits and snapshot.chunks[hits[0][0]].doc_id == "akta-kelahiran"
    assert snapshot.lexical.search(Tokenizer().tokens("resep rendang padang"), 5) == []


def test_model_change_forces_a_full_rebuild(small_settings: Settings, embeddings: E5Embeddings) -> None:
    first = build_index(small_settings, embeddings)

    class OtherModel(CountingEmbeddings):
        pass

    other = OtherModel(embeddings)
    other.model_id = "another-model"
    rebuilt = build_index(small_settings, other)
    assert rebuilt.rebuilt and "embedding model changed" in rebuilt.reason
    assert other.passages == first.chunks, "every chunk is embedded again"
    assert other.sentences > first.chunks, "and every sentence"
    assert read_manifest(small_settings.index_dir).embedding_model == "another-model"
    with pytest.raises(IndexUnavailable, match="model embedding lain"):
        IndexSnapshot.open(small_settings, embeddings)


def test_bad_documents_do_not_stop_the_build(small_settings: Settings, embeddings: E5Embeddings) -> None:
    corpus = small_settings.corpus_dir
    first = build_index(small_settings, embeddings)
    write_markdown(corpus / "rusak" / "jenis-salah.md", kind="resep")
    (corpus / "rusak" / "latin1.md").write_bytes(b"---\nid: latin1\n---\n\xe9\xe8")
    write_pdf(corpus / "rusak" / "pindaian.pdf", [])
    write_markdown(corpus / "rusak" / "ktp-el-hilang-rusak.md")
    result = build_index(small_settings, embeddings)
    assert result.documents == 3 and len(result.errors) == 4
    reasons = {e.path: e.reason for e in result.errors}
    assert set(reasons) == {
        "corpus/rusak/jenis-salah.md",
        "corpus/rusak/latin1.md",
        "corpus/rusak/pindaian.pdf",
        "corpus/rusak/ktp-el-hilang-rusak.md",
    }
    assert "sudah dipakai oleh corpus/layanan/ktp-el-hilang-rusak.md" in reasons["corpus/rusak/ktp-el-hilang-rusak.md"]
    assert result.chunks == first.chunks, "the stray copy did not replace the indexed document"


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "assistant", "index", *args],
        capture_output=True,
        text=True,
        env=cli_env(settings),
        cwd=Path(__file__).resolve().parents[2],
        timeout=600,
    )


def test_cli_json_strict_and_summary(small_settings: Settings) -> None:
    write_markdown(small_settings.corpus_dir / "rusak.md", kind="resep")
    run = _cli(small_settings, "--json")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert {"documents", "chunks", "added", "updated", "removed", "errors", "seconds"} <= set(result)
    assert result["documents"] == 3 and result["added"] == result["chunks"] > 0
    assert result["errors"] == [{"path": "corpus/rusak.md", "reason": result["errors"][0]["reason"]}]

    strict = _cli(small_settings, "--strict")
    assert strict.returncode == 3
    assert "corpus/rusak.md" in strict.stderr and "0 added, 0 updated" in strict.stdout

    bad_usage = _cli(small_settings, "--no-such-flag")
    assert bad_usage.returncode == 2 and "usage" in bad_usage.stderr


def test_exact_dense_search_in_memory_agrees_with_chroma(full_settings: Settings, embeddings, assistant) -> None:
    # ``assistant`` builds the cached full index when the corpus changed; this test only reads it
    exact = IndexSnapshot.open(full_settings, embeddings)
    chroma = IndexSnapshot.open(full_settings.model_copy(update={"exact_search_max_chunks": 0}), embeddings)
    assert exact.exact and not chroma.exact
    questions = ["Bagaimana cara merekam KTP-el?", "syarat pindah datang ke Kupang", "pungli surat tanah lapor ke mana"]
    for question in questions:
        vector = embeddings.encode_query(question)
        for audience, kinds in ((None, None), ("warga", None), ("petugas", ["regulasi"])):
            ours, theirs = exact.dense(vector, 20, audience, kinds), chroma.dense(vector, 20, audience, kinds)
            assert [r for r, _ in ours][:10] == [r for r, _ in theirs][:10], (question, audience, kinds)
            assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-4)
            chunks = [exact.chunks[r] for r, _ in ours]
            assert all((not audience or audience in c.audience) and (not kinds or c.kind in kinds) for c in chunks)
    exact.close()
    chroma.close()
