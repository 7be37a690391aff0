"""Staff add a document on the admin page: checked, stored under corpus/unggahan/, indexed, and answered from at once;
a refused upload changes nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gradio_client import handle_file

from ..documents_factory import write_markdown, write_pdf
from ..helpers import ADMIN_PASSWORD


def _corpus_files(corpus: Path) -> set[str]:
    return {p.relative_to(corpus).as_posix() for p in corpus.rglob("*") if p.is_file()}


def test_a_new_raker_minute_is_stored_indexed_and_answered_from(admin_app: dict[str, Any]) -> None:
    client, corpus = admin_app["client"], admin_app["corpus"]
    minutes = write_pdf(
        admin_app["root"] / "in" / "Notulen Raker Maret 2026.pdf",
        ["Notulen Rapat Kerja Lurah Maret 2026", "Lurah diminta membuka posko pengaduan banjir rob di setiap kelurahan."],
    )
    status = client.predict(ADMIN_PASSWORD, handle_file(str(minutes)), api_name="/admin_upload")
    assert "Dokumen ditambahkan" in status and "unggahan/notulen-raker-maret-2026.pdf" in status
    assert "WITA" in status and "1 baru" in status
    assert "unggahan/notulen-raker-maret-2026.pdf" in _corpus_files(corpus)
    answer = client.predict("posko pengaduan banjir rob", "petugas", api_name="/ask")
    assert "notulen-raker-maret-2026" in {s["doc_id"] for s in answer["sources"]}


def test_a_refused_upload_says_why_and_changes_nothing(admin_app: dict[str, Any], tmp_path: Path) -> None:
    client, corpus = admin_app["client"], admin_app["corpus"]
    before = _corpus_files(corpus)
    fake = tmp_path / "edaran.pdf"
    fake.write_text("ini teks biasa, bukan PDF")
    with pytest.raises(Exception, match="bukan PDF"):
        client.predict(ADMIN_PASSWORD, handle_file(str(fake)), api_name="/admin_upload")
    broken = write_markdown(tmp_path / "raker-rusak.md", kind="bukan-jenis")
    with pytest.raises(Exception, match="front matter tidak sah"):
        client.predict(ADMIN_PASSWORD, handle_file(str(broken)), api_name="/admin_upload")
    good = write_markdown(tmp_path / "raker-baru.md", kind="raker")
    with pytest.raises(Exception, match="Kata sandi admin salah"):
        client.predict("salah", handle_file(str(good)), api_name="/admin_upload")
    assert _corpus_files(corpus) == before
