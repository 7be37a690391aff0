"""The corpus document contract: front-matter metadata, validated on load."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import DocumentError


class Kind(StrEnum):
    """What a document is; ``dokumen`` only for files without front matter (PDF, DOCX, TXT, HTML)."""

    RAKER = "raker"
    PROSEDUR = "prosedur"
    PEMILU = "pemilu"
    REGULASI = "regulasi"
    KELEMBAGAAN = "kelembagaan"
    PROFIL = "profil"
    RUJUKAN = "rujukan"
    """A service of another office: who handles it and where to check (never invented contact details)."""
    DOKUMEN = "dokumen"


class Audience(StrEnum):
    """Who a document (and a question) is for."""

    WARGA = "warga"
    PETUGAS = "petugas"


AUTHORED_KINDS = tuple(k for k in Kind if k is not Kind.DOKUMEN)
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)

__all__ = ["AUTHORED_KINDS", "Audience", "DocumentError", "DocumentMeta", "Kind", "SourceDocument", "parse_markdown"]


class DocumentMeta(BaseModel):
    """Front matter of a corpus document (see DESIGN.md, 'Corpus document')."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=3)
    kind: Kind
    audience: tuple[Audience, ...] = Field(min_length=1)
    sources: tuple[str, ...] = ()
    date: dt.date | None = None
    valid_until: dt.date | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = Field(
        (), description="Names residents use for the topic ('surat nikah', 'akta nikah'): matched by answerability."
    )

    @field_validator("sources", "tags", "aliases", mode="before")
    @classmethod
    def _none_is_empty(cls, value: object) -> object:
        """Accept an empty key, and numbers written without quotes (YAML reads ``1708`` as an int)."""
        if value is None:
            return ()
        if isinstance(value, list):
            return [str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v for v in value]
        return value


@dataclass(frozen=True)
class SourceDocument:
    """A loaded, validated document ready for splitting."""

    meta: DocumentMeta
    text: str
    path: str
    digest: str

    @property
    def id(self) -> str:
        return self.meta.id


def parse_markdown(raw: str, path: str, expected_id: str) -> tuple[DocumentMeta, str]:
    """Split and validate front matter; the id must equal the file name."""
    match = _FRONT_MATTER.match(raw)
    if not match:
        raise DocumentError(path, "front matter YAML tidak ada (file harus diawali '---')")
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise DocumentError(path, f"front matter bukan YAML yang sah: {_first_line(str(exc))}") from exc
    if not isinstance(data, dict):
        raise DocumentError(path, "front matter harus berupa pasangan kunci: nilai")
    if data.get("kind") == Kind.DOKUMEN:
        raise DocumentError(path, "kind 'dokumen' hanya untuk file non-Markdown; pilih " + ", ".join(AUTHORED_KINDS))
    try:
        meta = DocumentMeta.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'front matter'}: {e['msg']}" for e in exc.errors())
        raise DocumentError(path, f"front matter tidak sah ({problems})") from exc
    if meta.id != expected_id:
        raise DocumentError(path, f"id '{meta.id}' harus sama dengan nama file '{expected_id}'")
    body = match.group(2).strip()
    if not body:
        raise DocumentError(path, "isi dokumen kosong")
    return meta, body


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else text
