"""Killing an index build at any point leaves an index that serves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from assistant.indexing.build import build_index
from assistant.indexing.generations import current_generation
from assistant.indexing.snapshot import IndexSnapshot
from assistant.settings import Settings

from ..helpers import cli_env, copy_docs

ROOT = Path(__file__).resolve().parents[2]


def _start_build(settings: Settings) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "assistant", "index", "--rebuild", "--json"],
        cwd=ROOT,
        env=cli_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _kill_when(process: subprocess.Popen, condition, timeout: float = 300) -> bool:
    """SIGKILL the build once ``condition()`` holds or ``timeout`` passes; False if it had already finished."""
    deadline = time.monotonic() + timeout
    while process.poll() is None:
        if condition() or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            return True
        time.sleep(0.002)
    return False


def _assert_serves(settings: Settings, embeddings, expected_generation: str | None = None) -> None:
    snapshot = IndexSnapshot.open(settings, embeddings)
    if expected_generation:
        assert snapshot.generation == expected_generation
    row, _ = snapshot.dense(embeddings.encode_query("KTP-el hilang"), 1)[0]
    assert snapshot.chunks[row].doc_id == "ktp-el-hilang-rusak"


def test_kill_during_embedding_and_during_writing(small_settings: Settings, embeddings) -> None:
    build_index(small_settings, embeddings)
    served = current_generation(small_settings.index_dir)
    copy_docs(small_settings.corpus_dir, ["akta-kematian", "kk-hilang-rusak"])

    # 1. killed while embedding: nothing new on disk yet
    process = _start_build(small_settings)
    assert _kill_when(process, lambda: False, timeout=2.0), "the build finished within 2 s"
    _assert_serves(small_settings, embeddings, served)

    # 2. killed while the new generation is being written, before the switch
    process = _start_build(small_settings)
    killed = _kill_when(process, lambda: len(list(small_settings.index_dir.glob("gen-*"))) > 1)
    assert killed, "the build finished before it could be interrupted"
    assert current_generation(small_settings.index_dir) == served
    _assert_serves(small_settings, embeddings, served)

    # 3. the next build completes, switches, and removes the half-written generation
    result = build_index(small_settings, embeddings)
    assert result.documents == 5 and result.generation != served
    generations = {p.name for p in small_settings.index_dir.glob("gen-*")}
    assert generations == {served, result.generation}
    _assert_serves(small_settings, embeddings, result.generation)
