"""What a question asks for, from its wording (normalised as retrieval sees it)."""

from __future__ import annotations

import pytest

from assistant.answer.intents import Intent, about_voting, classify, owning_offices
from assistant.answer.lead import verdict
from assistant.text.normalise import normalise_query
from assistant.text.tokenizer import Tokenizer


@pytest.mark.parametrize(
    ("question", "primary", "yes_no"),
    [
        ("Berapa lama proses KK baru?", Intent.DURATION, False),
        ("bikin akta bayar ga?", Intent.COST, True),
        ("syarat pindah keluar kota apa aja", Intent.REQUIREMENTS, False),
        ("Dukcapil buka hari Sabtu?", Intent.HOURS, False),
        ("kantor KUA di mana?", Intent.PLACE, False),
        ("Apa itu SPTJM?", Intent.DEFINITION, False),
        ("gmn cara lapor kematian?", Intent.STEPS, False),
        ("paling lambat berapa hari lapor kelahiran?", Intent.DEADLINE, False),
        ("Apakah kelurahan bisa mencetak KTP-el?", None, True),
        ("Dokumen untuk akta perkawinan apa saja?", Intent.REQUIREMENTS, False),
        ("Saya terlambat membuat akta lahir, apakah bisa?", Intent.DEADLINE, True),
        ("Sudah nikah di KUA, apakah harus urus akta lagi?", Intent.STEPS, True),
        ("ganti nama harus lewat pengadilan gak?", None, True),
        ("akta lahir sudah lewat 60 hari", Intent.DEADLINE, False),
        ("Apakah akta kelahiran bisa dibuat jika lewat dari 60 hari?", None, True),
        ("Kalau terlambat lapor kelahiran, apakah kena denda?", Intent.LAW, True),
        ("abis dibantu urus surat, sy ksh amplop ke petugas, salah ga sih?", None, True),
        ("Berapa denda telat lapor kematian?", Intent.LAW, False),
        ("kalau telat bikin akta bayar ga?", Intent.COST, True),
        ("bisa lapor tanpa sebut nama?", None, True),
        ("Boleh pakai KTP digital di TPS?", None, True),
        ("Is that allowed?", None, True),
        ("Do I need a moving letter within Kupang?", None, True),
        ("How many days does a new KK take?", Intent.DURATION, False),
    ],
)
def test_the_primary_intent_and_yes_no(question: str, primary: Intent | None, yes_no: bool) -> None:
    asked = classify(normalise_query(question))
    assert asked.primary is primary and asked.yes_no is yes_no


def test_only_voting_questions_are_election_questions() -> None:
    assert about_voting(normalise_query("beta su 17, bisa nyoblos ko?"))
    assert not about_voting(normalise_query("NIK saya tidak terdaftar waktu daftar BPJS"))
    assert not about_voting(normalise_query("blangko KTP habis, terus gimana?"))


@pytest.mark.parametrize(
    ("question", "sentence", "expected"),
    [
        ("bisa nyoblos kalau ktp-el belum dicetak?", "Jika kartunya belum dicetak, tanyakan ke Dinas Dukcapil.", ""),
        ("can i memilih if my ktp-el is not dicetak yet?", "Suket tidak dicetak ulang oleh kelurahan.", ""),
        ("apakah kelurahan bisa mencetak ktp-el?", "Kelurahan tidak mencetak KTP-el; kartu dicetak Dukcapil.", "Tidak."),
        ("apakah anak 16 tahun bisa merekam ktp-el?", "Remaja 16 tahun bisa merekam KTP-el di Dukcapil.", "Ya."),
        ("apakah harus mengurus akta lagi?", "Jadi pasangan Muslim tidak perlu membuat akta perkawinan.", "Tidak."),
        ("harus lewat pengadilan gak?", "Salah ketik nama cukup dibetulkan tanpa pengadilan.", ""),
        ("surat belum menikah untuk nikah di kua perlu tidak?", "Surat belum menikah bukan dokumen kependudukan.", ""),
        ("surat belum menikah untuk nikah di kua perlu tidak?", "Yang diminta pengantar nikah, bukan surat ini.", "Tidak."),
    ],
)
def test_a_verdict_answers_the_act_asked_about_not_its_condition(question: str, sentence: str, expected: str) -> None:
    tokenizer = Tokenizer()
    stems = set(tokenizer.tokens(question))
    assert verdict(classify(question), question, sentence, stems, tokenizer.stem) == expected


@pytest.mark.parametrize(
    ("question", "owners"),
    [
        ("apakah layanan online kelurahan gratis?", {"kelurahan"}),
        ("is there an online service to request kelurahan letters", {"kelurahan"}),
        ("dukcapil bisa bikin surat domisili?", set()),
        ("bikin ktp di kecamatan bisa?", set()),
    ],
)
def test_an_office_named_as_the_owner_of_a_service(question: str, owners: set[str]) -> None:
    assert owning_offices(question) == owners
