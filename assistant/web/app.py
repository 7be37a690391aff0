"""The Gradio app: Warga chat, Petugas desk, Admin view, and the named ``/ask`` and ``/feedback`` endpoints."""

from __future__ import annotations

import os
from typing import Any

import gradio as gr

from ..ingest.documents import Audience
from ..service import Assistant, StaleIndex
from ..settings import Settings
from .admin import admin_tab
from .context import RateLimited, WebContext, ask_workers
from .petugas import petugas_tab
from .questionlog import QuestionLog
from .warga import warga_tab

QUEUE_CONCURRENCY = 4
QUEUE_MAX_SIZE = 512
MAX_UPLOAD = "1mb"
EXPORT_CACHE = (60, 300)
"""Gradio's cached copies of files handed out (the admin's CSV export) are deleted after 5 minutes."""
CSS = """
#sources details { margin: 0.4em 0; }
@media (max-width: 480px) { .gradio-container { padding: 4px !important; } }
"""


def build_ui(context: WebContext) -> gr.Blocks:
    """All tabs and endpoints over one context."""

    def api_ask(question: str, audience: str = "warga", request: gr.Request = None) -> dict[str, Any]:  # type: ignore[assignment]
        """Answer a question; returns the Answer of DESIGN.md plus `feedback_token` for `/feedback`."""
        if audience not in tuple(Audience):
            raise gr.Error("audience harus 'warga' atau 'petugas'", print_exception=False)
        if not isinstance(question, str):
            raise gr.Error("question harus berupa teks", print_exception=False)
        try:
            answer, token = context.ask(question, Audience(audience), request=request)
        except RateLimited as exc:
            raise gr.Error(str(exc), print_exception=False) from exc
        return answer.to_dict() | {"feedback_token": token}

    def api_feedback(token: str, rating: int, comment: str = "", request: gr.Request = None) -> dict[str, bool]:  # type: ignore[assignment]
        """Store 👍 (1) or 👎 (-1) and an optional comment for the answer that returned `feedback_token`."""
        if rating not in (1, -1):
            raise gr.Error("rating harus 1 atau -1", print_exception=False)
        try:
            return {"saved": context.feedback(str(token or ""), int(rating), str(comment or ""), request=request)}
        except RateLimited as exc:
            raise gr.Error(str(exc), print_exception=False) from exc

    with gr.Blocks(title="Tanya Kelurahan — Kota Kupang", fill_width=True, delete_cache=EXPORT_CACHE) as demo:
        gr.api(api_ask, api_name="ask", concurrency_limit=context.ask_concurrency)
        gr.api(api_feedback, api_name="feedback")
        with gr.Tabs():
            with gr.Tab("Warga", id="warga"):
                warga_tab(context)
            with gr.Tab("Petugas", id="petugas"):
                petugas_tab(context)
            with gr.Tab("Admin", id="admin", visible=bool(context.settings.admin_password)):
                admin_tab(context)
    return demo


GRADIO_QUEUE_ANALYTICS = {"GRADIO_ANALYTICS_MAX_EVENTS": "100", "GRADIO_ANALYTICS_CACHE_FREQUENCY": "1000"}
"""Gradio's queue rebuilds a pandas table of its last 10,000 events after every event, for a monitoring page
we do not use: a cost that grows with uptime and held a tenth of the CPU under load. Bounded here."""


def create_app(settings: Settings, assistant: Assistant | None = None) -> gr.Blocks:
    """The Gradio Blocks, queued, ready to ``launch``."""
    for name, value in GRADIO_QUEUE_ANALYTICS.items():
        os.environ.setdefault(name, value)
    assistant = assistant or Assistant.load(settings, on_stale=StaleIndex.BACKGROUND, progress=True)
    questions = QuestionLog(settings.log_db)
    questions.purge_older_than(settings.log_retention_days)
    demo = build_ui(WebContext(assistant, questions, settings))
    return demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)


def launch(demo: gr.Blocks, settings: Settings, *, block: bool = True) -> Any:
    """Serve on ``settings.host:port``.

    Uvicorn (under Gradio) rewrites the client address from X-Forwarded-For for the hosts in
    ``FORWARDED_ALLOW_IPS``, by default loopback, whatever our settings say. This entry point sets it from
    the settings before the server is made: nobody when proxy headers are not trusted, else the trusted
    proxies, whose right-most hop (the one they added) then becomes the client address."""
    os.environ["FORWARDED_ALLOW_IPS"] = settings.trusted_proxies if settings.trust_proxy_headers else ""
    theme = gr.themes.Soft(font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=not block,
        theme=theme,
        css=CSS,
        footer_links=["api"],
        show_error=False,
        quiet=not block,
        ssr_mode=False,
        max_file_size=MAX_UPLOAD,
        max_threads=max(40, ask_workers(settings) + 16),
    )


def serve(settings: Settings) -> None:
    launch(create_app(settings), settings)
