"""The question log on its two backends: replicas sharing one database, an unreachable server, an old file."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from assistant.answer.schema import Answer
from assistant.web.questionlog import QuestionLog

from ..helpers import free_port

ANSWERED = Answer(question="Syarat KK baru apa saja?", status="answered", text="Bawa surat pengantar [1].")
NOT_FOUND = Answer(question="Berapa pajak motor?", status="not_found", text="Dokumen kami belum memuat itu.")


def test_two_replicas_share_one_log(log_target: str | Path) -> None:
    first, second = QuestionLog(log_target), QuestionLog(log_target)
    with ThreadPoolExecutor(4) as pool:
        tokens = list(pool.map(lambda n: (first if n % 2 else second).record(ANSWERED, "warga"), range(40)))
    second.record(NOT_FOUND, "petugas")
    assert first.flush() and second.flush() and all(tokens)
    # feedback reaches whichever replica the resident's next request lands on
    assert second.feedback(str(tokens[1]), -1, "kurang jelas") and first.feedback(str(tokens[2]), 1)
    assert not first.feedback("token-yang-tidak-ada", 1)
    for replica in (first, second):
        assert replica.feedback_summary() == {"questions": 41, "thumbs_up": 1, "thumbs_down": 1, "comments": 1}
        assert [row[2] for row in replica.unanswered()] == [NOT_FOUND.question]
        assert [row[2] for row in replica.disliked()] == ["kurang jelas"]


def test_an_unreachable_database_never_stops_answering() -> None:
    log = QuestionLog(f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/tidak_ada")
    token = log.record(ANSWERED, "warga")
    assert token, "the answer is still given a token; only the log entry is lost (and a warning logged)"
    assert log.flush(timeout=30) and not log.feedback(str(token), 1), "nothing stored, and it says so"
    assert log.feedback_summary()["questions"] == 0 and log.unanswered() == []
    assert log.export_csv().splitlines() == ["id,asked_at,audience,status,question,doc_ids,latency_ms,rating,comment"]
    assert "tidak_ada" in repr(log)


def test_a_log_from_before_feedback_tokens_is_upgraded_in_place(tmp_path: Path) -> None:
    path = tmp_path / "questions.sqlite"
    with sqlite3.connect(path) as db:
        db.execute(
            "CREATE TABLE questions (id INTEGER PRIMARY KEY AUTOINCREMENT, asked_at TEXT NOT NULL, audience TEXT NOT "
            "NULL, question TEXT NOT NULL, status TEXT NOT NULL, doc_ids TEXT NOT NULL, latency_ms REAL NOT NULL, "
            "rating INTEGER, comment TEXT)"
        )
        db.execute(
            "INSERT INTO questions VALUES (1, '2026-11-01T00:00:00+00:00', 'warga', 'KTP hilang', 'answered', '', 5, 1, NULL)"
        )
    log = QuestionLog(path)
    token = log.record(NOT_FOUND, "warga")
    assert log.flush() and log.feedback(str(token), -1)
    assert log.feedback_summary() == {"questions": 2, "thumbs_up": 1, "thumbs_down": 1, "comments": 0}


def test_the_password_of_a_database_url_is_never_shown() -> None:
    log = QuestionLog("postgresql+psycopg://tanya:rahasia-sekali@127.0.0.1:5432/log")
    assert "rahasia-sekali" not in repr(log) and "tanya" in repr(log)
