"""The Gradio app: Warga chat, Petugas lookup desk, Admin view, and the named /ask API endpoint."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import gradio as gr

from . import admin, desk, render, replies
from .answer import Answer
from .questionlog import QuestionLog
from .ratelimit import RateLimiter
from .service import Assistant

log = logging.getLogger(__name__)

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
CSS = """
#sources details { margin: 0.4em 0; }
@media (max-width: 480px) { .gradio-container { padding: 4px !important; } }
"""
STREAM_STEPS = 6


def build_ui(assistant: Assistant, questions: QuestionLog) -> gr.Blocks:
    """All tabs and endpoints over one Assistant and one question log."""
    settings = assistant.settings
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)

    def client_key(request: gr.Request | None) -> str:
        if request is None:
            return "local"
        forwarded = request.headers.get("x-forwarded-for", "") if settings.trust_proxy_headers else ""
        if forwarded:
            return forwarded.split(",")[0].strip()
        return getattr(request.client, "host", None) or "unknown"

    def ask_and_log(question: str, audience: str, history: list[str] | None = None,
                    request: gr.Request | None = None) -> tuple[Answer, int | None]:
        allowed, wait = limiter.allow(client_key(request))
        if not allowed:
            raise RateLimited(replies.RATE_LIMITED.format(seconds=max(1, round(wait))))
        try:
            answer = assistant.ask(question, audience=audience, history=history)
        except Exception:  # noqa: BLE001 - residents get a clear message, the log gets the trace
            log.exception("answering failed")
            answer = Answer(question="", status="not_found", text=replies.NO_INDEX)
        return answer, questions.record(answer, audience)

    def api_ask(question: str, audience: str = "warga", request: gr.Request = None) -> dict:
        """Answer a question; returns the Answer of DESIGN.md plus `log_id` for feedback."""
        if audience not in ("warga", "petugas"):
            raise gr.Error("audience harus 'warga' atau 'petugas'")
        try:
            answer, log_id = ask_and_log(question, audience, request=request)
        except RateLimited as exc:
            raise gr.Error(str(exc)) from exc
        return answer.to_dict() | {"log_id": log_id}

    def api_feedback(log_id: int, rating: int, comment: str = "") -> dict:
        """Store 👍 (1) or 👎 (-1) and an optional comment for a logged answer."""
        if rating not in (1, -1):
            raise gr.Error("rating harus 1 atau -1")
        return {"saved": questions.feedback(int(log_id), int(rating), comment)}

    with gr.Blocks(title="Tanya Kelurahan — Kota Kupang", fill_width=True) as demo:
        gr.api(api_ask, api_name="ask")
        gr.api(api_feedback, api_name="feedback")
        with gr.Tabs():
            with gr.Tab("Warga", id="warga"):
                _warga_tab(ask_and_log, questions)
            with gr.Tab("Petugas", id="petugas"):
                _petugas_tab(assistant)
            with gr.Tab("Admin", id="admin", visible=bool(settings.admin_password)):
                _admin_tab(assistant, questions)
    return demo


class RateLimited(Exception):
    """The client asked too often; the message says how long to wait."""


def _warga_tab(ask_and_log, questions: QuestionLog) -> None:
    gr.Markdown(WELCOME)
    chatbot = gr.Chatbot(label="Percakapan dengan Tanya Kelurahan", height=460, elem_id="chat",
                         feedback_options=("Like", "Dislike"), buttons=["copy"])
    state = gr.State({"questions": [], "log_ids": {}})
    with gr.Row(equal_height=True):
        box = gr.Textbox(label="Pertanyaan Anda", placeholder="Tulis pertanyaan, misalnya: KK hilang syaratnya apa?",
                         scale=5, max_lines=4, elem_id="question", autofocus=True)
        send = gr.Button("Kirim", variant="primary", scale=1, min_width=80, elem_id="send")
    with gr.Row():
        chips = [gr.Button(example, size="sm", variant="secondary", elem_classes=["example-chip"])
                 for example in EXAMPLES]
    with gr.Accordion("Sumber jawaban terakhir", open=False, elem_id="sources-panel"):
        sources = gr.Markdown("_Belum ada jawaban._", elem_id="sources")
    with gr.Row(equal_height=True):
        comment = gr.Textbox(label="Komentar untuk jawaban terakhir (opsional)", scale=5, max_lines=3,
                             elem_id="comment")
        comment_send = gr.Button("Kirim komentar", scale=1, min_width=80, elem_id="comment-send")
    notice = gr.Markdown("", elem_id="notice")

    def respond(message: str, history: list[dict], session: dict, request: gr.Request):
        message = (message or "").strip()
        if not message:
            yield history, session, gr.update(), ""
            return
        previous = list(session["questions"])
        try:
            answer, log_id = ask_and_log(message, "warga", previous, request)
        except RateLimited as exc:
            shown = [*history, {"role": "user", "content": render.plain(message)},
                     {"role": "assistant", "content": str(exc)}]
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

    def on_like(data: gr.LikeData, session: dict) -> str:
        log_id = session["log_ids"].get(str(data.index if isinstance(data.index, int) else data.index[0]))
        if log_id is None:
            return ""
        liked = data.liked if isinstance(data.liked, bool) else str(data.liked).lower() in ("like", "true")
        questions.feedback(log_id, 1 if liked else -1)
        return "Terima kasih atas penilaian Anda."

    def on_comment(text: str, session: dict) -> tuple[str, str]:
        if not text.strip() or not session["log_ids"]:
            return text, "Tulis komentar setelah menerima jawaban."
        last = session["log_ids"][max(session["log_ids"], key=int)]
        if last is not None:
            questions.comment(last, text)
        return "", "Terima kasih, komentar Anda tersimpan."

    outputs = [chatbot, state, sources, box]
    send.click(respond, [box, chatbot, state], outputs, api_visibility="private")
    box.submit(respond, [box, chatbot, state], outputs, api_visibility="private")
    for chip in chips:
        chip.click(respond, [chip, chatbot, state], outputs, api_visibility="private")
    chatbot.like(on_like, [state], [notice], api_visibility="private")
    comment_send.click(on_comment, [comment, state], [comment, notice], api_visibility="private")


def _petugas_tab(assistant: Assistant) -> None:
    gr.Markdown("### Meja layanan petugas\nCari prosedur, dasar hukum dan arahan raker; periksa hak pilih warga.")
    with gr.Row():
        query = gr.Textbox(label="Cari prosedur atau aturan", placeholder="mis. surat pindah dalam kota", scale=4,
                           elem_id="lookup-query")
        kind = gr.Dropdown(["", *desk.KINDS], value="", label="Jenis dokumen", scale=1)
        audience = gr.Dropdown(["", "warga", "petugas"], value="", label="Untuk", scale=1)
    search = gr.Button("Cari", variant="primary", elem_id="lookup-search")
    results = gr.Radio([], label="Hasil pencarian", elem_id="lookup-results")
    raker = desk.raker_directives(assistant)
    directive = gr.Dropdown([(m.title, m.doc_id) for m in raker], label="Arahan raker (terbaru dahulu)",
                            value=None, elem_id="raker")
    shown = gr.Markdown("", elem_id="lookup-document")

    def do_search(text: str, chosen_kind: str, chosen_audience: str):
        matches = desk.search_documents(assistant, text, chosen_kind or None, chosen_audience or None)
        if not matches:
            return gr.update(choices=[], value=None), "_Tidak ada dokumen yang cocok._"
        return gr.update(choices=[(m.label, m.doc_id) for m in matches], value=matches[0].doc_id), \
            desk.document(assistant, matches[0].doc_id)

    search.click(do_search, [query, kind, audience], [results, shown], api_visibility="private")
    query.submit(do_search, [query, kind, audience], [results, shown], api_visibility="private")
    results.change(lambda d: desk.document(assistant, d) if d else "", [results], [shown], api_visibility="private")
    directive.change(lambda d: desk.document(assistant, d) if d else "", [directive], [shown],
                     api_visibility="private")

    gr.Markdown("### Pemeriksa hak pilih")
    with gr.Row():
        birth = gr.Textbox(label="Tanggal lahir", placeholder="14-02-2007", elem_id="elig-birth")
        married = gr.Checkbox(label="Sudah atau pernah menikah", elem_id="elig-married")
    with gr.Row():
        election = gr.Radio([*desk.ELECTIONS, desk.OTHER_ELECTION], value="Pemilu 14 Februari 2024",
                            label="Pemilihan", elem_id="elig-election")
        other = gr.Textbox(label="Tanggal lain (bila dipilih)", placeholder="14-02-2029")
    check = gr.Button("Periksa", elem_id="elig-check")
    verdict = gr.Markdown("", elem_id="elig-verdict")
    check.click(lambda b, m, e, o: desk.eligibility_verdict(b, m, e, o, assistant.settings.resolved_today()),
                [birth, married, election, other], [verdict], api_name="eligibility")


def _admin_tab(assistant: Assistant, questions: QuestionLog) -> None:
    settings = assistant.settings
    gr.Markdown("### Admin\nMasukkan kata sandi admin untuk melihat status dan laporan.")
    password = gr.Textbox(label="Kata sandi admin", type="password", elem_id="admin-password")
    show = gr.Button("Tampilkan status", elem_id="admin-show")
    status = gr.Markdown("", elem_id="admin-status")
    reindex = gr.Button("Indeks ulang", elem_id="admin-reindex")
    unanswered = gr.Dataframe(headers=["waktu", "status", "pertanyaan"], label="Pertanyaan yang belum terjawab",
                              interactive=False)
    feedback = gr.Markdown("")
    export = gr.Button("Ekspor CSV")
    csv_file = gr.File(label="Berkas CSV", interactive=False)

    def guarded(fn):
        def run(secret: str, *args: Any):
            try:
                admin.authorise(settings, secret)
            except admin.AdminRefused as exc:
                raise gr.Error(str(exc)) from exc
            return fn(*args)
        return run

    def overview():
        questions.purge_older_than(settings.log_retention_days)
        return admin.corpus_status(assistant), admin.unanswered_table(questions), admin.feedback_markdown(questions)

    def do_reindex(progress=gr.Progress()):
        progress(0.1, desc="Mengindeks ulang dokumen…")
        summary = admin.reindex(assistant)
        return f"{admin.corpus_status(assistant)}\n\n**Hasil indeks ulang:** {summary}"

    def do_export():
        path = Path(tempfile.mkdtemp()) / "pertanyaan.csv"
        path.write_text(questions.export_csv(), "utf-8")
        return str(path)

    show.click(guarded(overview), [password], [status, unanswered, feedback], api_name="admin_status")
    reindex.click(guarded(do_reindex), [password], [status], api_name="admin_reindex")
    export.click(guarded(do_export), [password], [csv_file], api_name="admin_export")
