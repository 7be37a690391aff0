"""Read corpus files of every supported format into validated ``SourceDocument`` objects."""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError
from ..settings import Settings
from ..text.normalise import strip_hidden
from .documents import Audience, DocumentMeta, Kind, SourceDocument, parse_markdown

SUPPORTED_SUFFIXES = (".md", ".txt", ".pdf", ".docx", ".html", ".htm")
IGNORED_NAMES = {"README.md"}


@dataclass
class LoadReport:
    """Documents that loaded and files that did not, each with its reason."""

    documents: list[SourceDocument] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)


DEFAULT_MAX_BYTES = Settings.model_fields["max_document_bytes"].default


def load_corpus(corpus_dir: Path, *, max_bytes: int = DEFAULT_MAX_BYTES, known: Mapping[str, str] | None = None) -> LoadReport:
    """Load every supported file under ``corpus_dir``; bad files become errors, never exceptions.

    Nothing outside ``corpus_dir`` is read: symbolic links that leave it, link loops, folder links and anything
    that is not a regular file are reported. Two files with one id never replace each other silently: the file
    already indexed under that id (``known``: doc id → shown path) is kept, else an authored Markdown file over
    a derived one; when that does not decide, neither is indexed until the ids differ."""
    report = LoadReport()
    by_id: dict[str, list[SourceDocument]] = {}
    linked: set[str] = set()
    for path, shown, is_link in _corpus_files(corpus_dir, report):
        if is_link:
            linked.add(shown)
        try:
            doc = load_file(path, shown, max_bytes)
        except DocumentError as exc:
            report.errors.append(exc)
            continue
        by_id.setdefault(doc.id, []).append(doc)
    for doc_id, docs in by_id.items():
        kept = _keep_one(docs, (known or {}).get(doc_id), linked)
        if kept is not None:
            report.documents.append(kept)
        for doc in docs:
            if doc is kept:
                continue
            reason = (
                f"id '{doc_id}' sudah dipakai oleh {kept.path}; file ini tidak diindeks"
                if kept is not None
                else f"id '{doc_id}' dipakai oleh beberapa file ({', '.join(d.path for d in docs)}); tidak ada yang "
                "diindeks sampai id-nya dibedakan"
            )
            report.errors.append(DocumentError(doc.path, reason))
    report.errors.sort(key=lambda e: e.path)
    return report


def _keep_one(docs: list[SourceDocument], indexed_path: str | None, linked: set[str]) -> SourceDocument | None:
    """The one file to index under an id: the indexed one, else the only real file, else the only Markdown."""
    if len(docs) == 1:
        return docs[0]
    for doc in docs:
        if doc.path == indexed_path:
            return doc
    for preferred in ([d for d in docs if d.path not in linked], [d for d in docs if d.path.endswith(".md")]):
        if len(preferred) == 1:
            return preferred[0]
    return None


def display_path(path: Path, corpus_dir: Path) -> str:
    """Path as shown in citations: the corpus folder's name, then the path inside it."""
    return (Path(corpus_dir.name) / path.relative_to(corpus_dir)).as_posix()


def _corpus_files(corpus_dir: Path, report: LoadReport) -> Iterator[tuple[Path, str, bool]]:
    """(path to read, path shown, whether it is a link) of every candidate file, in sorted order; refusals go
    to ``report``."""
    if not corpus_dir.is_dir():
        return
    root = corpus_dir.resolve()
    for folder, dirs, files in os.walk(corpus_dir, followlinks=False):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            if (base / name).is_symlink():
                dirs.remove(name)
                report.errors.append(
                    DocumentError(display_path(base / name, corpus_dir), "tautan simbolik ke folder tidak diikuti")
                )
        for name in sorted(files):
            path = base / name
            if name.startswith(".") or name in IGNORED_NAMES or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            shown = display_path(path, corpus_dir)
            try:
                target = path.resolve(strict=True)
            except (OSError, RuntimeError):
                report.errors.append(DocumentError(shown, "tautan simbolik rusak atau berputar (loop); tidak dibaca"))
                continue
            if not target.is_relative_to(root):
                report.errors.append(DocumentError(shown, "tautan simbolik menunjuk ke luar folder corpus; tidak dibaca"))
                continue
            yield target, shown, path.is_symlink()


def load_file(path: Path, shown: str, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceDocument:
    """Load one regular file of at most ``max_bytes``; raises ``DocumentError`` naming the file and the reason."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DocumentError(shown, "bukan file biasa; tidak dibaca")
        if info.st_size > max_bytes:
            raise DocumentError(
                shown,
                f"file terlalu besar ({info.st_size / 1e6:.1f} MB; batasnya {max_bytes / 1e6:.1f} MB, lihat "
                "ASSISTANT_MAX_DOCUMENT_BYTES)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(shown, f"file tidak dapat dibaca ({exc.strerror})") from exc
    return document_from_bytes(raw, path.name, shown)


def document_from_bytes(raw: bytes, name: str, shown: str) -> SourceDocument:
    """Parse the content of a file called ``name`` (its suffix picks the reader); raises ``DocumentError``."""
    path = Path(name)
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    if suffix == ".md":
        meta, body = parse_markdown(_decode(raw, shown), shown, path.stem)
        return SourceDocument(meta=meta, text=strip_hidden(body), path=shown, digest=digest)
    reader = _READERS[suffix]
    body = strip_hidden(reader(raw, shown)).strip()
    if not body:
        raise DocumentError(shown, "tidak ada teks yang dapat diambil dari file ini")
    return SourceDocument(meta=derived_meta(path, body), text=body, path=shown, digest=digest)


def derived_meta(path: Path, body: str) -> DocumentMeta:
    """Metadata for non-Markdown files: title from the first heading or line, kind 'dokumen'."""
    first = next((line.strip("# ").strip() for line in body.splitlines() if line.strip()), "")
    title = first[:120] if 3 <= len(first) <= 200 else path.stem.replace("_", " ").replace("-", " ")
    doc_id = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "dokumen"
    return DocumentMeta(id=doc_id, title=title, kind=Kind.DOKUMEN, audience=tuple(Audience))


def _decode(raw: bytes, shown: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(shown, f"bukan teks UTF-8 (byte tidak sah di posisi {exc.start})") from exc
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def _read_txt(raw: bytes, shown: str) -> str:
    return _decode(raw, shown)


def _read_pdf(raw: bytes, shown: str) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise DocumentError(shown, "PDF terkunci dengan kata sandi")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DocumentError(shown, f"PDF rusak atau tidak dapat dibaca ({type(exc).__name__})") from exc
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise DocumentError(shown, "PDF tidak berisi teks (mungkin hasil pindaian; perlu OCR)")
    return text


def _read_docx(raw: bytes, shown: str) -> str:
    import io
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(shown, f"DOCX rusak atau tidak dapat dibaca ({type(exc).__name__})") from exc
    lines: list[str] = []
    for para in document.paragraphs:
        text = para.text.strip()
        if not text:
            continue
        style = (para.style.name if para.style is not None else "") or ""
        level = re.match(r"Heading (\d)", style)
        if level:
            lines.append("#" * int(level.group(1)) + " " + text)
        elif "List" in style:
            lines.append("- " + text)
        else:
            lines.append(text)
        lines.append("")
    return "\n".join(lines)


def _read_html(raw: bytes, shown: str) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode(raw, shown), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "iframe", "svg"]):
        tag.decompose()
    lines: list[str] = []
    for tag in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "pre", "td"]):
        text = " ".join(tag.get_text(" ", strip=True).split())
        if not text or tag.find_parent(["li", "p"]) is not None:
            continue
        if tag.name.startswith("h"):
            lines.append("#" * int(tag.name[1]) + " " + text)
        elif tag.name == "li":
            lines.append("- " + text)
        else:
            lines.append(text)
        lines.append("")
    return "\n".join(lines)


_READERS: dict[str, Callable[[bytes, str], str]] = {
    ".txt": _read_txt,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".html": _read_html,
    ".htm": _read_html,
}
