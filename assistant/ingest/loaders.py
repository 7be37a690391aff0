"""Read corpus files of every supported format into validated ``SourceDocument`` objects."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DocumentError
from ..text.normalise import strip_hidden
from .documents import Audience, DocumentMeta, Kind, SourceDocument, parse_markdown

SUPPORTED_SUFFIXES = (".md", ".txt", ".pdf", ".docx", ".html", ".htm")
IGNORED_NAMES = {"README.md"}


@dataclass
class LoadReport:
    """Documents that loaded and files that did not, each with its reason."""

    documents: list[SourceDocument] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)


def load_corpus(corpus_dir: Path) -> LoadReport:
    """Load every supported file under ``corpus_dir``; bad files become errors, never exceptions."""
    report = LoadReport()
    seen: dict[str, str] = {}
    for path in _corpus_files(corpus_dir):
        shown = display_path(path, corpus_dir)
        try:
            doc = load_file(path, shown)
        except DocumentError as exc:
            report.errors.append(exc)
            continue
        if doc.id in seen:
            report.errors.append(DocumentError(shown, f"id '{doc.id}' sudah dipakai oleh {seen[doc.id]}"))
            continue
        seen[doc.id] = shown
        report.documents.append(doc)
    return report


def display_path(path: Path, corpus_dir: Path) -> str:
    """Path as shown in citations: the corpus folder's name, then the path inside it."""
    return (Path(corpus_dir.name) / path.relative_to(corpus_dir)).as_posix()


def _corpus_files(corpus_dir: Path) -> Iterator[Path]:
    if not corpus_dir.is_dir():
        return
    for path in sorted(corpus_dir.rglob("*")):
        if (
            path.is_file()
            and path.suffix.lower() in SUPPORTED_SUFFIXES
            and path.name not in IGNORED_NAMES
            and not any(part.startswith(".") for part in path.relative_to(corpus_dir).parts)
        ):
            yield path


def load_file(path: Path, shown: str) -> SourceDocument:
    """Load one file; raises ``DocumentError`` naming the file and the reason."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(shown, f"file tidak dapat dibaca ({exc.strerror})") from exc
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
