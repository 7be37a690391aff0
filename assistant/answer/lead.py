"""The lead: the sentence of the evidence that answers the question as asked, and a verdict for yes/no questions.

Sentences were embedded at index time; here they are ranked by similarity to the question, lifted when they
carry the kind of fact the question asks for (a cost, a number of days, an office), and lowered when they only
point elsewhere ("Lihat juga")."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from ..indexing.snapshot import IndexSnapshot
from ..ingest.sentences import split_sentences
from ..ingest.splitting import LEAD_SECTION, Chunk
from ..text.tokenizer import Tokenizer
from .intents import CONDITION, Asked, Intent, opens_with_action, section_answers, sentence_answers

INTENT_BONUS = 0.06
"""Added to a sentence that carries the fact the question asks for (cosine similarities differ by hundredths)."""
FACT_INTENTS = frozenset({Intent.COST, Intent.DURATION, Intent.DEADLINE, Intent.PLACE, Intent.HOURS, Intent.DEFINITION})
"""Intents whose answer is one fact a sentence can carry."""
ACTION_BONUS = 0.015
"""Added, for a "bagaimana" question, to a sentence that says what to do (the first step)."""
REQUIREMENTS_WORDS = 45
"""A requirements lead lists the first items of the Persyaratan section up to about this many words."""
FIRST_STEP_BONUS = 0.03
"""Added, for a "bagaimana" question, to the first item of a numbered steps list when it says what to do and where
("Minta surat keterangan kematian dari rumah sakit …"), not only how to prepare ("Periksa data mana yang berubah")."""
RESTATED_SHARE = 0.5
"""A first step whose terms the question holds at least this share of is one the resident has already taken."""
SECTION_BONUS = 0.02
"""Added to a sentence in a section that answers the question's intent."""
SUMMARY_BONUS = 0.04
"""Added to a sentence of the document's summary, which is written to be the direct answer (for a cost question
only when the sentence speaks of cost: "bayar berapa?" is not answered by who must hold the card)..."""
FIRST_BONUS = 0.02
"""...and a little more to its first sentence."""
SUBJECT_BONUS = 0.03
"""Added to a sentence that names what the question is about (on a page about many subjects, the right one);
doubled for "apa itu X" questions on a glossary, where only the sentence naming X answers."""
VERDICT_BONUS = 0.03
"""Added, for a yes/no question, to a sentence that decides it: one that opens with a verdict ("Bisa, dan gratis: …")
or says the asked act is allowed or not ("tidak perlu membuat akta")."""
OVERLAP_BONUS = 0.01
"""Added per other word of the question the sentence uses ("lewat" in "bisa dibuat jika lewat 60 hari?")..."""
OVERLAP_CAP = 3
"""...up to this many words."""
SHORT_PENALTY = 0.05
"""Taken from sentences of fewer than ``MIN_LEAD_WORDS`` words: too little to stand as the answer."""
POINTER_PENALTY = 0.2
"""Taken from sentences that lean on others ("di atas", "Lihat juga", "Ini juga berlaku …") or list legal bases
(unless asked)."""
MIN_LEAD_WORDS = 7
"""A lead shorter than this (or ending in a colon) takes the next sentence of its chunk with it."""

_POINTER = re.compile(
    r"^\W*(lihat juga|baca juga|catatan\s*:|(hal )?(ini|itu|tersebut) (juga|pun|berarti|berlaku)\b)"
    r"|\b(di atas|berikut ini|di bawah ini|tersebut di atas)\b",
    re.I,
)
_FREE = re.compile(r"\b(gratis|tidak dipungut( biaya)?|tanpa (di)?pungut|tanpa biaya|tidak (di)?kenai biaya|bebas biaya)\b", re.I)
_ASKS_FREE = re.compile(r"\b(gratis|free)\b", re.I)
_ASKS_PAY = re.compile(r"\b(bayar\w*|berbayar|biaya\w*|pungut\w*|tarif|harga|ongkos|uang|pay|cost|fee|charge\w*)\b", re.I)
_NEGATION = re.compile(r"\b(tidak|tak|bukan|belum|dilarang|jangan)\b", re.I)
_MODAL = re.compile(r"\b(bisa|dapat|boleh|wajib|harus|perlu|berhak)\b", re.I)
_MODAL_FAMILIES = (frozenset({"bisa", "dapat", "boleh", "berhak"}), frozenset({"wajib", "harus", "perlu"}))
"""A "Ya." needs the sentence's modal to answer the question's: "bisa?" is not answered by "perlu"."""
_WORD = re.compile(r"[a-z0-9-]+")
_STILL = re.compile(r"\btetap (?:di\w+|bisa|dapat|boleh|berlaku|sah)\b", re.I)
"""A sentence that says something still holds or is still done ("lewat 60 hari tetap dicatat"): it answers "masih
bisa?" and "apakah bisa ... jika terlambat?" even without a verdict word."""
_VERDICT_OPENER = re.compile(r"^\W*(ya|bisa|boleh|dapat|tidak|bukan|wajib|harus|perlu|gratis)\b\s*[,.:;]", re.I)
"""A sentence that opens with its verdict ("Bisa, dan gratis: …", "Tidak. …")."""
_GLOSSARY_ENTRY = re.compile(r"^\W*\*\*(?P<term>[^*]{1,80}?):?\*\*")
_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
VERDICT_WINDOW = 3
"""Words after a negation or modal searched for the act it applies to."""
_FILLERS = frozenset(
    {"tidak", "bisa", "dapat", "boleh", "wajib", "harus", "perlu", "di", "ke", "lagi", "sama", "sekali", "langsung"}
    | {"urus", "buat", "bikin"}
)
"""Words skipped between a negation or modal and the act it applies to; "urus", "buat" and "bikin" only say that
something is done ("harus urus akta lagi?" is answered by "tidak perlu membuat akta")."""


@dataclass(frozen=True)
class LeadQuery:
    """The question as lead picking needs it."""

    text: str
    """The normalised question."""
    vector: np.ndarray
    asked: Asked
    stems: frozenset[str]
    """Stemmed tokens of the question."""
    subject: frozenset[str]
    """The question's subject terms (answerability)."""
    words: frozenset[str] = frozenset()
    """Every term of the question but function words (subject and what is asked of it)."""
    follow_up: bool = False
    """The question continues an earlier one ("bisa anonim?" after "lapor pungli di mana?"): the page's summary
    answered that one, so it gets no bonus here."""


@dataclass(frozen=True)
class Lead:
    """The picked sentence(s), the chunk they come from, and a verdict ("Ya." / "Tidak, gratis.") or ''."""

    chunk: Chunk
    text: str
    verdict: str
    score: float
    whole_section: bool = False
    """The lead already says everything its section says (a short requirements list): the section is not repeated."""
    said: frozenset[str] = frozenset()
    """Lines of the section the lead already says (a list it joined into one sentence): not repeated below it."""


def pick_lead(snapshot: IndexSnapshot, chunks: Sequence[Chunk], query: LeadQuery, tokenizer: Tokenizer) -> Lead | None:
    """The best sentence among ``chunks`` (one document) for the question; None when they have no sentences."""
    scored = sentence_scores(snapshot, chunks, query, tokenizer)
    if not scored:
        return None
    best_index, best_score = max(scored, key=lambda item: item[1])  # the first of equals, as in reading order
    chunk = next(c for c in chunks if snapshot.rows.get(c.id) == int(snapshot.sentences.rows[best_index]))
    text = snapshot.sentences.texts[best_index]
    following = best_index + 1
    if (len(text.split()) < MIN_LEAD_WORDS or text.rstrip().endswith(":")) and following < len(snapshot.sentences.texts):
        if int(snapshot.sentences.rows[following]) == int(snapshot.sentences.rows[best_index]):
            text = f"{text} {snapshot.sentences.texts[following]}"
    return Lead(chunk, text, verdict(query.asked, query.text, text, set(query.stems), tokenizer.stem), best_score)


def sentence_scores(
    snapshot: IndexSnapshot, chunks: Sequence[Chunk], query: LeadQuery, tokenizer: Tokenizer
) -> list[tuple[int, float]]:
    """Every sentence of ``chunks`` (by its index in the snapshot) with its score as the lead, in reading order."""
    rows = {snapshot.rows[c.id] for c in chunks if c.id in snapshot.rows}
    candidates = snapshot.sentences.of_rows(rows)
    asked = query.asked
    if candidates.size == 0:
        return []
    by_row = {snapshot.rows[c.id]: c for c in chunks if c.id in snapshot.rows}
    if query.vector.size:
        similarities = snapshot.sentences.vectors[candidates] @ query.vector
    else:  # a lexical-only generation (first start): the sentence's words and place decide alone
        similarities = np.zeros(len(candidates), dtype=np.float32)
    intent = asked.primary
    first = int(candidates[0])
    question_stems = set(query.stems)
    acts = _acts(query.text, question_stems, tokenizer.stem) if asked.yes_no else None
    scored: list[tuple[int, float]] = []
    for position, index in enumerate(candidates):
        text = snapshot.sentences.texts[index]
        chunk = by_row[int(snapshot.sentences.rows[index])]
        score = float(similarities[position])
        stems = snapshot.sentences.stems(int(index), tokenizer.tokens)
        names_subject = bool(query.subject & stems)
        if intent is Intent.DEFINITION:
            # a definition of something else does not answer "apa itu X": the sentence must define X ("X adalah",
            # "Kartu Identitas Anak (KIA)", a glossary line "**X:** …")
            if names_subject and (sentence_answers(intent, text) or _expands(text, query.subject, tokenizer.stem)):
                score += INTENT_BONUS
        elif intent in FACT_INTENTS and sentence_answers(intent, text):
            score += INTENT_BONUS
        elif intent is Intent.STEPS and sentence_answers(intent, text):
            score += ACTION_BONUS
            # not when the question mostly restates it: "putusan ... sudah berkekuatan hukum tetap" has done step 1
            done = len(stems & query.stems) >= RESTATED_SHARE * len(stems)
            if section_answers(intent, chunk.section) and _first_step(chunk, text) and opens_with_action(text) and not done:
                score += FIRST_STEP_BONUS
        if intent is not None and section_answers(intent, chunk.section):
            score += SECTION_BONUS
        summary = chunk.section == LEAD_SECTION and not query.follow_up
        if summary and (intent is not Intent.COST or sentence_answers(intent, text)):
            score += SUMMARY_BONUS + (FIRST_BONUS if index == first else 0.0)
        if len(text.split()) < MIN_LEAD_WORDS or text[:1].islower():  # a list item that completes a sentence before it
            score -= SHORT_PENALTY
        if acts is not None and _decides(asked, query.text, text, question_stems, tokenizer.stem, acts):
            score += VERDICT_BONUS
        if names_subject:
            score += SUBJECT_BONUS * (2 if intent is Intent.DEFINITION else 1)
        score += OVERLAP_BONUS * min(OVERLAP_CAP, len((query.words - query.subject) & stems))
        if _POINTER.search(text) or (intent is not Intent.LAW and section_answers(Intent.LAW, chunk.section)):
            score -= POINTER_PENALTY
        scored.append((int(index), score))
    return scored


def office_lead(chunks: Sequence[Chunk]) -> Lead | None:
    """A referral document's first sentence, which names the office that handles the service."""
    summary = next((c for c in chunks if c.section == LEAD_SECTION), None)
    sentences = split_sentences(summary.text) if summary else []
    return Lead(summary, sentences[0], "", 1.0) if summary and sentences else None


def requirements_lead(chunks: Sequence[Chunk], query: LeadQuery) -> Lead | None:
    """For "syarat apa / bawa apa": the first items of the document's requirements list, as one sentence. Of several
    lists, the one whose heading shares most words with the question ("bawa apa ke Dukcapil" is "Persyaratan di
    Dukcapil", not "Syarat Calon Orang Tua Angkat"), else the first."""
    if query.asked.primary is not Intent.REQUIREMENTS:
        return None
    sections = [c for c in chunks if section_answers(Intent.REQUIREMENTS, c.section)]
    if not sections:
        return None
    asked_words = set(_WORD.findall(query.text.lower()))
    section = max(sections, key=lambda c: len(set(_WORD.findall(c.section.lower())) & asked_words))
    lines = section.text.splitlines()
    items = [_ITEM.sub("", line).strip().rstrip(";.") for line in lines if _ITEM.match(line)]
    intro = lines[0].strip() if lines and not _ITEM.match(lines[0]) else ""
    if len(items) < 2 or intro.rstrip().endswith(":"):
        # prose requirements, or a list that only completes its opening sentence ("... yaitu salah satu dari:"):
        # the section's opening sentence is the answer, with the list when it completes it
        if intro.rstrip().endswith(":") and items:  # however short the opening ("Menurut aturan Pemilu 2024:")
            said = frozenset(line.strip() for line in lines if line.strip() == intro or _ITEM.match(line))
            whole = all(line.strip() in said for line in lines if line.strip())
            text = f"{intro.rstrip(':')}: {'; '.join(items)}."
            return Lead(section, text, "", 1.0, whole_section=whole, said=said)
        sentences = split_sentences(section.text)
        if not sentences or len(sentences[0].split()) < MIN_LEAD_WORDS:
            return None
        return Lead(section, sentences[0], "", 1.0)
    kept: list[str] = []
    for item in items:
        if kept and sum(len(k.split()) for k in kept) + len(item.split()) > REQUIREMENTS_WORDS:
            break
        kept.append(item[0].lower() + item[1:] if item[:2].isalpha() and not item[:2].isupper() else item)
    whole = len(kept) == len(items) and not intro
    more = "." if len(kept) == len(items) else " …"
    return Lead(section, f"Syaratnya: {'; '.join(kept)}{more}", "", 1.0, whole_section=whole)


@dataclass(frozen=True)
class _Acts:
    """The question's side of a verdict, worked out once per question rather than once per candidate sentence."""

    keys: frozenset[str]
    """Stems of the acts a verdict may be about (the main clause's, without fillers)."""
    named: frozenset[tuple[str, str]]
    """Negated acts the question says itself ("belum menikah"): names of things, not verdicts."""


def _acts(question: str, question_stems: set[str], stem: Callable[[str], str]) -> _Acts:
    # "Bisa memilih kalau KTP belum dicetak?" asks about voting: the condition's words are not the act asked about
    main_clause = {stem(w) for w in _WORD.findall(CONDITION.sub(" ", question.lower()))}
    keys = (question_stems & main_clause or question_stems) - _FILLERS
    return _Acts(frozenset(keys), frozenset(_negated_acts(question.lower(), stem)))


def verdict(asked: Asked, question: str, sentence: str, question_stems: set[str], stem: Callable[[str], str]) -> str:
    """A short verdict for a yes/no or cost question when the sentence decides it unambiguously, else ''."""
    return _verdict(asked, question, sentence, question_stems, stem, _acts(question, question_stems, stem))


def _verdict(
    asked: Asked, question: str, sentence: str, question_stems: set[str], stem: Callable[[str], str], acts: _Acts
) -> str:
    if Intent.COST in asked.intents and _FREE.search(sentence):
        if asked.yes_no and _ASKS_FREE.search(question) and not _ASKS_PAY.search(question):
            return "Ya, gratis."
        if asked.yes_no:
            return "Tidak, gratis."
        return "Gratis."
    if not asked.yes_no:
        return ""
    # a negation inside the sentence's own condition ("Jika ... belum dicetak, tanyakan ...") decides nothing
    keys, named = acts.keys, acts.named
    lowered = sentence.lower()
    conditions = [m.span() for m in CONDITION.finditer(lowered)]
    found = list(_WORD.finditer(lowered))
    words = [m.group(0) for m in found]
    stems = [stem(w) for w in words]
    for i, word in enumerate(words):
        if not (_NEGATION.fullmatch(word) or _MODAL.fullmatch(word)):
            continue
        if any(start <= found[i].start() < end for start, end in conditions):
            continue
        following = [s for s in stems[i + 1 : i + 1 + VERDICT_WINDOW] if s not in _FILLERS]
        if not following or following[0] not in keys:
            continue  # the negated or allowed act must be the one asked about ("tidak mencetak" for "bisa cetak?")
        if (word, following[0]) in named:
            continue
        if _NEGATION.fullmatch(word):
            return "Tidak."
        family = next((f for f in _MODAL_FAMILIES if word in f), frozenset())
        if family & question_stems and not (i and _NEGATION.fullmatch(words[i - 1])):
            return "Ya."
    return ""


def _negated_acts(text: str, stem: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """(negation, stem of the act it applies to) pairs of a text: "belum menikah" -> ("belum", "nikah")."""
    words = _WORD.findall(text)
    for i, word in enumerate(words):
        if _NEGATION.fullmatch(word):
            following = [stem(w) for w in words[i + 1 : i + 1 + VERDICT_WINDOW] if stem(w) not in _FILLERS]
            if following:
                yield word, following[0]


def _expands(sentence: str, subject: frozenset[str], stem: Callable[[str], str]) -> bool:
    """Whether the sentence spells out a subject term: "Kantor Urusan Agama (KUA)", "KUA (Kantor …)", or a glossary
    line "**KIA (Kartu Identitas Anak):** …" that is about it."""
    entry = _GLOSSARY_ENTRY.match(sentence)
    if entry and subject & {stem(w) for w in _WORD.findall(entry.group("term").lower())}:
        return True
    lowered = sentence.lower()
    return any(re.search(rf"\({re.escape(term)}\)|\b{re.escape(term)}\s+\(", lowered) for term in subject)


def _decides(
    asked: Asked, question: str, sentence: str, question_stems: set[str], stem: Callable[[str], str], acts: _Acts
) -> bool:
    """Whether a sentence decides a yes/no question: it opens with a verdict, says the thing still holds, or says
    the act asked about is (not) allowed."""
    return bool(
        _VERDICT_OPENER.match(sentence)
        or _STILL.search(sentence)
        or _verdict(asked, question, sentence, question_stems, stem, acts)
    )


_FIRST_ITEM = re.compile(r"^\s*1[.)]\s+(.+)$", re.M)


def _first_step(chunk: Chunk, sentence: str) -> bool:
    """Whether the sentence opens item 1 of a numbered list in the chunk."""
    first = _FIRST_ITEM.search(chunk.text)
    return bool(first and first.group(1).startswith(sentence[:40]))
