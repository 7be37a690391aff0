"""Shared test helpers: paths, corpus copies, CLI environments, free ports."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path
from typing import Any

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
