"""Questions of several asking clauses: where they break, and how their answers are joined."""

from __future__ import annotations

import pytest

from assistant.answer import multipart
from assistant.answer.schema import Answer, Source, Status, Suggestion


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        ("lapor pungli online dmn ya? bisa anonim ga?", ["lapor pungli online dmn ya?", "bisa anonim ga?"]),
        (
            "Apakah KTP-el perlu diperpanjang, dan apakah KTP digital bisa menggantikannya?",
            ["Apakah KTP-el perlu diperpanjang", "apakah KTP digital bisa menggantikannya?"],
        ),
        (
            "Apakah Satgas Saber Pungli masih ada? Kalau tidak, ke mana saya melapor?",
            ["Apakah Satgas Saber Pungli masih ada?", "Kalau tidak, ke mana saya melapor?"],
        ),
        (
            "Setelah bercerai, apakah status di KK harus diperbarui, dan ke mana saya mengurusnya?",
            ["Setelah bercerai, apakah status di KK harus diperbarui", "ke mana saya mengurusnya?"],
        ),
        ("Bagaimana cara merekam KTP-el?", ["Bagaimana cara merekam KTP-el?"]),
        ("Saya terlambat membuat akta lahir? apakah bisa?", ["Saya terlambat membuat akta lahir? apakah bisa?"]),
        ("KTP? gimana caranya?", ["KTP? gimana caranya?"]),
        ("Apa bedanya KK dan KTP, dan mana yang wajib?", ["Apa bedanya KK dan KTP, dan mana yang wajib?"]),
        ("KTP saya hilang, apa syaratnya?", ["KTP saya hilang, apa syaratnya?"]),
        ("apa? siapa? kapan? di mana?", ["apa? siapa? kapan? di mana?"]),
    ],
)
def test_a_question_breaks_into_the_clauses_that_ask(question: str, parts: list[str]) -> None:
    assert multipart.split(question) == parts


def _source(n: int, doc_id: str, excerpt: str) -> Source:
    return Source(
        n=n,
        doc_id=doc_id,
        title=doc_id,
        section="Ringkasan",
        url=f"/sumber/{doc_id}",
        corpus_path="c",
        score=1.0,
        excerpt=excerpt,
    )


def _answered(lead: str, rest: str, source: Source) -> Answer:
    return Answer(question="q", status=Status.ANSWERED, lead=lead, text=f"{lead}\n\n{rest}", sources=[source])


def test_answers_are_joined_leads_first_with_one_numbering() -> None:
    ktp, ikd = _source(1, "ktp", "KTP-el berlaku seumur hidup."), _source(1, "ikd", "IKD melengkapi KTP-el.")
    first = _answered(
        "Tidak. KTP-el berlaku seumur hidup. [1]", "KTP-el berlaku seumur hidup. Berlaku juga untuk KTP lama. [1]", ktp
    )
    second = _answered("IKD melengkapi KTP-el. [1]", "Aktivasi di Dukcapil. [1]", ikd)
    joined = multipart.merge("a b", ["a", "b"], [first, second])
    assert joined is not None and joined.status is Status.ANSWERED
    assert joined.lead == "Tidak. KTP-el berlaku seumur hidup. [1]\n\nIKD melengkapi KTP-el. [2]"
    assert joined.text.startswith(joined.lead) and "Berlaku juga untuk KTP lama. [1]" in joined.text
    assert joined.text.count("berlaku seumur hidup") == 1, "a sentence the lead says is not said again"
    assert "Aktivasi di Dukcapil. [2]" in joined.details, "a later clause's sections are folded"
    assert [s.n for s in joined.sources] == [1, 2] and joined.citations_valid()


def test_a_clause_we_do_not_hold_is_named_and_a_question_with_no_answer_is_answered_whole() -> None:
    answered = Answer(
        question="a", status=Status.ANSWERED, lead="Gratis. [1]", text="Gratis. [1]", sources=[_source(1, "kk", "Gratis.")]
    )
    suggestion = Suggestion(doc_id="kk", title="KK", url="/sumber/kk")
    missing = Answer(question="b", status=Status.NOT_FOUND, text="Maaf …", suggestions=[suggestion])
    joined = multipart.merge("a b", ["bayar?", "jam buka PDAM?"], [answered, missing])
    assert joined is not None and joined.lead.startswith("Gratis. [1]")
    assert 'Tentang "jam buka PDAM?": dokumen kami belum memuat jawabannya' in joined.text
    assert joined.suggestions == [suggestion]
    off_topic = Answer(question="c", status=Status.OUT_OF_SCOPE, text="Maaf …")
    quoted = multipart.merge("a c", ["bayar?", "**resep?**"], [answered, off_topic])
    assert quoted is not None and 'Tentang "resep?": maaf, itu di luar' in quoted.text, "quoted without its markup"
    assert multipart.merge("a b", ["x?", "y?"], [missing, missing]) is None
