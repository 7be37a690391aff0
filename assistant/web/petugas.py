"""The Petugas tab: document lookup with filters, raker directives by date, and the voter-eligibility form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import gradio as gr

from ..answer import eligibility
from ..ingest.documents import Audience, Kind
from ..service import Assistant
from .context import RateLimited, WebContext
from .render import document_markdown

ELECTIONS = {"Pemilu 14 Februari 2024": eligibility.PEMILU_2024, "Pilkada 27 November 2024": eligibility.PILKADA_2024}
OTHER_ELECTION = "Tanggal lain"


@dataclass(frozen=True)
class Match:
    doc_id: str
    title: str
    kind: Kind
    section: str

    @property
    def label(self) -> str:
        return f"{self.title} ({self.kind}) — {self.doc_id}"


DATE_CHARS = 100
"""A date typed into the eligibility form is never longer; more is cut before the date parser sees it."""


def search_documents(
    assistant: Assistant, query: str, kind: Kind | None = None, audience: Audience | None = None, limit: int = 10
) -> list[Match]:
    """Documents matching a staff query, best first, optionally filtered by kind and audience."""
    if not query.strip():
        return []
    retrieval = assistant.search(query, audience=audience, kinds=[kind] if kind else None, k=30)
    seen: dict[str, Match] = {}
    for hit in retrieval.hits:
        c = hit.chunk
        seen.setdefault(c.doc_id, Match(c.doc_id, c.title, c.kind, c.section))
    return list(seen.values())[:limit]


def document(assistant: Assistant, doc_id: str) -> str:
    return document_markdown(assistant.document(doc_id))


def raker_directives(assistant: Assistant) -> list[Match]:
    """Raker documents, newest meeting first."""
    docs = [d for d in assistant.documents() if d.kind is Kind.RAKER]
    docs.sort(key=lambda d: (d.date or date.min, d.doc_id), reverse=True)
    return [Match(d.doc_id, f"{d.date.isoformat() if d.date else '—'} · {d.title}", d.kind, "") for d in docs]


def eligibility_verdict(birth_text: str, married: bool, election: str, other_day: str, today: date) -> str:
    """The form's answer: verdict, age on the day and legal basis, or a clear message about the input."""
    birth = eligibility.parse_date(birth_text.strip()) if birth_text and birth_text.strip() else None
    if birth is None:
        return "Mohon isi tanggal lahir, misalnya **14-02-2007** atau **14 Februari 2007**."
    if election == OTHER_ELECTION:
        day = eligibility.parse_date(other_day.strip()) if other_day and other_day.strip() else None
        if day is None:
            return "Mohon isi tanggal pemungutan suara, misalnya **14-02-2029**."
        chosen = (f"Pemungutan suara {eligibility.format_date(day)}", day, eligibility.PEMILU_2024[2])
    else:
        chosen = ELECTIONS.get(election, eligibility.PEMILU_2024)
    if birth >= chosen[1]:
        return "Tanggal lahir harus sebelum hari pemungutan suara."
    question = eligibility.EligibilityQuestion(birth, married, (chosen,))
    return eligibility.explain(question, eligibility.decide(question), today)


def petugas_tab(context: WebContext) -> None:
    """Build the tab inside the current ``gr.Blocks``."""
    assistant = context.assistant
    gr.Markdown("### Meja layanan petugas\nCari prosedur, dasar hukum dan arahan raker; periksa hak pilih warga.")
    with gr.Row():
        query = gr.Textbox(
            label="Cari prosedur atau aturan", placeholder="mis. surat pindah dalam kota", scale=4, elem_id="lookup-query"
        )
        kind = gr.Dropdown(["", *(k.value for k in Kind)], value="", label="Jenis dokumen", scale=1)
        audience = gr.Dropdown(["", *(a.value for a in Audience)], value="", label="Untuk", scale=1)
    search = gr.Button("Cari", variant="primary", elem_id="lookup-search")
    results = gr.Radio([], label="Hasil pencarian", elem_id="lookup-results")
    directive = gr.Dropdown(
        [(m.title, m.doc_id) for m in raker_directives(assistant)],
        label="Arahan raker (terbaru dahulu)",
        value=None,
        elem_id="raker",
    )
    shown = gr.Markdown("", elem_id="lookup-document")

    def do_search(text: str, chosen_kind: str, chosen_audience: str, request: gr.Request) -> tuple[Any, str]:
        # callable by fn_index although hidden from the API page: it checks its own input and rate
        try:
            context.throttle(context.limiter, request)
            kind_filter = Kind(chosen_kind) if chosen_kind else None
            audience_filter = Audience(chosen_audience) if chosen_audience else None
        except RateLimited as exc:
            return gr.update(), str(exc)
        except ValueError:
            return gr.update(choices=[], value=None), "_Jenis dokumen atau sasaran tidak dikenal._"
        cut = str(text or "")[: context.settings.max_question_chars]
        matches = search_documents(assistant, cut, kind_filter, audience_filter)
        if not matches:
            return gr.update(choices=[], value=None), "_Tidak ada dokumen yang cocok._"
        return gr.update(choices=[(m.label, m.doc_id) for m in matches], value=matches[0].doc_id), document(
            assistant, matches[0].doc_id
        )

    def show_document(doc_id: str | None) -> str:
        return document(assistant, doc_id) if doc_id else ""

    search.click(do_search, [query, kind, audience], [results, shown], api_visibility="private")
    query.submit(do_search, [query, kind, audience], [results, shown], api_visibility="private")
    results.change(show_document, [results], [shown], api_visibility="private")
    directive.change(show_document, [directive], [shown], api_visibility="private")

    gr.Markdown("### Pemeriksa hak pilih")
    with gr.Row():
        birth = gr.Textbox(label="Tanggal lahir", placeholder="14-02-2007", elem_id="elig-birth")
        married = gr.Checkbox(label="Sudah atau pernah menikah", elem_id="elig-married")
    with gr.Row():
        election = gr.Radio(
            [*ELECTIONS, OTHER_ELECTION], value="Pemilu 14 Februari 2024", label="Pemilihan", elem_id="elig-election"
        )
        other = gr.Textbox(label="Tanggal lain (bila dipilih)", placeholder="14-02-2029")
    check = gr.Button("Periksa", elem_id="elig-check")
    verdict = gr.Markdown("", elem_id="elig-verdict")

    def do_check(birth_text: str, is_married: bool, chosen: str, other_day: str) -> str:
        birth_text, other_day = str(birth_text or "")[:DATE_CHARS], str(other_day or "")[:DATE_CHARS]
        return eligibility_verdict(
            birth_text, bool(is_married), str(chosen or ""), other_day, assistant.settings.resolved_today()
        )

    check.click(do_check, [birth, married, election, other], [verdict], api_name="eligibility")
