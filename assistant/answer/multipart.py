"""Questions of several asking clauses ("lapor pungli online di mana? bisa anonim?", "Apakah KTP-el perlu
diperpanjang, dan apakah KTP digital bisa menggantikannya?"): each clause is answered on its own, a later one read as
a follow-up of the one before, and the answers are joined into one with every clause's lead first."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..text.normalise import normalise_query
from . import replies
from .intents import CONDITION, Intent, asks, classify, opens_asking
from .schema import CITATION, Answer, Source, Status, Suggestion

MAX_PARTS = 3
"""A question of more asking clauses than this is answered whole."""
MIN_WORDS = 2
"""A clause shorter than this ("KTP?") is not a question of its own."""
OPENING_WORDS = 3
"""How many words after a comma are read to see whether a new asking clause opens there."""

_BREAK = re.compile(r"\?+|[,;]")
_CITED = re.compile(r"\s*\[\d+\]")
_JOINED = re.compile(r"^(?:dan|serta|lalu|terus|trus|and)\s+", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def split(question: str) -> list[str]:
    """The asking clauses of ``question``: it breaks at a question mark, and at a comma or semicolon that a question
    word follows ("…, dan apakah …"), unless the clause before is a condition ("Kalau tidak, ke mana …"). A later
    clause loses its opening "dan". ``[question]`` unless there are two to MAX_PARTS clauses that each ask something
    ("Saya terlambat membuat akta? apakah bisa?" is one question: its first clause asks nothing), and for a
    comparison, which is answered whole ("Apa bedanya A dan B, dan mana yang perlu pengadilan?")."""
    clauses: list[str] = []
    start = 0
    for mark in _BREAK.finditer(question):
        if mark.group(0).startswith("?"):
            clauses.append(question[start : mark.end()])
            start = mark.end()
            continue
        after = " ".join(question[mark.end() :].split()[:OPENING_WORDS])
        before = normalise_query(question[start : mark.start()]).strip()
        if opens_asking(normalise_query(after)) and not CONDITION.fullmatch(before):
            clauses.append(question[start : mark.start()])
            start = mark.end()
    clauses.append(question[start:])
    parts = [c.strip(" ,;") for c in clauses if len(re.findall(r"\w+", c)) >= MIN_WORDS]
    if not 2 <= len(parts) <= MAX_PARTS or not all(asks(normalise_query(p)) for p in parts):
        return [question]
    if Intent.DIFFERENCE in classify(normalise_query(question)).intents:
        return [question]
    return [parts[0], *(_JOINED.sub("", p) for p in parts[1:])]


def merge(question: str, parts: Sequence[str], answers: Sequence[Answer]) -> Answer | None:
    """One answer from the answers to the clauses: every clause's lead first (a clause our documents do not hold, or
    that is not ours to answer, says so by name), then the first answer's sections; the later answers' sections go
    to the details. Citations are renumbered over the joined sources. None when no clause was answered: the
    question is then answered whole."""
    if not any(a.status is Status.ANSWERED for a in answers):
        return None
    sources: list[Source] = []
    leads: list[str] = []
    declined: list[str] = []
    bodies: list[str] = []
    details: list[str] = []
    suggestions: list[Suggestion] = []
    for part, answer in zip(parts, answers, strict=True):
        renumber = _renumbering(answer.sources, sources)
        if answer.status is Status.ANSWERED:
            rest = answer.text.replace(answer.lead, "", 1).strip() if answer.lead else answer.text
            _add_lead(leads, renumber(answer.lead))
            (details if bodies else bodies).append(renumber(rest))
            details.append(renumber(answer.details))
        elif answer.status is Status.NOT_FOUND:  # a referral or a "we do not hold it" cites what it says
            declined.append(replies.about_part(part, renumber(answer.lead)) if answer.sources else replies.part_not_covered(part))
            suggestions.extend(s for s in answer.suggestions if s not in suggestions)
        elif answer.status is Status.OUT_OF_SCOPE:
            declined.append(replies.part_out_of_scope(part))
    said = [_uncited(lead) for lead in leads]
    bodies = [_without(body, said) for body in bodies]
    text = "\n\n".join(p for p in (*leads, *declined, *bodies) if p)
    return Answer(
        question=question,
        status=Status.ANSWERED,
        lead="\n\n".join((*leads, *declined)),
        text=text,
        details=_unique_paragraphs(details, shown=text),
        sources=sources,
        suggestions=suggestions[:3],
        timings_ms={"total": sum(a.timings_ms.get("total", 0.0) for a in answers)},
    )


def _uncited(text: str) -> str:
    return _CITED.sub("", text).strip()


def _add_lead(leads: list[str], lead: str) -> None:
    """Add a clause's lead unless an earlier one says it already; one that says an earlier one and more (its verdict,
    "Tidak, gratis. …") takes its place."""
    if not lead:
        return
    core = _uncited(lead)
    for i, earlier in enumerate(leads):
        if core in _uncited(earlier):
            return
        if _uncited(earlier) in core:
            leads[i] = lead
            return
    leads.append(lead)


def _without(body: str, said: Sequence[str]) -> str:
    """``body`` without the sentences a lead has said already (each line of a list read on its own)."""
    lines = []
    for line in body.split("\n"):
        sentences = [
            s for s in _SENTENCE_END.split(line) if not (len(s.split()) >= 4 and any(_uncited(s) in lead for lead in said))
        ]
        lines.append(" ".join(sentences))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _renumbering(cited: Sequence[Source], joined: list[Source]) -> Callable[[str], str]:
    """Add ``cited`` to ``joined`` (a chunk cited twice keeps its first number) and return the text rewriter."""
    numbers: dict[int, int] = {}
    for source in cited:
        same = next(
            (s for s in joined if (s.doc_id, s.section, s.excerpt) == (source.doc_id, source.section, source.excerpt)), None
        )
        if same is None:
            same = source.model_copy(update={"n": len(joined) + 1})
            joined.append(same)
        numbers[source.n] = same.n

    def rewrite(text: str) -> str:
        return CITATION.sub(lambda m: f"[{numbers.get(int(m.group(1)), int(m.group(1)))}]", text)

    return rewrite


def _unique_paragraphs(blocks: Sequence[str], shown: str) -> str:
    """The paragraphs of ``blocks``, each once, leaving out those already in ``shown``."""
    kept: list[str] = []
    for block in blocks:
        for paragraph in block.split("\n\n"):
            if paragraph.strip() and paragraph not in kept and paragraph not in shown:
                kept.append(paragraph)
    return "\n\n".join(kept)
