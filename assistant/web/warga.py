"""The Warga tab: the residents' chat with citations, sources, 👍/👎 and comments."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import gradio as gr

from ..ingest.documents import Audience
from ..text import redaction
from ..text.normalise import strip_hidden
from . import render
from .context import RateLimited, WebContext

WELCOME = (
    "# Tanya Kelurahan — Kota Kupang\n"
    "Tanyakan layanan kependudukan (KTP-el, KK, akta), surat dari kelurahan, hak pilih, biaya layanan dan cara "
    "mengadu, dalam bahasa sehari-hari.\n\n"
    "*Jawaban disusun dari dokumen Pemerintah Kota Kupang dan peraturan, dengan sumbernya. Pastikan kembali ke "
    "kantor kelurahan atau Dinas Dukcapil sebelum mengurus. **Jangan menuliskan NIK, nomor KK, atau nomor telepon "
    "Anda.***  \n[Koneksi lambat? Buka versi ringan](/ringan)"
)
SCROLL_TO_ANSWER = """() => {
  const answers = document.querySelectorAll('#chat .message-row.bot-row, #chat .bot');
  const last = answers[answers.length - 1];
  if (last) last.scrollIntoView({block: 'start', behavior: 'smooth'});
}"""
"""After an answer, show its start (the lead), not the bottom of the list of sources."""
EXAMPLES = (
    "Bagaimana cara merekam KTP-el?",
    "KTP hilang, harus bagaimana?",
    "Urus akta kelahiran bayar tidak?",
    "Beta lahir 20 Februari 2007, bisa ikut Pemilu 2024?",
    "Ke mana melapor kalau dimintai pungli?",
)
STREAM_STEPS = 6
HISTORY_TURNS = 4
NOT_SAVED = "Maaf, penilaian atau komentar belum dapat disimpan. Silakan coba lagi nanti."
Outputs = tuple[list[dict[str, Any]], dict[str, Any], Any, str, Any]


def _fresh() -> dict[str, Any]:
    """A conversation's state: the cleaned earlier questions (follow-up context) and the feedback token of each
    answer by its position in the chat."""
    return {"questions": [], "tokens": {}}


def masked(text: str, limit: int) -> str:
    """The resident's question as shown back: hidden characters gone, personal data replaced by labels."""
    return " ".join(redaction.scan(strip_hidden(text[:limit]))[0].split())


def warga_tab(context: WebContext) -> None:
    """Build the tab inside the current ``gr.Blocks``; per-user state lives in ``gr.State``."""
    gr.Markdown(WELCOME)
    chatbot = gr.Chatbot(
        label="Percakapan dengan Tanya Kelurahan",
        show_label=False,
        height=None,
        min_height=80,
        max_height="75vh",
        autoscroll=False,
        elem_id="chat",
        feedback_options=("Like", "Dislike"),
        buttons=["copy"],
    )
    state = gr.State(_fresh())
    with gr.Row(equal_height=True):
        box = gr.Textbox(
            label="Pertanyaan Anda",
            placeholder="Tulis pertanyaan, misalnya: KK hilang syaratnya apa?",
            scale=5,
            max_lines=4,
            elem_id="question",
        )
        send = gr.Button("Kirim", variant="primary", scale=1, min_width=80, elem_id="send")
    with gr.Row():
        chips = [gr.Button(example, size="sm", variant="secondary", elem_classes=["example-chip"]) for example in EXAMPLES]
    with gr.Accordion("Sumber jawaban terakhir", open=False, elem_id="sources-panel"):
        sources = gr.Markdown("_Belum ada jawaban._", elem_id="sources")
    with gr.Accordion("Salin untuk WhatsApp", open=False, elem_id="share-panel"):
        share = gr.Textbox(
            label="Teks jawaban terakhir, siap dibagikan", interactive=False, lines=6, buttons=["copy"], elem_id="share"
        )
    with gr.Row(equal_height=True):
        comment = gr.Textbox(label="Komentar untuk jawaban terakhir (opsional)", scale=5, max_lines=3, elem_id="comment")
        comment_send = gr.Button("Kirim komentar", scale=1, min_width=80, elem_id="comment-send")
    notice = gr.Markdown("", elem_id="notice")

    def respond(message: str, history: list[dict[str, Any]], session: dict[str, Any], request: gr.Request) -> Iterator[Outputs]:
        message = (message or "").strip()
        if not message:
            yield history, session, gr.update(), "", gr.update()
            return
        # the question shows at once, with any NIK, KK number, phone or e-mail masked (also in the resident's
        # own bubble: the screen may be seen or captured by others)
        asked = [*history, {"role": "user", "content": render.plain(masked(message, context.settings.max_question_chars))}]
        yield asked, session, gr.update(), "", gr.update()
        previous = list(session["questions"])
        try:
            answer, token = context.ask(message, Audience.WARGA, previous, request)
        except RateLimited as exc:
            yield [*asked, {"role": "assistant", "content": str(exc)}], session, gr.update(), message, gr.update()
            return
        # the session keeps the question as the guard cleaned it (bounded, no personal data), never the raw text
        session = {
            "questions": [*previous, answer.question][-HISTORY_TURNS:],
            "tokens": dict(session["tokens"]),
        }
        history = [*history, {"role": "user", "content": render.plain(answer.question)}]
        if token is not None:
            session["tokens"][str(len(history))] = token
        full = render.answer_markdown(answer)
        words = full.split(" ")
        step = max(1, len(words) // STREAM_STEPS)
        for end in range(step, len(words), step):
            yield [*history, {"role": "assistant", "content": " ".join(words[:end])}], session, gr.update(), "", gr.update()
        shared = render.share_text(answer, str(request.headers.get("origin", "")) if request else "")
        yield [*history, {"role": "assistant", "content": full}], session, render.sources_markdown(answer), "", shared

    def on_like(data: gr.LikeData, session: dict[str, Any], request: gr.Request) -> str:
        token = session["tokens"].get(str(data.index if isinstance(data.index, int) else data.index[0]))
        if token is None:
            return ""
        liked = data.liked if isinstance(data.liked, bool) else str(data.liked).lower() in ("like", "true")
        return _saved(lambda: context.feedback(token, 1 if liked else -1, request=request), "Terima kasih atas penilaian Anda.")

    def on_comment(text: str, session: dict[str, Any], request: gr.Request) -> tuple[str, str]:
        if not (text or "").strip() or not session["tokens"]:
            return text, "Tulis komentar setelah menerima jawaban."
        last = session["tokens"][max(session["tokens"], key=int)]
        notice = _saved(lambda: context.feedback(last, None, text, request=request), "Terima kasih, komentar Anda tersimpan.")
        return ("" if notice.startswith("Terima kasih") else text), notice

    def _saved(store: Callable[[], bool], thanks: str) -> str:
        try:
            return thanks if store() else NOT_SAVED
        except RateLimited as exc:
            return str(exc)

    outputs = [chatbot, state, sources, box, share]
    for trigger, source in ((send.click, box), (box.submit, box), *((chip.click, chip) for chip in chips)):
        trigger(
            respond, [source, chatbot, state], outputs, api_visibility="private", concurrency_limit=context.ask_concurrency
        ).then(None, js=SCROLL_TO_ANSWER)
    # clearing the chat starts a new conversation: no earlier questions, no feedback on answers no longer shown
    chatbot.clear(
        lambda: (_fresh(), "_Belum ada jawaban._", "", ""), None, [state, sources, share, notice], api_visibility="private"
    )
    chatbot.like(on_like, [state], [notice], api_visibility="private")
    comment_send.click(on_comment, [comment, state], [comment, notice], api_visibility="private")
