"""The Assistant: guard, follow-up resolution, tools, hybrid retrieval, routing and composition."""

from __future__ import annotations

import logging
import re
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import eligibility, guard, replies
from .answer import Answer
from .composer import Citations, cite_document, compose
from .embeddings import VectorEmbeddings, build_embeddings
from .indexing import IndexUnavailable, build_index, is_stale
from .lexicon import TOPIC_WORDS
from .retrieval import HybridRetriever, Retrieval
from .routing_examples import OFF_TOPIC, UNCOVERED_SERVICES, UNCOVERED_TERMS
from .settings import Settings
from .snapshot import IndexSnapshot
from .splitting import Chunk
from .text import Tokenizer, normalise_query
from .vectorstore import VectorStoreUnavailable

log = logging.getLogger(__name__)

ELIGIBILITY_DOC = "hak-pilih-syarat-usia"
_FOLLOW_UP = re.compile(r"^(kalau|kalo|klo|kl|bagaimana (kalau|dengan)|gimana (kalau|kalo|dengan)|terus|trus|lalu|"
                        r"jadi|dan|and|what about|how about|if|syarat\w*|biaya\w*|bayar\w*|caranya|di ?mana\w*|"
                        r"tempatnya|itu|yang itu|kapan)\b", re.I)
History = Sequence[str] | Sequence[dict[str, Any]] | None


def _previous_questions(history: History) -> list[str]:
    """Earlier user turns (plain strings or chat messages), cleaned like a question: no personal data or markup."""
    texts = [h["content"] if isinstance(h, dict) else h for h in (history or [])
             if not isinstance(h, dict) or h.get("role", "user") == "user"]
    cleaned = (guard.check(str(t), 10_000).query for t in texts if str(t).strip())
    return [q for q in cleaned if q]


def _is_elliptical(question: str) -> bool:
    """Short, or opening like a continuation ("kalau…", "terus…", "syaratnya…")."""
    return len(re.findall(r"\w+", question)) <= 6 or bool(_FOLLOW_UP.match(question.strip()))


def _resolve_follow_up(question: str, previous: str | None) -> str:
    """An elliptical follow-up joined with the previous question, unless it names a new topic of its own."""
    if previous is None or _topics(question) - _topics(previous):
        return question
    return f"{previous} {question}"


def _topics(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9-]+", normalise_query(text))) & TOPIC_WORDS


@dataclass
class _Route:
    status: str
    reason: str


class Assistant:
    """Answers questions from the index. Build with ``Assistant.load()``; safe to share between threads."""

    def __init__(self, settings: Settings, embeddings: VectorEmbeddings, snapshot: IndexSnapshot,
                 tokenizer: Tokenizer | None = None, chat_model: Any = None) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.tokenizer = tokenizer or Tokenizer()
        self.chat_model = chat_model
        self._lock = threading.Lock()
        self._open(snapshot)
        self._off_topic = embeddings.encode_passages([normalise_query(t) for t in OFF_TOPIC])
        self._uncovered = embeddings.encode_passages([normalise_query(t) for t in UNCOVERED_SERVICES])

    @classmethod
    def load(cls, settings: Settings | None = None, *, build_if_needed: bool = True, progress: bool = False,
             embeddings: VectorEmbeddings | None = None, chat_model: Any = None) -> "Assistant":
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
            from .llm import build_chat_model

            chat_model = build_chat_model(settings)
        return cls(settings, embeddings, IndexSnapshot.open(settings, embeddings), chat_model=chat_model)

    def _open(self, snapshot: IndexSnapshot) -> None:
        self.snapshot = snapshot
        self.retriever = HybridRetriever(snapshot, self.embeddings, self.tokenizer, self.settings)
        self.doc_chunks: dict[str, list[Chunk]] = {}
        for chunk in snapshot.chunks:
            self.doc_chunks.setdefault(chunk.doc_id, []).append(chunk)

    def refresh(self) -> bool:
        """Switch to a newer index generation if one was built; True when switched."""
        if self.snapshot.is_current(self.settings.index_dir):
            return False
        with self._lock:
            if not self.snapshot.is_current(self.settings.index_dir):
                self._open(IndexSnapshot.open(self.settings, self.embeddings))
                return True
        return False

    def ask(self, question: str, audience: str = "warga", history: History = None) -> Answer:
        """Answer one question (``audience`` 'warga' or 'petugas'; ``history`` earlier turns, oldest first)."""
        started = time.perf_counter()
        timings: dict[str, float] = {}
        if audience not in ("warga", "petugas"):
            raise ValueError("audience must be 'warga' or 'petugas'")
        checked = guard.check(question, self.settings.max_question_chars)
        shown_question = checked.redacted
        fixed = self._fixed_reply(checked)
        if fixed is not None:
            status, text = fixed
            return self._finish(shown_question, status, text, [], timings, started)
        try:
            self.refresh()
        except (IndexUnavailable, VectorStoreUnavailable):
            return self._finish(shown_question, "not_found", replies.NO_INDEX, [], timings, started)
        previous = _previous_questions(history)
        follow_up = bool(previous) and _is_elliptical(checked.query)
        resolved = _resolve_follow_up(checked.query, previous[-1] if follow_up else None)
        tool = self._eligibility(checked.query)
        if tool is None and follow_up:  # "kalau Pilkada?" after a question that gave the birth date
            tool = self._eligibility(f"{previous[-1]} {checked.query}")
        if tool is not None:
            text, sources = tool
            status = "personal_data" if checked.pii else "answered"
            if checked.pii:
                text = f"{replies.PERSONAL_DATA}\n\n{text}"
            return self._finish(shown_question, status, text, sources, timings, started)

        t = time.perf_counter()
        try:
            retrieval = self.retriever.retrieve(resolved, audience=audience)
        except Exception:  # noqa: BLE001 - a broken or unreachable store must not take the app down
            log.exception("retrieval failed; the index or the Chroma server is unavailable")
            return self._finish(shown_question, "not_found", replies.NO_INDEX, [], timings, started)
        timings["retrieve"] = (time.perf_counter() - t) * 1000
        route = self._route(retrieval)
        if checked.pii:
            if route.status != "answered":
                return self._finish(shown_question, "personal_data", replies.PERSONAL_DATA, [], timings, started)
        elif route.status != "answered":
            text = replies.OUT_OF_SCOPE if route.status == "out_of_scope" else replies.NOT_FOUND
            return self._finish(shown_question, route.status, text, [], timings, started)

        t = time.perf_counter()
        composition = compose(resolved, retrieval.hits, self.doc_chunks, audience, self.settings.resolved_today())
        text, sources = composition.text, composition.sources
        if self.chat_model is not None:
            from .llm import rephrase

            text = rephrase(self.chat_model, resolved, text, sources, self.settings.llm_timeout)
        timings["compose"] = (time.perf_counter() - t) * 1000
        if checked.pii:
            return self._finish(shown_question, "personal_data", f"{replies.PERSONAL_DATA}\n\n{text}", sources,
                                timings, started)
        return self._finish(shown_question, "answered", text, sources, timings, started)

    def _fixed_reply(self, checked: guard.GuardResult) -> tuple[str, str] | None:
        if checked.route is None:
            return None
        kind, _, reason = checked.route.partition(":")
        if kind == "clarify":
            text = replies.EMPTY if reason == "empty" else replies.TOO_LONG.format(
                limit=self.settings.max_question_chars)
            return "clarify", text
        if kind == "greeting":
            thanks = re.search(r"(terima\s*kasih|makasih|trims|thanks|thank|tengkyu|thx)", checked.text, re.I)
            return "greeting", replies.THANKS if thanks else replies.GREETING
        text = {"political": replies.POLITICAL, "secret": replies.SECRET, "records": replies.RECORDS,
                "abuse": replies.ABUSE, "illegal": replies.ILLEGAL}.get(
            reason, replies.OUT_OF_SCOPE)
        return "out_of_scope", text

    def _eligibility(self, question: str) -> tuple[str, list] | None:
        parsed = eligibility.parse(question)
        if parsed is None or ELIGIBILITY_DOC not in self.doc_chunks:
            return None
        verdicts = eligibility.decide(parsed)
        citations = Citations()
        numbers = cite_document(self.doc_chunks[ELIGIBILITY_DOC], citations, ("Ringkasan", "Dasar Hukum"))
        refs = "".join(f" [{n}]" for n in numbers) or ""
        body = eligibility.explain(parsed, verdicts, self.settings.resolved_today())
        text = (f"{body}\n\nAturannya: warga negara yang pada hari pemungutan suara sudah genap 17 tahun, atau sudah "
                f"atau pernah kawin, berhak memilih; untuk menggunakan hak itu ia harus terdaftar sebagai pemilih dan "
                f"membawa KTP-el (atau suket perekaman) ke TPS.{refs}")
        return text, citations.sources

    def _route(self, retrieval: Retrieval) -> _Route:
        """answered, or out_of_scope / not_found when the question is nearer to those examples than to the corpus."""
        if not retrieval.hits:
            return _Route("not_found", "no hits")
        vector = retrieval.query_vector
        off = float(np.max(self._off_topic @ vector))
        uncovered = float(np.max(self._uncovered @ vector))
        margin = self.settings.route_margin
        if off - retrieval.top_dense > margin and off >= uncovered:
            return _Route("out_of_scope", "nearer to off-topic examples")
        if uncovered - retrieval.top_dense > margin:
            return _Route("not_found", "nearer to uncovered services")
        top_text = retrieval.hits[0].chunk.indexed_text.lower()
        for term in UNCOVERED_TERMS:
            if re.search(rf"\b{term}\b", retrieval.query) and not re.search(rf"\b{term}\b", top_text):
                return _Route("not_found", f"service of another agency: {term}")
        if retrieval.top_dense < self.settings.min_evidence and not any(h.lexical for h in retrieval.hits):
            return _Route("out_of_scope" if off >= uncovered else "not_found", "weak evidence")
        return _Route("answered", "")

    def _finish(self, question: str, status: str, text: str, sources: list, timings: dict[str, float],
                started: float) -> Answer:
        timings["total"] = (time.perf_counter() - started) * 1000
        return Answer(question=question, status=status, text=text, sources=list(sources), timings_ms=timings)
