"""Shared fixtures: offline environment, a loopback-only network guard, one embedding model per session."""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
from assistant.offline import go_offline  # noqa: E402

go_offline()

import ipaddress  # noqa: E402
import shutil  # noqa: E402
import socket  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from assistant.embeddings import E5Embeddings  # noqa: E402
from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402

CORPUS = PROJECT_ROOT / "corpus"
REGULATIONS = PROJECT_ROOT.parent / "shared" / "data" / "regulasi"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection that leaves the machine: the product must work offline."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> object:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0] if isinstance(address, tuple) else str(address)
            try:
                allowed = ipaddress.ip_address(host).is_loopback
            except ValueError:
                allowed = host == "localhost"
            if not allowed:
                raise AssertionError(f"non-loopback connection attempted to {address!r}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture(scope="session")
def embeddings() -> E5Embeddings:
    return E5Embeddings(threads=1)


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
    return {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir), "ASSISTANT_INDEX_DIR": str(settings.index_dir),
            "OMP_NUM_THREADS": "1", "PATH": "/usr/bin:/bin"}


SMALL_CORPUS = ["ktp-el-hilang-rusak", "akta-kelahiran", "hak-pilih-syarat-usia"]


@pytest.fixture
def small_settings(tmp_path: Path) -> Settings:
    """Settings over a three-document copy of the corpus and an empty index folder."""
    corpus = copy_docs(tmp_path / "corpus", SMALL_CORPUS)
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", log_db=tmp_path / "log.sqlite")


@pytest.fixture(scope="session")
def full_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real corpus with an index built once per test session."""
    root = tmp_path_factory.mktemp("full")
    return Settings(corpus_dir=CORPUS, index_dir=root / "index", log_db=root / "log.sqlite")


@pytest.fixture(scope="session")
def assistant(full_settings: Settings, embeddings: E5Embeddings):
    from assistant.service import Assistant

    return Assistant.load(full_settings, embeddings=embeddings)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ADMIN_PASSWORD = "sandi-uji-admin"


@pytest.fixture(scope="session")
def app_server(assistant, tmp_path_factory: pytest.TempPathFactory):
    """The real Gradio app on a free loopback port, sharing the session's assistant."""
    from assistant.questionlog import QuestionLog
    from assistant.ui import build_ui
    from assistant.web import QUEUE_CONCURRENCY, launch

    log_db = tmp_path_factory.mktemp("app") / "questions.sqlite"
    settings = assistant.settings.model_copy(update={"port": free_port(), "admin_password": ADMIN_PASSWORD,
                                                     "log_db": log_db, "trust_proxy_headers": True,
                                                     "rate_limit_per_minute": 20.0, "rate_limit_burst": 12})
    assistant.settings = settings
    demo = build_ui(assistant, QuestionLog(log_db)).queue(default_concurrency_limit=QUEUE_CONCURRENCY)
    launch(demo, settings, block=False)
    yield {"url": f"http://127.0.0.1:{settings.port}/", "log_db": log_db, "settings": settings}
    demo.close()
