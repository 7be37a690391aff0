"""Builders for test input files: Markdown with front matter, a minimal text PDF, DOCX."""

from __future__ import annotations

from pathlib import Path

import yaml


def write_markdown(path: Path, body: str = "Isi singkat dokumen uji.\n\n## Bagian\nTeks bagian.", **meta: object) -> Path:
    front = {
        "id": path.stem,
        "title": "Dokumen Uji",
        "kind": "prosedur",
        "audience": ["warga"],
        "sources": ["UU 24/2013 Pasal 79A"],
        "date": "2024-01-01",
        "valid_until": None,
        "tags": ["uji"],
    }
    front.update(meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True, sort_keys=False)}---\n{body}\n", "utf-8")
    return path


def write_pdf(path: Path, lines: list[str]) -> Path:
    """A one-page PDF whose text pypdf can extract (no lines: a PDF with no text at all)."""
    ops = ["BT", "/F1 12 Tf", "72 720 Td"]
    for line in lines:
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops += [f"({safe}) Tj", "0 -16 Td"]
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(bytes(out))
    return path


def write_docx(path: Path, title: str, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_heading("Persyaratan", level=2)
    for text in paragraphs:
        document.add_paragraph(text, style="List Bullet")
    document.add_heading("Biaya", level=2)
    document.add_paragraph("Layanan ini tidak dipungut biaya.")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path
