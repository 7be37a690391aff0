"""Loading every format, and every kind of bad input: named file, reason, the rest still loaded."""

from __future__ import annotations

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
    assert [d.id for d in report.documents] == ["kembar", "baik"]
    assert "front matter YAML tidak ada" in errors["tanpa-front-matter.md"]
    assert "bukan YAML" in errors["yaml-rusak.md"]
    assert "kind" in errors["jenis-salah.md"]
    assert "penulis" in errors["kunci-asing.md"]
    assert "nama file" in errors["id-salah.md"]
    assert "sudah dipakai oleh corpus/a/kembar.md" in errors["b/kembar.md"]
    assert "UTF-8" in errors["latin1.md"]
    assert "tidak berisi teks" in errors["kosong.pdf"]
    assert "PDF rusak" in errors["rusak.pdf"]
    assert "DOCX rusak" in errors["rusak.docx"]
    assert "tidak ada teks" in errors["kosong.txt"]
    assert len(errors) == 11
