"""Staff uploads: one file checked (name, type, size, content), validated as a corpus document, and placed in
``corpus/unggahan/`` without ever replacing a file, so an upload adds a document or changes nothing."""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..errors import DocumentError
from .documents import SourceDocument
from .loaders import document_from_bytes

UPLOAD_FOLDER = "unggahan"
"""Uploads go into this folder of the corpus, apart from the documents the project writes."""
ACCEPTED_SUFFIXES = (".pdf", ".docx", ".md")
NAME_CHARS = 80
_UNSAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Uploaded:
    """A document that passed every check and is now a file of the corpus."""

    document: SourceDocument
    path: Path


def safe_name(name: str) -> str:
    """The file name an upload is stored under: the client's base name, lower case, kebab-case, its suffix kept.
    Folders in the name, dots and anything else outside ``a-z0-9-`` are dropped, so it cannot leave the folder."""
    base = re.split(r"[\\/]", name.replace("\x00", ""))[-1].strip()
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem:
        raise DocumentError(base or "(tanpa nama)", "nama file harus berakhiran .pdf, .docx atau .md")
    slug = _UNSAFE.sub("-", stem.lower()).strip("-")[:NAME_CHARS].strip("-")
    if not slug:
        raise DocumentError(base, "nama file tidak berisi huruf atau angka")
    return f"{slug}.{suffix.lower()}"


def check_content(name: str, raw: bytes, max_bytes: int) -> None:
    """The file is what its suffix claims and within the size limit; raises ``DocumentError`` otherwise."""
    suffix = Path(name).suffix
    if suffix not in ACCEPTED_SUFFIXES:
        raise DocumentError(name, "jenis file tidak diterima; unggah PDF, DOCX atau Markdown (.md)")
    if not raw:
        raise DocumentError(name, "file kosong")
    if len(raw) > max_bytes:
        raise DocumentError(name, f"file terlalu besar ({len(raw) / 1e6:.1f} MB; batasnya {max_bytes / 1e6:.1f} MB)")
    if suffix == ".pdf" and not raw.startswith(b"%PDF-"):
        raise DocumentError(name, "isi file bukan PDF walaupun namanya berakhiran .pdf")
    if suffix == ".docx" and not _is_docx(raw):
        raise DocumentError(name, "isi file bukan dokumen Word (DOCX) walaupun namanya berakhiran .docx")
    if suffix == ".md" and b"\x00" in raw:
        raise DocumentError(name, "isi file bukan teks walaupun namanya berakhiran .md")


def accept_upload(corpus_dir: Path, client_name: str, raw: bytes, known_ids: Collection[str], max_bytes: int) -> Uploaded:
    """Check and validate one upload, then store it as ``corpus/unggahan/<name>``; raises ``DocumentError`` with
    the reason in Indonesian, having written nothing. The caller re-indexes."""
    name = safe_name(client_name)
    check_content(name, raw, max_bytes)
    shown = f"{UPLOAD_FOLDER}/{name}"
    document = document_from_bytes(raw, name, shown)
    if document.id in known_ids:
        raise DocumentError(shown, f"sudah ada dokumen ber-id '{document.id}'; ganti nama file atau ubah dokumen itu")
    folder = corpus_dir / UPLOAD_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    if not target.resolve().is_relative_to(corpus_dir.resolve()):
        raise DocumentError(shown, "folder unggahan menunjuk ke luar folder corpus")
    _write_new(target, raw, shown)
    return Uploaded(document=document, path=target)


def _is_docx(raw: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def _write_new(target: Path, raw: bytes, shown: str) -> None:
    """Write to a hidden temporary file (the loader skips dot files), then link it to ``target``: the file appears
    whole or not at all, and an existing file is never replaced."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.link(temporary, target)
    except FileExistsError as exc:
        raise DocumentError(shown, "file dengan nama ini sudah ada; ganti nama file") from exc
    except OSError as exc:
        raise DocumentError(shown, f"file tidak dapat disimpan ({exc.strerror})") from exc
    finally:
        temporary.unlink(missing_ok=True)
