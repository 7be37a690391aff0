"""Question log and feedback in SQLite (WAL). Only redacted text is stored; failures never stop answering."""

from __future__ import annotations

import csv
import io
import logging
import queue
import secrets
import sqlite3
import threading
import time
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

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
TOKEN_COLUMN = "ALTER TABLE questions ADD COLUMN token TEXT"
TOKEN_INDEX = "CREATE UNIQUE INDEX IF NOT EXISTS questions_token ON questions(token)"
QUESTION_CHARS = 2000
COMMENT_CHARS = 1000
CONNECT_TIMEOUT = 0.5
FEEDBACK_WAIT = 3.0
QUEUE_SIZE = 10_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class QuestionLog:
    """Append-only log of redacted questions with optional feedback.

    Writes go through one background thread, so a slow, locked or missing database never delays an answer;
    the folder and the schema are created again after a failure, so logging resumes by itself. Each logged
    answer gets an unguessable token: feedback names that token, never a row number."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._ready = False
        self._jobs: queue.Queue[tuple[str, tuple[Any, ...], Future[int] | None]] = queue.Queue(QUEUE_SIZE)
        self._writer: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path, timeout=CONNECT_TIMEOUT)
        if not self._ready:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.executescript(SCHEMA)
            columns = {row[1] for row in connection.execute("PRAGMA table_info(questions)")}
            if "token" not in columns:
                connection.execute(TOKEN_COLUMN)
            connection.execute(TOKEN_INDEX)
            self._ready = True
        return connection

    def _submit(self, sql: str, params: tuple[Any, ...], result: Future[int] | None = None) -> bool:
        """Queue one write for the writer thread; False (and a warning) when the queue is full."""
        with self._start_lock:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_loop, name="question-log", daemon=True)
                self._writer.start()
        try:
            self._jobs.put_nowait((sql, params, result))
        except queue.Full:
            log.warning("question log queue full; one entry dropped, the answer is still given")
            return False
        return True

    def _write_loop(self) -> None:
        while True:
            sql, params, result = self._jobs.get()
            try:
                rows = self._execute(sql, params)
                if result is not None:
                    result.set_result(rows)
            finally:
                self._jobs.task_done()

    def _execute(self, sql: str, params: tuple[Any, ...]) -> int:
        """Run one write; the number of rows changed, -1 when the database is unavailable (logged, never raised)."""
        try:
            connection = self._connect()
            try:
                with connection:
                    return connection.execute(sql, params).rowcount
            finally:
                connection.close()
        except (sqlite3.Error, OSError) as exc:
            self._ready = False
            log.warning("question log unavailable (%s); the answer is still given", exc)
            return -1

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until queued writes are done (tests, shutdown); False on timeout."""
        deadline = time.monotonic() + timeout
        while self._jobs.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)
        return not self._jobs.unfinished_tasks

    def record(self, answer: Answer, audience: str) -> str | None:
        """Queue one answered question (already redacted by the guard; redacted again to be sure).

        Returns the answer's feedback token, or None when the entry could not be queued."""
        cited = sorted({s.doc_id for s in answer.sources if s.n in answer.cited_numbers()})
        token = secrets.token_urlsafe(16)
        queued = self._submit(
            "INSERT INTO questions (asked_at, audience, question, status, doc_ids, latency_ms, token) VALUES (?,?,?,?,?,?,?)",
            (
                _now(),
                audience,
                redact(answer.question[:QUESTION_CHARS]),
                answer.status,
                ",".join(cited),
                float(answer.timings_ms.get("total", 0.0)),
                token,
            ),
        )
        return token if queued else None

    def feedback(self, token: str, rating: int | None, comment: str = "") -> bool:
        """Attach 👍 (1) or 👎 (-1) and/or a comment (cut, then redacted) to the answer with ``token``.

        True only when that answer exists and the change was stored."""
        if rating not in (-1, 1, None):
            raise ValueError("rating must be 1, -1 or None")
        if not isinstance(token, str) or not token:
            return False
        result: Future[int] = Future()
        text = redact(str(comment)[:COMMENT_CHARS].strip())
        if not self._submit(
            "UPDATE questions SET rating = COALESCE(?, rating), comment = COALESCE(NULLIF(?, ''), comment) WHERE token = ?",
            (rating, text, token[:64]),
            result,
        ):
            return False
        try:
            return result.result(timeout=FEEDBACK_WAIT) == 1
        except TimeoutError:
            return False

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

    def disliked(self, limit: int = 50) -> list[tuple]:
        """Recent answers rated 👎: (asked_at, question, comment, doc_ids), newest first."""
        return self._read(
            "SELECT asked_at, question, comment, doc_ids FROM questions WHERE rating = -1 ORDER BY id DESC LIMIT ?",
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
        """All entries as CSV, text redacted once more and formula-looking cells made inert for spreadsheets."""
        rows = self._read(
            "SELECT id, asked_at, audience, status, question, doc_ids, latency_ms, rating, comment FROM questions ORDER BY id"
        )
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "asked_at", "audience", "status", "question", "doc_ids", "latency_ms", "rating", "comment"])
        for row in rows:
            *head, question, doc_ids, latency, rating, comment = row
            writer.writerow([*head, inert(redact(question or "")), doc_ids, latency, rating, inert(redact(comment or ""))])
        return buffer.getvalue()

    def purge_older_than(self, days: int) -> int:
        """Delete entries older than ``days`` days (the retention setting)."""
        cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
        return max(0, self._execute("DELETE FROM questions WHERE asked_at < ?", (cutoff,)))


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``= + - @`` (or tab, CR) gets an apostrophe before it."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
