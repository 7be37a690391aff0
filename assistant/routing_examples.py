"""Example questions the assistant must not treat as city-service questions, written for routing.

The router compares a question's embedding with these and with the corpus: nearer to these → out of scope
(``OFF_TOPIC``) or a public service our documents do not cover (``UNCOVERED_SERVICES``, answered ``not_found``
with the office to contact).
"""

from __future__ import annotations

OFF_TOPIC: tuple[str, ...] = (
    "Siapa yang menang pertandingan sepak bola tadi malam?",
    "Jadwal pertandingan tim nasional minggu depan kapan?",
    "Bagaimana resep membuat nasi goreng yang enak?",
    "Cara memasak ikan bakar khas Kupang",
    "Berapa harga beras per kilo di pasar hari ini?",
    "Harga emas hari ini naik atau turun?",
    "Berapa kurs dolar terhadap rupiah sekarang?",
    "Apakah besok akan hujan di kota ini?",
    "Bagaimana prakiraan cuaca minggu ini?",
    "Tolong buatkan puisi tentang laut dan senja.",
    "Buatkan pantun lucu untuk teman saya.",
    "Tuliskan cerita pendek tentang persahabatan.",
    "Buatkan caption media sosial untuk foto liburan.",
    "Tolong tuliskan surat lamaran pekerjaan untuk saya.",
    "Bantu kerjakan soal matematika pekerjaan rumah anak saya.",
    "Jelaskan cara membuat program Python untuk menghitung angka.",
    "Film apa yang bagus ditonton akhir pekan ini?",
    "Lagu apa yang sedang populer sekarang?",
    "Rekomendasi tempat wisata dan hotel murah.",
    "Restoran mana yang paling enak di sekitar sini?",
    "Bagaimana cara menurunkan berat badan dengan cepat?",
    "Obat apa yang cocok untuk sakit kepala dan demam?",
    "Tips merawat kulit wajah supaya tidak berjerawat.",
    "Merek motor atau mobil bekas apa yang paling bagus dibeli?",
    "HP apa yang bagus dengan harga dua juta?",
    "Bagaimana cara investasi saham atau kripto?",
    "Bagaimana cara mendapatkan pacar?",
    "Apa zodiak yang cocok untuk saya?",
    "Ceritakan lelucon yang lucu.",
    "Siapa penemu lampu pijar?",
    "Apa ibu kota negara Australia?",
    "Terjemahkan kalimat ini ke bahasa Inggris.",
    "Bagaimana cara bermain gitar untuk pemula?",
    "Bagaimana cara memperbaiki laptop yang lambat?",
    "Partai politik mana yang terbaik untuk dipilih?",
    "Calon mana yang sebaiknya saya dukung di pemilihan?",
    "Apa pendapatmu tentang kinerja pejabat itu?",
    "Who won the football match last night?",
    "What is a good recipe for chicken soup?",
    "Write me a poem about the ocean.",
    "What will the weather be like tomorrow?",
    "Which phone should I buy?",
    "Tell me a joke.",
    "How do I lose weight fast?",
    "What is the capital of France?",
    "Help me with my math homework.",
)

UNCOVERED_SERVICES: tuple[str, ...] = (
    "Bagaimana cara membuat paspor dan berapa biayanya?",
    "Syarat perpanjangan SIM di kantor polisi apa saja?",
    "Bagaimana cara membuat SKCK?",
    "Cara mendaftar BPJS Kesehatan untuk keluarga",
    "Bagaimana cara mengurus klaim BPJS Ketenagakerjaan?",
    "Bagaimana cara membayar pajak kendaraan bermotor?",
    "Cara membayar PBB rumah secara online",
    "Bagaimana cara mengurus NPWP?",
    "Bagaimana cara pasang sambungan air PDAM baru?",
    "Cara mengurus tambah daya listrik PLN",
    "Bagaimana cara mengurus izin usaha atau NIB?",
    "Bagaimana cara mengurus izin mendirikan bangunan (PBG)?",
    "Bagaimana cara mendaftar sekolah negeri (PPDB)?",
    "Bagaimana cara mendapatkan bantuan sosial PKH atau BLT?",
    "Bagaimana cara membuat kartu kuning untuk mencari kerja?",
    "Bagaimana cara mengurus sertifikat halal untuk usaha?",
    "Bagaimana cara mengurus visa untuk orang asing?",
    "Bagaimana cara mendaftar nikah di KUA?",
    "Syarat pengajuan kredit usaha rakyat di bank",
    "Cara mengurus balik nama kendaraan",
    "How do I apply for a passport?",
    "How do I renew my driving licence?",
    "How do I pay my water bill?",
)

# Services run by other agencies. A question naming one is not_found unless the best-matching passage names it too.
UNCOVERED_TERMS: tuple[str, ...] = (
    "paspor", "passport", "imigrasi", "visa", "sim", "skck", "bpjs", "pbb", "pajak", "samsat", "npwp", "pdam", "pln",
    "listrik", "nib", "oss", "pbg", "imb", "ppdb", "pkh", "blt", "bansos", "kartu kuning", "kua", "stnk", "bpkb",
)
