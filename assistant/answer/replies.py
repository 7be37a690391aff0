"""Fixed Indonesian replies for the routes that do not compose from the corpus."""

from __future__ import annotations

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
NOT_FOUND = (
    "Maaf, dokumen kami belum memuat jawaban untuk pertanyaan itu, jadi saya tidak ingin menebak. Silakan "
    "tanyakan langsung ke kantor kelurahan Anda atau, untuk urusan kependudukan, ke Dinas Dukcapil Kota "
    "Kupang (dukcapil.kupangkota.go.id). Untuk layanan instansi lain (misalnya paspor, SIM, BPJS, pajak, "
    "PDAM), hubungi kantor instansi tersebut."
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
