"""Checks before retrieval: length, hidden characters, personal data, greetings, injections and scope."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field

from ..text import redaction
from ..text.normalise import strip_hidden
from .routes import Route

_SPELLED = re.compile(r"(?<!\w)(?:\w ){3,}\w(?!\w) ?")
SMALL_TALK_WORDS = 14
"""Small talk is a short message; a longer one with such a phrase is a real question ("kamu bisa bantu apa soal KK?")."""
MIN_LETTERS = 2
"""Fewer Latin letters than this (``a``, ``?``, emoji only) is not a question we can read."""

_DANGEROUS_BLOCK = re.compile(r"<(script|style|iframe|object|embed|svg|template)\b.*?(</\1\s*>|$)", re.I | re.S)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"\b(?:javascript|data|vbscript):\S*|https?://\S+", re.I)


class GuardLists(BaseModel):
    """Schema of ``data/guard.yaml``: regular-expression fragments, one list per decision."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    greeting_words: list[str] = Field(min_length=1)
    thanks: list[str] = Field(min_length=1)
    secret: list[str] = Field(min_length=1)
    injection: list[str] = Field(min_length=1)
    injection_sentence: list[str] = Field(min_length=1)
    records: list[str] = Field(min_length=1)
    abuse: list[str] = Field(min_length=1)
    illegal: list[str] = Field(min_length=1)
    political: list[str] = Field(min_length=1)
    opinion: list[str] = Field(min_length=1)
    off_topic_terms: list[str] = Field(min_length=1)
    emergency: list[str] = Field(min_length=1)
    past_event: list[str] = Field(min_length=1)
    now_event: list[str] = Field(min_length=1)
    small_talk: list[str] = Field(min_length=1)
    own_record: list[str] = Field(min_length=1)
    hate: list[str] = Field(min_length=1)
    intrusion: list[str] = Field(min_length=1)
    falsify: list[str] = Field(min_length=1)
    fake_letter: list[str] = Field(min_length=1)
    pungli: list[str] = Field(min_length=1)
    partisan: list[str] = Field(min_length=1)
    legitimate_context: list[str] = Field(min_length=1)
    evasion: list[str] = Field(min_length=1)
    office_makes: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class _Patterns:
    greeting: re.Pattern[str]
    thanks: re.Pattern[str]
    secret: re.Pattern[str]
    injection: re.Pattern[str]
    injection_sentence: re.Pattern[str]
    emergency: re.Pattern[str]
    past_event: re.Pattern[str]
    now_event: re.Pattern[str]
    small_talk: re.Pattern[str]
    own_record: re.Pattern[str]
    legitimate: re.Pattern[str]
    evasion: re.Pattern[str]
    office_makes: re.Pattern[str]
    off_topic: re.Pattern[str]
    refusals: tuple[tuple[Route, re.Pattern[str]], ...]
    """Checked in order; the first that matches decides."""
    unlawful: tuple[tuple[Route, re.Pattern[str], bool], ...]
    """Requests for help with an unlawful act; the flag: skipped when the question is about the law itself
    (its sanctions, how to report it), which a resident may well ask about forgery or illegal fees."""


def _any(fragments: list[str], template: str = "(?:{})") -> re.Pattern[str]:
    return re.compile(template.format("|".join(fragments)), re.I)


@functools.cache
def load_guard_lists() -> GuardLists:
    """The packaged phrase lists, validated (and every fragment compiled) once per process."""
    text = resources.files(__package__).joinpath("data", "guard.yaml").read_text("utf-8")
    lists = GuardLists.model_validate(yaml.safe_load(text))
    for name, fragments in lists.model_dump().items():
        for fragment in fragments:
            try:
                re.compile(fragment)
            except re.error as exc:
                raise ValueError(f"guard.yaml {name}: {fragment!r} is not a regular expression ({exc})") from exc
    return lists


@functools.cache
def _patterns() -> _Patterns:
    lists = load_guard_lists()
    return _Patterns(
        greeting=_any(lists.greeting_words, "^(?:(?:{})[\\s,.!?🙏😊]*)+$"),
        thanks=_any(lists.thanks),
        secret=_any(lists.secret),
        injection=_any(lists.injection),
        injection_sentence=_any(lists.injection_sentence, "\\b(?:{})\\b"),
        emergency=_any(lists.emergency),
        past_event=_any(lists.past_event),
        now_event=_any(lists.now_event),
        small_talk=_any(lists.small_talk),
        own_record=_any(lists.own_record),
        legitimate=_any(lists.legitimate_context),
        evasion=_any(lists.evasion),
        office_makes=_any(lists.office_makes),
        refusals=(
            (Route.RECORDS, _any(lists.records)),
            (Route.HATE, _any(lists.hate)),
            (Route.ABUSE, _any(lists.abuse)),
            (Route.POLITICAL, _any(lists.political)),
            (Route.POLITICAL, _any(lists.partisan)),
            (Route.POLITICAL, _any(lists.opinion)),
        ),
        unlawful=(
            (Route.INTRUSION, _any(lists.intrusion), False),
            (Route.FAKE_LETTER, _any(lists.fake_letter), False),
            (Route.ILLEGAL, _any(lists.illegal), True),
            (Route.FALSIFY, _any(lists.falsify), True),
            (Route.PUNGLI, _any(lists.pungli), True),
        ),
        off_topic=_any(lists.off_topic_terms, "\\b(?:{})\\b"),
    )


@dataclass(frozen=True)
class GuardResult:
    """What the guard decided before any retrieval.

    ``text`` is the cleaned input, ``redacted`` what may be shown and logged, ``query`` what retrieval sees
    (no personal data, no markup, no injected instructions)."""

    text: str
    redacted: str
    query: str
    route: Route | None = None
    pii: tuple[redaction.PersonalData, ...] = field(default_factory=tuple)
    injection: bool = False


def check(question: str, max_chars: int) -> GuardResult:
    """Decide a fixed route (clarify, greeting, a refusal) or pass the cleaned question on.

    The length is checked first, on the raw text, so no later step ever sees more than ``max_chars``."""
    if len(question) > max_chars:
        cut = _tidy(strip_hidden(question[:max_chars]))
        labelled, pii = redaction.scan(cut)
        return GuardResult(cut, " ".join(labelled.split()), "", route=Route.TOO_LONG, pii=pii)
    patterns = _patterns()
    text = _tidy(strip_hidden(question))
    labelled, pii = redaction.scan(text)
    shown = " ".join(labelled.split())
    if not text:
        return GuardResult(text, shown, "", route=Route.EMPTY)
    query = _tidy(redaction.redact(strip_markup(text), replace=False))
    if not query:
        return GuardResult(text, shown, "", route=Route.EMPTY, pii=pii)
    if not pii and not readable(query):
        return GuardResult(text, shown, "", route=Route.UNREADABLE)
    # matched on the text before spaces are collapsed, so that letters spelled out one by one, words apart by
    # two spaces ("c a r a  m e m b u a t"), join back into their words
    probe = _unspaced(redaction.redact(strip_markup(strip_hidden(question)), replace=False))
    if patterns.emergency.search(probe) and not (patterns.past_event.search(probe) and not patterns.now_event.search(probe)):
        return GuardResult(text, shown, query, route=Route.EMERGENCY, pii=pii)
    if patterns.secret.search(probe):
        return GuardResult(text, shown, query, route=Route.SECRET, pii=pii, injection=True)
    refused = _refusal(probe, patterns)  # an order dressed as authority still asks for what it asks for
    if refused is not None and refused is not Route.OFF_TOPIC:
        return GuardResult(text, shown, query, route=refused, pii=pii)
    injection = bool(patterns.injection.search(probe))
    if injection:
        query = _strip_injection(query, patterns)
        probe = _unspaced(query)
        pii = redaction.scan(query)[1]  # a number planted in an injected instruction is not the resident's data
        if not _has_question(query):
            return GuardResult(text, shown, query, route=Route.INJECTION, pii=pii, injection=True)
    route = _refusal(probe, patterns)
    if route is not None:
        return GuardResult(text, shown, query, route=route, pii=pii, injection=injection)
    if patterns.own_record.search(probe):
        return GuardResult(text, shown, query, route=Route.OWN_RECORD, pii=pii)
    if len(probe.split()) <= SMALL_TALK_WORDS and patterns.small_talk.search(probe):
        return GuardResult(text, shown, query, route=Route.SMALL_TALK, pii=pii)
    if not pii and patterns.greeting.match(query):
        route = Route.THANKS if patterns.thanks.search(text) else Route.GREETING
        return GuardResult(text, shown, query, route=route, pii=pii)
    return GuardResult(text, shown, query, pii=pii, injection=injection)


def _refusal(probe: str, patterns: _Patterns) -> Route | None:
    """The first refusal that applies: requests for others' records, hate, abuse, partisan help, then help with an
    unlawful act (unless the question is about the law itself: sanctions, reporting), then off-topic subjects."""
    for route, pattern in patterns.refusals:
        if pattern.search(probe):
            return route
    legitimate = bool(patterns.legitimate.search(probe)) and not patterns.evasion.search(probe)
    for route, pattern, exempt in patterns.unlawful:
        if route is Route.FAKE_LETTER and patterns.office_makes.search(probe):
            continue
        if not (exempt and legitimate) and pattern.search(probe):
            return route
    return Route.OFF_TOPIC if patterns.off_topic.search(probe) else None


def _unspaced(text: str) -> str:
    """Letters spelled out one by one ("c a r a  m e m b u a t") joined back into words, for matching only."""
    return " ".join(_SPELLED.sub(lambda m: m.group(0).replace(" ", "") + " ", text).split())


def strip_markup(text: str) -> str:
    """Drop HTML elements and Markdown images, keep link text: payloads never reach retrieval or display."""
    text = _DANGEROUS_BLOCK.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_IMAGE.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    return _URL.sub(" ", text)


def readable(text: str) -> bool:
    """At least two Latin letters, and more Latin letters than other symbols (emoji, other scripts, the
    replacement character of undecodable bytes): we serve Indonesian and English, written in Latin script."""
    latin = other = 0
    for ch in text:
        if ch.isascii():
            latin += ch.isalpha()
        elif ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN"):
            latin += 1
        elif not ch.isspace() and not unicodedata.category(ch).startswith("P"):
            other += 1
    return latin >= MIN_LETTERS and latin > other


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line).strip()


def _strip_injection(text: str, patterns: _Patterns) -> str:
    """Drop the sentences that carry an instruction to the assistant; keep the rest of the question."""
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    return " ".join(s for s in sentences if not patterns.injection.search(s) and not patterns.injection_sentence.search(s))


def _has_question(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= 3
