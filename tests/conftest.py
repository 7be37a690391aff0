"""Shared fixtures: offline environment, a loopback-only network guard, one embedding model per session, the
real corpus indexed once (cached by corpus digest and model), and the real app on a loopback port."""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
from assistant.offline import go_offline  # noqa: E402

go_offline()

import hashlib  # noqa: E402
import ipaddress  # noqa: E402
import socket  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402

from assistant.indexing.embeddings import E5Embeddings  # noqa: E402
from assistant.settings import PROJECT_ROOT, Settings  # noqa: E402

from .helpers import ADMIN_PASSWORD, CORPUS, SMALL_CORPUS, copy_docs, empty_postgres, postgres_url, start_app  # noqa: E402

INDEX_CACHE = PROJECT_ROOT / ".cache" / "test-index"


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail any connection that leaves the machine: the product must work offline."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
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


@pytest.fixture
def small_settings(tmp_path: Path) -> Settings:
    """Settings over a three-document copy of the corpus and an empty index folder."""
    corpus = copy_docs(tmp_path / "corpus", SMALL_CORPUS)
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", log_db=tmp_path / "log.sqlite")


def _corpus_digest(model_id: str) -> str:
    digest = hashlib.sha256(model_id.encode())
    for path in sorted(p for p in CORPUS.rglob("*") if p.is_file()):
        digest.update(path.relative_to(CORPUS).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@pytest.fixture(scope="session")
def full_settings(tmp_path_factory: pytest.TempPathFactory, embeddings: E5Embeddings) -> Settings:
    """The real corpus with its index built once and cached by corpus digest and model (read-only in tests)."""
    root = tmp_path_factory.mktemp("full")
    index_dir = INDEX_CACHE / _corpus_digest(embeddings.model_id)
    return Settings(corpus_dir=CORPUS, index_dir=index_dir, log_db=root / "log.sqlite")


@pytest.fixture(scope="session")
def assistant(full_settings: Settings, embeddings: E5Embeddings) -> Any:
    from assistant.service import Assistant

    return Assistant.load(full_settings, embeddings=embeddings)


@pytest.fixture(scope="session")
def app_server(assistant: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The real app, sharing the session's assistant; no rate limit (its own test starts a limited app)."""
    log_db = tmp_path_factory.mktemp("app") / "questions.sqlite"
    demo, settings = start_app(assistant, log_db, admin_password=ADMIN_PASSWORD, rate_limit_per_minute=0.0)
    yield {"url": f"http://127.0.0.1:{settings.port}/", "log_db": log_db, "settings": settings}
    demo.close()


@pytest.fixture(scope="module")
def admin_app(tmp_path_factory: pytest.TempPathFactory, embeddings: Any) -> Iterator[dict[str, Any]]:
    """An app over a copy of the small corpus that staff may add documents to."""
    from gradio_client import Client

    from assistant.service import Assistant

    root = tmp_path_factory.mktemp("upload")
    settings = Settings(corpus_dir=copy_docs(root / "corpus", SMALL_CORPUS), index_dir=root / "index")
    assistant = Assistant.load(settings, embeddings=embeddings)
    demo, web = start_app(assistant, root / "questions.sqlite", admin_password=ADMIN_PASSWORD, rate_limit_per_minute=0.0)
    client = Client(f"http://127.0.0.1:{web.port}/", verbose=False, download_files=False)
    yield {"client": client, "corpus": settings.corpus_dir, "root": root, "url": f"http://127.0.0.1:{web.port}/"}
    demo.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def log_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """Where a test's question log lives: a SQLite file, then a fresh table on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield tmp_path / "log.sqlite"
        return
    url = postgres_url()
    empty_postgres(url)
    yield url
    empty_postgres(url)
