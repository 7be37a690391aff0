"""Shared test helpers: paths, corpus copies, CLI environments, free ports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.settings import PROJECT_ROOT, Settings

CORPUS = PROJECT_ROOT / "corpus"
REGULATIONS = PROJECT_ROOT.parent / "shared" / "data" / "regulasi"
SMALL_CORPUS = ["ktp-el-hilang-rusak", "akta-kelahiran", "hak-pilih-syarat-usia"]
ADMIN_PASSWORD = "sandi-uji-admin"


def copy_docs(target: Path, doc_ids: list[str]) -> Path:
    """Copy real corpus documents (by id) into ``target`` keeping their folders."""
    for doc_id in doc_ids:
        source = next(CORPUS.rglob(f"{doc_id}.md"))
        dest = target / source.relative_to(CORPUS)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, dest)
    return target


def cli_env(settings: Settings) -> dict[str, str]:
    """Environment for running the CLI in a subprocess on the given corpus and index."""
    return {
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "OMP_NUM_THREADS": "1",
        "PATH": "/usr/bin:/bin",
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_app(assistant: Any, log_db: Path, **web: Any) -> tuple[Any, Settings]:
    """A real Gradio app over ``assistant`` on a free loopback port, with its own web settings."""
    from assistant.web.app import launch, queued
    from assistant.web.context import WebContext
    from assistant.web.questionlog import QuestionLog

    settings = assistant.settings.model_copy(update={"port": free_port(), "log_db": log_db, **web})
    app = queued(WebContext(assistant, QuestionLog(log_db), settings))
    launch(app, settings, block=False)
    return app.demo, settings


def wait_for(url: str, seconds: float = 120) -> None:
    """Wait until ``url`` answers 200 (a server starting in another process); fail the test after ``seconds``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer within {seconds:.0f} s")


def start_chroma(path: Path, port: int) -> subprocess.Popen:
    """A real ``chroma run`` server on loopback, storing in ``path``."""
    binary = Path(sys.executable).with_name("chroma")
    process = subprocess.Popen(
        [str(binary), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/api/v2/heartbeat", 60)
    except BaseException:
        process.kill()
        raise
    return process


POSTGRES_URL = "ASSISTANT_TEST_POSTGRES_URL"


def postgres_url() -> str:
    """The test PostgreSQL server's URL (``scripts/test_postgres.sh``, started by scripts/check.sh); the test is
    skipped where no server was started."""
    url = os.environ.get(POSTGRES_URL)
    if not url:
        pytest.skip(f"no PostgreSQL server for the tests ({POSTGRES_URL} unset; see scripts/test_postgres.sh)")
    return url


def empty_postgres(url: str) -> None:
    """Drop the question log's table, so each test starts from an empty database."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS questions"))
    engine.dispose()
