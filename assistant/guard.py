"""Checks before retrieval: length, hidden characters, personal data, greetings, injections and scope."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .text import strip_hidden

_NIK = re.compile(r"(?<![\d+])(?:\d[ .\-]?){15}\d(?!\d)")
_PHONE = re.compile(r"(?<!\d)(?:\+\s?62|62|0)[\s.\-]?8\d{1,2}(?:[\s.\-]?\d){6,9}(?!\d)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PII_LABELS = {"nik": "[NIK/NOMOR KK]", "phone": "[NOMOR TELEPON]", "email": "[EMAIL]"}

_GREETING = re.compile(
    r"^(?:(?:hai|halo|hallo|helo|hello|hi|hey|pagi|siang|sore|malam|selamat|pagi|assalamu'?alaikum|salam|"
    r"shalom|permisi|tabe|terima|kasih|makasih|trims|thanks|thank|you|ok|oke|baik|sip|mantap|banyak|ya|yah|"
    r"kaka|kak|ka|om|tanta|bapak|ibu|pak|bu|admin|min|sobat|semua|beta|ini|good|morning|evening|afternoon|"
    r"danke|tengkyu|thx|ty|siap|wassalam|dan|juga|sehat|apa|kabar|info|infonya|atas|jawabannya|bantuannya|"
    r"penjelasannya|much|so|very|nice|bae|sonde|su|jelas|paham|mengerti)[\s,.!?🙏😊]*)+$",
    re.I,
)
_INJECTION = re.compile(
    r"(abaikan|lupakan|acuhkan|ignore|disregard|forget)\b[^.?!\n]{0,60}\b(instruksi|perintah|aturan|instructions?|"
    r"rules?|prompts?)|(system\s*prompt|prompt\s*sistem|developer\s*mode|mode\s*pengembang|jailbreak|\bDAN\b mode|"
    r"\[\s*(system|sistem|admin|developer)\b|mode\s+admin|kamu\s+(sekarang\s+)?(adalah|jadi|menjadi)\s+asisten\s+tanpa|"
    r"kamu\s+sekarang\s+(adalah|jadi|menjadi)|you\s+are\s+now|act\s+as|berpura-pura|pretend\s+to\s+be|"
    r"tampilkan\s+(instruksi|pengaturan|konfigurasi)|show\s+(me\s+)?your\s+(instructions|settings|prompt))",
    re.I,
)
_SECRET_REQUEST = re.compile(
    r"(system\s*prompt|prompt\s*sistem|instruksi\s+(awal|rahasia|sistem)|pengaturan\s+(rahasia|sistem|internal)|"
    r"kata\s+sandi|password|api\s*key|token\s+rahasia|konfigurasi\s+(server|internal)|your\s+(instructions|settings))",
    re.I,
)
_POLITICAL = re.compile(
    r"((pilih|coblos|dukung|memilih|mencoblos)\s+(siapa|yang\s+mana|calon\s+mana|partai\s+mana|nomor\s+berapa|paslon)|"
    r"(calon|paslon|kandidat|partai|capres|cawalkot|cagub)\s+(mana|siapa)\s+(yang\s+)?(terbaik|paling\s+bagus|"
    r"lebih\s+(baik|bagus)|harus|sebaiknya|layak|pantas)|(partai|calon|paslon|kandidat)\s+(terbaik|paling\s+bagus)|"
    r"(which|who)\s+(candidate|party)\s+(should|is\s+the\s+best)|vote\s+for\s+(which|who)|"
    r"kampanyekan\s+(calon|paslon|partai)|menangkan\s+(calon|paslon)|"
    r"(siapa|mana)\b[^?]{0,40}\b(harus|sebaiknya|layak|pantas|terbaik|paling)\b[^?]{0,30}"
    r"(pilih|coblos|dipilih|dicoblos|jujur|bagus|baik|layak)|"
    r"(calon|paslon|kandidat|partai|capres|caleg)\b[^?]{0,40}\b(paling\s+|ter)(layak|baik|bagus|jujur|pantas))",
    re.I,
)
_OPINION = re.compile(
    r"(menurut\s*(mu|kamu|anda|ko|lu|ente)|pendapat\s*(mu|kamu|anda)|what\s+do\s+you\s+think|your\s+opinion)"
    r"[^?]{0,80}\b(lurah|camat|wali\s*kota|walikota|gubernur|bupati|presiden|pejabat|sekda|kepala\s+dinas|"
    r"calon|partai|dprd|anggota\s+dewan)"
    r"|\b(lurah|camat|wali\s*kota|walikota|gubernur|pejabat|presiden)\b[^?]{0,40}\b(bagus|jelek|buruk|becus|"
    r"bodoh|pantas\s+dipilih\s+lagi|layak\s+dipilih)\s+(tidak|nggak|gak|ga|ko|kah|sonde)?"
    r"|\b(lurah|camat|wali\s*kota|walikota|gubernur|pejabat|presiden|calon|capres|paslon|partai)\b[^?]{0,60}"
    r"(menurut\s*(mu|kamu|anda|ko|lu)|pendapat\s*(mu|kamu|anda))",
    re.I,
)
_RECORDS_REQUEST = re.compile(
    r"(tampilkan|berikan|kasih|kirim(kan)?|sebutkan|cari(kan)?|bocorkan|list|show|give)\b[^?]{0,40}"
    r"\b(nik|nomor\s+kk|alamat|data\s+pribadi|nomor\s+(hp|telepon)|tanggal\s+lahir)\b[^?]{0,40}"
    r"\b(warga|orang|penduduk|semua|tetangga|atas\s+nama|milik)",
    re.I,
)
_OFF_TOPIC = re.compile(
    r"\b(resep|masak(an)?|memasak|recipe|cook|sepak\s*bola|bola|liga|piala\s+dunia|skor|pertandingan|football|"
    r"soccer|match|puisi|pantun|syair|lagu|lirik|poem|song|lyrics|cerpen|dongeng|novel|film|movie|drakor|anime|"
    r"game|gim|main\s+ml|mobile\s+legends|cuaca|weather|hujan\s+besok|harga\s+(beras|emas|cabai|bbm|bensin|"
    r"saham|bitcoin|minyak|sembako|hp|motor|mobil)|price\s+of|saham|bitcoin|kripto|crypto|zodiak|ramalan|horoskop|"
    r"jodoh|pacar|pacaran|coding|kode\s+python|python|javascript|program\s+komputer|matematika|integral|"
    r"pr\s+saya|tugas\s+sekolah|homework|terjemahkan|translate|lelucon|lawak|joke|tebak-tebakan|"
    r"diet|olahraga|wisata|hotel|kuliner|tiket\s+pesawat|jadwal\s+kapal|bioskop|artis|selebriti|gosip|"
    r"ibu\s*kota\s+(negara|jepang|amerika|prancis)|planet|tata\s+surya|presiden\s+pertama)\b",
    re.I,
)


@dataclass(frozen=True)
class GuardResult:
    """The cleaned question and what the guard decided before any retrieval."""

    text: str
    redacted: str
    route: str | None = None
    pii: tuple[str, ...] = field(default_factory=tuple)
    injection: bool = False


def find_personal_data(text: str) -> list[str]:
    """Kinds of personal data present: 'nik', 'phone', 'email'."""
    kinds = []
    if _EMAIL.search(text):
        kinds.append("email")
    without_email = _EMAIL.sub(" ", text)
    if _PHONE.search(without_email):
        kinds.append("phone")
    if _NIK.search(_PHONE.sub(" ", without_email)):
        kinds.append("nik")
    return kinds


def redact(text: str) -> str:
    """The text with NIK/KK numbers, phone numbers and e-mail addresses replaced by labels."""
    text = _EMAIL.sub(PII_LABELS["email"], text)
    text = _PHONE.sub(PII_LABELS["phone"], text)
    return _NIK.sub(PII_LABELS["nik"], text)


def check(question: str, max_chars: int) -> GuardResult:
    """Decide a fixed route (``clarify``, ``greeting``, ``out_of_scope``) or pass the cleaned question on."""
    text = " ".join(strip_hidden(question).split())
    redacted = redact(text)
    pii = tuple(find_personal_data(text))
    if not text:
        return GuardResult(text, redacted, route="clarify:empty")
    if len(text) > max_chars:
        return GuardResult(text[:max_chars], redact(text[:max_chars]), route="clarify:too_long", pii=pii)
    injection = bool(_INJECTION.search(redacted))
    if _SECRET_REQUEST.search(redacted):
        return GuardResult(text, redacted, route="out_of_scope:secret", pii=pii, injection=True)
    if injection:
        remainder = _strip_injection(redacted)
        if not _has_question(remainder):
            return GuardResult(text, redacted, route="out_of_scope:injection", pii=pii, injection=True)
        redacted = remainder
    if _RECORDS_REQUEST.search(redacted):
        return GuardResult(text, redacted, route="out_of_scope:records", pii=pii, injection=injection)
    if _POLITICAL.search(redacted) or _OPINION.search(redacted):
        return GuardResult(text, redacted, route="out_of_scope:political", pii=pii, injection=injection)
    if _OFF_TOPIC.search(redacted):
        return GuardResult(text, redacted, route="out_of_scope:topic", pii=pii, injection=injection)
    if not pii and _GREETING.match(redacted):
        return GuardResult(text, redacted, route="greeting", pii=pii)
    return GuardResult(text, redacted, pii=pii, injection=injection)


def _strip_injection(text: str) -> str:
    """Drop the sentences that carry an instruction to the assistant; keep the rest of the question."""
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    return " ".join(s for s in sentences if not _INJECTION.search(s) and not re.search(
        r"\b(katakan|bilang|jawab(lah)?\s+bahwa|say\s+that|tell\s+(me\s+)?that|tulis(kan)?\s+bahwa)\b", s, re.I))


def _has_question(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= 3
