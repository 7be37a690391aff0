"""The voter-eligibility tool: date forms, exact birthdays, 29 February, marriage."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.answer.eligibility import PEMILU_2024, age_on, decide, parse


@pytest.mark.parametrize(
    "text",
    [
        "lahir 14 Februari 2007",
        "lahir 14-02-2007",
        "lahir 14/2/2007",
        "lahir 2007-02-14",
        "lahir 14 Feb 2007",
        "born 14 February 2007",
    ],
)
def test_birth_date_forms(text: str) -> None:
    parsed = parse(f"Saya {text}, bisa ikut pemilu?")
    assert parsed is not None and parsed.birth_date == date(2007, 2, 14)
    assert parsed.elections == (PEMILU_2024,)


def test_exact_birthday_and_one_day_short() -> None:
    assert age_on(date(2007, 2, 14), PEMILU_2024[1]) == 17
    assert age_on(date(2007, 2, 15), PEMILU_2024[1]) == 16
    on_day, day_short = (decide(parse(f"lahir {d}, bisa memilih di Pemilu?"))[0] for d in ("14-02-2007", "15-02-2007"))
    assert on_day.eligible and not day_short.eligible


def test_born_on_29_february() -> None:
    born = date(2008, 2, 29)
    assert age_on(born, date(2025, 2, 28)) == 16
    assert age_on(born, date(2025, 3, 1)) == 17
    assert age_on(born, date(2024, 2, 29)) == 16
    verdict = decide(parse("lahir 29 Februari 2008, bisa ikut Pilkada?"))[0]
    assert verdict.election == "Pilkada" and verdict.age == 16 and not verdict.eligible


def test_married_or_ever_married_may_vote_below_17() -> None:
    for status in ("sudah menikah", "pernah kawin", "sudah cerai", "janda"):
        verdict = decide(parse(f"Saya lahir 1 Maret 2008 dan {status}, bisa ikut Pemilu?"))[0]
        assert verdict.age == 15 and verdict.married and verdict.eligible
    assert parse("lahir 1 Maret 2008, belum menikah, bisa pemilu?").married is False


def test_both_2024_elections_when_none_is_named_and_other_days_when_asked() -> None:
    verdicts = decide(parse("Saya lahir 20 Februari 2007, bisa memilih?"))
    assert [(v.election, v.eligible) for v in verdicts] == [("Pemilu", False), ("Pilkada", True)]
    later = decide(parse("lahir 20 Februari 2012, bisa ikut pemilu tanggal 14 Februari 2029?"))[0]
    assert later.election_day == date(2029, 2, 14) and later.age == 16


def test_questions_without_a_vote_or_a_date_are_not_eligibility_questions() -> None:
    assert parse("Anak saya lahir 14 Februari 2007, bagaimana mengurus akta kelahirannya?") is None
    assert parse("Bisa ikut pemilu kalau belum punya KTP-el?") is None
    assert parse("Apa arahan raker 26 Oktober 2023 untuk pemilih pemula?") is None


def test_the_day_one_turns_17_and_old_month_spellings_are_read() -> None:
    from assistant.answer import eligibility

    turning = eligibility.parse("Anak saya genap 17 tahun pada 15 Februari 2024, bisa ikut pemilu?")
    assert turning is not None and turning.birth_date == date(2007, 2, 15)
    assert [v.eligible for v in eligibility.decide(turning)] == [False], "one day short on 14 February 2024"
    birthday = eligibility.parse("ulang tahun ke-17 tanggal 14 Pebruari 2024, bisa nyoblos Pemilu?")
    assert birthday is not None and [v.eligible for v in eligibility.decide(birthday)] == [True]
    old = eligibility.parse("Saya lahir 27 Nopember 2007, bisa ikut Pilkada?")
    assert old is not None and old.birth_date == date(2007, 11, 27)
