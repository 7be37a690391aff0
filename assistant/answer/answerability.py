"""Answerability: does a document cover what the question asks about, or only a neighbouring topic?

A question's *subject terms* are its words once the words that only say what is asked (cost, steps, where,
pronouns, requests, particles) are removed: "berapa biaya bikin akta perkawinan?" -> {akta, nikah}. Of these,
the terms that name some document's topic (a word of some title, tag or alias) must be named by the answering
document: by its title, tags or aliases (full credit), or its summary and section headings (half credit), weighted
by how rare the term is in the corpus, so "akta" (in many documents) counts less than "nikah". Other known words
("data", "putri") are details, not topics. A question whose only subject words are unknown to the corpus
("apa itu DCM?") is about something we hold nothing on.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ..ingest.documents import Kind
from ..ingest.splitting import LEAD_SECTION, Chunk
from ..text.lexicon import load_lexicon
from ..text.tokenizer import Tokenizer
from .intents import Asked, Intent, function_words, load_intent_lists, owning_offices, topic_free_words

SPLIT_SHARE = 1 / 3
"""Share of a question's topic words the chosen document must lack for the question to join two topics."""
RARE_WEIGHT = 2.5
"""Corpus weight a one-word alias needs to name a subject (a word in about ten documents or fewer)."""
HALF = 0.5
"""Credit for a term found only in a document's summary or section headings..."""
QUARTER = 0.1
"""...and for one found only in its body: the document mentions it (a requirement, a neighbouring case), but it
is not what the document is about. Kept small, or "akta perkawinan" would be answered from the birth-certificate
page that lists the parents' marriage certificate among its requirements."""


@dataclass(frozen=True)
class DocumentTopic:
    """What one document is about, as stemmed terms."""

    doc_id: str
    title: str
    kind: Kind
    strong: frozenset[str]
    weak: frozenset[str]
    body: frozenset[str]
    title_terms: frozenset[str]
    """Terms of the title alone (numbers kept, function words not): what it is about, for title precision."""
    phrases: frozenset[tuple[str, ...]] = frozenset()
    """Adjacent term pairs of the title and of each alias ("akta perkawinan" -> (akta, nikah)), and aliases of one
    term ("bikin sim" -> (sim,)): a question that uses one names this document's subject, not just its words."""


@dataclass(frozen=True)
class Coverage:
    """How well one document covers a question's subject terms (0..1)."""

    doc_id: str
    score: float
    missing: tuple[str, ...]


class TopicIndex:
    """Topic terms of every document of one index generation, and the corpus weights of terms."""

    def __init__(self, documents: Mapping[str, Sequence[Chunk]], tokenizer: Tokenizer) -> None:
        self._tokenizer = tokenizer
        self._function = frozenset(tokenizer.stem(w) for w in function_words()) | function_words()
        self.topics: dict[str, DocumentTopic] = {}
        frequency: dict[str, int] = {}
        for doc_id, chunks in documents.items():
            first = chunks[0]
            named = " ".join([first.title, *(t.replace("-", " ") for t in first.tags), *first.aliases])
            summary = " ".join(c.text for c in chunks if c.section == LEAD_SECTION)
            headings = " ".join(dict.fromkeys(c.section.replace(" > ", " ") for c in chunks))
            strong = frozenset(self.terms_of(named))
            weak = frozenset(self.terms_of(f"{summary} {headings}")) - strong
            title = frozenset(tokenizer.terms(first.title)) - self._function
            body = frozenset(self.terms_of(" ".join(_POINTERS.sub(" ", c.indexed_text) for c in chunks)))
            phrases = frozenset(p for name in (first.title, *first.aliases) for p in self.phrases(name))
            self.topics[doc_id] = DocumentTopic(
                doc_id, first.title, first.kind, strong, weak, body - strong - weak, title, phrases
            )
            for term in body:
                frequency[term] = frequency.get(term, 0) + 1
        total = max(1, len(documents))
        self._weights = {t: math.log(1 + total / n) for t, n in frequency.items()}
        self.vocabulary = frozenset().union(*(t.strong for t in self.topics.values())) if self.topics else frozenset()
        """Every term that names some document's topic."""
        self.titled = frozenset().union(*(t.title_terms for t in self.topics.values())) if self.topics else frozenset()
        """Every term of some document's title."""
        self._free = frozenset(tokenizer.stem(w) for w in topic_free_words()) | topic_free_words()
        self.offices = frozenset(tokenizer.stem(w) for w in load_intent_lists().office_words)

    def subject_terms(self, query: str) -> tuple[str, ...]:
        """The question's terms that say what it is about (stemmed, in order, each once). Numbers are left out:
        "17 tahun" is a detail of the question, not its topic."""
        terms = self._tokenizer.terms(_one_term_each(query))
        return tuple(dict.fromkeys(t for t in terms if t not in self._free and len(t) > 1 and not t.isdigit()))

    def phrases(self, text: str) -> set[tuple[str, ...]]:
        """Adjacent pairs of the text's terms once function words are out; the term itself when it is the only one."""
        terms = [t for t in self._tokenizer.terms(text) if t not in self._function]
        return {(terms[0],)} if len(terms) == 1 else set(zip(terms, terms[1:], strict=False))

    def named_by(self, doc_id: str, phrases: set[tuple[str, ...]]) -> bool:
        """Whether the question uses a phrase of the document's title or aliases, or a one-word alias that is not a
        common word ("bikin sim" names the driving licence; "minta surat" names nothing)."""
        topic = self.topics.get(doc_id)
        if topic is None:
            return False
        return any(len(p) == 2 or self.weight(p[0]) >= RARE_WEIGHT for p in topic.phrases & phrases)

    def terms_of(self, text: str) -> list[str]:
        """Stemmed terms of any text, with hyphenated words' parts (as topic terms are kept)."""
        return self._tokenizer.tokens(_one_term_each(text))

    def names_topic(self, terms: Sequence[str]) -> bool:
        """Whether some of ``terms`` name a document's topic."""
        return any(t in self.vocabulary for t in terms)

    def mentions(self, doc_id: str, terms: Sequence[str]) -> bool:
        """Whether the document uses every one of ``terms`` somewhere (title, tags, summary, headings or body)."""
        topic = self.topics[doc_id]
        return all(t in topic.strong or t in topic.weak or t in topic.body for t in terms)

    def names(self, doc_id: str, terms: Sequence[str]) -> bool:
        """Whether the document's title, tags or aliases name every topic-naming term of ``terms``."""
        strong = self.topics[doc_id].strong
        return all(t in strong for t in terms if t in self.vocabulary)

    def weight(self, term: str) -> float:
        return self._weights.get(term, 0.0)

    def asked_terms(self, query: str) -> frozenset[str]:
        """Every term of the question but function words: subject and aspect words ("lama", "biaya") alike."""
        return frozenset(self.terms_of(query)) - self._function

    def title_precision(self, doc_id: str, asked: frozenset[str]) -> float:
        """Weighted share of the document's title terms that the question uses: "Akta Kelahiran Anak dari
        Perkawinan Belum Tercatat" fits a question on late birth certificates less than "Akta Kelahiran" does."""
        topic = self.topics.get(doc_id)
        if topic is None or not topic.title_terms:
            return 0.0
        weights = {t: self._weights.get(t, 1.0) for t in topic.title_terms}
        return sum(w for t, w in weights.items() if t in asked) / sum(weights.values())

    def named_core(self, coverage: Coverage, terms: Sequence[str]) -> bool:
        """Whether the document uses every one of ``terms`` somewhere and names, in its title, tags or aliases, each
        of them that some page has in its title: "nikah" titles the marriage pages, so the birth-certificate page that
        mentions marriage does not cover "akta perkawinan"; "menyusun" titles no page."""
        strong = self.topics[coverage.doc_id].strong
        return not coverage.missing and all(t in strong for t in terms if t in self.titled)

    def uses_all(self, doc_id: str, terms: Sequence[str]) -> bool:
        """Whether the document uses, somewhere, every one of ``terms`` that the corpus knows ("kapal" it does not)."""
        return not any(t in self.vocabulary for t in self.coverage(doc_id, terms).missing)

    def coverage(self, doc_id: str, terms: Sequence[str]) -> Coverage:
        """Weighted share of the topic-naming ``terms`` that name ``doc_id``'s topic: 1.0 when the question names
        no topic at all, 0.0 when its only subject words are unknown to the corpus."""
        topic = self.topics.get(doc_id)
        named = [t for t in terms if t in self.vocabulary]
        unknown = [t for t in terms if t not in self._weights]
        if topic is None or (not named and unknown):
            return Coverage(doc_id, 0.0, tuple(terms))
        total = got = 0.0
        missing = list(unknown)
        for term in named:
            weight = self.weight(term)
            total += weight
            if term in topic.strong:
                got += weight
            elif term in topic.weak:
                got += HALF * weight
            elif term in topic.body:
                got += QUARTER * weight
            else:
                missing.append(term)
        return Coverage(doc_id, got / total if total else 1.0, tuple(missing))


_NON = re.compile(r"\bnon[- ](?=[a-z])", re.I)


@functools.cache
def _abbreviated() -> tuple[re.Pattern[str], dict[str, str]]:
    """The normaliser's "abbreviation + expansion" phrases ("kk kartu keluarga", "ikd identitas kependudukan
    digital"), each mapped to its abbreviation."""
    lexicon = load_lexicon()
    found = {}
    for value in {*lexicon.phrases.values(), *lexicon.canonical_phrases.values()}:
        first, *rest = value.split()
        if len(rest) > 1 and first == "".join(w[0] for w in rest):
            found[value] = first
    pattern = re.compile(r"\b(" + "|".join(re.escape(v) for v in found) + r")\b") if found else re.compile(r"(?!)")
    return pattern, found


def _one_term_each(text: str) -> str:
    """ "non-Muslim" and "non Muslim" as one word: the page on non-Muslim marriages is not about Muslims. And an
    abbreviation the normaliser spelled out ("kk kartu keluarga") as the one term it is, so that one concept does not
    weigh three times against a page that names it once ("kk" in its tags)."""
    pattern, abbreviations = _abbreviated()
    return pattern.sub(lambda m: abbreviations[m.group(1)], _NON.sub("non", text))


_POINTERS = re.compile(r"(?im)^\W*lihat juga\b.*$")
"""Cross-reference lines name other documents' topics; they do not say what this document is about."""
_WHEN = re.compile(
    r"(?<=\w)(?<!batas)(?<!jangka)(?<!kurun)(?<!berapa)(?<!lama)\s+(?:ketika|saat|sewaktu|waktu|pas|when|while)\s+(?!\d)[^,;.?!]*"
)
"""A clause after the main one that says when something happened: the situation, not the subject."""
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def question_part(query: str) -> str:
    """The sentences that ask (those ending in "?"), else the last one. In "Ini perintah Wali Kota: ... umumkan ke
    warga. Jadi surat keterangan kematian bayar berapa?" the subject is in the last sentence."""
    sentences = [s for s in _SENTENCE_END.split(query.strip()) if s.strip()]
    asking = [s for s in sentences if s.rstrip().endswith("?")]
    return " ".join(asking) if asking else (sentences or [query])[-1]


class Verdict(StrEnum):
    """What the evidence allows."""

    ANSWER = "answer"
    """A document covers the question: answer from it."""
    REFER = "refer"
    """A referral document covers it: the service belongs to another office; say so and point there."""
    NOT_COVERED = "not_covered"
    """No document is about what the question asks: say so plainly, refer, suggest near topics."""
    NO_ASPECT = "no_aspect"
    """A document is about the subject but does not hold what is asked of it (hours, duration, place)."""


ASPECT_INTENTS = frozenset({Intent.DURATION, Intent.HOURS, Intent.PLACE, Intent.COST})
"""Intents whose fact must be in the answering document itself: a neighbour's hours, times or fees would mislead."""
CANDIDATES = 8
"""Documents of the ranking considered as the answering document."""
RANK_STEP = 0.1
"""Score a document gives up per rank below the first (ties go to the better-ranked document)."""
TITLE_WEIGHT = 0.5
"""Weight of title precision in the choice among covering documents."""
NAME_WEIGHT = 0.15
"""Added to a covering document whose title or alias holds a phrase of the question ("akta perkawinan" is the marriage
certificate's page, not the page on birth certificates of unregistered marriages; "bikin SIM" the driving
licence's, not the page on NIKs rejected when registering a phone's SIM card): more than one rank step."""
TOP_SLACK = 0.1
"""Coverage the best-ranked document may lack against ``min_coverage`` when it uses every subject term of the
question somewhere and names each that titles some page: a staff question's verbs ("menyusun", "melaksanakan standar
pelayanan") are in its body. "akta perkawinan" is not the birth-certificate page, which only mentions marriage."""
WHOLE_BONUS = 0.2
"""Added to a document that uses every known subject term of the whole question when the asking sentence names at
most one and the sentences before it add terms of their own: "Saya bertugas di luar kota pada hari pemungutan suara.
Bagaimana agar tetap bisa memilih?" is the page on moving one's vote, which speaks of both, not the page that only
covers "memilih"."""
OWN_SERVICE_SLACK = 0.15
"""Coverage our own service's document may lack against a referral and still be preferred (see ``decide``)."""


@dataclass(frozen=True)
class Decision:
    """The verdict, the document it rests on (if any), the subject terms and the documents to suggest."""

    verdict: Verdict
    doc_id: str | None
    terms: tuple[str, ...]
    coverage: float
    nearby: tuple[str, ...]


def decide(
    topics: TopicIndex,
    ranked_docs: Sequence[str],
    query: str,
    asked: Asked,
    min_coverage: float,
    has_aspect: Callable[[str, Intent, tuple[str, ...]], bool],
) -> Decision:
    """Pick the answering document among the best-ranked ones, or decline.

    For hours, duration or place, the document must also state that fact for the subject: the covering
    document if it does, else a ranked document with a sentence that states it and names the subject (the
    processing-times page for "berapa lama KTP-el"), else the answer is that our documents do not say."""
    part_terms = topics.subject_terms(question_part(query))
    terms = topics.subject_terms(query)
    candidates = list(ranked_docs[:CANDIDATES])
    nearby = tuple(d for d in candidates if topics.topics.get(d) and topics.topics[d].kind is not Kind.RUJUKAN)[:3]
    if not candidates:
        return Decision(Verdict.NOT_COVERED, None, terms, 0.0, ())
    # the asking sentence alone, or the whole question, whichever the document covers better: an instruction
    # or a story before the question adds words that are not its subject, a context sentence can hold the subject
    # and the main clause without a trailing "when ..." clause ("NIK saya tidak terdaftar waktu daftar sekolah anak"
    # is about the NIK), when it still names a topic
    main_terms = topics.subject_terms(_WHEN.sub("", question_part(query)))
    readings = [part_terms, terms, *([main_terms] if topics.names_topic(main_terms) else [])]
    coverages = [max((topics.coverage(d, t) for t in readings), key=lambda c: c.score) for d in candidates]
    # what a sentence before a question that names (almost) no subject of its own says ("bertugas di luar kota")
    context = set(terms) - set(part_terms) if len(part_terms) <= 1 else set()
    asked_terms = topics.asked_terms(query)
    phrases = topics.phrases(query) | {(t,) for t in asked_terms}
    eligible = [
        (
            c.score
            + TITLE_WEIGHT * topics.title_precision(c.doc_id, asked_terms)
            + NAME_WEIGHT * topics.named_by(c.doc_id, phrases)
            + (WHOLE_BONUS if context and topics.uses_all(c.doc_id, terms) else 0.0)
            - RANK_STEP * rank,
            rank,
            c,
        )
        for rank, c in enumerate(coverages)
        if c.score >= min_coverage or (rank == 0 and c.score >= min_coverage - TOP_SLACK and topics.named_core(c, terms))
    ]
    if not eligible:
        return Decision(Verdict.NOT_COVERED, None, terms, max(c.score for c in coverages), nearby)
    eligible.sort(key=lambda item: (-item[0], item[1]))
    aspect = asked.primary if asked.primary in ASPECT_INTENTS else None
    ranked = [c for _, _, c in eligible]
    if aspect is not None:
        # a referral holds every aspect: what it costs or how long it takes is the other office's to say, and
        # the referral names that office ("daftar BPJS gratis?" is BPJS's question, not a Dukcapil page's)
        holding = [c for c in ranked if has_aspect(c.doc_id, aspect, ()) or topics.topics[c.doc_id].kind is Kind.RUJUKAN]
        ranked = holding or [c for c in coverages if terms and has_aspect(c.doc_id, aspect, terms)]
        if not ranked:
            return Decision(Verdict.NO_ASPECT, eligible[0][2].doc_id, terms, eligible[0][2].score, nearby)
    chosen = ranked[0]
    if topics.topics[chosen.doc_id].kind is Kind.RUJUKAN:
        # a service of our own offices that the question names as well comes before a referral: "KTP hilang lapor
        # ke mana" is the Dukcapil procedure (which mentions the police report), not the police page; "SKCK pi
        # mana?" stays with the police (our cover-letter page names SKCK, but the question is not about it)
        precision = topics.title_precision(chosen.doc_id, asked_terms)
        chosen = next(
            (
                c
                for c in ranked
                if topics.topics[c.doc_id].kind is not Kind.RUJUKAN
                and c.score >= chosen.score - OWN_SERVICE_SLACK
                and topics.title_precision(c.doc_id, asked_terms) > precision
            ),
            chosen,
        )
    if _other_provider(topics, chosen.doc_id, query):
        return Decision(Verdict.NOT_COVERED, None, terms, chosen.score, tuple(dict.fromkeys((chosen.doc_id, *nearby)))[:3])
    partner = _split_partner(topics, chosen, coverages, terms)
    if partner is not None:
        suggestions = tuple(dict.fromkeys((chosen.doc_id, partner, *nearby)))[:3]
        return Decision(Verdict.NOT_COVERED, None, terms, chosen.score, suggestions)
    kind = topics.topics[chosen.doc_id].kind
    verdict = Verdict.REFER if kind is Kind.RUJUKAN else Verdict.ANSWER
    return Decision(verdict, chosen.doc_id, terms, chosen.score, tuple(d for d in nearby if d != chosen.doc_id))


def _split_partner(topics: TopicIndex, chosen: Coverage, coverages: Sequence[Coverage], terms: Sequence[str]) -> str | None:
    """A ranked document whose title names a topic word the chosen one never uses, while it never uses the chosen
    one's own topic words: the question joins two topics that no document holds together ("surat keterangan ...
    secara online": the online-services page never speaks of letters, the letters' pages never of going online).
    Answering from either would answer another question; the caller declines and suggests both. Only a title
    counts: a word a neighbour merely lists among its tags ("rumah", "uang") is a detail, not its subject."""
    absent = {t for t in chosen.missing if t in topics.vocabulary}
    if not absent or len(absent) < SPLIT_SHARE * sum(t in topics.vocabulary for t in terms):
        return None  # one word of a long question ("keluarga saya") is a detail, not a second topic
    own = {t for t in terms if t in topics.topics[chosen.doc_id].strong}
    for coverage in coverages:
        other = topics.topics.get(coverage.doc_id)
        if other is None or coverage.doc_id == chosen.doc_id or not own:
            continue
        if absent & other.title_terms and own <= set(coverage.missing):
            return coverage.doc_id
    return None


def _other_provider(topics: TopicIndex, doc_id: str, query: str) -> bool:
    """Whether the question names the office that owns what it asks about, and the document is another office's
    service that never names it: "layanan online kelurahan" is not the page on Dukcapil's online services, whose
    summary only says Dukcapil visits kelurahan offices. A page whose title names no office, and a referral, are not
    judged."""
    topic = topics.topics[doc_id]
    if topic.kind is Kind.RUJUKAN:
        return False  # a referral exists to say which office it is ("SIM, kelurahan yang urus?" -> Polres)
    asked = set(topics.terms_of(" ".join(owning_offices(query))))
    provider = topics.offices & topic.title_terms
    return bool(asked and provider and not asked & provider and not asked & topic.strong)
