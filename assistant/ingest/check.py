"""The corpus check staff run before indexing (``python -m assistant corpus check``): every document valid, opening
with a direct answer, with sources, cross-references that resolve, no duplicate titles, contact details only
where they are dated, and a list of what is due for re-checking."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from .documents import Kind, SourceDocument
from .loaders import DEFAULT_MAX_BYTES, load_corpus

LEAD_MIN_WORDS = 15
LEAD_MAX_WORDS = 90
"""The opening paragraph answers directly: long enough to say something, short enough to be read first."""
STALE_DAYS = 365
"""A document whose content was last checked longer ago than this is listed for re-checking."""
SERVICE_NUMBERS = frozenset({"110", "112", "113", "115", "118", "119", "137", "1708", "193", "1193"})
"""Public short numbers (emergency, police, fire, ambulance, SAR, Ombudsman, LAPOR!, former Saber Pungli)."""

_SEE_ALSO = re.compile(r"Lihat juga:\s*(.+)")
_LONG_NUMBER = re.compile(r"(?:\+62|(?<![\w/.,-])0)[\d\s().-]{7,}\d")
_SHORT_NUMBER = re.compile(
    r"\b(?:telepon|telpon|telp|hp|wa|whatsapp|hubungi|call center|callcenter|sms|hotline|nomor)\b\W{0,3}"
    r"(?:[A-Za-z]+\s+){0,2}?\(?(\d{3,6})\b",
    re.I,
)
_ADDRESS = re.compile(r"\b(Jl\.|Jalan)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*(?:\s+No\.?\s*\d+)?")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


class Finding(BaseModel):
    """One problem: an error stops the check (exit 3), a warning is listed."""

    path: str
    message: str


@dataclass
class CorpusReport:
    """What ``check_corpus`` found."""

    documents: int = 0
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "errors": [f.model_dump() for f in self.errors],
            "warnings": [f.model_dump() for f in self.warnings],
        }


def check_corpus(corpus_dir: Path, today: dt.date, max_bytes: int = DEFAULT_MAX_BYTES) -> CorpusReport:
    """Check every document under ``corpus_dir``; nothing is indexed or changed."""
    loaded = load_corpus(corpus_dir, max_bytes=max_bytes)
    report = CorpusReport(documents=len(loaded.documents))
    report.errors += [Finding(path=e.path, message=e.reason) for e in loaded.errors]
    authored = [d for d in loaded.documents if d.meta.kind is not Kind.DOKUMEN]
    titles: dict[str, str] = {}
    for doc in authored:
        key = doc.meta.title.strip().lower()
        if key in titles:
            report.errors.append(Finding(path=doc.path, message=f"judul sama dengan {titles[key]}"))
        titles.setdefault(key, doc.path)
    for doc in authored:
        _check_document(doc, titles, today, report)
    return report


def _check_document(doc: SourceDocument, titles: dict[str, str], today: dt.date, report: CorpusReport) -> None:
    def error(message: str) -> None:
        report.errors.append(Finding(path=doc.path, message=message))

    def warning(message: str) -> None:
        report.warnings.append(Finding(path=doc.path, message=message))

    lead = doc.text.split("\n\n", 1)[0].strip()
    words = len(lead.split())
    if lead.startswith("#") or not LEAD_MIN_WORDS <= words <= LEAD_MAX_WORDS:
        error(f"paragraf pembuka harus berupa jawaban langsung {LEAD_MIN_WORDS}-{LEAD_MAX_WORDS} kata (sekarang {words})")
    if not doc.meta.sources:
        error("tidak ada sumber (sources) di front matter")
    if doc.meta.date is None:
        error("tidak ada tanggal pemeriksaan (date) di front matter")
    elif (today - doc.meta.date).days > STALE_DAYS:
        warning(f"isi terakhir diperiksa {doc.meta.date.isoformat()}, lebih dari 12 bulan lalu")
    if doc.meta.valid_until and doc.meta.valid_until < today:
        warning(f"valid_until {doc.meta.valid_until.isoformat()} sudah lewat; jawaban menyebutnya historis")
    for match in _SEE_ALSO.finditer(doc.text):
        for ref in (r.strip() for r in match.group(1).strip().rstrip(".").split(";")):
            if ref and ref.lower() not in titles:
                error(f"'Lihat juga' menyebut '{ref}', yang bukan judul dokumen mana pun")
    for line in doc.text.splitlines():
        numbers = [m.group(0) for m in _LONG_NUMBER.finditer(line) if len(re.sub(r"\D", "", m.group(0))) >= 9]
        numbers += [n for n in _SHORT_NUMBER.findall(line) if n not in SERVICE_NUMBERS and not any(n in m for m in numbers)]
        for number in numbers:
            error(f"nomor telepon '{number.strip()}': jangan cantumkan nomor yang belum diverifikasi sumbernya")
        address = _ADDRESS.search(line)
        if address and not _YEAR.search(line):
            error(f"alamat '{address.group(0)}' tanpa tanggal sumber: sebutkan kapan dan menurut siapa")
