"""The Assistant: the public API over the pipeline (guard, follow-up, tools, retrieval, routing, composition)."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

import numpy as np

from .answer import followup, guard, multipart, replies
from .answer.answerability import Decision, TopicIndex, Verdict, decide, question_part
from .answer.composer import Citations, Draft, Evidence, compose, suggestions_from
from .answer.intents import (
    CROSSING,
    Asked,
    Intent,
    about_voting,
    classify,
    comparison_items,
    crosses_city_border,
    says_we_hold_nothing,
    section_answers,
    sentence_answers,
)
from .answer.lead import LeadQuery, office_lead, pick_lead, requirements_lead
from .answer.routes import ROUTES, Route, fixed_reply
from .answer.routing import Router
from .answer.schema import Answer, Status
from .answer.tools import EligibilityTool, Tool
from .cache import BoundedCache
from .errors import IndexUnavailable, StoreUnavailable, UsageError
from .indexing import generations
from .indexing.build import IndexResult, Progress, build_index, is_stale
from .indexing.embeddings import CpuActivity, VectorEmbeddings, build_embeddings
from .indexing.snapshot import IndexSnapshot
from .ingest.documents import Audience, Kind
from .ingest.splitting import Chunk
from .ingest.upload import Uploaded, accept_upload
from .retrieval.hybrid import Emphasis, HybridRetriever, Retrieval, SearchMode
from .settings import Settings
from .text.normalise import normalise_query
from .text.tokenizer import Tokenizer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocumentInfo:
    """One indexed document, as listed for staff and admins."""

    doc_id: str
    title: str
    kind: Kind
    date: date | None
    path: str


@dataclass(frozen=True)
class IndexStatus:
    """What the served index holds and what the last index run reported."""

    manifest: generations.Manifest | None
    last_run: dict[str, Any]


class StaleIndex(StrEnum):
    """What ``Assistant.load`` does when the index is missing or older than the corpus."""

    BUILD = "build"
    """Build (or update) it first, then serve: evaluation and tests, which must see the corpus as it is."""
    BACKGROUND = "background"
    """Serve the current generation at once and update it in a background thread (the web app)."""
    SERVE = "serve"
    """Serve the current generation as it is, with a notice (one-off command-line questions)."""
    NEVER = "never"
    """Never build, not even a missing index (answers say the index is not ready)."""


class _Served:
    """One opened generation with everything derived from it; swapped as a whole on refresh.

    Requests lease it; a retired generation is closed (its Chroma client and files released) when the last
    request that holds it finishes, so a switch never pulls the store from under a running question."""

    def __init__(
        self, snapshot: IndexSnapshot, retriever: HybridRetriever, documents: dict[str, list[Chunk]], topics: TopicIndex
    ) -> None:
        self.snapshot = snapshot
        self.retriever = retriever
        self.documents = documents
        self.topics = topics
        self._aspects: dict[tuple[str, Intent], list[frozenset[str]]] = {}
        self._users = 0
        self._retired = False
        self._lock = threading.Lock()

    def acquire(self) -> None:
        with self._lock:
            self._users += 1

    def has_aspect(self, doc_id: str, intent: Intent, terms: tuple[str, ...]) -> bool:
        """True when a sentence of the document carries what ``intent`` asks for and, when ``terms`` are given,
        names one of them (the sentences' terms are cached per generation)."""
        key = (doc_id, intent)
        if key not in self._aspects:
            chunks = self.documents.get(doc_id, [])
            rows = {self.snapshot.rows[c.id] for c in chunks if c.id in self.snapshot.rows}
            texts = [self.snapshot.sentences.texts[i] for i in self.snapshot.sentences.of_rows(rows)]
            self._aspects[key] = [frozenset(self.topics.terms_of(t)) for t in texts if sentence_answers(intent, t)]
        sentences = self._aspects[key]
        return bool(sentences) and (not terms or any(s.intersection(terms) for s in sentences))

    def release(self) -> None:
        self._leave(users=-1)

    def retire(self) -> None:
        self._leave(retire=True)

    def _leave(self, users: int = 0, retire: bool = False) -> None:
        """Count a request out or retire the generation; close it when both have happened."""
        with self._lock:
            self._users += users
            self._retired = self._retired or retire
            closing = self._retired and self._users == 0
        if closing:
            self.snapshot.close()


@dataclass
class _Timer:
    started: float = field(default_factory=time.perf_counter)
    timings: dict[str, float] = field(default_factory=dict)

    def lap(self, name: str, since: float) -> None:
        self.timings[name] = (time.perf_counter() - since) * 1000


class Assistant:
    """Answers questions from the index. Build with ``Assistant.load()``; safe to share between threads."""

    def __init__(
        self,
        settings: Settings,
        embeddings: VectorEmbeddings,
        snapshot: IndexSnapshot,
        tokenizer: Tokenizer | None = None,
        chat_model: Any = None,
        tools: tuple[Tool, ...] | None = None,
        index_embeddings: VectorEmbeddings | None = None,
    ) -> None:
        self._settings = settings
        self._embeddings = embeddings
        # the same model with the build's thread count: a background build neither waits for nor blocks questions
        self._index_embeddings = index_embeddings or embeddings
        self._tokenizer = tokenizer or Tokenizer()
        self._chat_model = chat_model
        self._lock = threading.Lock()
        self._builder: threading.Thread | None = None
        self._progress = Progress()
        self._answers: BoundedCache[Answer] = BoundedCache(settings.cache_entries)
        self._served = self._open(snapshot)
        self._router = Router(embeddings, settings.route_margin, settings.min_evidence)
        self._tools: tuple[Tool, ...] = tools if tools is not None else (EligibilityTool(settings.resolved_today),)

    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        *,
        on_stale: StaleIndex = StaleIndex.BUILD,
        progress: bool = False,
        embeddings: VectorEmbeddings | None = None,
        chat_model: Any = None,
        index_embeddings: VectorEmbeddings | None = None,
    ) -> Assistant:
        """Open the index and the models; ``on_stale`` says what happens when the index is missing or stale.

        A missing index is built first, except in the ``BACKGROUND`` mode of the web app, which serves a
        lexical-only index at once and builds the full one behind it, and ``NEVER``. ``index_embeddings``
        embeds the corpus (by default the same model with ``index_threads``)."""
        settings = settings or Settings()
        activity = CpuActivity()  # the question model and the build model leave each other the cores
        index_embeddings = index_embeddings or embeddings or build_embeddings(settings, for_index=True, activity=activity)
        embeddings = embeddings or build_embeddings(settings, activity=activity)
        stale = on_stale is not StaleIndex.NEVER and is_stale(settings, embeddings)
        first_start = generations.read_manifest(settings.index_dir) is None
        if stale and first_start and on_stale is StaleIndex.BACKGROUND:
            # serve from words at once; the embeddings are built in the background and switched to when ready
            result = build_index(settings, embeddings, lexical_only=True)
            log.warning("no index yet: serving a lexical-only index (%s) while the full index is built", result.summary())
            if progress:
                print("Indeks kata siap; indeks lengkap dibangun di latar belakang.", file=sys.stderr)
        elif stale and (on_stale is StaleIndex.BUILD or first_start):
            if progress:
                print("Membangun indeks dokumen…", file=sys.stderr)
            result = build_index(settings, index_embeddings, progress=progress)
            if progress:
                print(result.summary(), file=sys.stderr)
            stale = False
        elif stale and on_stale is StaleIndex.SERVE:
            print("Catatan: indeks lebih lama dari dokumen; jalankan 'index' untuk memperbaruinya.", file=sys.stderr)
        if chat_model is None and settings.llm_model:
            from .answer.llm import build_chat_model

            chat_model = build_chat_model(settings)
        snapshot = IndexSnapshot.open(settings, embeddings)
        assistant = cls(settings, embeddings, snapshot, index_embeddings=index_embeddings)
        assistant.warm()  # before the chat model is attached: warming up never calls an LLM
        assistant._chat_model = chat_model
        if stale and on_stale is StaleIndex.BACKGROUND:
            assistant.reindex_in_background()
        return assistant

    def warm(self) -> float:
        """Load what the first questions would otherwise pay for (the query model, the date parser's locales, the
        word list of typo repair) by asking questions that need them; the seconds it took."""
        started = time.perf_counter()
        for question in WARM_UP:
            self.ask(question)
        self._answers.clear()
        return time.perf_counter() - started

    # -- public API -----------------------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._settings

    def ask(self, question: str, audience: Audience | str = Audience.WARGA, history: followup.History = None) -> Answer:
        """Answer one question (``history``: earlier turns, oldest first)."""
        audience = _audience(audience)
        timer = _Timer()
        checked = guard.check(question, self._settings.max_question_chars)
        if checked.route in _PERSONAL_DATA_FIRST:
            return self._declined(checked, checked.route, timer)
        if checked.route is not None:
            return self._fixed(checked, checked.route, timer)
        merged = self._ask_parts(checked, audience, history)
        if merged is not None:
            return merged
        try:
            with self._lease() as served:
                resolved = followup.resolve(checked.query, history, self._settings.max_question_chars)
                if not served.snapshot.has_vectors:
                    return self._warming_up(self._ask_served(checked, served, audience, resolved, timer))
                # the guard's redacted question and cleaned follow-up context: no personal data in the key
                key = (
                    served.snapshot.generation,
                    self._settings.resolved_today(),
                    audience,
                    checked.redacted,
                    checked.query,
                    resolved.query,
                )
                answer, hit = self._answers.get_or_make(key, lambda: self._ask_served(checked, served, audience, resolved, timer))
                if not hit:
                    return answer
                return answer.model_copy(update={"timings_ms": {"total": (time.perf_counter() - timer.started) * 1000}})
        except (IndexUnavailable, StoreUnavailable):
            return self._fixed(checked, Route.NO_INDEX, timer)

    def _ask_parts(self, checked: guard.GuardResult, audience: Audience, history: followup.History) -> Answer | None:
        """A question of several asking clauses, answered clause by clause (each later clause may follow up the one
        before it) and joined; None for a single question, an elliptical follow-up, or when no clause is answered."""
        if checked.pii or (history and followup.is_elliptical(checked.query)):
            return None  # personal data is answered whole, with its notice; "syaratnya? bayar?" follows up as one
        parts = multipart.split(checked.query)
        if len(parts) < 2:
            return None
        earlier: list[Any] = list(history or [])
        answers = []
        for part in parts:
            answers.append(self.ask(part, audience, earlier))
            earlier.append(part)
        return multipart.merge(checked.redacted, parts, answers)

    def _ask_served(
        self, checked: guard.GuardResult, served: _Served, audience: Audience, resolved: followup.Resolved, timer: _Timer
    ) -> Answer:
        draft = self._run_tools(checked.query, resolved, served)
        if draft is not None:
            return self._answered(checked, draft, timer)
        query = normalise_query(resolved.query)
        # what the asking sentence asks, not a preamble's "Rp 25.000"; a follow-up on the same subject that asks
        # something of its own ("bisa anonim?" after "lapor pungli di mana?") is answered for what it asks
        own = normalise_query(checked.query) if resolved.joined else None
        asked = classify(own or "")
        if not asked.intents and not asked.yes_no:
            asked = classify(question_part(query))
        if not asked.intents and not asked.yes_no:
            asked = classify(query)
        primary = asked.primary
        emphasis = Emphasis(
            section=(lambda section: section_answers(primary, section)) if primary else None,
            demote=frozenset() if about_voting(query) else frozenset({Kind.PEMILU}),
        )
        if Intent.DIFFERENCE in asked.intents:
            compared = self._compare(query, served, audience)
            if compared is not None and compared.suggestions:  # a comparison we cannot make
                return self._not_found(checked, Route.NOT_COVERED, compared, timer)
            if compared is not None:
                return self._answered(checked, compared, timer)
        try:
            started = time.perf_counter()
            # a move across the city's border is read with the words of one ("pindah dari Atambua ke Kupang")
            text = f"{CROSSING}: {resolved.query}" if crosses_city_border(query) else resolved.query
            retrieval = served.retriever.retrieve(text, audience=audience, emphasis=emphasis, cached=True)
            timer.lap("retrieve", started)
        except StoreUnavailable:
            log.exception("retrieval failed; the index or the Chroma server is unavailable")
            raise  # answered by ask() with the no-index reply, outside the answer cache: it is not an answer
        route = self._router.route(retrieval)
        if route is not Route.ANSWERED:
            return self._declined(checked, route, timer)
        started = time.perf_counter()
        decision = decide(
            served.topics,
            retrieval.documents(),
            retrieval.query,
            asked,
            self._settings.min_coverage,
            served.has_aspect,
        )
        draft = self._compose(resolved.query, own, decision, asked, retrieval, served, audience)
        timer.lap("compose", started)
        if decision.verdict is Verdict.ANSWER and says_we_hold_nothing(draft.lead):
            # the best sentence we have says that our documents do not hold it: a decline with a referral
            suggestions = suggestions_from((decision.doc_id or "", *decision.nearby), served.documents)
            return self._not_found(checked, Route.NOT_COVERED, replace(draft, suggestions=suggestions), timer)
        if decision.verdict is Verdict.ANSWER:
            return self._answered(checked, draft, timer)
        route = {Verdict.REFER: Route.REFERRED, Verdict.NO_ASPECT: Route.NO_ASPECT}.get(decision.verdict, Route.NOT_COVERED)
        return self._not_found(checked, route, draft, timer)

    def search(
        self,
        query: str,
        *,
        audience: Audience | str | None = None,
        kinds: list[Kind] | None = None,
        k: int = 30,
        mode: SearchMode = SearchMode.HYBRID,
    ) -> Retrieval:
        """Ranked chunks for a staff query or an evaluation (no guard, no routing)."""
        with self._lease() as served:
            return served.retriever.retrieve(
                query, audience=_audience(audience) if audience else None, kinds=kinds, k=k, mode=mode
            )

    def document(self, doc_id: str) -> list[Chunk]:
        """A document's chunks in order; empty when no such document is indexed."""
        return list(self._served.documents.get(doc_id, ()))

    def documents(self) -> list[DocumentInfo]:
        """Every indexed document."""
        return [DocumentInfo(c[0].doc_id, c[0].title, c[0].kind, c[0].date, c[0].path) for c in self._served.documents.values()]

    def reindex(self, *, rebuild: bool = False, progress: bool = False) -> IndexResult:
        """Bring the index up to date with the corpus and switch this assistant to it."""
        result = build_index(self._settings, self._index_embeddings, rebuild=rebuild, progress=progress, tracker=self._progress)
        self.refresh()
        return result

    def add_document(self, client_name: str, raw: bytes) -> tuple[Uploaded, IndexResult]:
        """Store a staff upload in the corpus (checked and validated first, see ``ingest.upload``) and index it;
        raises ``DocumentError`` with the reason, having changed nothing."""
        manifest = generations.read_manifest(self._settings.index_dir)
        known = manifest.documents.keys() if manifest is not None else ()
        uploaded = accept_upload(self._settings.corpus_dir, client_name, raw, known, self._settings.max_document_bytes)
        return uploaded, self.reindex()

    def reindex_in_background(self) -> threading.Thread:
        """Start ``reindex`` in a daemon thread; questions keep being answered from the served generation."""
        with self._lock:
            if self._builder is not None and self._builder.is_alive():
                return self._builder
            self._builder = threading.Thread(target=self._background_build, name="index-build", daemon=True)
            self._builder.start()
            return self._builder

    @property
    def building(self) -> bool:
        """True while a background build runs."""
        return self._builder is not None and self._builder.is_alive()

    def generation(self) -> str:
        """The index generation this assistant answers from (after switching to a newer one, if built)."""
        self.refresh()
        return self._served.snapshot.generation

    @property
    def warming_up(self) -> bool:
        """True while the served generation is lexical-only (a first start whose embeddings are being built)."""
        return not self._served.snapshot.has_vectors

    def _warming_up(self, answer: Answer) -> Answer:
        """An answer from the lexical-only generation, with a note saying so and how far the full index is."""
        if answer.status is not Status.ANSWERED:
            return answer
        note = replies.WARMING_UP.format(percent=self._progress.percent())
        return answer.model_copy(update={"text": f"{answer.text}\n\n{note}"})

    def _background_build(self) -> None:
        try:
            result = self.reindex()
            log.info("background index build finished: %s", result.summary())
        except Exception:  # noqa: BLE001 - a failed background build leaves the served generation in place
            log.exception("background index build failed; still serving the previous generation")

    def status(self) -> IndexStatus:
        return IndexStatus(generations.read_manifest(self._settings.index_dir), generations.read_status(self._settings.index_dir))

    def refresh(self) -> bool:
        """Switch to a newer index generation if one was built; True when switched."""
        if self._served.snapshot.is_current(self._settings.index_dir):
            return False
        with self._lock:
            if not self._served.snapshot.is_current(self._settings.index_dir):
                old, self._served = self._served, self._open(IndexSnapshot.open(self._settings, self._embeddings))
                old.retire()
                self._answers.clear()  # keyed by generation too; this frees the old generation's answers at once
                return True
        return False

    def close(self) -> None:
        """Release the served generation's store (the assistant cannot answer afterwards)."""
        self._served.retire()

    # -- pipeline steps -------------------------------------------------------------------------------------------

    def _open(self, snapshot: IndexSnapshot) -> _Served:
        documents: dict[str, list[Chunk]] = {}
        for chunk in snapshot.chunks:
            documents.setdefault(chunk.doc_id, []).append(chunk)
        retriever = HybridRetriever(snapshot, self._embeddings, self._tokenizer, self._settings)
        return _Served(snapshot, retriever, documents, TopicIndex(documents, self._tokenizer))

    @contextlib.contextmanager
    def _lease(self) -> Iterator[_Served]:
        """The current generation (after switching to a newer one), held for the duration of one request."""
        self.refresh()
        with self._lock:
            served = self._served
            served.acquire()
        try:
            yield served
        finally:
            served.release()

    def _run_tools(self, query: str, resolved: followup.Resolved, served: _Served) -> Draft | None:
        """The first tool that recognises the question; a follow-up is tried with the previous question too."""
        for tool in self._tools:
            draft = tool.answer(query, served.documents)
            if draft is None and resolved.previous is not None:  # "kalau Pilkada?" after a birth date
                draft = tool.answer(f"{resolved.previous} {query}", served.documents)
            if draft is not None:
                return draft
        return None

    def _compose(
        self,
        question: str,
        own: str | None,
        decision: Decision,
        asked: Asked,
        retrieval: Retrieval,
        served: _Served,
        audience: Audience,
    ) -> Draft:
        """The answer (or the referral, or the plain 'not in our documents') for a decision; ``own`` is a follow-up's
        own question (normalised), which the lead answers rather than the question before it."""
        if decision.verdict in (Verdict.NOT_COVERED, Verdict.NO_ASPECT):
            near = (decision.doc_id, *decision.nearby) if decision.doc_id else decision.nearby
            suggestions = suggestions_from(near, served.documents)
            text = (
                replies.no_aspect(asked.primary, suggestions)
                if decision.verdict is Verdict.NO_ASPECT
                else replies.not_covered(suggestions)
            )
            return Draft(lead=text.split("\n\n", 1)[0], text=text, sources=[], suggestions=suggestions)
        assert decision.doc_id is not None
        suggestions = suggestions_from(decision.nearby, served.documents)
        chunks = served.documents[decision.doc_id]
        # a follow-up's own subject ("anonim" after "lapor pungli di mana?") is what its lead must name
        own_terms = set(served.topics.subject_terms(own)) if own else set()
        own_subject = frozenset(t for t in decision.terms if t in own_terms)
        query = LeadQuery(
            text=own or retrieval.query,
            vector=_blend(retrieval.query_vector, served.retriever.query_vector(own)) if own else retrieval.query_vector,
            asked=asked,
            stems=frozenset(self._tokenizer.tokens(own) if own else retrieval.query_tokens),
            subject=own_subject or frozenset(decision.terms),
            words=served.topics.asked_terms(own or retrieval.query),
            follow_up=own is not None,
        )
        if decision.verdict is Verdict.REFER:
            lead = office_lead(chunks)  # a referral names the office first: that is its answer
        else:
            lead = requirements_lead(chunks, query) or pick_lead(served.snapshot, chunks, query, self._tokenizer)
        evidence = Evidence(
            asked=asked,
            chunks=chunks,
            lead=lead,
            query_vector=retrieval.query_vector,
            snapshot=served.snapshot,
            audience=audience,
            today=self._settings.resolved_today(),
            scores={h.chunk.id: h.score for h in retrieval.hits},
            question=retrieval.query,
        )
        draft = compose(evidence)
        if decision.verdict is Verdict.REFER:
            return Draft(lead=draft.lead, text=draft.text, sources=draft.sources, details=draft.details, suggestions=suggestions)
        if self._chat_model is None:
            return draft
        from .answer.llm import rephrase

        text = rephrase(self._chat_model, question, draft.text, draft.sources, self._settings.llm_timeout)
        return Draft(lead=draft.lead, text=text, sources=draft.sources, details=draft.details)

    def _compare(self, query: str, served: _Served, audience: Audience) -> Draft | None:
        """ "Apa bedanya A, B dan C": one line per item, each from the document about it. When an item
        leads nowhere we hold, or to another item's page that does not name it, our documents do not tell them apart: a
        decline (with suggestions) that says so and gives what we hold. None when no item is covered, or when the
        items share one page about them all ("RT dan RW"), which answers as usual."""
        items = comparison_items(query)
        if len(items) < 2:
            return None
        citations = Citations()
        lines: list[str] = []
        pages: dict[str, list[tuple[str, ...]]] = {}  # each page an item led to, with the subject terms of its items
        nowhere: list[tuple[str, ...]] = []  # the subject terms of items that led to no page of ours
        for item in items:
            retrieval = served.retriever.retrieve(item, audience=audience, cached=True)
            decision = decide(
                served.topics,
                retrieval.documents(),
                retrieval.query,
                classify(item),
                self._settings.min_coverage,
                served.has_aspect,
            )
            if (
                decision.doc_id is None
                or decision.verdict is not Verdict.ANSWER
                or not served.topics.mentions(decision.doc_id, decision.terms)  # "surat baptis" is not a letter we hold
            ):
                nowhere.append(decision.terms)
                continue
            if decision.doc_id in pages:
                pages[decision.doc_id].append(decision.terms)
                continue
            pages[decision.doc_id] = [decision.terms]
            chunks = served.documents[decision.doc_id]
            lead = office_lead(chunks)  # a document's first sentence says what it is about
            if lead is not None:
                lines.append(f"- **{chunks[0].title}**: {lead.text} [{citations.cite(lead.chunk)}]")
        # items that share a page must each be named by it ("RT dan RW", "lurah dan kepala desa" on the page whose
        # tags name village heads), and an item with no page of its own must at least be spoken of on one we hold
        unexplained = any(not all(served.topics.names(d, t) for t in terms) for d, terms in pages.items()) or any(
            not any(served.topics.mentions(d, t) for d in pages) for t in nowhere
        )
        if not lines or (len(lines) < 2 and not unexplained):
            return None
        if len(lines) < 2:
            suggestions = suggestions_from(list(pages), served.documents)
            text = replies.no_comparison(items, lines[0], suggestions)
            return Draft(lead=text.split("\n\n", 1)[0], text=text, sources=citations.sources, suggestions=suggestions)
        text = "Bedanya:\n" + "\n".join(lines)
        return Draft(lead=lines[0], text=text, sources=citations.sources)

    # -- finishing: the one place where personal data changes a reply -----------------------------------------------

    def _fixed(self, checked: guard.GuardResult, route: Route, timer: _Timer) -> Answer:
        status, text = fixed_reply(route, self._settings.max_question_chars)
        return self._finish(checked, status, text, timer)

    def _declined(self, checked: guard.GuardResult, route: Route, timer: _Timer) -> Answer:
        if checked.pii:
            return self._finish(checked, Status.PERSONAL_DATA, replies.PERSONAL_DATA, timer)
        return self._fixed(checked, route, timer)

    def _answered(self, checked: guard.GuardResult, draft: Draft, timer: _Timer) -> Answer:
        if checked.pii:
            return self._finish(checked, Status.PERSONAL_DATA, draft, timer, prefix=replies.PERSONAL_DATA)
        return self._finish(checked, Status.ANSWERED, draft, timer)

    def _not_found(self, checked: guard.GuardResult, route: Route, draft: Draft, timer: _Timer) -> Answer:
        """A decline composed from the corpus (a referral, a missing aspect) or the plain reply with suggestions."""
        if checked.pii:
            return self._finish(checked, Status.PERSONAL_DATA, draft, timer, prefix=replies.PERSONAL_DATA)
        return self._finish(checked, ROUTES[route].status, draft, timer)

    @staticmethod
    def _finish(checked: guard.GuardResult, status: Status, draft: Draft | str, timer: _Timer, prefix: str = "") -> Answer:
        timer.timings["total"] = (time.perf_counter() - timer.started) * 1000
        if isinstance(draft, str):
            draft = Draft(lead=draft.split("\n\n", 1)[0], text=draft, sources=[])
        # the answer leads; a personal-data notice follows it (or stands alone when there is nothing to answer)
        text = f"{draft.text}\n\n{prefix}" if prefix and draft.text else prefix or draft.text
        return Answer(
            question=checked.redacted,
            status=status,
            lead=draft.lead or prefix,
            text=text,
            details=draft.details,
            sources=list(draft.sources),
            suggestions=list(draft.suggestions),
            timings_ms=timer.timings,
        )


WARM_UP = ("Saya lahir 14 Pebruari 2007, bisa ikut pemilu 2024?", "Bagaimna cara merkam KTP-el?")
"""A birth date (the date parser) and two typos (the word list of typo repair), asked once at start."""

_PERSONAL_DATA_FIRST = frozenset({Route.OWN_RECORD, Route.SMALL_TALK})
"""Guard routes whose reply gives way to the personal-data reply when the question holds a NIK, phone or e-mail."""


def _blend(context: np.ndarray, own: np.ndarray) -> np.ndarray:
    """A follow-up's lead is picked near both its own question and the conversation it continues."""
    if not context.size or not own.size:
        return context
    both = context + own
    return both / float(np.linalg.norm(both))


def _audience(value: Audience | str) -> Audience:
    try:
        return Audience(value)
    except ValueError:
        raise UsageError("audience harus 'warga' atau 'petugas'") from None
