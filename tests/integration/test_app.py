"""The real app over loopback, driven by gradio_client: /ask, feedback, admin, eligibility."""

from __future__ import annotations

import sqlite3

import pytest
from gradio_client import Client

from ..helpers import ADMIN_PASSWORD


@pytest.fixture(scope="module")
def client(app_server) -> Client:
    # download_files=False: the Answer's sources carry a corpus "path" the client would otherwise try to fetch
    return Client(app_server["url"], verbose=False, download_files=False)


def test_ask_endpoint_returns_the_answer_contract(client: Client) -> None:
    answer = client.predict("Bagaimana cara merekam KTP-el?", "warga", api_name="/ask")
    assert answer["status"] == "answered" and answer["sources"]
    assert {"question", "status", "text", "sources", "timings_ms"} <= set(answer)
    assert {s["n"] for s in answer["sources"]} >= {1} and "[1]" in answer["text"]
    assert answer["sources"][0]["doc_id"] == "ktp-el-perekaman"


def test_feedback_is_stored_and_personal_data_is_not(client: Client, app_server) -> None:
    answer = client.predict("NIK saya 5371 0412 9902 0001, KTP-el saya hilang harus bagaimana?", "warga", api_name="/ask")
    assert answer["status"] == "personal_data" and "5371" not in answer["text"]
    token = answer["feedback_token"]
    assert isinstance(token, str) and len(token) >= 20, "an unguessable token, not a row number"
    saved = client.predict(token, -1, "Kurang jelas, HP saya 081234567890", api_name="/feedback")
    assert saved == {"saved": True}
    with sqlite3.connect(app_server["log_db"]) as db:
        row = db.execute("SELECT question, status, rating, comment FROM questions WHERE token = ?", (token,)).fetchone()
    assert row[1:3] == ("personal_data", -1)
    assert "5371" not in row[0] and "[NIK/NOMOR KK]" in row[0]
    assert "081234567890" not in row[3] and "[NOMOR TELEPON]" in row[3]
    raw = app_server["log_db"].read_bytes() + (
        app_server["log_db"].with_name("questions.sqlite-wal").read_bytes()
        if app_server["log_db"].with_name("questions.sqlite-wal").exists()
        else b""
    )
    assert b"04129902" not in raw.replace(b" ", b"") and b"081234567890" not in raw


def test_admin_is_refused_without_the_password(client: Client) -> None:
    for wrong in ("", "salah"):
        with pytest.raises(Exception, match="Kata sandi admin salah"):
            client.predict(wrong, api_name="/admin_status")
    status, _unanswered, _disliked, feedback = client.predict(ADMIN_PASSWORD, api_name="/admin_status")
    assert "**Dokumen:**" in status and "Model embedding" in status and "Pertanyaan tercatat" in feedback


def test_the_admin_report_lists_answers_rated_down_with_their_comments_in_wita(client: Client) -> None:
    answer = client.predict("Berapa lama akta kematian jadi?", "warga", api_name="/ask")
    assert client.predict(answer["feedback_token"], -1, "tidak menjawab lamanya", api_name="/feedback") == {"saved": True}
    status, _unanswered, disliked, _feedback = client.predict(ADMIN_PASSWORD, api_name="/admin_status")
    assert "WITA" in status
    rows = [row for row in disliked["data"] if row[2] == "tidak menjawab lamanya"]
    assert rows and rows[0][1] == "Berapa lama akta kematian jadi?" and rows[0][0].endswith("WITA")
    assert rows[0][3], "the documents the answer cited are listed"


def test_eligibility_form_endpoint(client: Client) -> None:
    verdict = client.predict("15-02-2007", False, "Pemilu 14 Februari 2024", "", api_name="/eligibility")
    assert "Belum bisa memilih" in verdict and "16 tahun" in verdict and "Pasal 198" in verdict
    married = client.predict("15-02-2007", True, "Pemilu 14 Februari 2024", "", api_name="/eligibility")
    assert "Bisa memilih" in married
    assert "tanggal lahir" in client.predict("kemarin", False, "Pemilu 14 Februari 2024", "", api_name="/eligibility")


def test_feedback_needs_the_token_of_an_answer_given(client: Client, app_server) -> None:
    answer = client.predict("Apa syarat akta kelahiran?", "warga", api_name="/ask")
    assert client.predict(answer["feedback_token"], 1, "jelas", api_name="/feedback") == {"saved": True}
    for forged in ("1", "2", "999999", "-1", str(2**70), "x" * 5000, ""):
        assert client.predict(forged, -1, "ditimpa", api_name="/feedback") == {"saved": False}
    with sqlite3.connect(app_server["log_db"]) as db:
        assert db.execute("SELECT COUNT(*) FROM questions WHERE comment = 'ditimpa'").fetchone() == (0,)
    long_comment = "a" * 200_000 + "@"
    assert client.predict(answer["feedback_token"], 1, long_comment, api_name="/feedback") == {"saved": True}
    with sqlite3.connect(app_server["log_db"]) as db:
        (stored,) = db.execute("SELECT comment FROM questions WHERE token = ?", (answer["feedback_token"],)).fetchone()
    assert len(stored) <= 1000, "a comment is cut before it is examined or stored"
