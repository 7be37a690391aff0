"""Server-rendered pages beside the Gradio app: a source document (``GET /sumber/{doc_id}``), its requirements as a
checklist to print (``GET /sumber/{doc_id}/bawa``), and the light page for slow phones (``GET /ringan``): plain
HTML, no JavaScript, small, readable in a text browser."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.routing import APIRoute
from markdown_it import MarkdownIt
from starlette.routing import BaseRoute

from ..answer.intents import Intent, section_answers
from ..answer.schema import CHECKLIST_PAGE, CITATION, SOURCE_ROUTE, Answer, Status, checklist_url, section_anchor, source_url
from ..ingest.documents import Audience
from ..ingest.sentences import split_sentences
from ..ingest.splitting import LEAD_SECTION, Chunk
from .context import RateLimited, WebContext
from .render import CHECKLIST_LINK, checklist_of, cited_documents

LIGHT_ROUTE = "/ringan"
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:42em;margin:0 auto;padding:0.8em;line-height:1.5;color:#1a1a1a}"
    "a{color:#0b4f9c}h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.2em}.lead{font-weight:600}"
    ".meta{color:#444;font-size:0.9em}input[type=text]{width:100%;font-size:1em;padding:0.4em;box-sizing:border-box}"
    "button{font-size:1em;padding:0.4em 1em;margin-top:0.4em}"
    '.check li{list-style-type:"\\2610  ";margin:0.3em 0}'
    "@media print{a.back,form,.noprint{display:none}body{max-width:none;font-size:11pt;padding:0}"
    "@page{margin:1.5cm}}"
)
NOT_OFFICIAL_PAGE = (
    "Informasi ini bukan keputusan resmi. Pastikan ke kantor kelurahan atau Dinas Dukcapil Kota Kupang sebelum mengurus."
)
NOT_FOUND_PAGE = "Dokumen tidak ditemukan. Mungkin dokumen itu sudah diganti; kembali ke halaman utama untuk bertanya."
_MARKS = re.compile(r"\*\*|__")
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).disable("image")


def routes(context: WebContext) -> list[BaseRoute]:
    """The pages, as routes given to the app before Gradio's own (so they are matched first)."""
    return [
        APIRoute(f"{SOURCE_ROUTE}/{{doc_id}}", _source_page(context), methods=["GET"], response_class=HTMLResponse),
        APIRoute(
            f"{SOURCE_ROUTE}/{{doc_id}}/{CHECKLIST_PAGE}",
            _checklist_page(context),
            methods=["GET"],
            response_class=HTMLResponse,
        ),
        APIRoute(LIGHT_ROUTE, _light_page(context), methods=["GET"], response_class=HTMLResponse),
    ]


def _page(title: str, body: str, status_code: int = 200) -> HTMLResponse:
    document = (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>"
    )
    return HTMLResponse(document, status_code=status_code, headers={"Cache-Control": "no-store"})


def _source_page(context: WebContext) -> Callable[[str], HTMLResponse]:
    def source_page(doc_id: str) -> HTMLResponse:
        """A whole source document with an anchor per section, its legal basis and the date it was checked."""
        chunks = context.assistant.document(doc_id)
        if not chunks:
            return _page("Dokumen tidak ditemukan", f"<h1>Dokumen tidak ditemukan</h1><p>{NOT_FOUND_PAGE}</p>{_back()}", 404)
        return _page(chunks[0].title, document_html(chunks))

    return source_page


def _checklist_page(context: WebContext) -> Callable[[str], HTMLResponse]:
    def checklist_page(doc_id: str) -> HTMLResponse:
        """The document's requirements as a checklist to print, with where to go and what it costs."""
        chunks = context.assistant.document(doc_id)
        if not chunks:
            return _page("Dokumen tidak ditemukan", f"<h1>Dokumen tidak ditemukan</h1><p>{NOT_FOUND_PAGE}</p>{_back()}", 404)
        body = checklist_html(chunks)
        if body is None:
            message = (
                f"<h1>{html.escape(chunks[0].title)}</h1><p>Dokumen ini tidak memuat daftar persyaratan. "
                f'<a href="{source_url(doc_id)}">Buka dokumennya</a>.</p>'
            )
            return _page(chunks[0].title, message, 404)
        return _page(f"Yang perlu dibawa: {chunks[0].title}", body)

    return checklist_page


def has_checklist(chunks: list[Chunk]) -> bool:
    """True when the document has a requirements section to print."""
    return any(section_answers(Intent.REQUIREMENTS, c.section) for c in chunks)


def checklist_html(chunks: list[Chunk]) -> str | None:
    """ "Yang perlu dibawa": the requirements with a box to tick per item, then where to go and the cost (each the
    section's opening sentence), the legal basis and the checked date; None when there are no requirements."""
    requirements = [c for c in chunks if section_answers(Intent.REQUIREMENTS, c.section)]
    if not requirements:
        return None
    first = chunks[0]
    parts = [_back(), f"<h1>Yang perlu dibawa</h1><p><strong>{html.escape(first.title)}</strong></p>"]
    section = None
    for chunk in requirements:
        if chunk.section != section and " > " in chunk.section:
            parts.append(f"<h2>{html.escape(chunk.section.split(' > ')[-1])}</h2>")
        section = chunk.section
        parts.append(f'<div class="check">{_markdown.render(chunk.text)}</div>')
    for intent, label in ((Intent.PLACE, "Ke mana"), (Intent.COST, "Biaya")):
        found = next((c for c in chunks if section_answers(intent, c.section)), None)
        opening = split_sentences(found.text)[:1] if found else []
        if found and opening and opening[0].rstrip().endswith(":"):  # a sentence that introduces a list
            parts.append(f"<p><strong>{label}:</strong></p>{_markdown.render(found.text)}")
        elif opening:
            parts.append(f"<p><strong>{label}:</strong> {html.escape(_MARKS.sub('', opening[0]))}</p>")
    parts.append(_about(first) + f'<p class="meta">{NOT_OFFICIAL_PAGE}</p>')
    parts.append(
        '<p class="noprint meta">Cetak atau simpan sebagai PDF lewat menu "Cetak" atau "Bagikan" di peramban.</p>'
        f'<p class="noprint"><a href="{source_url(first.doc_id)}">Baca dokumen lengkap</a></p>{_back()}'
    )
    return "".join(parts)


def _about(first: Chunk) -> str:
    """Checked date, validity and legal basis of a document."""
    meta = []
    if first.date:
        meta.append(f"Terakhir diperiksa: {first.date.strftime('%d-%m-%Y')}")
    if first.valid_until:
        meta.append(f"Berlaku sampai: {first.valid_until.strftime('%d-%m-%Y')}")
    parts = [f'<p class="meta">{" · ".join(meta)}</p>'] if meta else []
    if first.sources:
        basis = "".join(f"<li>{html.escape(s)}</li>" for s in first.sources)
        parts.append(f'<p class="meta">Dasar hukum:</p><ul class="meta">{basis}</ul>')
    return "".join(parts)


def document_html(chunks: list[Chunk]) -> str:
    """One document as HTML: title, legal basis, checked date, then each section under an anchored heading."""
    first = chunks[0]
    parts = [_back(), f"<h1>{html.escape(first.title)}</h1>"]
    if has_checklist(chunks):
        parts.append(f'<p class="noprint"><a href="{checklist_url(first.doc_id)}">Cetak daftar yang perlu dibawa</a></p>')
    parts.append(_about(first))
    section = None
    for chunk in chunks:
        top = chunk.section.split(" > ")[0]
        if chunk.section != section:
            section = chunk.section
            if chunk.section != LEAD_SECTION:
                level = "h2" if " > " not in chunk.section else "h3"
                label = chunk.section.split(" > ")[-1]
                parts.append(f'<{level} id="{section_anchor(top)}">{html.escape(label)}</{level}>')
            else:
                parts.append(f'<div id="{section_anchor(top)}"></div>')
        parts.append(_markdown.render(chunk.text))
    parts.append(f'<p class="meta">{NOT_OFFICIAL_PAGE}</p>')
    parts.append(_back())
    return "".join(parts)


def _back() -> str:
    return '<p class="noprint"><a class="back" href="/">← Kembali ke Tanya Kelurahan</a></p>'


def _light_page(context: WebContext) -> Callable[[Request, str], HTMLResponse]:
    def light_page(request: Request, q: str = "") -> HTMLResponse:
        """The light page: a form, and for ``q`` the answer with its lead first and sources as links."""
        question = q[: context.settings.max_question_chars * 2]
        body = [
            "<h1>Tanya Kelurahan (versi ringan)</h1>",
            '<form method="get" action="/ringan"><label for="q">Pertanyaan Anda</label>',
            f'<input type="text" id="q" name="q" value="{html.escape(question)}" maxlength="1000">',
            '<button type="submit">Kirim</button></form>',
            '<p class="meta">Jangan menuliskan NIK, nomor KK atau nomor telepon. <a href="/">Halaman lengkap</a></p>',
        ]
        if question.strip():
            try:
                answer, _ = context.ask(question, Audience.WARGA, request=request)
                body.append(answer_html(answer))
            except RateLimited as exc:
                body.append(f"<p>{html.escape(str(exc))}</p>")
        return _page("Tanya Kelurahan (versi ringan)", "".join(body))

    return light_page


def answer_html(answer: Answer) -> str:
    """An answer as HTML: the lead first, the rest, the folded details, the sources as links."""
    urls = {s.n: s.url for s in answer.sources}

    def linked(markdown: str) -> str:
        rendered = _markdown.render(markdown)
        return CITATION.sub(
            lambda m: f'<a href="{urls[int(m.group(1))]}">[{m.group(1)}]</a>' if int(m.group(1)) in urls else m.group(0), rendered
        )

    parts = [f'<h2>Jawaban</h2><p class="meta">Pertanyaan: {html.escape(answer.question)}</p>']
    rest = answer.text
    if answer.lead and answer.text.startswith(answer.lead):
        parts.append(f'<div class="lead">{linked(answer.lead)}</div>')
        rest = answer.text[len(answer.lead) :]
    if rest.strip():
        parts.append(linked(rest))
    if answer.details:
        parts.append(f"<details><summary>Selengkapnya</summary>{linked(answer.details)}</details>")
    if answer.suggestions:
        items = "".join(f'<li><a href="{s.url}">{html.escape(s.title)}</a></li>' for s in answer.suggestions)
        parts.append(f"<p>Topik terdekat yang ada di dokumen kami:</p><ul>{items}</ul>")
    checklist = checklist_of(answer)
    if checklist:
        parts.append(f'<p><a href="{checklist}">{CHECKLIST_LINK}</a></p>')
    if answer.sources:
        items = "".join(f'<li><a href="{source_url(s.doc_id)}">{html.escape(s.title)}</a></li>' for s in cited_documents(answer))
        parts.append(f"<p>Sumber:</p><ul>{items}</ul>")
    if answer.status in (Status.ANSWERED, Status.PERSONAL_DATA):
        parts.append('<p class="meta">Informasi ini bukan keputusan resmi; pastikan ke kantor yang berwenang.</p>')
    return "".join(parts)
