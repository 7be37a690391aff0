"""Question log and feedback in SQLite (WAL). Only redacted text is stored; failures never stop answering."""

from __future__ import annotations

import csv
import io
import logging
import sqlite3
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..answer.schema import Answer
from ..text.redaction import redact

log = logging.getLogger(__name__)

SCHEMA = """
CREATE TABLE IF NOT EXISTS questions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    asked_at TEXT NOT NULL,
    audience TEXT NOT NULL,
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    doc_ids TEXT NOT NULL,
    latency_ms REAL NOT NULL,
    rating INTEGER,
    comment TEXT
);
CREATE INDEX IF NOT EXISTS questions_status ON questions(status, asked_at);
"""


class QuestionLog:
    """Append-only log of redacted questions with optional feedback."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=2.0)
        if not self._ready:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)
            self._ready = True
        return connection

    def _execute(self, sql: str, params: tuple) -> sqlite3.Cursor | None:
        """Run one write; None when the database is locked or unwritable (logged, never raised)."""
        try:
            with self._lock:
                connection = self._connect()
                try:
                    with connection:
                        return connection.execute(sql, params)
                finally:
                    connection.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("question log unavailable (%s); the answer is still given", exc)
            return None

    def _write(self, sql: str, params: tuple) -> int | None:
        cursor = self._execute(sql, params)
        return cursor.lastrowid if cursor is not None else None

    def record(self, answer: Answer, audience: str) -> int | None:
        """Store one answered question (already redacted by the guard; redacted again to be sure)."""
        cited = sorted({s.doc_id for s in answer.sources if s.n in answer.cited_numbers()})
        return self._write(
            "INSERT INTO questions (asked_at, audience, question, status, doc_ids, latency_ms) VALUES (?,?,?,?,?,?)",
            (
                _now(),
                audience,
                redact(answer.question)[:2000],
                answer.status,
                ",".join(cited),
                float(answer.timings_ms.get("total", 0.0)),
            ),
        )

    def feedback(self, question_id: int, rating: int, comment: str = "") -> bool:
        """Attach 👍 (1) or 👎 (-1) and an optional comment (redacted) to a logged question."""
        if rating not in (-1, 1):
            raise ValueError("rating must be 1 or -1")
        cursor = self._execute(
            "UPDATE questions SET rating = ?, comment = COALESCE(NULLIF(?, ''), comment) WHERE id = ?",
            (rating, redact(comment.strip())[:1000], int(question_id)),
        )
        return cursor is not None

    def comment(self, question_id: int, comment: str) -> bool:
        cursor = self._execute(
            "UPDATE questions SET comment = ? WHERE id = ?", (redact(comment.strip())[:1000], int(question_id))
        )
        return cursor is not None

    def _read(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            connection = self._connect()
            try:
                return connection.execute(sql, params).fetchall()
            finally:
                connection.close()
        except (sqlite3.Error, OSError) as exc:
            log.warning("question log unreadable (%s)", exc)
            return []

    def unanswered(self, limit: int = 50) -> list[tuple]:
        """Recent questions that ended not_found or out_of_scope: what residents ask that we cannot answer."""
        return self._read(
            "SELECT asked_at, status, question FROM questions WHERE status IN ('not_found', "
            "'out_of_scope') ORDER BY id DESC LIMIT ?",
            (limit,),
        )

    def feedback_summary(self) -> dict[str, int]:
        rows = self._read("SELECT COALESCE(rating, 0), COUNT(*) FROM questions GROUP BY COALESCE(rating, 0)")
        counts = dict(rows)
        comments = self._read("SELECT COUNT(*) FROM questions WHERE comment IS NOT NULL AND comment != ''")
        return {
            "questions": sum(counts.values()),
            "thumbs_up": counts.get(1, 0),
            "thumbs_down": counts.get(-1, 0),
            "comments": comments[0][0] if comments else 0,
        }

    def export_csv(self) -> str:
        rows = self._read(
            "SELECT id, asked_at, audience, status, question, doc_ids, latency_ms, rating, comment FROM questions ORDER BY id"
        )
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "asked_at", "audience", "status", "question", "doc_ids", "latency_ms", "rating", "comment"])
        writer.writerows(rows)
        return buffer.getvalue()

    def purge_older_than(self, days: int) -> int:
        """Delete entries older than ``days`` days (the retention setting)."""
        cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
        cursor = self._execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,))
        return cursor.rowcount if cursor is not None else 0


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
