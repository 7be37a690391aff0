"""Sentences of a chunk: the unit an answer's lead is picked from (list items count as sentences)."""

from __future__ import annotations

import re

_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)]|[a-z][.)]|\(\d{1,3}[a-z]?\)|\([a-z]\))\s+")
_ABBREVIATIONS = (
    "no",
    "jl",
    "dll",
    "dsb",
    "dst",
    "ybs",
    "a.n",
    "an",
    "s.d",
    "sd",
    "rp",
    "tgl",
    "kel",
    "kec",
    "kab",
    "prov",
    "pkl",
    "hlm",
    "dr",
    "ir",
    "drs",
    "st",
    "sh",
    "mm",
    "s.ip",
    "mh",
    "tn",
    "ny",
    "sdr",
    "bpk",
    "ibu",
    "u.p",
)
_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9*])")
_LAST_WORD = re.compile(r"([A-Za-z.]+)\.$")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]")
"""A name's initials ("A.D.E. Manafe", "J. Pelt") do not end a sentence."""
MIN_CHARS = 12
"""Shorter pieces (a lone heading word, a stray number) are not sentences worth leading with."""


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text`` in order: each list item is one; prose is cut after . ! ? before a capital or digit,
    except after common abbreviations (``No.``, ``Jl.``, ``dll.``, ``Rp.``) and inside numbers (``1.000``)."""
    out: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            out.extend(_split_prose(" ".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
        elif _ITEM.match(line):
            flush()
            out.append(_ITEM.sub("", line, count=1).strip())
        elif out and not paragraph and line.startswith((" ", "\t")):
            out[-1] = f"{out[-1]} {stripped}"  # continuation of a list item
        else:
            paragraph.append(stripped)
    flush()
    return [s for s in (" ".join(s.split()) for s in out) if len(s) >= MIN_CHARS]


def _split_prose(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _END.finditer(text):
        before = text[start : match.start()]
        word = _LAST_WORD.search(before)
        if word and (word.group(1).lower().rstrip(".") in _ABBREVIATIONS or _INITIALS.fullmatch(word.group(1))):
            continue
        pieces.append(text[start : match.start()].strip())
        start = match.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]
