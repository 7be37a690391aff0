"""The Gradio app: Warga chat, Petugas desk, Admin view, and the named ``/ask`` and ``/feedback`` endpoints."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import gradio as gr
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware

from ..answer.schema import SOURCE_ROUTE
from ..ingest.documents import Audience
from ..service import Assistant, StaleIndex
from ..settings import Settings
from . import pages
from .admin import admin_tab
from .api import api_route
from .context import RateLimited, WebContext, ask_workers
from .middleware import CacheStatic, GradioPageHead, gradio_assets, preload_hints, recorded_preload
from .petugas import petugas_tab
from .questionlog import QuestionLog
from .warga import warga_tab

QUEUE_CONCURRENCY = 4
QUEUE_MAX_SIZE = 512
ADMIN_PATH = "admin"
MAX_UPLOAD = "1mb"
"""Largest upload Gradio takes when there is no admin page (residents upload nothing)."""
COMPRESS_FROM_BYTES = 500
"""Responses larger than this are gzip-compressed (the event streams of Gradio's queue are left alone)."""
EXPORT_CACHE = (60, 300)
"""Gradio's cached copies of files handed out (the admin's CSV export) are deleted after 5 minutes."""
MISSING_INDONESIAN = {"chatbot.copy_message": "Salin pesan", "chatbot.copied_message": "Pesan disalin"}
"""Gradio texts its Indonesian locale lacks."""
CSS = """
#sources details { margin: 0.4em 0; }
/* contrast (WCAG AA): labels, the primary button and links darker than the theme's defaults */
[data-testid="block-info"], label[data-testid="block-label"], .label > p { color: #1e3a8a !important; }
button.primary { background: #1d4ed8 !important; border-color: #1d4ed8 !important; color: #ffffff !important; }
a { color: #0b4f9c; }
a[data-sveltekit-reload] { color: #1f2937 !important; }
.subdued, [data-testid="upload-text"], [data-testid="upload-text"] .or { color: #374151 !important; }
label.selected { background: #1d4ed8 !important; border-color: #1d4ed8 !important; color: #ffffff !important; }
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
        gr.Navbar(visible=False)  # the admin page is reached by its address only
        gr.api(api_ask, api_name="ask", concurrency_limit=context.ask_concurrency)
        gr.api(api_feedback, api_name="feedback")
        with gr.Tabs():
            with gr.Tab("Warga", id="warga"):
                warga_tab(context)
            with gr.Tab("Petugas", id="petugas"):
                petugas_tab(context)
    if context.settings.admin_password:
        # for the city's staff, not residents: its own page (/admin), in no tab and no navigation bar
        with demo.route("Admin", ADMIN_PATH, show_in_navbar=False):
            gr.Navbar(visible=True, main_page_name="Kembali ke Tanya Kelurahan")
            admin_tab(context)
    return demo


GRADIO_QUEUE_ANALYTICS = {"GRADIO_ANALYTICS_MAX_EVENTS": "100", "GRADIO_ANALYTICS_CACHE_FREQUENCY": "1000"}
"""Gradio's queue rebuilds a pandas table of its last 10,000 events after every event, for a monitoring page
we do not use: a cost that grows with uptime and held a tenth of the CPU under load. Bounded here."""


@dataclass(frozen=True)
class WebApp:
    """The queued Gradio Blocks and the context its pages share."""

    demo: gr.Blocks
    context: WebContext


def create_app(settings: Settings, assistant: Assistant | None = None) -> WebApp:
    """The Gradio Blocks, queued, with their context, ready to ``launch``."""
    for name, value in GRADIO_QUEUE_ANALYTICS.items():
        os.environ.setdefault(name, value)
    assistant = assistant or Assistant.load(settings, on_stale=StaleIndex.BACKGROUND, progress=True)
    questions = QuestionLog(settings.question_log_target())
    questions.purge_older_than(settings.log_retention_days)
    context = WebContext(assistant, questions, settings)
    return queued(context)


def queued(context: WebContext) -> WebApp:
    """The UI over ``context`` with its queue set up."""
    demo = build_ui(context).queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)
    return WebApp(demo, context)


def launch(app: WebApp, settings: Settings, *, block: bool = True) -> Any:
    """Serve on ``settings.host:port``.

    Uvicorn (under Gradio) rewrites the client address from X-Forwarded-For for the hosts in
    ``FORWARDED_ALLOW_IPS``, by default loopback, whatever our settings say. This entry point sets it from
    the settings before the server is made: nobody when proxy headers are not trusted, else the trusted
    proxies, whose right-most hop (the one they added) then becomes the client address."""
    os.environ["FORWARDED_ALLOW_IPS"] = settings.trusted_proxies if settings.trust_proxy_headers else ""
    theme = gr.themes.Soft(font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return app.demo.launch(
        server_name=settings.host,
        server_port=settings.port,
        prevent_thread_lock=not block,
        theme=theme,
        css=CSS,
        # with translations given, Gradio sets up its language from the browser's, which LOCALE_SCRIPT reports as
        # Indonesian; the entries themselves are ours (Gradio's own texts come with its Indonesian locale)
        i18n=gr.I18n(id=MISSING_INDONESIAN),
        footer_links=[],  # the API stays (README); residents see no developer footer
        app_kwargs={
            "routes": [*pages.routes(app.context), api_route(app.context)],
            # gzip outermost, so the page is rewritten before it is compressed
            "middleware": [
                Middleware(GZipMiddleware, minimum_size=COMPRESS_FROM_BYTES),
                Middleware(
                    GradioPageHead,
                    preload=preload_hints(recorded_preload(), gradio_assets()),
                    skip=(SOURCE_ROUTE, pages.LIGHT_ROUTE),
                ),
                Middleware(CacheStatic),
            ],
        },
        show_error=False,
        quiet=not block,
        ssr_mode=False,
        # Gradio's upload route is open to every client: documents need room only when the admin page exists
        max_file_size=settings.max_document_bytes if settings.admin_password else MAX_UPLOAD,
        max_threads=max(40, ask_workers(settings) + 16),
    )


def serve(settings: Settings) -> None:
    launch(create_app(settings), settings)
