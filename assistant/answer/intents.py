"""What a question asks for (cost, requirements, steps, place, hours, duration, deadline, legal basis, a
definition, a difference, a yes or no), read from the phrase lists in ``data/intents.yaml``."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field


class Intent(StrEnum):
    """One thing a question can ask for; a question may ask for several."""

    COST = "cost"
    REQUIREMENTS = "requirements"
    STEPS = "steps"
    PLACE = "place"
    HOURS = "hours"
    DURATION = "duration"
    DEADLINE = "deadline"
    LAW = "law"
    DEFINITION = "definition"
    DIFFERENCE = "difference"


LEAD_PRIORITY = (
    Intent.DEADLINE,
    Intent.DURATION,
    Intent.COST,
    Intent.HOURS,
    Intent.PLACE,
    Intent.DEFINITION,
    Intent.REQUIREMENTS,
    Intent.LAW,
    Intent.STEPS,
)
"""When a question asks several things, the lead answers the first of these it asks (the most specific)."""


class IntentCues(BaseModel):
    """One intent's phrase lists."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: tuple[str, ...] = Field(min_length=1)
    sections: tuple[str, ...] = ()
    sentence: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()


class IntentLists(BaseModel):
    """Schema of ``data/intents.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    intents: dict[Intent, IntentCues]
    yes_no_openers: tuple[str, ...] = Field(min_length=1)
    yes_no_closers: tuple[str, ...] = Field(min_length=1)
    function_words: frozenset[str] = Field(min_length=1)
    election_words: tuple[str, ...] = Field(min_length=1)
    place_words: frozenset[str] = frozenset()
    holds_nothing: tuple[str, ...] = Field(min_length=1)
    office_words: tuple[str, ...] = Field(min_length=1)
    local_places: frozenset[str] = Field(min_length=1)
    service_words: tuple[str, ...] = Field(min_length=1)
    step_openers: tuple[str, ...] = Field(min_length=1)
    question_words: tuple[str, ...] = Field(min_length=1)


@functools.cache
def load_intent_lists() -> IntentLists:
    """The packaged lists, validated once per process."""
    text = resources.files(__package__).joinpath("data", "intents.yaml").read_text("utf-8")
    lists = IntentLists.model_validate(yaml.safe_load(text))
    missing = set(Intent) - set(lists.intents)
    if missing:
        raise ValueError(f"intents.yaml has no cues for {sorted(missing)}")
    return lists


def _any(fragments: tuple[str, ...], template: str = r"\b(?:{})\b") -> re.Pattern[str]:
    return re.compile(template.format("|".join(fragments)), re.I)


def _owned(services: tuple[str, ...], offices: tuple[str, ...]) -> re.Pattern[str]:
    service, office = "|".join(services), "|".join(offices)
    return re.compile(
        rf"\b(?:{service})\b(?: [a-z-]+){{0,2}}? (?P<after>{office})\b|\b(?P<before>{office}) (?:{service})\b", re.I
    )


@dataclass(frozen=True)
class _Compiled:
    question: dict[Intent, re.Pattern[str]]
    sentence: dict[Intent, re.Pattern[str]]
    yes_no_open: re.Pattern[str]
    yes_no_close: re.Pattern[str]
    election: re.Pattern[str]
    holds_nothing: re.Pattern[str]
    owned: re.Pattern[str]
    step_opener: re.Pattern[str]
    asking: re.Pattern[str]
    opens_asking: re.Pattern[str]


@functools.cache
def _compiled() -> _Compiled:
    lists = load_intent_lists()
    return _Compiled(
        question={i: _any(c.question) for i, c in lists.intents.items()},
        sentence={i: _any(c.sentence, "(?:{})") for i, c in lists.intents.items() if c.sentence},
        yes_no_open=_any(lists.yes_no_openers, r"(?:^|[,;:]\s*)\W*(?:{})\b"),
        yes_no_close=_any(lists.yes_no_closers, r"\b(?:{})\W*$"),
        election=_any(lists.election_words),
        holds_nothing=_any(lists.holds_nothing),
        owned=_owned(lists.service_words, lists.office_words),
        step_opener=_any(lists.step_openers, r"^(?:(?:jika|bila|apabila|kalau|setelah|sebelum|sesudah)\b[^,;.]*,\s*)?(?:{})\b"),
        asking=_any(lists.question_words),
        opens_asking=_any((*lists.question_words, *lists.yes_no_openers), r"^\W*(?:(?:dan|serta|lalu|terus|and)\s+)?(?:{})\b"),
    )


@dataclass(frozen=True)
class Asked:
    """What a question asks: its intents and whether it wants a yes or a no."""

    intents: frozenset[Intent]
    yes_no: bool

    @property
    def primary(self) -> Intent | None:
        """The intent the lead answers."""
        return next((i for i in LEAD_PRIORITY if i in self.intents), None)


CONDITION = re.compile(r"\b(?:jika|bila|apabila|kalau|seandainya|andaikan|setelah|sesudah|if|when|after)\b[^,;.?!]*")
"""A conditional or "after …" clause, up to its comma: what it says is the situation, not what is asked or answered."""


_LATE = re.compile(r"\b(?:telat|terlambat)\b")


def classify(question: str) -> Asked:
    """Intents of a normalised question (lower case, slang expanded). A yes/no question asks what its main clause
    asks: in "apakah akta bisa dibuat jika lewat dari 60 hari?" the deadline is the situation, not the question."""
    patterns = _compiled()
    yes_no = bool(patterns.yes_no_open.search(question) or patterns.yes_no_close.search(question.rstrip(" ?!.")))
    asking = CONDITION.sub(" ", question) if yes_no else question
    if len(re.findall(r"[a-z]{3,}", asking)) < 2:
        asking = question  # "kalau telat bikin akta bayar ga?" is a condition and nothing else: it asks what it says
    found = {intent for intent, pattern in patterns.question.items() if pattern.search(asking)}
    if Intent.DURATION in found:
        found.discard(Intent.STEPS)  # "berapa lama prosesnya" asks for a time, not the steps
    if Intent.DEADLINE in found and len(found) > 1 and not patterns.question[Intent.DEADLINE].search(_LATE.sub(" ", asking)):
        found.discard(Intent.DEADLINE)  # "berapa denda telat lapor": being late is the situation, the fine is asked
    return Asked(frozenset(found), yes_no)


def asked_words(question: str) -> str:
    """The words of a normalised question that say what it asks (cost, requirements, place, a yes or no), in order,
    without its subject: what a follow-up that only swaps the subject ("kalau KK?") asks again."""
    patterns = _compiled()
    found = [m for pattern in patterns.question.values() for m in pattern.finditer(question)]
    closer = patterns.yes_no_close.search(question.rstrip(" ?!."))
    spans = sorted({(m.start(), m.group(0)) for m in [*found, *([closer] if closer else [])]})
    return " ".join(text.strip() for _, text in spans)


def about_voting(question: str) -> bool:
    """True when a normalised question is about elections or voting."""
    return bool(_compiled().election.search(question))


def opens_with_action(sentence: str) -> bool:
    """True when a sentence opens, after its condition, with what to do ("Bila KK hilang, laporkan ke …")."""
    return bool(_compiled().step_opener.match(sentence))


def asks(clause: str) -> bool:
    """True when a normalised clause asks something: a question word, or a yes/no opener or closing particle."""
    patterns = _compiled()
    return bool(
        patterns.asking.search(clause)
        or patterns.yes_no_open.search(clause)
        or patterns.yes_no_close.search(clause.rstrip(" ?!."))
    )


def opens_asking(clause: str) -> bool:
    """True when a normalised clause opens with a question word ("dan apakah …", "berapa …")."""
    return bool(_compiled().opens_asking.match(clause))


def says_we_hold_nothing(sentence: str) -> bool:
    """True when a sentence says our documents do not hold something ("… tidak kami muat; tanyakan di …")."""
    return bool(_compiled().holds_nothing.search(sentence))


def sentence_answers(intent: Intent, sentence: str) -> bool:
    """True when ``sentence`` carries the kind of fact ``intent`` asks for."""
    pattern = _compiled().sentence.get(intent)
    return bool(pattern and pattern.search(sentence))


def section_answers(intent: Intent, section: str) -> bool:
    """True when a section heading is one that answers ``intent``."""
    words = load_intent_lists().intents[intent].sections
    heading = section.lower()
    return any(word in heading for word in words)


def function_words() -> frozenset[str]:
    """Words that carry neither a topic nor what is asked (pronouns, particles, requests)."""
    return load_intent_lists().function_words


_INTO = re.compile(r"\bpindah\w*\b[^.?!]{0,30}?\bdari (?P<place>[a-z-]+)\b[^.?!]{0,30}?\bke (?:kota )?kupang\b")
_OUT_OF = re.compile(r"\bpindah\w*\b[^.?!]{0,30}?\bdari (?:kota )?kupang ke (?P<place>[a-z-]+)\b")
CROSSING = "pindah antarkabupaten/kota, luar kota"
"""Words added to a question about a move across the city's border ("pindah dari Atambua ke Kupang")."""


def crosses_city_border(question: str) -> bool:
    """True when a normalised question moves between Kupang and a place outside it (by name)."""
    lists = load_intent_lists()
    local = lists.local_places | lists.place_words
    match = _INTO.search(question) or _OUT_OF.search(question)
    return bool(match and match.group("place") not in local)


def owning_offices(question: str) -> set[str]:
    """Offices a normalised question names as the owner of a service: "layanan online kelurahan" -> {kelurahan}
    (up to two words after a service word, or just before an English one: "kelurahan letters")."""
    pattern = _compiled().owned
    return {m.group("after") or m.group("before") for m in pattern.finditer(question)}


@functools.cache
def topic_free_words() -> frozenset[str]:
    """Words that say what is asked but not what about: function words and every intent's topic words."""
    lists = load_intent_lists()
    return lists.function_words | lists.place_words | {w for cues in lists.intents.values() for w in cues.topic}


_COMPARED = re.compile(r"\b(?:perbedaan|bedanya|beda|difference between|difference)\b\s*(?:antara|between|dari)?\s*(.+)", re.I)
_ITEM_SPLIT = re.compile(
    r"\s*(?:,|;|\bdan\b|\bdengan\b|\bdeng\b|\bsama\b|\bama\b|\bvs\.?|\bversus\b|\batau\b|\band\b|\bor\b)\s*", re.I
)


def comparison_items(question: str) -> list[str]:
    """The things a "what is the difference between A, B and C" question compares (2 to 3 of them)."""
    match = _COMPARED.search(question)
    if not match:
        return []
    function = function_words()
    items = []
    for part in _ITEM_SPLIT.split(match.group(1)):
        words = part.strip(" ?.!").split()
        while words and words[-1].strip("?.!,") in function:  # "beda RT dan RW apa?"
            words.pop()
        item = " ".join(words).strip(" ?.!")
        if len(item) > 1:  # "KK", "RT"
            items.append(item)
    return items[:3] if len(items) >= 2 else []
