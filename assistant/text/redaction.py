"""Personal data in free text: NIK/KK numbers, phone numbers and e-mail addresses, also in their disguises.

Every pattern here runs on untrusted text, so each is linear: the e-mail pattern only starts where an address
can start and every repetition in it is bounded; numbers are found by one pass over tokens. Digits may be
written in any script (NFKC or ``unicodedata.digit``), as Indonesian or English words, or split by spaces,
newlines and ``/ . - ( ) _ ,``; e-mail may use ``[at]``, ``(at)``, `` at ``, ``[dot]``."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

import phonenumbers
import yaml
from pydantic import BaseModel, ConfigDict, Field

from .normalise import strip_hidden


class PersonalData(StrEnum):
    """Kinds of personal data the redactor finds."""

    NIK = "nik"
    PHONE = "phone"
    EMAIL = "email"
    NUMBER = "number"


LABELS = {
    PersonalData.NIK: "[NIK/NOMOR KK]",
    PersonalData.PHONE: "[NOMOR TELEPON]",
    PersonalData.EMAIL: "[EMAIL]",
    PersonalData.NUMBER: "[NOMOR]",
}
MIN_NUMBER_DIGITS = 9
"""A run of this many digits or more is an identifier (a NIK, KK, phone or account number), never needed to answer."""
NIK_DIGITS = 16
MAX_SEPARATOR_CHARS = 3
_SEPARATORS = frozenset(" \t\n/.-()_,\u2010\u2011\u2012\u2013\u2014\u2212")
_TOKEN = re.compile(r"\d+|[^\W\d_]+|\s+|[^\w\s]+|_+")
_YEAR = re.compile(r"(?:19|20)\d\d")


class _Words(BaseModel):
    """Schema of ``data/personal_data.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    digit_words: dict[str, list[str]] = Field(min_length=10)
    at_words: list[str] = Field(min_length=1)
    dot_words: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class _Tables:
    digits: dict[str, str]
    email: re.Pattern[str]


@dataclass(frozen=True)
class Finding:
    """One piece of personal data: its kind and its span in the cleaned text."""

    kind: PersonalData
    start: int
    end: int


@functools.cache
def _tables() -> _Tables:
    text = resources.files(__package__).joinpath("data", "personal_data.yaml").read_text("utf-8")
    words = _Words.model_validate(yaml.safe_load(text))
    digits = {word: digit for digit, spelled in words.digit_words.items() for word in spelled}

    def disguised(options: list[str], literal: str) -> str:
        spelled = "|".join(re.escape(w) for w in options)
        return (
            rf"(?:\s{{0,3}}{literal}\s{{0,3}}|\s{{0,3}}[\[({{<]\s{{0,2}}(?:{spelled})\s{{0,2}}[\])}}>]\s{{0,3}}"
            rf"|\s{{1,3}}(?:{spelled})\s{{1,3}})"
        )

    at, dot = disguised(words.at_words, "@"), disguised(words.dot_words, r"\.")
    email = re.compile(rf"(?<![\w.+\-])[\w.+\-]{{1,64}}{at}[\w\-]{{1,63}}(?:{dot}[\w\-]{{1,63}}){{1,6}}", re.I)
    return _Tables(digits, email)


def find(text: str) -> list[Finding]:
    """Personal data in ``text`` (already ``strip_hidden``), in order, spans not overlapping; e-mail wins."""
    tables = _tables()
    emails = [Finding(PersonalData.EMAIL, m.start(), m.end()) for m in tables.email.finditer(text)]
    findings = list(emails)
    i = 0
    for number in _numbers(text, tables.digits):  # both lists run left to right: one sweep, no pairwise check
        while i < len(emails) and emails[i].end <= number.start:
            i += 1
        if i == len(emails) or number.end <= emails[i].start:
            findings.append(number)
    return sorted(findings, key=lambda f: f.start)


_DATA_LABEL = re.compile(
    r"(?:\b(?:nomor|nmr|no)\.?\s*)?\b(?:nik|kk|hp|wa|whatsapp|telepon|telpon|telp|tlp|e-?mail|surel)\b\.?\s*"
    r"(?:saya|sy|beta|aku|ku|kami|kita)?\s*[:=]?\s*$",
    re.I,
)
LABEL_REACH = 40
"""Characters before a removed number searched for the words that name it."""


def scan(text: str, replace: bool = True) -> tuple[str, tuple[PersonalData, ...]]:
    """(``text`` cleaned with every finding replaced by its label, or by a space when ``replace`` is False;
    the kinds found, each once, in a fixed order): one pass for both."""
    text = strip_hidden(text)
    findings = find(text)
    parts: list[str] = []
    last = 0
    for finding in findings:
        before = text[last : finding.start]
        if not replace:  # what retrieval reads: "NIK saya 5371…" says nothing about the question
            tail = _DATA_LABEL.search(before[-LABEL_REACH:])
            before = before[: len(before) - len(tail.group(0))] if tail else before
        parts += [before, LABELS[finding.kind] if replace else " "]
        last = finding.end
    parts.append(text[last:])
    found = {f.kind for f in findings}
    return "".join(parts), tuple(kind for kind in PersonalData if kind in found)


def kinds(text: str) -> tuple[PersonalData, ...]:
    """The kinds of personal data in ``text`` (cleaned first), each once, in a fixed order."""
    return scan(text)[1]


def redact(text: str, replace: bool = True) -> str:
    """``text`` cleaned, with every finding replaced by its label (or by a space when ``replace`` is False)."""
    return scan(text, replace)[0]


@dataclass
class _Run:
    """Digits (and digit words) joined by short separators."""

    start: int
    end: int
    groups: list[str]
    separators: list[str]
    plus: bool

    @property
    def digits(self) -> str:
        return "".join(self.groups)


def _numbers(text: str, words: dict[str, str]) -> list[Finding]:
    findings: list[Finding] = []
    run: _Run | None = None
    gap = ""
    prefix_start: int | None = None
    for match in _TOKEN.finditer(text):
        token = match.group()
        digits = _digits(token, words)
        if digits is not None:
            if run is None:
                start = prefix_start if prefix_start is not None else match.start()
                run = _Run(start, match.end(), [digits], [], text[start : match.start()].strip() == "+")
            else:
                run.separators.append(gap)
                run.groups.append(digits)
                run.end = match.end()
            gap, prefix_start = "", None
            continue
        if run is not None and set(token) <= _SEPARATORS and len(gap) + len(token) <= MAX_SEPARATOR_CHARS:
            gap += token
            continue
        if run is not None:
            findings += _classify(run)
            run, gap = None, ""
        prefix_start = match.start() if token in ("+", "(", "+(") else None
    if run is not None:
        findings += _classify(run)
    return findings


def _digits(token: str, words: dict[str, str]) -> str | None:
    if token[0].isdigit():
        return "".join(str(unicodedata.digit(ch)) for ch in token)
    return words.get(token.lower())


def _classify(run: _Run) -> list[Finding]:
    digits = run.digits
    if len(digits) < MIN_NUMBER_DIGITS or all(_YEAR.fullmatch(g) for g in run.groups) or _is_date(run):
        return []
    if _is_phone(digits, run.plus):
        return [Finding(PersonalData.PHONE, run.start, run.end)]
    kind = PersonalData.NIK if len(digits) >= NIK_DIGITS - 2 else PersonalData.NUMBER
    return [Finding(kind, run.start, run.end)]


def _is_date(run: _Run) -> bool:
    """``14/02/2024 08.00`` and the like: a day, a month and a year first (a NIK is never split that way)."""
    if len(run.digits) == NIK_DIGITS or len(run.groups) < 3:
        return False
    day, month, year = run.groups[:3]
    same = run.separators[0].strip() and run.separators[0] == run.separators[1]
    return bool(same) and len(day) <= 2 and len(month) <= 2 and len(year) == 4


def _is_phone(digits: str, plus: bool) -> bool:
    if not (digits.startswith("0") or digits.startswith("62")) or len(digits) > 14:
        return False
    number = "+" + digits if digits.startswith("62") and (plus or not digits.startswith("620")) else digits
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, "ID"))
    except phonenumbers.NumberParseException:
        return False
