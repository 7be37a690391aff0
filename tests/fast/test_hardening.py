"""Bounded work on hostile input, redaction of disguised personal data, unreadable input gets ``clarify``."""

from __future__ import annotations

import io
import time

import pytest

from assistant.answer import guard
from assistant.answer.routes import Route
from assistant.cli import stdin_questions
from assistant.text import redaction
from assistant.text.redaction import PersonalData

MEGABYTE = 1_000_000
HOSTILE_SHAPES = {
    "one unbroken token": "a" * MEGABYTE,
    "an address start without an end": "a@" + "b" * MEGABYTE,
    "dotted words before at signs": "a.a@" * (MEGABYTE // 4),
    "digits with separators": "1 " * (MEGABYTE // 2),
    "slashed digits": "1/" * (MEGABYTE // 2),
    "repeated separators": "-" * MEGABYTE,
    "bracketed at": "[at]" * (MEGABYTE // 4),
    "digit words": "satu " * (MEGABYTE // 5),
    "markup": "<a " * (MEGABYTE // 3),
    "addresses and phone numbers interleaved": "a@b.co 081337912468 " * (MEGABYTE // 20),
}
CPU_SECONDS = 10.0
"""A linear pass over 1 MB takes well under a second here; the quadratic patterns this replaces took hours.
The bound is CPU time (not wall time, so a busy machine does not matter) with a wide margin."""


@pytest.mark.parametrize("shape", list(HOSTILE_SHAPES))
def test_megabyte_inputs_of_hostile_shapes_are_handled_in_bounded_time(shape: str) -> None:
    text = HOSTILE_SHAPES[shape]
    started = time.process_time()
    checked = guard.check(text, 1000)
    redaction.redact(text)
    assert time.process_time() - started < CPU_SECONDS
    assert checked.route is Route.TOO_LONG and len(checked.text) <= 1000


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("nol delapan satu tiga tiga tujuh sembilan satu dua empat enam delapan", PersonalData.PHONE),
        ("lima tiga tujuh satu nol empat satu dua nol tiga sembilan nol nol nol nol tujuh", PersonalData.NIK),
        ("5371/0412/0390/0007", PersonalData.NIK),
        ("5371_0412_0390_0007", PersonalData.NIK),
        ("5371\u20130412\u20130390\u20130007", PersonalData.NIK),
        ("53710412\n03900007", PersonalData.NIK),
        ("\u0665\u0663\u0667\u0661\u0660\u0664\u0661\u0662\u0660\u0663\u0669\u0660\u0660\u0660\u0660\u0667", PersonalData.NIK),
        ("\U0001d7d3\U0001d7d1\U0001d7d5\U0001d7cf\U0001d7ce\U0001d7d2\U0001d7cf\U0001d7d0" * 2, PersonalData.NIK),
        ("(0812) 3790-4455", PersonalData.PHONE),
        ("+62 (812) 3790-4455", PersonalData.PHONE),
        ("(0380) 821234", PersonalData.PHONE),
        ("0812\u200b3790\u200b4455", PersonalData.PHONE),
        ("\uff10\uff18\uff11\uff12\uff13\uff17\uff19\uff10\uff14\uff14\uff15\uff15", PersonalData.PHONE),
        ("yohana.bana [at] gmail [dot] com", PersonalData.EMAIL),
        ("yohana.bana(at)gmail.com", PersonalData.EMAIL),
        ("yohana AT gmail DOT com", PersonalData.EMAIL),
        ("yohana @ gmail . com", PersonalData.EMAIL),
        ("\uff59\uff4f\uff48\uff41\uff4e\uff41\uff20\uff47\uff4d\uff41\uff49\uff4c\uff0e\uff43\uff4f\uff4d", PersonalData.EMAIL),
    ],
)
def test_disguised_personal_data_is_found_and_redacted(text: str, kind: PersonalData) -> None:
    question = f"tolong cek data saya {text} bagaimana"
    redacted = redaction.redact(question)
    assert kind in redaction.kinds(question)
    assert redacted.startswith("tolong cek data saya [") and redacted.endswith("] bagaimana"), redacted
    assert not any(ch.isdigit() for ch in redacted) and "gmail" not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "Saya lahir 14/02/2006 jam 10.00, bisa memilih?",
        "Pemilu 2019, 2024 dan 2029 kapan?",
        "Apa isi UU 24/2013 Pasal 79A?",
        "Bayar Rp 50.000 untuk KTP boleh?",
        "Saya tinggal di RT 012 RW 004",
        "Kalau satu dua hari belum jadi?",
    ],
)
def test_ordinary_numbers_are_kept(text: str) -> None:
    assert redaction.kinds(text) == () and redaction.redact(text) == text


@pytest.mark.parametrize(
    "text", ["a", "?", "😀😀😀", "🙏", "身份证怎么办理", "Как получить паспорт", "\ufffd\ufffd\x01\ufffdk\ufffd"]
)
def test_unreadable_input_gets_clarify(text: str) -> None:
    assert guard.check(text, 1000).route is Route.UNREADABLE


@pytest.mark.parametrize("text", ["KTP hilang 😭 gmn?", "ktp", "Beta su 17 tahun, sonde punya KTP", "Ñame ktp"])
def test_short_or_decorated_questions_are_still_read(text: str) -> None:
    assert guard.check(text, 1000).route is not Route.UNREADABLE


def test_length_is_checked_before_the_text_is_examined() -> None:
    checked = guard.check("NIK saya 5371041203900007 " + "x" * 2000, 1000)
    assert checked.route is Route.TOO_LONG
    assert "5371041203900007" not in checked.redacted and PersonalData.NIK in checked.pii


def test_every_stdin_line_yields_one_question_whatever_its_bytes() -> None:
    stream = io.BytesIO(b"KTP hilang?\n\n   \n\xff\xfe\x00garbage\nakta\r\nlast line without newline")
    questions = list(stdin_questions(stream))
    assert len(questions) == 6
    assert questions[1] == "" and questions[2].strip() == "" and "\ufffd" in questions[3]
    assert questions[4] == "akta" and questions[5] == "last line without newline"
