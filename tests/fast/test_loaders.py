"""Loading every format, and every kind of bad input: named file, reason, the rest still loaded."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.ingest.loaders import load_corpus

from ..documents_factory import write_docx, write_markdown, write_pdf


def _errors(report) -> dict[str, str]:
    return {e.path.split("/", 1)[1]: e.reason for e in report.errors}


def test_good_files_of_every_format_load(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_markdown(corpus / "prosedur" / "uji-satu.md")
    write_pdf(corpus / "pdf" / "Edaran Pelayanan.pdf", ["Edaran Pelayanan Kelurahan", "Layanan KTP-el gratis."])
    write_docx(corpus / "docx" / "sop-domisili.docx", "SOP Surat Domisili", ["Fotokopi KK", "KTP-el"])
    (corpus / "txt").mkdir()
    (corpus / "txt" / "catatan.txt").write_text("Catatan Rapat\n\nRapat membahas pelayanan.", "utf-8")
    (corpus / "html").mkdir()
    (corpus / "html" / "info.html").write_text(
        "<html><body><h1>Info Layanan</h1><script>alert(1)</script><p>Jam layanan kantor.</p>"
        "<ul><li>Senin</li><li>Selasa</li></ul></body></html>",
        "utf-8",
    )
    report = load_corpus(corpus)
    assert report.errors == []
    by_id = {d.id: d for d in report.documents}
    assert set(by_id) == {"uji-satu", "edaran-pelayanan", "sop-domisili", "catatan", "info"}
    assert by_id["uji-satu"].path == "corpus/prosedur/uji-satu.md"
    assert "Layanan KTP-el gratis." in by_id["edaran-pelayanan"].text
    assert by_id["edaran-pelayanan"].meta.kind == "dokumen"
    assert by_id["sop-domisili"].meta.title == "SOP Surat Domisili"
    assert "## Persyaratan" in by_id["sop-domisili"].text and "- Fotokopi KK" in by_id["sop-domisili"].text
    assert by_id["catatan"].meta.title == "Catatan Rapat"
    assert "alert" not in by_id["info"].text and "- Selasa" in by_id["info"].text


def test_bad_documents_are_reported_by_name_and_reason(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_markdown(corpus / "baik.md")
    (corpus / "tanpa-front-matter.md").write_text("Hanya teks tanpa metadata.\n", "utf-8")
    (corpus / "yaml-rusak.md").write_text("---\nid: yaml-rusak\ntitle: [tidak ditutup\n---\nIsi.\n", "utf-8")
    write_markdown(corpus / "jenis-salah.md", kind="resep")
    write_markdown(corpus / "kunci-asing.md", penulis="siapa saja")
    write_markdown(corpus / "id-salah.md", id="id-lain")
    write_markdown(corpus / "a" / "kembar.md")
    write_markdown(corpus / "b" / "kembar.md")
    (corpus / "latin1.md").write_bytes("---\nid: latin1\n---\nKeterangan domisili \xe9".encode("latin-1"))
    write_pdf(corpus / "kosong.pdf", [])
    (corpus / "rusak.pdf").write_bytes(b"%PDF-1.4\nini bukan pdf yang utuh")
    (corpus / "rusak.docx").write_bytes(b"PK\x03\x04 bukan docx")
    (corpus / "kosong.txt").write_text("   \n", "utf-8")
    report = load_corpus(corpus)
    errors = _errors(report)
    assert [d.id for d in report.documents] == ["baik"], "two authored files with one id: neither wins by sort order"
    assert "front matter YAML tidak ada" in errors["tanpa-front-matter.md"]
    assert "bukan YAML" in errors["yaml-rusak.md"]
    assert "kind" in errors["jenis-salah.md"]
    assert "penulis" in errors["kunci-asing.md"]
    assert "nama file" in errors["id-salah.md"]
    assert "tidak ada yang diindeks" in errors["a/kembar.md"] and "corpus/b/kembar.md" in errors["a/kembar.md"]
    assert "tidak ada yang diindeks" in errors["b/kembar.md"]
    assert "UTF-8" in errors["latin1.md"]
    assert "tidak berisi teks" in errors["kosong.pdf"]
    assert "PDF rusak" in errors["rusak.pdf"]
    assert "DOCX rusak" in errors["rusak.docx"]
    assert "tidak ada teks" in errors["kosong.txt"]
    assert len(errors) == 12


def test_nothing_outside_the_corpus_is_read(tmp_path: Path) -> None:
    outside = tmp_path / "rahasia.txt"
    outside.write_text("Kata sandi server: rahasia-sekali\n", "utf-8")
    corpus = tmp_path / "corpus"
    write_markdown(corpus / "layanan" / "uji-satu.md")
    (corpus / "bocor.txt").symlink_to(outside)
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "a.md").symlink_to(corpus / "b.md")
    (corpus / "b.md").symlink_to(corpus / "a.md")
    (corpus / "rusak.txt").symlink_to(corpus / "tidak-ada.txt")
    (corpus / "folder-luar").symlink_to(tmp_path, target_is_directory=True)
    (corpus / "salinan-dalam.md").symlink_to(corpus / "layanan" / "uji-satu.md")
    os.mkfifo(corpus / "pipa.txt")
    report = load_corpus(corpus)
    errors = _errors(report)
    assert [d.id for d in report.documents] == ["uji-satu"]
    assert all("rahasia" not in d.text and "root:" not in d.text for d in report.documents)
    assert "ke luar folder corpus" in errors["bocor.txt"] and "ke luar folder corpus" in errors["passwd.txt"]
    assert "berputar" in errors["a.md"] and "berputar" in errors["b.md"] and "rusak" in errors["rusak.txt"]
    assert "folder tidak diikuti" in errors["folder-luar"]
    assert "bukan file biasa" in errors["pipa.txt"], "a FIFO would block the build forever"
    assert "sudah dipakai oleh corpus/layanan/uji-satu.md" in errors["salinan-dalam.md"], "a link inside is a duplicate"


def test_a_stray_copy_never_replaces_the_indexed_document(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_markdown(corpus / "layanan" / "kk-hilang.md", body="Isi yang dikurasi.")
    write_markdown(corpus / "aaa" / "kk-hilang.md", id="kk-hilang", body="Salinan liar.")
    (corpus / "aaa" / "uji-satu.txt").write_text("Satu baris saja.", "utf-8")
    write_markdown(corpus / "uji-satu.md")
    known = {"kk-hilang": "corpus/layanan/kk-hilang.md"}
    report = load_corpus(corpus, known=known)
    kept = {d.id: d.path for d in report.documents}
    assert kept == {"kk-hilang": "corpus/layanan/kk-hilang.md", "uji-satu": "corpus/uji-satu.md"}
    errors = _errors(report)
    assert "sudah dipakai oleh corpus/layanan/kk-hilang.md" in errors["aaa/kk-hilang.md"], "the new file is named"
    assert "sudah dipakai oleh corpus/uji-satu.md" in errors["aaa/uji-satu.txt"], "authored Markdown beats a derived id"


def test_a_file_over_the_size_limit_is_reported_not_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_markdown(corpus / "uji-satu.md")
    (corpus / "besar.txt").write_text("Teks panjang. " * 20_000, "utf-8")
    report = load_corpus(corpus, max_bytes=100_000)
    assert [d.id for d in report.documents] == ["uji-satu"]
    assert "terlalu besar (0.3 MB; batasnya 0.1 MB" in _errors(report)["besar.txt"]
