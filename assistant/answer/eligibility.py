"""Voter eligibility: birth date and marital status in the question → age and verdict on an election day."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

PEMILU_2024 = ("Pemilu", date(2024, 2, 14), "UU 7/2017 Pasal 198 ayat (1)")
PILKADA_2024 = ("Pilkada", date(2024, 11, 27), "UU 1/2015 Pasal 56 ayat (1)")
VOTING_AGE = 17
_MONTHS = (
    r"jan(?:uari|uary)?|[fp]eb(?:ruari|ruary)?|mar(?:et|ch)?|apr(?:il)?|mei|may|jun(?:i|e)?|jul(?:i|y)?|"
    r"agu(?:stus)?|agt|aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|no[vp](?:ember)?|"
    r"des(?:ember)?|dec(?:ember)?"
)
_OLD_SPELLINGS = ((re.compile(r"\bpeb", re.I), "feb"), (re.compile(r"\bnop", re.I), "nov"))
"""Spellings of the months still common in older documents and among older residents (Pebruari, Nopember)."""
_DATE = re.compile(
    rf"\b(\d{{1,2}}\s*(?:[-/.]\s*\d{{1,2}}\s*[-/.]|\s+(?:{_MONTHS})\.?\s+|[-/](?:{_MONTHS})[-/])\s*\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}})\b",
    re.I,
)
_BIRTH_CUE = re.compile(r"\b(lahir|kelahiran|lhr|born|tanggal lahir|tgl lahir|birth)\b", re.I)
_TURNS = re.compile(
    r"\b(?:genap|berumur|berusia|umur(?:nya)?|usia(?:nya)?|ulang tahun(?: yang)?(?: ke-?)?|ultah(?: ke-?)?|turns?)\s*"
    r"(\d{1,2})\s*(?:tahun|thn|th|years?(?: old)?)?\b",
    re.I,
)
"""'genap 17 tahun pada 15 Februari 2024', 'ulang tahun ke-17 tanggal ...': the date that follows is that birthday."""
TURNS_WINDOW = 40
"""The birthday's date must follow the age within this many characters."""
_MARRIED = re.compile(
    r"\b(sudah|su|udah|udh|pernah|telah|already)\s+(menikah|nikah|kawin|kawen|married)\b|"
    r"\b(cerai|bercerai|janda|duda|divorced|widow(?:ed)?|sudah berkeluarga)\b",
    re.I,
)
_NOT_MARRIED = re.compile(
    r"\b(belum|blm|tidak|sonde|not)\s+(pernah\s+)?(menikah|nikah|kawin|married)\b|"
    r"\b(lajang|single)\b",
    re.I,
)
_PEMILU = re.compile(r"\b(pemilu|pileg|pilpres|pemilihan umum|presiden|dpr|14 feb(ruari)?(\s+2024)?)\b", re.I)
_PILKADA = re.compile(r"\b(pilkada|pilwalkot|pilgub|wali ?kota|gubernur|27 nov(ember)?(\s+2024)?)\b", re.I)
_VOTE = re.compile(
    r"\b(pilih|memilih|nyoblos|coblos|mencoblos|hak pilih|pemilih|vote|voting|pemilu|pilkada|"
    r"pilwalkot|pilgub|pileg|pilpres)\b",
    re.I,
)


@dataclass(frozen=True)
class Verdict:
    """The outcome for one election."""

    election: str
    election_day: date
    legal_basis: str
    age: int
    married: bool
    eligible: bool


@dataclass(frozen=True)
class EligibilityQuestion:
    birth_date: date
    married: bool | None
    elections: tuple[tuple[str, date, str], ...]


def age_on(birth: date, day: date) -> int:
    """Full years on ``day``; someone born on 29 February turns a year older on 1 March in common years."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def parse(question: str) -> EligibilityQuestion | None:
    """Recognise an eligibility question: a voting word and a birth date; None otherwise."""
    if not _VOTE.search(question):
        return None
    parsed = [(m.start(), parse_date(m.group(0))) for m in _DATE.finditer(question)]
    dates = [(pos, d) for pos, d in parsed if d is not None]
    if not dates:
        return None
    cue = _BIRTH_CUE.search(question)
    birthday = _birthday(question, dates)
    if birthday is not None:
        birth_pos, birth = birthday
    elif cue:
        birth_pos, birth = min(dates, key=lambda pd: abs(pd[0] - cue.end()) if pd[0] >= cue.start() else 10**6)
    else:  # a date alone (a meeting, an election) is not a birth date
        return None
    others = [d for pos, d in dates if pos != birth_pos and d > birth]
    elections: list[tuple[str, date, str]] = []
    for day in others:
        if day == PEMILU_2024[1]:
            elections.append(PEMILU_2024)
        elif day == PILKADA_2024[1]:
            elections.append(PILKADA_2024)
        else:
            label = "Pilkada" if _PILKADA.search(question) else "Pemilu"
            basis = PILKADA_2024[2] if label == "Pilkada" else PEMILU_2024[2]
            elections.append((f"{label} {day.day} {_month_name(day.month)} {day.year}", day, basis))
    if not elections:
        if _PEMILU.search(question):
            elections.append(PEMILU_2024)
        if _PILKADA.search(question):
            elections.append(PILKADA_2024)
    if not elections:
        elections = [PEMILU_2024, PILKADA_2024]
    married = True if _MARRIED.search(question) else False if _NOT_MARRIED.search(question) else None
    return EligibilityQuestion(birth, married, tuple(dict.fromkeys(elections)))


def _birthday(question: str, dates: list[tuple[int, date]]) -> tuple[int, date] | None:
    """(position, birth date) from "genap 17 tahun pada <date>": the date is the day one turns that age."""
    for match in _TURNS.finditer(question):
        following = [(pos, d) for pos, d in dates if 0 <= pos - match.end() <= TURNS_WINDOW]
        if following:
            pos, day = following[0]
            years = int(match.group(1))
            try:
                return pos, day.replace(year=day.year - years)
            except ValueError:  # turning an age on 29 February of a leap year: born on 29 February
                return pos, date(day.year - years, 2, 28)
    return None


def decide(question: EligibilityQuestion) -> list[Verdict]:
    """Apply the rule: 17 on voting day, or married or ever married."""
    verdicts = []
    for name, day, basis in question.elections:
        age = age_on(question.birth_date, day)
        married = bool(question.married)
        verdicts.append(Verdict(name, day, basis, age, married, age >= VOTING_AGE or married))
    return verdicts


def explain(question: EligibilityQuestion, verdicts: list[Verdict], today: date) -> str:
    """Indonesian explanation: verdict, age on the day, basis; past elections are marked as such."""
    birth = format_date(question.birth_date)
    lines = []
    for v in verdicts:
        when = "telah berlangsung pada" if v.election_day < today else "dijadwalkan pada"
        if v.eligible and v.age >= VOTING_AGE:
            outcome = (
                f"**Bisa memilih.** Orang yang lahir {birth} berusia {v.age} tahun pada hari pemungutan "
                f"suara, sudah genap {VOTING_AGE} tahun"
            )
        elif v.eligible:
            outcome = (
                f"**Bisa memilih.** Usianya baru {v.age} tahun pada hari pemungutan suara, tetapi orang yang "
                "sudah atau pernah kawin berhak memilih walaupun belum 17 tahun"
            )
        else:
            outcome = (
                f"**Belum bisa memilih.** Orang yang lahir {birth} baru berusia {v.age} tahun pada hari "
                f"pemungutan suara, belum genap {VOTING_AGE} tahun"
                + ("" if question.married is False else ", kecuali bila sudah atau pernah kawin")
            )
        lines.append(f"- {v.election} ({when} {format_date(v.election_day)}): {outcome} ({v.legal_basis}).")
    note = ""
    if question.birth_date.month == 2 and question.birth_date.day == 29:
        note = (
            "\n\nKarena lahir 29 Februari, pada tahun yang bukan kabisat usia dihitung bertambah mulai 1 Maret; "
            "pastikan ke KPU bila ragu."
        )
    return "\n".join(lines) + note


_MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def _month_name(month: int) -> str:
    return _MONTH_NAMES[month - 1]


def format_date(day: date) -> str:
    return f"{day.day} {_month_name(day.month)} {day.year}"


def parse_date(text: str) -> date | None:
    """A day written the Indonesian way (day first): 14 Februari 2007, 14-02-2007, 14/2/2007, 2007-02-14."""
    import dateparser

    if not _DATE.fullmatch(text.strip()):  # no relative dates ("kemarin") or partial ones
        return None
    for pattern, modern in _OLD_SPELLINGS:
        text = pattern.sub(modern, text)
    parsed = dateparser.parse(
        text,
        languages=["id", "en"],
        settings={"DATE_ORDER": "DMY", "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"},
    )
    return parsed.date() if parsed else None
