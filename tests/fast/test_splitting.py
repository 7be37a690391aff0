"""Splitter invariants: no text lost, headings kept as sections, Pasal boundaries, lists whole, size bounds."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.ingest.loaders import load_corpus, load_file
from assistant.ingest.splitting import split_document

from ..documents_factory import write_markdown
from ..helpers import CORPUS, REGULATIONS

_HEADING_LINE = re.compile(r"^(#{1,6} .*|\s*(\*\*)?Pasal\s+(\d+[A-Z]?|[IVXLC]+)(\*\*)?\s*|\s*BAB\s+[IVXLC]+[A-Z]?\s*)$")


def _words_outside_headings(text: str) -> list[str]:
    return [w for line in text.splitlines() if not _HEADING_LINE.match(line) for w in line.split()]


def _assert_no_text_lost(doc, chunks) -> None:
    assert [w for c in chunks for w in c.text.split()] == _words_outside_headings(doc.text)


def test_corpus_documents_lose_no_text_and_keep_headings() -> None:
    for doc in load_corpus(CORPUS).documents:
        chunks = split_document(doc, 1200)
        _assert_no_text_lost(doc, chunks)
        headings = [m.group(1).strip() for m in re.finditer(r"^#{2,6} (.+)$", doc.text, re.M)]
        sections = " | ".join(c.section for c in chunks)
        for heading in headings:
            assert heading.strip("* ") in sections, (doc.path, heading)


@pytest.fixture(scope="module")
def regulation(tmp_path_factory: pytest.TempPathFactory):
    if not (REGULATIONS / "uu_2013_24.md").exists():
        pytest.fail(f"real regulation missing: {REGULATIONS}")
    path = tmp_path_factory.mktemp("reg") / "uu_2013_24.txt"
    shutil.copy(REGULATIONS / "uu_2013_24.md", path)
    return load_file(path, "corpus/uu_2013_24.txt")


def test_real_regulation_splits_at_pasal_boundaries(regulation) -> None:
    chunks = split_document(regulation, 1200)
    _assert_no_text_lost(regulation, chunks)
    assert all(len(c.text) <= 1200 for c in chunks)
    pasal_sections = [c.section for c in chunks if "Pasal" in c.section]
    assert "Pasal 79A" in {s.split(" > ")[-1] for s in pasal_sections}
    assert "Pasal 95B" in {s.split(" > ")[-1] for s in pasal_sections}
    for chunk in chunks:  # a chunk never runs into the next article
        assert not re.search(r"^\s*Pasal\s+\d+[A-Z]?\s*$", chunk.text, re.M), chunk.section
    pasal_79a = [c for c in chunks if c.section.endswith("Pasal 79A")]
    assert any("tidak dipungut biaya" in c.text for c in pasal_79a)


def test_lists_are_kept_whole_and_long_sections_are_bounded(tmp_path: Path) -> None:
    steps = "\n".join(f"{i}. Langkah nomor {i} untuk mengurus dokumen." for i in range(1, 8))
    long_para = " ".join(f"Kalimat panjang nomor {i} tentang pelayanan kelurahan." for i in range(80))
    body = f"Jawaban langsung.\n\n## Langkah\nUrutan langkah:\n\n{steps}\n\n## Catatan\n### Rinci\n{long_para}"
    doc = load_file(write_markdown(tmp_path / "uji-daftar.md", body=body), "corpus/uji-daftar.md")
    chunks = split_document(doc, 400)
    _assert_no_text_lost(doc, chunks)
    step_chunks = [c for c in chunks if c.section == "Langkah"]
    assert any(steps in c.text for c in step_chunks), "a list that fits must stay in one chunk"
    detail = [c for c in chunks if c.section == "Catatan > Rinci"]
    assert len(detail) > 1 and all(len(c.text) <= 400 for c in detail)
    assert [c.n for c in chunks] == list(range(len(chunks)))
    assert len({c.id for c in chunks}) == len(chunks)


def test_chunks_carry_citation_metadata() -> None:
    doc = next(d for d in load_corpus(CORPUS).documents if d.id == "ktp-el-hilang-rusak")
    chunk = split_document(doc)[0]
    assert (chunk.doc_id, chunk.title, chunk.kind) == ("ktp-el-hilang-rusak", doc.meta.title, "prosedur")
    assert chunk.path == "corpus/layanan/ktp-el-hilang-rusak.md"
    assert chunk.audience == doc.meta.audience and chunk.sources == doc.meta.sources
    assert chunk.id.startswith("ktp-el-hilang-rusak:000:")
