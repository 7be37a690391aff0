"""Follow-up resolution: an elliptical question ("kalau Pilkada?") is read together with the previous one."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..text.lexicon import load_lexicon
from ..text.normalise import normalise_query
from . import guard
from .intents import asked_words

History = Sequence[str] | Sequence[dict[str, Any]] | None
"""Earlier turns, oldest first: plain questions or chat messages (``{"role", "content"}``)."""

_FOLLOW_UP = re.compile(
    r"^(kalau|kalo|klo|kl|bagaimana (kalau|dengan)|gimana (kalau|kalo|dengan)|terus|trus|lalu|"
    r"jadi|dan|and|what about|how about|if|syarat\w*|biaya\w*|bayar\w*|caranya|di ?mana\w*|"
    r"tempatnya|itu|yang itu|kapan)\b",
    re.I,
)


_SWAP = re.compile(r"^(kalau|kalo|klo|kl|bagaimana dengan|gimana dengan|what about|how about|and|dan|terus|trus)\b", re.I)
_ASKS = re.compile(r"\b(apa|apakah|siapa|bagaimana|gimana|kapan|berapa|mana|kenapa|mengapa|what|who|how|when|where|why)\b", re.I)
"""A follow-up with a question word of its own asks its own question ("terus PKK itu apa?")."""
CHAIN_TURNS = 4
"""How many turns back a chain of follow-ups is read."""
SWAP_WORDS = 4
"""A follow-up this short that opens like "kalau …" and names a new subject asks the same about that subject."""


@dataclass(frozen=True)
class Resolved:
    """The question as retrieval should read it, and the earlier question it continues (if any)."""

    query: str
    previous: str | None
    joined: bool = False
    """The question was read together with the previous one: it asks more about the same subject."""

    @property
    def is_follow_up(self) -> bool:
        return self.previous is not None


def _last_question(history: History, max_chars: int) -> tuple[str, int] | None:
    """The last earlier user turn, cleaned like a question (no personal data or markup), and its place in
    ``history``; None when there is none. Only that turn is read, and only its first ``max_chars`` characters."""
    turns = list(history or [])
    for i in range(len(turns) - 1, -1, -1):
        turn = turns[i]
        if isinstance(turn, dict) and turn.get("role", "user") != "user":
            continue
        text = str(turn["content"] if isinstance(turn, dict) else turn)[:max_chars]
        query = guard.check(text, max_chars).query if text.strip() else ""
        if query:
            return query, i
    return None


def is_elliptical(question: str) -> bool:
    """Short, or opening like a continuation ("kalau…", "terus…", "syaratnya…")."""
    return len(re.findall(r"\w+", question)) <= 6 or bool(_FOLLOW_UP.match(question.strip()))


def topics(text: str) -> set[str]:
    """Topic nouns of the lexicon that ``text`` names."""
    return set(re.findall(r"[a-z0-9-]+", normalise_query(text))) & load_lexicon().topic_words


def resolve(question: str, history: History, max_chars: int, depth: int = CHAIN_TURNS) -> Resolved:
    """Join an elliptical follow-up, or one that names no topic ("Surat apa yang harus saya minta?"), with the previous
    question, unless it names a new topic of its own. The previous question is read as it was resolved itself:
    "terus di sana ngapain?" after "Surat apa yang harus saya minta?" after "Saya mau pindah ke Belu." is about
    moving."""
    if not history:
        return Resolved(question, None)
    named = topics(question)
    found = _last_question(history, max_chars) if is_elliptical(question) or not named else None
    if found is None:
        return Resolved(question, None)
    last, where = found
    if depth > 1:
        last = resolve(last, (history or [])[:where], max_chars, depth - 1).query
    if named - topics(last):
        swap = _SWAP.match(question.strip())
        rest = question.strip()[swap.end() :] if swap else ""
        if swap and len(re.findall(r"\w+", question)) <= SWAP_WORDS and not _ASKS.search(rest):
            asked = asked_words(normalise_query(last))  # "kalau KK?" after "bikin KTP bayar ga?" asks the cost of a KK
            return Resolved(f"{question} {asked}" if asked else question, last)
        return Resolved(question, last)
    return Resolved(f"{last} {question}", last, joined=True)
