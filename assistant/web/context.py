"""What every tab and endpoint shares: the assistant, the question log, the web settings and the rate limit."""

from __future__ import annotations

import contextlib
import hmac
import logging
import math
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import gradio as gr
from starlette.requests import Request as HttpRequest

from ..answer import replies
from ..answer.schema import Answer, Status
from ..errors import AdminRefused
from ..ingest.documents import Audience
from ..service import Assistant
from ..settings import Settings
from .questionlog import QuestionLog
from .ratelimit import RateLimiter

log = logging.getLogger(__name__)


ClientRequest = gr.Request | HttpRequest | None
"""A Gradio event's request or a plain HTTP request (the server-rendered pages): both know the client's address."""


class RateLimited(Exception):
    """The client asked too often, or the service is busy; the message says what to do."""


ADMIN_FREE_FAILURES = 3
ADMIN_LOCKOUT_FAILURES = 10
ADMIN_LOCKOUT_SECONDS = 15 * 60


class Admission:
    """At most ``active`` questions are worked on at once and ``waiting`` more may wait; past that, a
    question is turned away at once with the busy message instead of waiting in a long queue."""

    def __init__(self, active: int, waiting: int) -> None:
        self._slots = threading.BoundedSemaphore(active)
        self._limit = active + waiting
        self._count = 0
        self._lock = threading.Lock()
        self.shed = 0

    @contextlib.contextmanager
    def enter(self) -> Iterator[None]:
        with self._lock:
            if self._count >= self._limit:
                self.shed += 1
                raise RateLimited(replies.BUSY)
            self._count += 1
        try:
            with self._slots:
                yield
        finally:
            with self._lock:
                self._count -= 1


class AdminGate:
    """Sign-in attempts per client: a few free failures, then a wait that doubles, then a lockout."""

    def __init__(self) -> None:
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def check(self, client: str, now: float | None = None) -> None:
        """``AdminRefused`` while the client must wait before trying again."""
        now = time.monotonic() if now is None else now
        with self._lock:
            count, last = self._failures.get(client, (0, 0.0))
        wait = _admin_wait(count) - (now - last)
        if wait > 0:
            raise AdminRefused(f"Terlalu banyak percobaan kata sandi yang salah. Coba lagi dalam {_duration(wait)}.")

    def failed(self, client: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            count, _ = self._failures.get(client, (0, 0.0))
            self._failures[client] = (count + 1, now)
            if len(self._failures) > 10_000:
                self._failures.pop(next(iter(self._failures)))

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._failures.pop(client, None)


def _admin_wait(failures: int) -> float:
    if failures >= ADMIN_LOCKOUT_FAILURES:
        return float(ADMIN_LOCKOUT_SECONDS)
    return 0.0 if failures < ADMIN_FREE_FAILURES else float(2 ** (failures - ADMIN_FREE_FAILURES + 1))


def _duration(seconds: float) -> str:
    return f"{math.ceil(seconds / 60)} menit" if seconds >= 90 else f"{math.ceil(seconds)} detik"


SHED_WORKERS = 32
"""Gradio workers beyond those ``Admission`` lets in: they only turn questions away, which takes no time."""


def ask_workers(settings: Settings) -> int:
    """Gradio workers for question events. More than ``Admission`` admits, so that a question past the
    bounded queue reaches it and gets the busy reply at once, instead of waiting in Gradio's own queue."""
    return settings.busy_active + settings.busy_waiting + SHED_WORKERS


@dataclass
class WebContext:
    """One per app. ``settings`` are the web app's own (port, admin password, rate limit, proxy trust)."""

    assistant: Assistant
    questions: QuestionLog
    settings: Settings
    limiter: RateLimiter = field(init=False)
    feedback_limiter: RateLimiter = field(init=False)
    admission: Admission = field(init=False)
    admin_gate: AdminGate = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.settings.rate_limit_per_minute, self.settings.rate_limit_burst)
        self.feedback_limiter = RateLimiter(self.settings.rate_limit_per_minute, self.settings.rate_limit_burst)
        self.admission = Admission(self.settings.busy_active, self.settings.busy_waiting)
        self.admin_gate = AdminGate()

    @property
    def ask_concurrency(self) -> int:
        return ask_workers(self.settings)

    @staticmethod
    def client_key(request: ClientRequest) -> str:
        """Who is asking: the connecting address. Uvicorn has already replaced it by the hop our trusted proxy
        added to X-Forwarded-For when, and only when, proxy headers are trusted (see ``launch``)."""
        if request is None:
            return "local"
        return getattr(request.client, "host", None) or "unknown"

    def throttle(self, limiter: RateLimiter, request: ClientRequest) -> None:
        """``RateLimited`` (and one log line) when this client must wait."""
        allowed, wait = limiter.allow(self.client_key(request))
        if not allowed:
            log.info("rate limited: one call refused")
            raise RateLimited(replies.RATE_LIMITED.format(seconds=max(1, round(wait))))

    def ask(
        self, question: str, audience: Audience, history: list[Any] | None = None, request: ClientRequest = None
    ) -> tuple[Answer, str | None]:
        """Rate-limit, admit, answer and log one question: (answer, feedback token).

        ``RateLimited`` when the client must wait or the service is full."""
        self.throttle(self.limiter, request)
        try:
            with self.admission.enter():
                answer = self.assistant.ask(str(question or ""), audience=audience, history=history)
        except RateLimited:
            log.info("busy: one question turned away")
            raise
        except Exception:  # noqa: BLE001 - residents get a clear message, the log gets the trace
            log.exception("answering failed unexpectedly")
            return Answer(question="", status=Status.NOT_FOUND, text=replies.INTERNAL_ERROR), None
        return answer, self.questions.record(answer, audience)

    def feedback(self, token: str, rating: int | None, comment: str = "", request: ClientRequest = None) -> bool:
        """Store a rating and/or comment for the answer with ``token`` (rate-limited per client)."""
        self.throttle(self.feedback_limiter, request)
        return self.questions.feedback(token, rating, comment)

    def authorise(self, password: str | None, request: ClientRequest) -> None:
        """``AdminRefused`` unless the password is right and this client is not locked out."""
        client = self.client_key(request)
        self.admin_gate.check(client)
        settings = self.settings
        if not settings.admin_password:
            raise AdminRefused("Halaman admin tidak aktif (kata sandi admin belum diatur).")
        given = password if isinstance(password, str) else ""
        if not given or not hmac.compare_digest(given.encode(), settings.admin_password.encode()):
            self.admin_gate.failed(client)
            log.info("admin sign-in refused")
            raise AdminRefused("Kata sandi admin salah.")
        self.admin_gate.succeeded(client)
