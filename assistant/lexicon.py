"""Everyday words residents type, mapped to the words the corpus uses.

Informal Indonesian, chat abbreviations, Kupang Malay and English terms. Keys are single lower-case tokens;
values are one or more Indonesian words. An empty value drops the token (particles).
"""

from __future__ import annotations

SLANG: dict[str, str] = {
    # question words and chat abbreviations
    "gmn": "bagaimana", "gimana": "bagaimana", "bgmn": "bagaimana", "gmna": "bagaimana", "bgm": "bagaimana",
    "kek": "seperti", "kayak": "seperti", "kaya": "seperti",
    "brp": "berapa", "brapa": "berapa", "knp": "kenapa", "napa": "kenapa", "dmn": "di mana", "dimana": "di mana",
    "kmn": "ke mana", "kapan2": "kapan", "sy": "saya", "aku": "saya", "gw": "saya", "gue": "saya", "ak": "saya",
    "yg": "yang", "dgn": "dengan", "dg": "dengan", "utk": "untuk", "untk": "untuk", "buat": "untuk",
    "sm": "sama", "sma": "sama", "jg": "juga", "jd": "jadi", "jdi": "jadi", "krn": "karena", "karna": "karena",
    "tp": "tapi", "tpi": "tapi", "klo": "kalau", "kalo": "kalau", "kl": "kalau", "klu": "kalau",
    "gak": "tidak", "ga": "tidak", "nggak": "tidak", "ngga": "tidak", "enggak": "tidak", "gk": "tidak",
    "tdk": "tidak", "tak": "tidak", "g": "tidak", "blm": "belum", "blum": "belum", "udh": "sudah", "udah": "sudah",
    "sdh": "sudah", "dah": "sudah", "lg": "lagi", "aja": "saja", "aj": "saja", "doang": "saja",
    "bs": "bisa", "bsa": "bisa", "bisa2": "bisa", "hrs": "harus", "mesti": "harus", "musti": "harus",
    "pny": "punya", "pnya": "punya", "ksh": "kasih", "kasi": "beri", "ama": "sama", "apaan": "apa", "emg": "memang",
    "emang": "memang", "tu": "itu", "gitu": "begitu", "gt": "begitu", "bgt": "sekali", "skrg": "sekarang",
    "skrng": "sekarang", "msh": "masih", "masi": "masih", "bnr": "benar", "bener": "benar", "trs": "terus",
    "sblm": "sebelum", "stlh": "setelah", "abis": "setelah", "kpn": "kapan", "tgl": "tanggal", "bln": "bulan",
    "hr": "hari", "org": "orang", "dr": "dari", "dri": "dari", "krj": "kerja", "kudu": "harus", "pengen": "ingin",
    "pgn": "ingin", "mo": "mau", "gmana": "bagaimana", "gimna": "bagaimana",
    "pake": "pakai", "pakek": "pakai", "ngurus": "mengurus", "urus": "mengurus", "bikin": "membuat",
    "bkin": "membuat", "bikinnya": "membuat", "buatnya": "membuat", "bayarnya": "bayar", "byr": "bayar",
    "thn": "tahun", "th": "tahun", "taun": "tahun", "umur": "usia", "umurnya": "usia",
    "ilang": "hilang", "ilg": "hilang", "lenyap": "hilang", "rusak": "rusak", "patah": "rusak",
    "nyoblos": "memilih", "nyoblosnya": "memilih", "coblos": "memilih", "mencoblos": "memilih",
    "milih": "memilih", "pemilihan": "pemilu", "pilwalkot": "pilkada", "pilgub": "pilkada",
    "nikah": "menikah", "kawin": "menikah", "kawen": "menikah", "merid": "menikah",
    "anak2": "anak", "ortu": "orang tua", "bokap": "ayah", "nyokap": "ibu", "bpk": "bapak",
    "duit": "uang", "fotokopi": "fotokopi", "fc": "fotokopi", "fotocopy": "fotokopi",
    "ngadu": "mengadu", "lapor": "melapor", "nyogok": "suap", "sogok": "suap", "sogokan": "suap",
    "kel": "kelurahan", "kec": "kecamatan", "capil": "dukcapil",
    "disdukcapil": "dukcapil", "e-ktp": "ktp-el", "ektp": "ktp-el", "ktpel": "ktp-el", "eKTP": "ktp-el",
    "skck": "skck", "sktm": "sktm", "akte": "akta", "akte2": "akta", "lahiran": "kelahiran",
    "meninggal": "kematian", "wafat": "kematian", "mati": "kematian", "rekam": "perekaman",
    "ngerekam": "perekaman", "rekaman": "perekaman", "domisili": "domisili", "pindahan": "pindah",
    "pengantar": "pengantar", "sertipikat": "sertifikat", "serfitikat": "sertifikat",
    # Kupang Malay
    "beta": "saya", "b": "saya", "lu": "kamu", "lai": "", "botong": "kami", "btong": "kami", "katong": "kita",
    "dong": "mereka", "sonde": "tidak", "sond": "tidak", "son": "tidak", "su": "sudah",
    "pi": "pergi", "pung": "punya", "doi": "uang", "ko": "", "do": "", "to": "", "sa": "saja",
    "mau": "akan", "bajual": "jual", "babeli": "beli", "maitua": "istri", "paitua": "suami",
    "nona": "anak perempuan", "nyong": "anak laki-laki", "bae": "baik", "parlu": "perlu",
    "kaka": "", "om": "", "tanta": "", "usi": "",
    # English terms
    "id": "ktp-el", "idcard": "ktp-el", "identity": "identitas", "card": "kartu", "lost": "hilang",
    "replace": "ganti", "replacement": "penggantian", "damaged": "rusak", "birth": "kelahiran",
    "certificate": "akta", "death": "kematian", "family": "keluarga", "vote": "memilih", "voting": "memilih",
    "voter": "pemilih", "voters": "pemilih", "election": "pemilu", "elections": "pemilu", "free": "gratis",
    "fee": "biaya", "fees": "biaya", "cost": "biaya", "costs": "biaya", "pay": "bayar", "bribe": "suap",
    "complaint": "pengaduan", "complain": "mengadu", "report": "lapor", "move": "pindah", "moving": "pindah",
    "requirements": "persyaratan", "requirement": "persyaratan", "documents": "dokumen", "document": "dokumen",
    "marriage": "perkawinan", "married": "menikah", "land": "tanah", "letter": "surat", "village": "kelurahan",
    "head": "kepala", "neighbourhood": "rt", "neighborhood": "rt", "register": "daftar", "registration": "pendaftaran",
    "record": "perekaman", "recording": "perekaman", "old": "usia", "age": "usia", "years": "tahun",
    "polling": "tps", "station": "tps", "child": "anak", "children": "anak", "digital": "digital",
    "residence": "domisili", "domicile": "domisili", "population": "kependudukan", "civil": "sipil",
    "check": "cek", "checking": "cek", "registered": "terdaftar", "list": "daftar",
    "police": "polri", "policeman": "polri", "officers": "anggota", "soldier": "tni", "soldiers": "tni",
    "army": "tni", "military": "tni", "official": "petugas", "officials": "petugas", "officer": "petugas",
    "staff": "petugas", "office": "kantor", "free of charge": "gratis", "charged": "dipungut",
    "permanent": "tetap", "permit": "izin", "foreigner": "wna", "foreign": "asing", "citizen": "wni",
    "expire": "berlaku", "expired": "berlaku", "valid": "berlaku", "validity": "masa berlaku", "renew": "perpanjang",
    "baby": "bayi", "newborn": "bayi", "died": "kematian", "dies": "kematian", "deceased": "kematian",
    "wedding": "perkawinan", "divorce": "cerai", "address": "alamat", "change": "perubahan", "wrong": "salah",
    "mistake": "salah", "typo": "salah tulis", "gift": "gratifikasi", "gifts": "gratifikasi", "tip": "gratifikasi",
    "neutral": "netral", "neutrality": "netralitas", "campaign": "kampanye", "buying": "politik uang",
    "deadline": "batas waktu", "days": "hari", "late": "terlambat", "fine": "denda", "penalty": "sanksi",
    "punishment": "sanksi", "law": "hukum", "legal": "hukum", "basis": "dasar", "duties": "tugas", "duty": "tugas",
    "task": "tugas", "tasks": "tugas", "role": "peran", "elected": "dipilih", "appointed": "diangkat",
    "meeting": "rapat", "directive": "arahan", "directives": "arahan", "city": "kota", "district": "kecamatan",
    "districts": "kecamatan", "subdistrict": "kelurahan", "subdistricts": "kelurahan", "villages": "kelurahan",
    "where": "di mana", "how": "bagaimana", "when": "kapan", "much": "berapa", "who": "siapa",
}

# Multi-word phrases replaced before tokenising (lower case).
PHRASES: dict[str, str] = {
    "kartu tanda penduduk": "ktp-el",
    "e ktp": "ktp-el",
    "ktp elektronik": "ktp-el",
    "kartu keluarga": "kk kartu keluarga",
    "identity card": "ktp-el",
    "id card": "ktp-el",
    "family card": "kk kartu keluarga",
    "birth certificate": "akta kelahiran",
    "death certificate": "akta kematian",
    "polling station": "tps",
    "voter list": "daftar pemilih",
    "digital id": "ikd identitas kependudukan digital",
    "ktp digital": "ikd identitas kependudukan digital",
    "illegal fee": "pungli",
    "illegal fees": "pungli",
    "uang rokok": "pungli uang rokok",
    "uang pelicin": "pungli suap",
    "bayar doi": "bayar uang",
    "pi mana": "di mana",
    "kantor lurah": "kelurahan",
}

# Nouns that name a topic of their own: a follow-up that brings one the previous question did not mention starts
# a new topic ("terus PKK itu apa?") instead of continuing the old one.
TOPIC_WORDS: frozenset[str] = frozenset({
    "pkk", "lpm", "posyandu", "taruna", "adat", "rt", "rw", "camat", "lurah", "ikd", "kia", "kk", "ktp", "ktp-el",
    "akta", "dpt", "dptb", "dpk", "dps", "suket", "tps", "pilkada", "pemilu", "saber", "gratifikasi", "tanah",
    "sertifikat", "domisili", "pindah", "musrenbang", "ombudsman", "kematian", "kelahiran", "nik", "pungli",
    "forkopimcam", "raker", "dukcapil", "kpu", "bawaslu", "polri", "tni",
})
