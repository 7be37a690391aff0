"""Fixed Indonesian replies for the routes that do not compose from the corpus."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .intents import Intent
from .schema import Suggestion

SCOPE = (
    "KTP-el dan dokumen kependudukan (KK, akta, KIA, IKD, surat pindah), surat dari kelurahan, hak pilih dan "
    "daftar pemilih, biaya layanan dan pengaduan pungli, surat tanah di kelurahan, serta tugas lurah, camat, "
    "RT/RW dan lembaga kemasyarakatan di Kota Kupang"
)

GREETING = (
    "Halo, selamat datang di Tanya Kelurahan! Saya menjawab pertanyaan tentang layanan Pemerintah Kota Kupang "
    f'dari dokumen resmi yang kami kumpulkan: {SCOPE}. Silakan bertanya, misalnya: "Bagaimana cara merekam '
    'KTP-el?"'
)
WARMING_UP = (
    "_Catatan: pencarian lengkap sedang disiapkan ({percent}%). Sampai selesai, jawaban dicari dari kata-kata "
    "pertanyaan saja, jadi bisa kurang tepat; silakan bertanya lagi beberapa menit lagi bila jawabannya belum pas._"
)
THANKS = "Sama-sama. Semoga membantu! Silakan bertanya lagi bila ada yang belum jelas."
EMPTY = "Silakan tuliskan pertanyaan Anda tentang layanan kelurahan atau kependudukan."
UNREADABLE = (
    "Maaf, saya belum dapat membaca pertanyaan itu. Mohon tulis pertanyaan Anda dengan kata-kata, dalam "
    'bahasa Indonesia, misalnya: "Apa syarat membuat KTP-el?"'
)
TOO_LONG = (
    "Pertanyaan Anda terlalu panjang (lebih dari {limit} karakter). Mohon persingkat menjadi satu pertanyaan "
    'utama, misalnya: "Apa syarat mengurus KK yang hilang?"'
)
OUT_OF_SCOPE = f"Maaf, pertanyaan itu di luar hal yang dapat saya bantu. Saya hanya menjawab pertanyaan tentang {SCOPE}."
POLITICAL = (
    "Maaf, saya bersikap netral: saya tidak memberi pendapat atau saran tentang calon, partai politik, "
    "atau pejabat tertentu. Saya dapat menjelaskan aturan pemilu, misalnya siapa yang berhak memilih, "
    "dokumen yang dibawa ke TPS, atau cara mengecek daftar pemilih."
)
SECRET = (
    "Maaf, saya tidak dapat membagikan instruksi, pengaturan, atau data internal sistem. Saya hanya menjawab "
    f"pertanyaan tentang {SCOPE}."
)
RECORDS = (
    "Maaf, saya tidak dapat menampilkan atau mencari data pribadi siapa pun (NIK, KK, alamat, nomor telepon). "
    "Data kependudukan dilindungi undang-undang. Untuk data Anda sendiri, datanglah ke Dinas Dukcapil Kota "
    "Kupang atau kantor kelurahan dengan membawa dokumen Anda."
)
REFERRAL = (
    "Silakan tanyakan langsung ke kantor kelurahan Anda atau, untuk urusan kependudukan (KTP-el, KK, akta), ke "
    "Dinas Dukcapil Kota Kupang (dukcapil.kupangkota.go.id). Untuk layanan instansi lain (misalnya paspor, SIM, "
    "BPJS, pajak, PDAM), hubungi kantor instansi tersebut."
)
NOT_FOUND = f"Maaf, dokumen kami belum memuat jawaban untuk pertanyaan itu, jadi saya tidak ingin menebak. {REFERRAL}"
_ASPECTS = {
    Intent.DURATION: "berapa lama pengurusannya",
    Intent.HOURS: "jam layanannya",
    Intent.PLACE: "alamat atau tempat layanannya",
}


def _suggested(suggestions: Sequence[Suggestion]) -> str:
    if not suggestions:
        return ""
    return "\n\nTopik terdekat yang ada di dokumen kami: " + "; ".join(s.title for s in suggestions) + "."


def not_covered(suggestions: Sequence[Suggestion]) -> str:
    """The plain 'our documents do not hold this', the office to ask, and the nearest topics we do cover."""
    return NOT_FOUND + _suggested(suggestions)


def _quoted(part: str) -> str:
    """A resident's clause, quoted in a reply without the marks that would format it."""
    return re.sub(r"[*_`#\[\]<>|]", "", part).strip()


def about_part(part: str, reply: str) -> str:
    """A reply (a referral, a "we do not hold it") to one asking clause of a longer question."""
    return f'Tentang "{_quoted(part)}": {reply}'


def part_not_covered(part: str) -> str:
    """One asking clause of a longer question that our documents do not hold."""
    return about_part(
        part,
        "dokumen kami belum memuat jawabannya, jadi saya tidak ingin menebak; silakan tanyakan ke kantor kelurahan Anda "
        "atau instansi yang menanganinya.",
    )


def part_out_of_scope(part: str) -> str:
    """One asking clause of a longer question that is not ours to answer."""
    return about_part(part, "maaf, itu di luar hal yang dapat saya bantu.")


def no_comparison(items: Sequence[str], held: str, suggestions: Sequence[Suggestion]) -> str:
    """A difference question whose items our documents do not tell apart: say so, give what we hold, refer."""
    named = " dan ".join(f'"{item}"' for item in items)
    return (
        f"Maaf, dokumen kami tidak membahas perbedaan antara {named}, jadi saya tidak ingin menebak. "
        f"Yang ada di dokumen kami:\n{held}\n\n{REFERRAL}" + _suggested(suggestions)
    )


def no_aspect(intent: Intent | None, suggestions: Sequence[Suggestion]) -> str:
    """Our documents are about the subject but do not say what was asked of it (hours, duration, place)."""
    aspect = _ASPECTS.get(intent, "hal yang Anda tanyakan") if intent else "hal yang Anda tanyakan"
    return f"Maaf, dokumen kami tidak memuat {aspect} untuk hal itu, jadi saya tidak ingin menebak. {REFERRAL}" + _suggested(
        suggestions
    )


PERSONAL_DATA = (
    "Demi keamanan, mohon jangan menuliskan NIK, nomor KK, nomor telepon, atau e-mail di sini. Saya tidak "
    "menyimpan data itu dan tidak dapat memeriksa data pribadi siapa pun. Untuk mengecek status pemilih, "
    "gunakan cekdptonline.kpu.go.id; untuk data kependudukan Anda (KTP-el, KK, akta), hubungi Dinas "
    "Dukcapil Kota Kupang atau kantor kelurahan."
)
NO_INDEX = (
    "Maaf, layanan tanya jawab sedang tidak tersedia karena indeks dokumen belum siap atau sedang "
    "diperbaiki. Silakan coba lagi beberapa saat lagi, atau hubungi kantor kelurahan."
)
BUSY = "Layanan sedang ramai, silakan coba lagi sebentar."
RATE_LIMITED = "Terlalu banyak pertanyaan dalam waktu singkat. Mohon tunggu sekitar {seconds} detik, lalu coba lagi."
ABUSE = (
    "Mohon gunakan bahasa yang sopan; saya tidak meneruskan kata-kata kasar atau yang merendahkan orang lain. "
    "Bila Anda kecewa dengan pelayanan, Anda dapat mengadu ke atasan petugas, Inspektorat Kota Kupang, "
    "SP4N-LAPOR! (lapor.go.id atau SMS 1708) atau Ombudsman RI (137)."
)
ILLEGAL = (
    "Maaf, saya tidak dapat membantu hal yang melanggar hukum, seperti memalsukan dokumen atau data, menyuap "
    "petugas, atau membeli suara. Perbuatan itu diancam pidana, dan pengurusan dokumen kependudukan gratis. "
    "Bila Anda dimintai uang, laporkan ke Inspektorat Kota Kupang, SP4N-LAPOR! (lapor.go.id atau SMS 1708) "
    "atau Ombudsman RI (137)."
)
INTERNAL_ERROR = (
    "Maaf, terjadi kesalahan saat menyusun jawaban. Silakan coba lagi sebentar lagi; bila masih "
    "gagal, tanyakan langsung ke kantor kelurahan Anda."
)

EMERGENCY = (
    "Jika ini keadaan darurat, segera hubungi 110 (polisi), 113 (pemadam kebakaran) atau 118/119 (ambulans); 112 "
    "bila layanan itu tersedia di daerah Anda. Saya hanya asisten informasi dan tidak dapat mengirim bantuan. Bila "
    "aman, minta juga bantuan orang di sekitar Anda, ketua RT, atau kantor polisi terdekat."
)
SMALL_TALK = (
    "Saya Tanya Kelurahan, asisten otomatis (bukan manusia) untuk layanan Pemerintah Kota Kupang. Saya menjawab "
    f'dari dokumen resmi yang kami kumpulkan tentang {SCOPE}. Silakan bertanya, misalnya: "Apa syarat membuat '
    'KTP-el?" atau "Bagaimana mencatatkan perkawinan?"'
)
OWN_RECORD = (
    "Saya tidak dapat melihat berkas atau data pribadi siapa pun, jadi saya tidak tahu status pengurusan Anda. "
    "Untuk menanyakan status KTP-el, KK, akta atau surat pindah, hubungi Dinas Dukcapil Kota Kupang "
    "(dukcapil.kupangkota.go.id) atau kantor kelurahan dengan membawa bukti pengajuan Anda; untuk status pemilih, "
    "gunakan cekdptonline.kpu.go.id."
)
HATE = (
    "Maaf, saya tidak menanggapi pertanyaan atau permintaan yang merendahkan suku, agama atau kelompok mana pun. "
    "Pelayanan publik wajib memperlakukan semua warga sama, tanpa diskriminasi (UU 25/2009 Pasal 4). Saya dapat "
    f"membantu pertanyaan tentang {SCOPE}."
)
INTRUSION = (
    "Maaf, saya tidak dapat membantu masuk ke sistem pemerintah, memakai akun orang lain, atau mengambil data "
    "kependudukan di luar prosedur resmi: data kependudukan dilindungi undang-undang. Untuk mengurus data Anda "
    "sendiri, datanglah ke Dinas Dukcapil Kota Kupang atau kantor kelurahan."
)
FALSIFY = (
    "Maaf, saya tidak dapat membantu memalsukan atau mengubah dokumen, data, tanda tangan atau stempel; perbuatan "
    "itu diancam pidana. Bila data Anda memang salah, perbaikannya gratis di Dinas Dukcapil Kota Kupang; bila ada "
    "syarat yang belum terpenuhi, tanyakan ke kantor kelurahan jalan yang sah."
)
FAKE_LETTER = (
    "Maaf, saya tidak dapat membuat surat keputusan, surat edaran, surat tugas atau surat keterangan atas nama "
    "pejabat atau kantor pemerintah: surat resmi hanya diterbitkan oleh kantor yang berwenang. Saya dapat "
    "menjelaskan cara mengurus surat dari kelurahan, misalnya syarat surat pengantar atau surat keterangan."
)
PUNGLI = (
    "Tidak perlu dan tidak boleh memberi uang rokok, amplop atau uang pelicin: pengurusan dokumen kependudukan "
    "gratis, dan pungutan di luar ketentuan dilarang. Bila Anda dimintai uang atau ditawari jalur cepat berbayar, "
    "laporkan ke Inspektorat Kota Kupang, SP4N-LAPOR! (lapor.go.id atau SMS 1708) atau Ombudsman RI (137)."
)
