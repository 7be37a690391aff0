"""Two app processes behind one Chroma server and one PostgreSQL log: the same generation on both, both switch
after a re-index, both log to one database, and one killed leaves the other answering."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.indexing.build import build_index
from assistant.settings import PROJECT_ROOT, Settings
from assistant.web.questionlog import QuestionLog

from ..documents_factory import write_markdown
from ..helpers import empty_postgres, free_port, postgres_url, start_chroma, wait_for

QUESTION = "KTP-el hilang harus bagaimana?"
NEW_QUESTION = "Kapan jadwal posyandu lansia di kelurahan uji?"


def _replica(settings: Settings, log_url: str, port: int) -> subprocess.Popen:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "OMP_NUM_THREADS": "1",
        "HF_HUB_OFFLINE": "1",
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_CHROMA_URL": str(settings.chroma_url),
        "ASSISTANT_LOG_URL": log_url,
        "ASSISTANT_RATE_LIMIT_PER_MINUTE": "0",
        "ASSISTANT_INDEX_THREADS": "1",
        "ASSISTANT_EMBEDDING_THREADS": "1",
    }
    return subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture
def shared(small_settings: Settings, tmp_path: Path, embeddings) -> Iterator[tuple[Settings, str]]:
    """A Chroma server, an empty PostgreSQL log and an index built into both (what `index` does on a deployment)."""
    log_url = postgres_url()
    empty_postgres(log_url)
    port = free_port()
    server = start_chroma(tmp_path / "chroma", port)
    settings = small_settings.model_copy(update={"chroma_url": f"http://127.0.0.1:{port}"})
    build_index(settings, embeddings)
    yield settings, log_url
    server.terminate()
    server.wait(timeout=30)
    empty_postgres(log_url)


def _ask(url: str, question: str) -> dict:
    response = httpx.post(f"{url}/api/ask", json={"question": question}, timeout=60)
    response.raise_for_status()
    return response.json()


def test_two_replicas_serve_one_index_and_one_log(shared: tuple[Settings, str], embeddings) -> None:
    settings, log_url = shared
    ports = [free_port(), free_port()]
    replicas = [_replica(settings, log_url, port) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        for url in urls:
            wait_for(f"{url}/api/health", 180)
        health = [httpx.get(f"{url}/api/health").json() for url in urls]
        assert health[0]["generation"] == health[1]["generation"] and {h["status"] for h in health} == {"ok"}
        first = [_ask(url, QUESTION) for url in urls]
        assert [a["status"] for a in first] == ["answered", "answered"]
        assert first[0]["text"] == first[1]["text"], "the same index gives the same answer on every replica"

        # an operator adds a document and runs `index` once, for all replicas
        write_markdown(
            settings.corpus_dir / "uji" / "posyandu-lansia-uji.md",
            title="Jadwal Posyandu Lansia Kelurahan Uji",
            tags=["posyandu", "lansia", "jadwal"],
            body="Posyandu lansia di kelurahan uji buka setiap Kamis minggu kedua.\n\n## Jadwal\n"
            "Jadwal posyandu lansia: Kamis minggu kedua setiap bulan di balai kelurahan uji.",
        )
        new_generation = build_index(settings, embeddings).generation
        assert [httpx.get(f"{url}/api/health").json()["generation"] for url in urls] == [new_generation] * 2
        for url in urls:
            answer = _ask(url, NEW_QUESTION)
            assert answer["status"] == "answered" and answer["sources"][0]["doc_id"] == "posyandu-lansia-uji", url

        log = QuestionLog(log_url)
        deadline = time.monotonic() + 30
        while log.feedback_summary()["questions"] < 4 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert log.feedback_summary()["questions"] == 4, "both replicas log to the one database"
        assert _ask(urls[1], QUESTION)["feedback_token"]

        replicas[0].send_signal(signal.SIGKILL)
        replicas[0].wait(timeout=30)
        assert _ask(urls[1], QUESTION)["status"] == "answered", "one replica down leaves the other answering"
    finally:
        for replica in replicas:
            replica.kill()
            replica.wait(timeout=30)
