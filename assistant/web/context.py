"""What every tab and endpoint shares: the assistant, the question log, the web settings and the rate limit."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

import gradio as gr

from ..answer import replies
from ..answer.schema import Answer, Status
from ..ingest.documents import Audience
from ..service import Assistant
from ..settings import Settings
from .questionlog import QuestionLog
from .ratelimit import RateLimiter

log = logging.getLogger(__name__)


class RateLimited(Exception):
    """The client asked too often; the message says how long to wait."""


@dataclass
class WebContext:
    """One per app. ``settings`` are the web app's own (port, admin password, rate limit, proxy trust)."""

    assistant: Assistant
    questions: QuestionLog
    settings: Settings
    limiter: RateLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = RateLimiter(self.settings.rate_limit_per_minute, self.settings.rate_limit_burst)

    def client_key(self, request: gr.Request | None) -> str:
        """Who is asking, for the rate limit: the connecting address, or the proxy's header when trusted."""
        if request is None:
            return "local"
        forwarded = request.headers.get("x-forwarded-for", "") if self.settings.trust_proxy_headers else ""
        if forwarded:
            return forwarded.split(",")[0].strip()
        return getattr(request.client, "host", None) or "unknown"

    def ask(
        self, question: str, audience: Audience, history: list[Any] | None = None, request: gr.Request | None = None
    ) -> tuple[Answer, int | None]:
        """Rate-limit, answer and log one question; ``RateLimited`` when the client must wait."""
        allowed, wait = self.limiter.allow(self.client_key(request))
        if not allowed:
            raise RateLimited(replies.RATE_LIMITED.format(seconds=max(1, round(wait))))
        try:
            answer = self.assistant.ask(question, audience=audience, history=history)
        except Exception:  # noqa: BLE001 - residents get a clear message, the log gets the trace
            log.exception("answering failed unexpectedly")
            return Answer(question="", status=Status.NOT_FOUND, text=replies.INTERNAL_ERROR), None
        return answer, self.questions.record(answer, audience)
