"""Start the web app: one Assistant, one question log, the Gradio UI with a bounded queue."""

from __future__ import annotations

from typing import Any

from .questionlog import QuestionLog
from .service import Assistant
from .settings import Settings

QUEUE_CONCURRENCY = 4


def create_app(settings: Settings, assistant: Assistant | None = None) -> Any:
    """The Gradio Blocks, queued, ready to ``launch``."""
    from .ui import build_ui

    assistant = assistant or Assistant.load(settings, progress=True)
    questions = QuestionLog(settings.log_db)
    questions.purge_older_than(settings.log_retention_days)
    demo = build_ui(assistant, questions)
    return demo.queue(default_concurrency_limit=QUEUE_CONCURRENCY, max_size=256)


def launch(demo: Any, settings: Settings, *, block: bool = True) -> Any:
    import gradio as gr

    from .ui import CSS

    theme = gr.themes.Soft(font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"])
    return demo.launch(server_name=settings.host, server_port=settings.port, prevent_thread_lock=not block,
                       theme=theme, css=CSS, footer_links=["api"], show_error=False, quiet=not block,
                       ssr_mode=False)


def serve(settings: Settings) -> None:
    launch(create_app(settings), settings)
