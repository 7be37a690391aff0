"""Structure-aware splitting: heading path kept as ``section``, Pasal boundaries, lists kept whole."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter

from .documents import Audience, Kind, SourceDocument

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_PASAL = re.compile(r"^\s*(?:\*\*)?(Pasal\s+(?:\d+[A-Z]?|[IVXLC]+))(?:\*\*)?\s*$")
_BAB = re.compile(r"^\s*(BAB\s+[IVXLC]+[A-Z]?)\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)]|[a-z][.)]|\(\d{1,3}[a-z]?\)|\([a-z]\))\s+")
PASAL_LEVEL = 7
LEAD_SECTION = "Ringkasan"
"""The section before a document's first heading: its summary, and the lead of every answer from it."""
LEAD_SECTION_BY_KIND = {Kind.DOKUMEN: "Pembukaan"}


@dataclass(frozen=True)
class Chunk:
    """A retrievable piece of a document, with everything a citation needs."""

    doc_id: str
    n: int
    text: str
    section: str
    title: str
    kind: Kind
    audience: tuple[Audience, ...]
    sources: tuple[str, ...]
    path: str
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    date: dt.date | None = None
    valid_until: dt.date | None = None

    @property
    def key(self) -> str:
        """Stable position key: document id and chunk number."""
        return f"{self.doc_id}:{self.n:03d}"

    @functools.cached_property
    def id(self) -> str:
        """Deterministic id: position key plus a hash of everything indexed, so any change is seen."""
        return f"{self.key}:{self.content_hash[:12]}"

    @functools.cached_property
    def content_hash(self) -> str:
        payload = json.dumps(
            [self.indexed_text, self.kind, self.audience, self.sources, self.path, str(self.date), str(self.valid_until)],
            ensure_ascii=False,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @functools.cached_property
    def indexed_text(self) -> str:
        """What both retrievers see: title, section path, tags and aliases, then the text."""
        head = f"{self.title} — {self.section}" if self.section else self.title
        names = [t.replace("-", " ") for t in self.tags] + list(self.aliases)
        tags = f"\n({', '.join(names)})" if names else ""
        return f"{head}{tags}\n{self.text}"


@dataclass(frozen=True)
class _Block:
    path: tuple[str, ...]
    text: str
    is_list: bool


def split_document(doc: SourceDocument, max_chars: int = 1200) -> list[Chunk]:
    """Split a document into chunks of at most ``max_chars`` characters, never across sections."""
    lead = LEAD_SECTION_BY_KIND.get(doc.meta.kind, LEAD_SECTION)
    chunks: list[Chunk] = []
    for path, blocks in _sections(_blocks(doc.text)):
        section = " > ".join(path) if path else lead
        for text in _pack(blocks, max_chars):
            chunks.append(
                Chunk(
                    doc_id=doc.id,
                    n=len(chunks),
                    text=text,
                    section=section,
                    title=doc.meta.title,
                    kind=doc.meta.kind,
                    audience=tuple(doc.meta.audience),
                    sources=tuple(doc.meta.sources),
                    path=doc.path,
                    tags=tuple(doc.meta.tags),
                    aliases=tuple(doc.meta.aliases),
                    date=doc.meta.date,
                    valid_until=doc.meta.valid_until,
                )
            )
    return chunks


def _blocks(text: str) -> list[_Block]:
    """Paragraphs and whole lists, each tagged with its heading path."""
    stack: list[tuple[int, str]] = []
    blocks: list[_Block] = []
    lines: list[str] = []
    in_list = False

    def flush() -> None:
        nonlocal lines, in_list
        body = "\n".join(lines).strip()
        if body:
            blocks.append(_Block(tuple(t for _, t in stack), body, in_list))
        lines, in_list = [], False

    def open_heading(level: int, title: str) -> None:
        flush()
        while stack and stack[-1][0] >= level:
            stack.pop()
        stack.append((level, title))

    for line in text.splitlines():
        heading = _HEADING.match(line)
        if heading:
            open_heading(len(heading.group(1)), heading.group(2).strip("* "))
            continue
        pasal = _PASAL.match(line)
        if pasal:
            open_heading(PASAL_LEVEL, " ".join(pasal.group(1).split()))
            continue
        bab = _BAB.match(line)
        if bab:
            open_heading(1, " ".join(bab.group(1).split()))
            continue
        if not line.strip():
            if not in_list:
                flush()
            continue
        is_item = bool(_LIST_ITEM.match(line))
        if is_item and not in_list:
            flush()
            in_list = True
        elif not is_item and in_list and not line.startswith((" ", "\t")) and lines and not lines[-1].strip():
            flush()
        lines.append(line.rstrip())
    flush()
    return blocks


def _sections(blocks: list[_Block]) -> list[tuple[tuple[str, ...], list[_Block]]]:
    grouped: list[tuple[tuple[str, ...], list[_Block]]] = []
    for block in blocks:
        if grouped and grouped[-1][0] == block.path:
            grouped[-1][1].append(block)
        else:
            grouped.append((block.path, [block]))
    return grouped


def _pack(blocks: list[_Block], max_chars: int) -> list[str]:
    """Greedily join blocks up to ``max_chars``; oversize blocks are cut at item, then sentence, boundaries."""
    pieces: list[str] = []
    for block in blocks:
        if len(block.text) <= max_chars:
            pieces.append(block.text)
        elif block.is_list:
            pieces.extend(_split_list(block.text, max_chars))
        else:
            pieces.extend(_split_prose(block.text, max_chars))
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) + 2 + len(piece) <= max_chars:
            out[-1] = f"{out[-1]}\n\n{piece}"
        else:
            out.append(piece)
    return out


def _split_list(text: str, max_chars: int) -> list[str]:
    items: list[str] = []
    for line in text.splitlines():
        if _LIST_ITEM.match(line) or not items:
            items.append(line)
        else:
            items[-1] = f"{items[-1]}\n{line}"
    out: list[str] = []
    for item in items:
        if len(item) > max_chars:
            out.extend(_split_prose(item, max_chars))
        elif out and len(out[-1]) + 1 + len(item) <= max_chars:
            out[-1] = f"{out[-1]}\n{item}"
        else:
            out.append(item)
    return out


def _split_prose(text: str, max_chars: int) -> list[str]:
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(
        chunk_size=max_chars,
        chunk_overlap=0,
        separators=["\n\n", "\n", ". ", "; ", ", ", " ", ""],
        keep_separator="end",
    )
    return [p.strip() for p in splitter.split_text(text) if p.strip()]


@functools.cache
def _records() -> TypeAdapter[Chunk]:
    return TypeAdapter(Chunk)


def chunk_to_record(chunk: Chunk) -> dict[str, Any]:
    """JSON-ready form of a chunk as stored in the index (its fields plus the derived ``id``)."""
    return {"id": chunk.id, **_records().dump_python(chunk, mode="json")}


def chunk_from_record(record: dict[str, Any]) -> Chunk:
    """Inverse of ``chunk_to_record`` (the stored ``id`` is recomputed, not trusted)."""
    return _records().validate_python({k: v for k, v in record.items() if k != "id"})
