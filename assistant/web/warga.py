"""The Warga tab: the residents' chat with citations, sources, 👍/👎 and comments."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import gradio as gr

from ..ingest.documents import Audience
from . import render
from .context import RateLimited, WebContext

WELCOME = (
    "### Tanya Kelurahan — Kota Kupang\n"
    "Tanyakan layanan kependudukan (KTP-el, KK, akta), surat dari kelurahan, hak pilih, biaya layanan dan cara "
    "mengadu, dalam bahasa sehari-hari.\n\n"
    "*Jawaban disusun dari dokumen Pemerintah Kota Kupang dan peraturan, dengan sumbernya. Pastikan kembali ke "
    "kantor kelurahan atau Dinas Dukcapil sebelum mengurus. **Jangan menuliskan NIK, nomor KK, atau nomor telepon "
    "Anda.***"
)
EXAMPLES = (
    "Bagaimana cara merekam KTP-el?",
    "KTP hilang, harus bagaimana?",
    "Urus akta kelahiran bayar tidak?",
    "Beta lahir 20 Februari 2007, bisa ikut Pemilu 2024?",
    "Ke mana melapor kalau dimintai pungli?",
)
STREAM_STEPS = 6
Outputs = tuple[list[dict[str, Any]], dict[str, Any], Any, str]


def warga_tab(context: WebContext) -> None:
    """Build the tab inside the current ``gr.Blocks``; per-user state lives in ``gr.State``."""
    gr.Markdown(WELCOME)
    chatbot = gr.Chatbot(
        label="Percakapan dengan Tanya Kelurahan",
        height=460,
        elem_id="chat",
        feedback_options=("Like", "Dislike"),
        buttons=["copy"],
    )
    state = gr.State({"questions": [], "log_ids": {}})
    with gr.Row(equal_height=True):
        box = gr.Textbox(
            label="Pertanyaan Anda",
            placeholder="Tulis pertanyaan, misalnya: KK hilang syaratnya apa?",
            scale=5,
            max_lines=4,
            elem_id="question",
            autofocus=True,
        )
        send = gr.Button("Kirim", variant="primary", scale=1, min_width=80, elem_id="send")
    with gr.Row():
        chips = [gr.Button(example, size="sm", variant="secondary", elem_classes=["example-chip"]) for example in EXAMPLES]
    with gr.Accordion("Sumber jawaban terakhir", open=False, elem_id="sources-panel"):
        sources = gr.Markdown("_Belum ada jawaban._", elem_id="sources")
    with gr.Row(equal_height=True):
        comment = gr.Textbox(label="Komentar untuk jawaban terakhir (opsional)", scale=5, max_lines=3, elem_id="comment")
        comment_send = gr.Button("Kirim komentar", scale=1, min_width=80, elem_id="comment-send")
    notice = gr.Markdown("", elem_id="notice")

    def respond(message: str, history: list[dict[str, Any]], session: dict[str, Any], request: gr.Request) -> Iterator[Outputs]:
        message = (message or "").strip()
        if not message:
            yield history, session, gr.update(), ""
            return
        previous = list(session["questions"])
        try:
            answer, log_id = context.ask(message, Audience.WARGA, previous, request)
        except RateLimited as exc:
            shown = [*history, {"role": "user", "content": render.plain(message)}, {"role": "assistant", "content": str(exc)}]
            yield shown, session, gr.update(), message
            return
        session = {"questions": [*previous, message], "log_ids": dict(session["log_ids"])}
        history = [*history, {"role": "user", "content": render.plain(message)}]
        session["log_ids"][str(len(history))] = log_id
        full = render.answer_markdown(answer)
        words = full.split(" ")
        step = max(1, len(words) // STREAM_STEPS)
        for end in range(step, len(words), step):
            yield [*history, {"role": "assistant", "content": " ".join(words[:end])}], session, gr.update(), ""
        yield [*history, {"role": "assistant", "content": full}], session, render.sources_markdown(answer), ""

    def on_like(data: gr.LikeData, session: dict[str, Any]) -> str:
        log_id = session["log_ids"].get(str(data.index if isinstance(data.index, int) else data.index[0]))
        if log_id is None:
            return ""
        liked = data.liked if isinstance(data.liked, bool) else str(data.liked).lower() in ("like", "true")
        context.questions.feedback(log_id, 1 if liked else -1)
        return "Terima kasih atas penilaian Anda."

    def on_comment(text: str, session: dict[str, Any]) -> tuple[str, str]:
        if not text.strip() or not session["log_ids"]:
            return text, "Tulis komentar setelah menerima jawaban."
        last = session["log_ids"][max(session["log_ids"], key=int)]
        if last is not None:
            context.questions.comment(last, text)
        return "", "Terima kasih, komentar Anda tersimpan."

    outputs = [chatbot, state, sources, box]
    send.click(respond, [box, chatbot, state], outputs, api_visibility="private")
    box.submit(respond, [box, chatbot, state], outputs, api_visibility="private")
    for chip in chips:
        chip.click(respond, [chip, chatbot, state], outputs, api_visibility="private")
    chatbot.like(on_like, [state], [notice], api_visibility="private")
    comment_send.click(on_comment, [comment, state], [comment, notice], api_visibility="private")
