"""Staff uploads: checked, validated and stored as a new corpus file, or refused with a reason and nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DocumentError
from assistant.ingest.loaders import load_corpus
from assistant.ingest.upload import UPLOAD_FOLDER, accept_upload, safe_name

from ..documents_factory import write_docx, write_markdown, write_pdf

LIMIT = 1_000_000


def _files(corpus: Path) -> list[str]:
    return sorted(p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    "client_name, stored",
    [
        ("Notulen Raker 2026.pdf", "notulen-raker-2026.pdf"),
        ("../../etc/passwd.md", "passwd.md"),
        ("C:\\Users\\staf\\SOP Domisili.DOCX", "sop-domisili.docx"),
        ("raker\x00.md", "raker.md"),
        ("..md", None),
        ("tanpa-akhiran", None),
        ("!!!.pdf", None),
    ],
)
def test_the_stored_name_stays_inside_the_upload_folder(client_name: str, stored: str | None) -> None:
    if stored is None:
        with pytest.raises(DocumentError):
            safe_name(client_name)
    else:
        assert safe_name(client_name) == stored


def test_a_valid_document_of_each_format_is_stored_and_then_loads_with_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_markdown(corpus / "layanan" / "akta-kelahiran.md")
    pdf = write_pdf(tmp_path / "in" / "Notulen Raker.pdf", ["Notulen Raker Camat dan Lurah 2026", "Arahan pelayanan."])
    docx = write_docx(tmp_path / "in" / "sop.docx", "SOP Surat Domisili", ["Fotokopi KK", "KTP-el"])
    markdown = write_markdown(tmp_path / "in" / "raker-2026-03-01.md", title="Raker 1 Maret 2026", kind="raker")
    for source in (pdf, docx, markdown):
        uploaded = accept_upload(corpus, source.name, source.read_bytes(), {"akta-kelahiran"}, LIMIT)
        assert uploaded.path.parent == corpus / UPLOAD_FOLDER and uploaded.path.read_bytes() == source.read_bytes()
    assert _files(corpus) == [
        "layanan/akta-kelahiran.md",
        "unggahan/notulen-raker.pdf",
        "unggahan/raker-2026-03-01.md",
        "unggahan/sop.docx",
    ], "no temporary file is left behind"
    report = load_corpus(corpus)
    assert report.errors == [] and {d.id for d in report.documents} >= {"notulen-raker", "sop", "raker-2026-03-01"}


def _refusal(corpus: Path, name: str, raw: bytes, known: set[str] | None = None, limit: int = LIMIT) -> str:
    before = _files(corpus)
    with pytest.raises(DocumentError) as refused:
        accept_upload(corpus, name, raw, known or set(), limit)
    assert _files(corpus) == before, "a refused upload writes nothing"
    return refused.value.reason


def test_uploads_that_are_not_what_they_claim_or_too_big_are_refused_with_the_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    pdf = write_pdf(tmp_path / "ok.pdf", ["Edaran Kelurahan", "Isi edaran."]).read_bytes()
    assert "bukan PDF" in _refusal(corpus, "edaran.pdf", b"<html>bukan pdf</html>")
    assert "bukan dokumen Word" in _refusal(corpus, "sop.docx", b"PK\x03\x04 arsip zip palsu")
    assert "bukan teks" in _refusal(corpus, "catatan.md", b"---\x00\x01")
    assert "tidak diterima" in _refusal(corpus, "program.exe", b"MZ\x90\x00")
    assert "kosong" in _refusal(corpus, "kosong.pdf", b"")
    assert "terlalu besar" in _refusal(corpus, "besar.pdf", pdf, limit=len(pdf) - 1)
    assert "PDF tidak berisi teks" in _refusal(corpus, "pindaian.pdf", write_pdf(tmp_path / "scan.pdf", []).read_bytes())


def test_an_invalid_or_clashing_document_is_refused_and_no_file_is_replaced(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    source = write_markdown(tmp_path / "in" / "raker-baru.md", title="Raker Baru", kind="raker")
    assert "front matter" in _refusal(corpus, "raker-baru.md", b"# Raker tanpa front matter\n\nIsi.")
    assert "harus sama dengan nama file" in _refusal(corpus, "nama-lain.md", source.read_bytes())
    assert "sudah ada dokumen" in _refusal(corpus, "raker-baru.md", source.read_bytes(), known={"raker-baru"})
    accept_upload(corpus, "raker-baru.md", source.read_bytes(), set(), LIMIT)
    changed = source.read_bytes().replace(b"Raker Baru", b"Raker Diubah")
    assert "sudah ada" in _refusal(corpus, "raker-baru.md", changed)
    assert (corpus / UPLOAD_FOLDER / "raker-baru.md").read_bytes() == source.read_bytes()
