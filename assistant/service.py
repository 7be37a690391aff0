"""The Assistant: the public API over the pipeline (guard, follow-up, tools, retrieval, routing, composition)."""

from __future__ import annotations

import logging
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .answer import followup, guard, replies
from .answer.composer import Draft, compose
from .answer.routes import Route, fixed_reply
from .answer.routing import Router
from .answer.schema import Answer, Source, Status
from .answer.tools import EligibilityTool, Tool
from .errors import IndexUnavailable, StoreUnavailable, UsageError
from .indexing import generations
from .indexing.build import IndexResult, build_index, is_stale
from .indexing.embeddings import VectorEmbeddings, build_embeddings
from .indexing.snapshot import IndexSnapshot
from .ingest.documents import Audience, Kind
from .ingest.splitting import Chunk
from .retrieval.hybrid import HybridRetriever, Retrieval, SearchMode
from .settings import Settings
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


@dataclass(frozen=True)
class _Served:
    """One opened generation with everything derived from it; swapped as a whole on refresh."""

    snapshot: IndexSnapshot
    retriever: HybridRetriever
    documents: dict[str, list[Chunk]]


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
    ) -> None:
        self._settings = settings
        self._embeddings = embeddings
        self._tokenizer = tokenizer or Tokenizer()
        self._chat_model = chat_model
        self._lock = threading.Lock()
        self._served = self._open(snapshot)
        self._router = Router(embeddings, settings.route_margin, settings.min_evidence)
        self._tools: tuple[Tool, ...] = tools if tools is not None else (EligibilityTool(settings.resolved_today),)

    @classmethod
    def load(
        cls,
        settings: Settings | None = None,
        *,
        build_if_needed: bool = True,
        progress: bool = False,
        embeddings: VectorEmbeddings | None = None,
        chat_model: Any = None,
    ) -> Assistant:
        """Open the index (building or updating it first when missing or stale) and the models."""
        settings = settings or Settings()
        embeddings = embeddings or build_embeddings(settings)
        if build_if_needed and is_stale(settings, embeddings):
            if progress:
                print("Membangun indeks dokumen…", file=sys.stderr)
            result = build_index(settings, embeddings, progress=progress)
            if progress:
                print(result.summary(), file=sys.stderr)
        if chat_model is None and settings.llm_model:
            from .answer.llm import build_chat_model

            chat_model = build_chat_model(settings)
        return cls(settings, embeddings, IndexSnapshot.open(settings, embeddings), chat_model=chat_model)

    # -- public API -----------------------------------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self._settings

    def ask(self, question: str, audience: Audience | str = Audience.WARGA, history: followup.History = None) -> Answer:
        """Answer one question (``history``: earlier turns, oldest first)."""
        audience = _audience(audience)
        timer = _Timer()
        checked = guard.check(question, self._settings.max_question_chars)
        if checked.route is not None:
            return self._fixed(checked, checked.route, timer)
        try:
            served = self._current()
        except (IndexUnavailable, StoreUnavailable):
            return self._fixed(checked, Route.NO_INDEX, timer)
        resolved = followup.resolve(checked.query, history)
        draft = self._run_tools(checked.query, resolved, served)
        if draft is None:
            try:
                started = time.perf_counter()
                retrieval = served.retriever.retrieve(resolved.query, audience=audience)
                timer.lap("retrieve", started)
            except StoreUnavailable:
                log.exception("retrieval failed; the index or the Chroma server is unavailable")
                return self._fixed(checked, Route.NO_INDEX, timer)
            route = self._router.route(retrieval)
            if route is not Route.ANSWERED:
                return self._declined(checked, route, timer)
            started = time.perf_counter()
            draft = self._compose(resolved.query, retrieval, served, audience)
            timer.lap("compose", started)
        return self._answered(checked, draft, timer)

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
        return self._current().retriever.retrieve(
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
        result = build_index(self._settings, self._embeddings, rebuild=rebuild, progress=progress)
        self.refresh()
        return result

    def status(self) -> IndexStatus:
        return IndexStatus(generations.read_manifest(self._settings.index_dir), generations.read_status(self._settings.index_dir))

    def refresh(self) -> bool:
        """Switch to a newer index generation if one was built; True when switched."""
        if self._served.snapshot.is_current(self._settings.index_dir):
            return False
        with self._lock:
            if not self._served.snapshot.is_current(self._settings.index_dir):
                self._served = self._open(IndexSnapshot.open(self._settings, self._embeddings))
                return True
        return False

    # -- pipeline steps -------------------------------------------------------------------------------------------

    def _open(self, snapshot: IndexSnapshot) -> _Served:
        documents: dict[str, list[Chunk]] = {}
        for chunk in snapshot.chunks:
            documents.setdefault(chunk.doc_id, []).append(chunk)
        retriever = HybridRetriever(snapshot, self._embeddings, self._tokenizer, self._settings)
        return _Served(snapshot, retriever, documents)

    def _current(self) -> _Served:
        self.refresh()
        return self._served

    def _run_tools(self, query: str, resolved: followup.Resolved, served: _Served) -> Draft | None:
        """The first tool that recognises the question; a follow-up is tried with the previous question too."""
        for tool in self._tools:
            draft = tool.answer(query, served.documents)
            if draft is None and resolved.previous is not None:  # "kalau Pilkada?" after a birth date
                draft = tool.answer(f"{resolved.previous} {query}", served.documents)
            if draft is not None:
                return draft
        return None

    def _compose(self, query: str, retrieval: Retrieval, served: _Served, audience: Audience) -> Draft:
        draft = compose(query, retrieval.hits, served.documents, audience, self._settings.resolved_today())
        if self._chat_model is None:
            return draft
        from .answer.llm import rephrase

        text = rephrase(self._chat_model, query, draft.text, draft.sources, self._settings.llm_timeout)
        return Draft(text, draft.sources)

    # -- finishing: the one place where personal data changes a reply -----------------------------------------------

    def _fixed(self, checked: guard.GuardResult, route: Route, timer: _Timer) -> Answer:
        status, text = fixed_reply(route, self._settings.max_question_chars)
        return self._finish(checked, status, text, [], timer)

    def _declined(self, checked: guard.GuardResult, route: Route, timer: _Timer) -> Answer:
        if checked.pii:
            return self._finish(checked, Status.PERSONAL_DATA, replies.PERSONAL_DATA, [], timer)
        return self._fixed(checked, route, timer)

    def _answered(self, checked: guard.GuardResult, draft: Draft, timer: _Timer) -> Answer:
        if checked.pii:
            return self._finish(checked, Status.PERSONAL_DATA, f"{replies.PERSONAL_DATA}\n\n{draft.text}", draft.sources, timer)
        return self._finish(checked, Status.ANSWERED, draft.text, draft.sources, timer)

    @staticmethod
    def _finish(checked: guard.GuardResult, status: Status, text: str, sources: list[Source], timer: _Timer) -> Answer:
        timer.timings["total"] = (time.perf_counter() - timer.started) * 1000
        return Answer(question=checked.redacted, status=status, text=text, sources=list(sources), timings_ms=timer.timings)


def _audience(value: Audience | str) -> Audience:
    try:
        return Audience(value)
    except ValueError:
        raise UsageError("audience harus 'warga' atau 'petugas'") from None
