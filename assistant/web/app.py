"""The Gradio app: Warga chat, Petugas desk, Admin view, and the named ``/ask`` and ``/feedback`` endpoints."""

from __future__ import annotations

from typing import Any

import gradio as gr

from ..ingest.documents import Audience
from ..service import Assistant, StaleIndex
from ..settings import Settings
from .admin import admin_tab
from .context import RateLimited, WebContext
from .petugas import petugas_tab
from .questionlog import QuestionLog
from .warga import warga_tab

QUEUE_CONCURRENCY = 4
QUEUE_MAX_SIZE = 256
CSS = """
#sources details { margin: 0.4em 0; }
@media (max-width: 480px) { .gradio-container { padding: 4px !important; } }
"""


def build_ui(context: WebContext) -> gr.Blocks:
    """All tabs and endpoints over one context."""

    def api_ask(question: str, audience: str = "warga", request: gr.Request = None) -> dict[str, Any]:  # type: ignore[assignment]
        """Answer a question; returns the Answer of DESIGN.md plus `log_id` for feedback."""
        if audience not in tuple(Audience):
            raise gr.Error("audience harus 'warga' atau 'petugas'")
        try:
            answer, log_id = context.ask(question, Audience(audience), request=request)
        except RateLimited as exc:
            raise gr.Error(str(exc)) from exc
        return answer.to_dict() | {"log_id": log_id}

    def api_feedback(log_id: int, rating: int, comment: str = "") -> dict[str, bool]:
        """Store 👍 (1) or 👎 (-1) and an optional comment for a logged answer."""
        if rating not in (1, -1):
            raise gr.Error("rating harus 1 atau -1")
        return {"saved": context.questions.feedback(int(log_id), int(rating), comment)}

    with gr.Blocks(title="Tanya Kelurahan — Kota Kupang", fill_width=True) as demo:
        gr.api(api_ask, api_name="ask")
        gr.api(api_feedback, api_name="feedback")
        with gr.Tabs():
            with gr.Tab("Warga", id="warga"):
                warga_tab(context)
            with gr.Tab("Petugas", id="petugas"):
                petugas_tab(context)
            with gr.Tab("Admin", id="admin", visible=bool(context.settings.admin_password)):
                admin_tab(context)
    return demo


def create_app(settings: Settings, assistant: Assistant | None = None) -> gr.Blocks:
    """The Gradio Blocks, queued, ready to ``launch``."""
    assistant = assistant or Assistant.load(settings, on_stale=StaleIndex.BACKGROUND, progress=True)
    questions = QuestionLog(settings.log_db)
    questions.purge_older_than(settings.log_retention_days)
    demo = build_ui(WebContext(assistant, questions, settings))
    return demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=QUEUE_MAX_SIZE)


def launch(demo: gr.Blocks, settings: Settings, *, block: bool = True) -> Any:
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
    )


def serve(settings: Settings) -> None:
    launch(create_app(settings), settings)
