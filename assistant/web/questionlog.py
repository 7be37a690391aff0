"""Question log and feedback through SQLAlchemy: a SQLite file (WAL) by default, or PostgreSQL for several app
replicas. Only redacted text is stored; failures never stop answering."""

from __future__ import annotations

import csv
import io
import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..answer.schema import Answer
from ..text.redaction import redact

log = logging.getLogger(__name__)

QUESTION_CHARS = 2000
COMMENT_CHARS = 1000
CONNECT_TIMEOUT = 0.5
SERVER_CONNECT_TIMEOUT = 2
FEEDBACK_WAIT = 3.0
QUEUE_SIZE = 10_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

METADATA = MetaData()
QUESTIONS = Table(
    "questions",
    METADATA,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("asked_at", String(32), nullable=False),
    Column("audience", String(16), nullable=False),
    Column("question", Text, nullable=False),
    Column("status", String(32), nullable=False),
    Column("doc_ids", Text, nullable=False),
    Column("latency_ms", Float, nullable=False),
    Column("rating", Integer),
    Column("comment", Text),
    Column("token", String(64)),
    Index("questions_status", "status", "asked_at"),
    sqlite_autoincrement=True,
)
TOKEN_INDEX = Index("questions_token", QUESTIONS.c.token, unique=True)
_NO_TOKEN = "ALTER TABLE questions ADD COLUMN token VARCHAR(64)"

Write = Callable[[Connection], int]


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for ``target``: a URL as given, a path as a SQLite file."""
    if isinstance(target, Path) or "://" not in target:
        return f"sqlite:///{Path(target)}"
    return target


def describe(url: str) -> str:
    """The URL without its password, for logs and the admin page."""
    return make_url(url).render_as_string(hide_password=True)


class QuestionLog:
    """Append-only log of redacted questions with optional feedback.

    ``target`` is a SQLite file path or a SQLAlchemy URL (``postgresql+psycopg://…``), so replicas can share one
    log. Writes go through one background thread, so a slow, locked or missing database never delays an answer;
    the folder and the schema are created again after a failure, so logging resumes by itself. Each logged
    answer gets an unguessable token: feedback names that token, never a row number, so feedback works on
    whichever replica receives it."""

    def __init__(self, target: str | Path) -> None:
        self.url = database_url(target)
        self._sqlite_file = Path(make_url(self.url).database or "") if self.url.startswith("sqlite") else None
        self._engine: Engine | None = None
        self._ready = False
        self._jobs: queue.Queue[tuple[Write, Future[int] | None]] = queue.Queue(QUEUE_SIZE)
        self._writer: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"QuestionLog({describe(self.url)!r})"

    def _make_engine(self) -> Engine:
        if self._sqlite_file is not None:
            # a fresh connection each time: a removed or replaced file is noticed at once
            engine = create_engine(self.url, poolclass=NullPool, connect_args={"timeout": CONNECT_TIMEOUT})
            event.listen(engine, "connect", _sqlite_wal)
            return engine
        connect_args: dict[str, Any] = {}
        if self.url.startswith("postgresql"):
            connect_args["connect_timeout"] = SERVER_CONNECT_TIMEOUT
        return create_engine(self.url, pool_pre_ping=True, pool_size=2, max_overflow=2, connect_args=connect_args)

    def _connect(self) -> Connection:
        if self._engine is None:
            self._engine = self._make_engine()
        if not self._ready:
            if self._sqlite_file is not None:
                self._sqlite_file.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._create_schema(self._engine)
            except SQLAlchemyError:
                # another replica may have created the table between our check and our CREATE: look again
                self._create_schema(self._engine)
            self._ready = True
        return self._engine.connect()

    @staticmethod
    def _create_schema(engine: Engine) -> None:
        with engine.begin() as connection:
            METADATA.create_all(connection)
            columns = {column["name"] for column in inspect(connection).get_columns("questions")}
            if "token" not in columns:  # a log written before feedback tokens existed
                connection.execute(text(_NO_TOKEN))
                TOKEN_INDEX.create(connection)

    def _submit(self, write: Write, result: Future[int] | None = None) -> bool:
        """Queue one write for the writer thread; False (and a warning) when the queue is full."""
        with self._start_lock:
            if self._writer is None or not self._writer.is_alive():
                self._writer = threading.Thread(target=self._write_loop, name="question-log", daemon=True)
                self._writer.start()
        try:
            self._jobs.put_nowait((write, result))
        except queue.Full:
            log.warning("question log queue full; one entry dropped, the answer is still given")
            return False
        return True

    def _write_loop(self) -> None:
        while True:
            write, result = self._jobs.get()
            try:
                rows = self._execute(write)
                if result is not None:
                    result.set_result(rows)
            finally:
                self._jobs.task_done()

    def _execute(self, write: Write) -> int:
        """Run one write; the number of rows changed, -1 when the database is unavailable (logged, never raised)."""
        try:
            with self._connect() as connection, connection.begin():
                return write(connection)
        except (SQLAlchemyError, OSError) as exc:
            self._ready = False
            log.warning("question log unavailable (%s); the answer is still given", type(exc).__name__)
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
        row = {
            "asked_at": _now(),
            "audience": audience,
            "question": redact(answer.question[:QUESTION_CHARS]),
            "status": str(answer.status),
            "doc_ids": ",".join(cited),
            "latency_ms": float(answer.timings_ms.get("total", 0.0)),
            "token": token,
        }
        queued = self._submit(lambda connection: connection.execute(QUESTIONS.insert(), row).rowcount)
        return token if queued else None

    def feedback(self, token: str, rating: int | None, comment: str = "") -> bool:
        """Attach 👍 (1) or 👎 (-1) and/or a comment (cut, then redacted) to the answer with ``token``.

        True only when that answer exists and the change was stored."""
        if rating not in (-1, 1, None):
            raise ValueError("rating must be 1, -1 or None")
        if not isinstance(token, str) or not token:
            return False
        result: Future[int] = Future()
        changes: dict[str, Any] = {}
        if rating is not None:
            changes["rating"] = rating
        comment_text = redact(str(comment)[:COMMENT_CHARS].strip())
        if comment_text:
            changes["comment"] = comment_text
        # an empty change still matches the row, so "does this answer exist" has one answer
        statement = QUESTIONS.update().where(QUESTIONS.c.token == token[:64]).values(changes or {"token": QUESTIONS.c.token})
        if not self._submit(lambda connection: connection.execute(statement).rowcount, result):
            return False
        try:
            return result.result(timeout=FEEDBACK_WAIT) == 1
        except TimeoutError:
            return False

    def _read(self, statement: Any) -> Sequence[Any]:
        try:
            with self._connect() as connection:
                return connection.execute(statement).all()
        except (SQLAlchemyError, OSError) as exc:
            self._ready = False
            log.warning("question log unreadable (%s)", type(exc).__name__)
            return []

    def unanswered(self, limit: int = 50) -> list[tuple]:
        """Recent questions that ended not_found or out_of_scope: what residents ask that we cannot answer."""
        q = QUESTIONS.c
        statement = (
            select(q.asked_at, q.status, q.question)
            .where(q.status.in_(("not_found", "out_of_scope")))
            .order_by(q.id.desc())
            .limit(limit)
        )
        return [tuple(row) for row in self._read(statement)]

    def disliked(self, limit: int = 50) -> list[tuple]:
        """Recent answers rated 👎: (asked_at, question, comment, doc_ids), newest first."""
        q = QUESTIONS.c
        statement = select(q.asked_at, q.question, q.comment, q.doc_ids).where(q.rating == -1).order_by(q.id.desc()).limit(limit)
        return [tuple(row) for row in self._read(statement)]

    def feedback_summary(self) -> dict[str, int]:
        q = QUESTIONS.c
        rating = func.coalesce(q.rating, 0)
        counts = {int(r): int(n) for r, n in self._read(select(rating, func.count()).group_by(rating))}
        comments = self._read(select(func.count()).where(q.comment.is_not(None), q.comment != ""))
        return {
            "questions": sum(counts.values()),
            "thumbs_up": counts.get(1, 0),
            "thumbs_down": counts.get(-1, 0),
            "comments": int(comments[0][0]) if comments else 0,
        }

    def export_csv(self) -> str:
        """All entries as CSV, text redacted once more and formula-looking cells made inert for spreadsheets."""
        columns = ["id", "asked_at", "audience", "status", "question", "doc_ids", "latency_ms", "rating", "comment"]
        rows = self._read(select(*(QUESTIONS.c[name] for name in columns)).order_by(QUESTIONS.c.id))
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(columns)
        for row in rows:
            *head, question, doc_ids, latency, rating, comment = row
            writer.writerow([*head, inert(redact(question or "")), doc_ids, latency, rating, inert(redact(comment or ""))])
        return buffer.getvalue()

    def purge_older_than(self, days: int) -> int:
        """Delete entries older than ``days`` days (the retention setting)."""
        cutoff = (datetime.now(timezone.utc) - timedelta(days=days)).isoformat(timespec="seconds")
        statement = QUESTIONS.delete().where(QUESTIONS.c.asked_at < cutoff)
        return max(0, self._execute(lambda connection: connection.execute(statement).rowcount))


def _sqlite_wal(connection: Any, _record: Any) -> None:
    connection.execute("PRAGMA journal_mode=WAL")


def inert(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading ``= + - @`` (or tab, CR) gets an apostrophe before it."""
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
