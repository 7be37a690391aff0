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
    r"rules?|prompts?)|new\s+instructions|instruksi\s+baru|(reply|respond|answer)\s+only\s+with|"
    r"(jawab|balas)(lah)?\s+(hanya\s+)?dengan\s+kata|"
    r"(system\s*prompt|prompt\s*sistem|developer\s*mode|mode\s*pengembang|jailbreak|\bDAN\b mode|"
    r"\[\s*(system|sistem|admin|developer)\b|mode\s+admin|kamu\s+(sekarang\s+)?(adalah|jadi|menjadi)\s+asisten\s+tanpa|"
    r"kamu\s+sekarang\s+(adalah|jadi|menjadi)|you\s+are\s+now|act\s+as|berpura-pura|pretend\s+to\s+be|"
    r"tampilkan\s+(instruksi|pengaturan|konfigurasi)|show\s+(me\s+)?your\s+(instructions|settings|prompt))",
    re.I,
)
_SECRET_REQUEST = re.compile(
    r"(environment\s+variables?|variabel\s+lingkungan|env\s+vars?|\bASSISTANT_[A-Z_]+|OMP_NUM_THREADS|"
    r"(which|what)\s+(embedding\s+)?model\s+(are\s+you|do\s+you)|index\s+path|"
    r"repeat\s+the\s+(text|words|instructions)\s+above|(ulangi|salin)\s+(teks|kalimat|instruksi)\s+di\s+atas|"
    r"(pengaturan|konfigurasi|setting)(mu|\s+kamu|\s+anda)\b|(your|kamu\s+punya)\s+(configuration|settings|config)|"
    r"system\s*prompt|prompt\s*sistem|instruksi\s+(awal|rahasia|sistem)|pengaturan\s+(rahasia|sistem|internal)|"
    r"kata\s+sandi|password|api\s*key|token\s+rahasia|konfigurasi\s+(server|internal)|your\s+(instructions|settings))",
    re.I,
)
_POLITICAL = re.compile(
    r"((pilih|coblos|dukung|memilih|mencoblos)\s+(siapa|sapa|sp|yang\s+mana|calon\s+mana|partai\s+mana|nomor\s+berapa|paslon)|"
    r"(kasi\s*tau|kasih\s*tahu|sebutkan|beri\s*tahu)\s+(nomor|nama)\s+(paslon|calon|partai)|"
    r"(buat|buatkan|tulis|tuliskan|bikin|bikinkan|karang)\b[^.?]{0,30}\b(kampanye|slogan|yel|jargon)|"
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
    r"(tampilkan|menampilkan|berikan|memberikan|kasih|kasi|kirim(kan)?|mengirim(kan)?|sebutkan|menyebutkan|"
    r"cari(kan)?|mencari(kan)?|bocorkan|membocorkan|bagikan|membagikan|list|show|give|print)\b[^?]{0,40}"
    r"\b(nik|nomor\s+kk|alamat|data\s+pribadi|nomor\s+(hp|telepon)|tanggal\s+lahir)\b[^?]{0,40}"
    r"\b(warga|orang|penduduk|semua|tetangga|atas\s+nama|milik)",
    re.I,
)
_ABUSE = re.compile(
    r"\b(goblo[kg]|tolol|bangsat|anjing|anjir|kampret|bajingan|brengsek|keparat|idiot|bego|asu|jancuk|"
    r"fuck\w*|shit|bitch|bastard)\b"
    r"|\b(bodoh|sampah|bodat|babi|monyet|binatang)\b[^.?!]{0,30}\b(semua|kalian|kau|lu|kamu|mereka|itu)\b"
    r"|\b(orang|kaum|suku|pendatang|petugas|pegawai)\b[^.?!]{0,40}\b(sampah|babi|monyet|binatang|bodoh)\b",
    re.I,
)
_ILLEGAL = re.compile(
    r"(cara|gimana|bagaimana|bantu|tolong|kasi\s*tau|kasih\s*tahu|ajari|ajarkan|langkah\w*|bacakan|bisa\s+ko)"
    r"[^?]{0,60}(memalsu\w*|dipalsu\w*|nembak|menyuap|nyogok|menyogok|sogok(in)?\s+(petugas|pegawai|lurah)|"
    r"beli\s+suara|membeli\s+suara|serangan\s+fajar|memanipulasi|manipulasi\s+data|"
    r"(masukkan|memasukkan|tambahkan|menambahkan)\s+nama\s+orang\s+(yang\s+)?bukan)"
    r"|\b(ktp|kk|akta|surat|stempel|cap|tanda\s+tangan)(-el)?\s+palsu\b[^?]{0,40}\b(buat|bikin|cetak|cara|langkah|"
    r"pesan|beli|jual)"
    r"|\b(buat|bikin|cetak|membuat|mencetak|pesan|beli)\s+(ktp|kk|akta|surat\s+\w+|stempel)(-el)?\s+palsu\b"
    r"|berapa\s+(isi\s+)?(amplop|uang|duit|doi|tip)\b[^?]{0,40}\b(petugas|pegawai|lurah|camat|dukcapil|orang\s+dalam)"
    r"|\b(how\s+(do|can)\s+i|help\s+me)\b[^?]{0,40}\b(fake|forge|bribe|buy\s+votes)",
    re.I,
)
_DANGEROUS_BLOCK = re.compile(r"<(script|style|iframe|object|embed|svg|template)\b.*?(</\1\s*>|$)", re.I | re.S)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"\b(?:javascript|data|vbscript):\S*|https?://\S+", re.I)
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
    """What the guard decided before any retrieval.

    ``text`` is the cleaned input, ``redacted`` what may be shown and logged, ``query`` what retrieval sees
    (no personal data, no markup, no injected instructions)."""

    text: str
    redacted: str
    query: str
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
    text = _tidy(strip_hidden(question))
    pii = tuple(find_personal_data(text))
    shown = " ".join(redact(text).split())
    if not text:
        return GuardResult(text, shown, "", route="clarify:empty")
    if len(text) > max_chars:
        cut = text[:max_chars]
        return GuardResult(cut, " ".join(redact(cut).split()), "", route="clarify:too_long", pii=pii)
    query = _tidy(remove_personal_data(strip_markup(text)))
    if not query:
        return GuardResult(text, shown, "", route="clarify:empty", pii=pii)
    if _SECRET_REQUEST.search(query):
        return GuardResult(text, shown, query, route="out_of_scope:secret", pii=pii, injection=True)
    injection = bool(_INJECTION.search(query))
    if injection:
        query = _strip_injection(query)
        if not _has_question(query):
            return GuardResult(text, shown, query, route="out_of_scope:injection", pii=pii, injection=True)
    for route, pattern in (("records", _RECORDS_REQUEST), ("abuse", _ABUSE), ("illegal", _ILLEGAL),
                           ("political", _POLITICAL), ("political", _OPINION), ("topic", _OFF_TOPIC)):
        if pattern.search(query):
            return GuardResult(text, shown, query, route=f"out_of_scope:{route}", pii=pii, injection=injection)
    if not pii and _GREETING.match(query):
        return GuardResult(text, shown, query, route="greeting", pii=pii)
    return GuardResult(text, shown, query, pii=pii, injection=injection)


def strip_markup(text: str) -> str:
    """Drop HTML elements and Markdown images, keep link text: payloads never reach retrieval or display."""
    text = _DANGEROUS_BLOCK.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_IMAGE.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    return _URL.sub(" ", text)


def remove_personal_data(text: str) -> str:
    """The question without the personal data itself (retrieval never needs it)."""
    return _NIK.sub(" ", _PHONE.sub(" ", _EMAIL.sub(" ", text)))


def _tidy(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line).strip()


def _strip_injection(text: str) -> str:
    """Drop the sentences that carry an instruction to the assistant; keep the rest of the question."""
    sentences = re.split(r"(?<=[.!?])\s+|\n+", text)
    return " ".join(s for s in sentences if not _INJECTION.search(s) and not re.search(
        r"\b(katakan|bilang|jawab(lah)?\s+bahwa|say\s+that|tell\s+(me\s+)?that|tulis(kan)?\s+bahwa)\b", s, re.I))


def _has_question(text: str) -> bool:
    return len(re.findall(r"\w+", text)) >= 3
