"""``corpus check``: what staff see before indexing, on a small corpus with one of each problem."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

from assistant.ingest.check import check_corpus

from ..documents_factory import write_markdown

LEAD = "Dokumen uji ini menjawab langsung pertanyaan warga tentang layanan kelurahan yang gratis dan cepat diurus."
TODAY = dt.date(2026, 12, 7)


def _corpus(root: Path) -> Path:
    corpus = root / "corpus"
    ok = f"{LEAD}\n\n## Langkah\nDatang ke kantor kelurahan.\n\n## Catatan\nLihat juga: Dokumen Kedua."
    write_markdown(corpus / "satu.md", ok, title="Dokumen Pertama", date="2026-11-01")
    write_markdown(corpus / "dua.md", f"{LEAD}\n\n## Tempat\nKantor kelurahan.", title="Dokumen Kedua", date="2026-11-01")
    write_markdown(
        corpus / "tiga.md",
        f"{LEAD}\n\n## Catatan\nLihat juga: Dokumen Yang Tidak Ada.",
        title="Dokumen Ketiga",
        date="2026-11-01",
    )
    write_markdown(
        corpus / "empat.md",
        f"{LEAD}\n\n## Kontak\nHubungi WA 0812 3456 7890 atau 1708.",
        title="Dokumen Keempat",
        date="2026-11-01",
    )
    write_markdown(
        corpus / "lima.md", f"{LEAD}\n\n## Tempat\nKantor di Jl. Merdeka No. 5.", title="Dokumen Kelima", date="2026-11-01"
    )
    write_markdown(
        corpus / "enam.md",
        f"{LEAD}\n\n## Tempat\nDi Jl. Timor Raya No. 124 (per 2023).",
        title="Dokumen Pertama",
        date="2024-01-01",
    )
    write_markdown(
        corpus / "tujuh.md",
        "Terlalu pendek.\n\n## Isi\nTeks.",
        title="Dokumen Ketujuh",
        date="2026-11-01",
        valid_until="2025-01-01",
    )
    return corpus


def test_each_problem_is_reported_with_its_file(tmp_path: Path) -> None:
    report = check_corpus(_corpus(tmp_path), TODAY)
    errors = {(Path(f.path).name, f.message.split(" ")[0]) for f in report.errors}
    messages = " | ".join(f"{Path(f.path).name}: {f.message}" for f in report.errors)
    assert ("tiga.md", "'Lihat") in errors, messages
    assert any(name == "empat.md" and "0812" in m for name, m in ((Path(f.path).name, f.message) for f in report.errors)), (
        messages
    )
    assert not any("1708" in f.message for f in report.errors), "public service numbers are fine"
    assert ("lima.md", "alamat") in errors, messages
    assert not any(Path(f.path).name == "enam.md" and "alamat" in f.message for f in report.errors), "a dated address is fine"
    assert {("enam.md", "judul"), ("satu.md", "judul")} & errors, messages
    assert ("tujuh.md", "paragraf") in errors, messages
    assert not any(Path(f.path).name in ("satu.md", "dua.md") and "judul" not in f.message for f in report.errors), messages
    warned = {Path(f.path).name for f in report.warnings}
    assert {"enam.md", "tujuh.md"} <= warned, "stale content and expired validity are listed for re-checking"


def test_the_command_exits_3_on_errors_and_0_on_the_shipped_corpus(tmp_path: Path) -> None:
    env = {"ASSISTANT_CORPUS_DIR": str(_corpus(tmp_path)), "ASSISTANT_TODAY": TODAY.isoformat(), "PATH": "/usr/bin:/bin"}
    bad = subprocess.run(
        [sys.executable, "-m", "assistant", "corpus", "check", "--json"], env=env, capture_output=True, text=True
    )
    assert bad.returncode == 3 and json.loads(bad.stdout)["errors"]
    good = subprocess.run(
        [sys.executable, "-m", "assistant", "corpus", "check"], env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True
    )
    assert good.returncode == 0, good.stdout[-2000:]
