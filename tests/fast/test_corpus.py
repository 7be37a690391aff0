"""The shipped corpus: every document valid, and the topics residents and staff ask about covered."""

from __future__ import annotations

import re

import pytest

from assistant.ingest.loaders import load_corpus
from assistant.ingest.splitting import split_document

from ..helpers import CORPUS

REQUIRED_TOPICS = {
    "the raker of 26 Oct 2023 and its directives": [
        "raker-2023-10-26-notulen",
        "raker-2023-10-26-arahan-ktp-pemilih-pemula",
        "raker-2023-10-26-arahan-pelayanan-bebas-pungli",
        "raker-2023-10-26-arahan-sinergi-lembaga",
    ],
    "KTP-el": [
        "ktp-el-wajib-memiliki",
        "ktp-el-perekaman",
        "ktp-el-perekaman-usia-16",
        "ktp-el-hilang-rusak",
        "ktp-el-perubahan-data",
        "ktp-el-masa-berlaku",
        "ikd-identitas-kependudukan-digital",
        "kia-kartu-identitas-anak",
    ],
    "KK, akta, pindah, letters": [
        "kk-penerbitan-baru",
        "kk-setelah-menikah",
        "kk-perubahan-data",
        "kk-hilang-rusak",
        "akta-kelahiran",
        "akta-kematian",
        "surat-pindah-antarkota",
        "surat-pindah-dalam-kota",
        "surat-keterangan-domisili",
        "surat-keterangan-kelurahan",
        "surat-pengantar-rt-rw",
    ],
    "free services, sanctions, complaints": [
        "layanan-adminduk-gratis",
        "sanksi-pungutan-adminduk",
        "pungli-tipikor",
        "gratifikasi-petugas",
        "standar-pelayanan-maklumat",
        "pengaduan-pelayanan-publik",
        "saber-pungli-sejarah",
    ],
    "land documents": ["surat-keterangan-tanah-kelurahan", "tanah-adat-batas-2-februari-2026"],
    "voters": [
        "hak-pilih-syarat-usia",
        "tni-polri-hak-pilih",
        "daftar-pemilih-dp4-dps-dpt",
        "dokumen-ke-tps",
        "jadwal-pemilu-pilkada-2024",
        "cek-dpt-online",
        "netralitas-lurah-asn",
        "politik-uang",
    ],
    "institutions": [
        "camat-tugas-kedudukan",
        "lurah-tugas-kedudukan",
        "lpm",
        "pkk",
        "rt-rw",
        "posyandu",
        "karang-taruna",
        "lembaga-adat",
        "dana-kelurahan-musrenbang",
    ],
    "Kota Kupang profile": ["profil-kota-kupang", "dukcapil-kota-kupang"],
    "marriage and divorce": [
        "akta-perkawinan-non-muslim",
        "nikah-muslim-kua",
        "kawin-belum-tercatat",
        "perkawinan-kasus-khusus",
        "usia-perkawinan-dispensasi",
        "nikah-massal-kota-kupang",
        "akta-perceraian",
        "perceraian-muslim",
        "status-setelah-cerai",
        "pembatalan-perkawinan-perceraian",
    ],
    "children, names and deeds": [
        "pengakuan-anak",
        "pengesahan-anak",
        "pengangkatan-anak",
        "akta-kelahiran-anak-luar-kawin",
        "perubahan-nama",
        "pembetulan-akta",
        "pembatalan-akta",
    ],
    "kelurahan letters": [
        "surat-keterangan-usaha",
        "surat-keterangan-tidak-mampu",
        "surat-keterangan-belum-menikah",
        "surat-keterangan-ahli-waris",
        "surat-pengantar-skck",
        "surat-pengantar-nikah",
        "izin-keramaian",
        "surat-keterangan-kelahiran-kematian",
        "surat-keterangan-penghasilan",
    ],
    "KTP-el printing, vulnerable residents, NIK problems, Dukcapil practicalities": [
        "ktp-el-belum-dicetak-blangko",
        "ktp-el-luar-domisili",
        "layanan-disabilitas-lansia-sakit",
        "penduduk-rentan",
        "nik-tidak-ditemukan",
        "nik-ganda-data-ganda",
        "nik-dinonaktifkan",
        "struktur-nik",
        "mal-pelayanan-publik-kota-kupang",
        "dokumen-kertas-hvs-tte",
        "lama-proses-layanan",
        "istilah-adminduk",
        "pindah-ke-luar-negeri",
    ],
    "other offices (referrals) and the office directory": [
        "rujukan-sim",
        "rujukan-skck",
        "rujukan-paspor",
        "rujukan-sertifikat-tanah",
        "rujukan-pajak-daerah-pbb",
        "rujukan-bansos-dtsen",
        "rujukan-bpjs",
        "rujukan-npwp-pajak",
        "rujukan-pengadilan",
        "rujukan-laporan-polisi",
        "rujukan-layanan-lain",
        "direktori-kantor-kota-kupang",
        "nomor-darurat",
    ],
    "what changed 2024-2026": [
        "pemilu-2029-pemisahan",
        "pelindungan-data-pribadi",
        "penyesuaian-pidana-2026",
        "pejabat-kota-kupang",
    ],
}


@pytest.fixture(scope="module")
def report():
    return load_corpus(CORPUS)


def test_every_document_is_valid(report) -> None:
    assert report.errors == [], [f"{e.path}: {e.reason}" for e in report.errors]
    assert len(report.documents) >= 110


@pytest.mark.parametrize("topic", sorted(REQUIRED_TOPICS))
def test_topic_is_covered(report, topic: str) -> None:
    ids = {d.id for d in report.documents}
    missing = [doc_id for doc_id in REQUIRED_TOPICS[topic] if doc_id not in ids]
    assert not missing, f"{topic}: missing {missing}"


def test_documents_open_with_a_direct_answer_and_have_sections(report) -> None:
    for doc in report.documents:
        first_block = doc.text.split("\n\n", 1)[0]
        assert not first_block.lstrip().startswith("#"), doc.path
        assert len(first_block.split()) >= 15, f"{doc.path}: the opening answer is too short"
        assert "\n## " in doc.text, f"{doc.path}: no sections"
        assert doc.meta.sources, f"{doc.path}: no legal basis or origin"


def test_no_personal_data_in_the_corpus(report) -> None:
    for doc in report.documents:
        assert not re.search(r"\b\d{10,}\b|\b0\d{2,3}[- ]\d{3,4}[- ]\d{3,4}\b|[\w.]+@[\w-]+\.\w", doc.text), doc.path


def test_every_document_splits_into_bounded_chunks(report) -> None:
    for doc in report.documents:
        chunks = split_document(doc, 1200)
        assert chunks and all(0 < len(c.text) <= 1200 for c in chunks), doc.path
        assert chunks[0].section == "Ringkasan"


def test_aliases_name_one_document_each_and_referrals_are_of_kind_rujukan(report) -> None:
    owners: dict[str, str] = {}
    for doc in report.documents:
        for alias in doc.meta.aliases:
            assert alias.lower() not in owners, f"alias {alias!r} in {doc.id} and {owners[alias.lower()]}"
            owners[alias.lower()] = doc.id
    assert all(d.meta.kind == "rujukan" for d in report.documents if d.id.startswith("rujukan-"))
