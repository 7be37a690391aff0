"""Faults: the index removed or corrupted under a running assistant, an unwritable log, Chroma server down."""

from __future__ import annotations

import shutil
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import chromadb
import pytest

from assistant.answer import replies
from assistant.answer.schema import Answer
from assistant.errors import StoreUnavailable
from assistant.indexing.build import build_index
from assistant.retrieval.hybrid import SearchMode
from assistant.service import Assistant, StaleIndex
from assistant.settings import Settings
from assistant.web.questionlog import QuestionLog

from ..helpers import free_port, start_chroma

QUESTION = "KTP-el hilang harus bagaimana?"


def test_index_removed_while_serving_then_recovered_by_reindex(small_settings: Settings, embeddings) -> None:
    build_index(small_settings, embeddings)
    assistant = Assistant.load(small_settings, embeddings=embeddings, on_stale=StaleIndex.NEVER)
    assert assistant.ask(QUESTION).status == "answered"

    shutil.rmtree(small_settings.index_dir)
    down = assistant.ask(QUESTION)
    assert down.status == "not_found" and down.text == replies.NO_INDEX

    build_index(small_settings, embeddings)  # what the admin's "Indeks ulang" does
    back = assistant.ask(QUESTION)
    assert back.status == "answered" and back.sources[0].doc_id == "ktp-el-hilang-rusak"


def test_index_corrupted_while_serving_then_recovered(small_settings: Settings, embeddings) -> None:
    first = build_index(small_settings, embeddings)
    assistant = Assistant.load(small_settings, embeddings=embeddings, on_stale=StaleIndex.NEVER)
    (small_settings.index_dir / "CURRENT").write_text("gen-does-not-exist\n")
    assert assistant.ask(QUESTION).text == replies.NO_INDEX
    (small_settings.index_dir / "CURRENT").write_text(first.generation + "\n")
    (small_settings.index_dir / first.generation / "manifest.json").write_text("{ rusak")
    result = build_index(small_settings, embeddings)
    assert result.rebuilt and result.reason == "no usable index"
    assert assistant.ask(QUESTION).status == "answered"


def _rows(path: Path) -> int:
    with sqlite3.connect(path) as db:
        return int(db.execute("SELECT COUNT(*) FROM questions").fetchone()[0])


def test_unwritable_or_locked_log_does_not_stop_answers(tmp_path: Path) -> None:
    answer = Answer(question="KTP hilang", status="answered", text="Gratis [1].")
    blocker = tmp_path / "bukan-folder"
    blocker.write_text("x")
    unwritable = QuestionLog(blocker / "log.sqlite")
    token = unwritable.record(answer, "warga")
    assert unwritable.flush() and not unwritable.feedback(str(token), 1), "nothing stored, and it says so"

    path = tmp_path / "log.sqlite"
    log = QuestionLog(path)
    first = log.record(answer, "warga")
    assert log.flush() and _rows(path) == 1
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        # six answers while another process holds the lock: every record() returns while the lock is still held
        with ThreadPoolExecutor(6) as pool:
            tokens = list(pool.map(lambda _: log.record(answer, "warga"), range(6)))
        assert all(tokens)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert log.flush()
    later = log.record(answer, "warga")
    assert log.flush() and log.feedback(str(later), 1) and log.feedback(str(first), -1)


def test_logging_resumes_after_the_log_folder_is_removed(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    log = QuestionLog(folder / "questions.sqlite")
    answer = Answer(question="KK hilang", status="answered", text="x [1]")
    log.record(answer, "warga")
    assert log.flush() and _rows(folder / "questions.sqlite") == 1
    shutil.rmtree(folder)
    log.record(answer, "warga")  # fails: the folder is gone (logged)
    assert log.flush()
    token = log.record(answer, "warga")  # the folder and the schema are made again
    assert log.flush() and _rows(folder / "questions.sqlite") >= 1 and log.feedback(str(token), 1)


def test_locked_log_through_the_running_app(app_server) -> None:
    from gradio_client import Client

    client = Client(app_server["url"], verbose=False, download_files=False)
    holder = sqlite3.connect(app_server["log_db"], isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda q: client.predict(q, "warga", api_name="/ask"), ["Apa syarat akta kelahiran?"] * 4))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert all(a["status"] == "answered" for a in answers)


def test_chroma_server_mode_outage_and_retry(small_settings: Settings, embeddings, tmp_path: Path) -> None:
    port = free_port()
    settings = small_settings.model_copy(update={"chroma_url": f"http://127.0.0.1:{port}"})
    with pytest.raises(StoreUnavailable, match=f"127.0.0.1:{port}.*3 percobaan"):
        build_index(settings, embeddings)

    server = start_chroma(tmp_path / "chroma-server", port)
    try:
        result = build_index(settings, embeddings)
        assert not (settings.index_dir / result.generation / "chroma").exists(), "vectors live on the server"
        assistant = Assistant.load(settings, embeddings=embeddings, on_stale=StaleIndex.NEVER)
        assert assistant.ask(QUESTION).status == "answered"
    finally:
        server.terminate()
        server.wait(timeout=30)
    down = assistant.ask("KTP-el rusak, apa syaratnya?")
    assert down.status == "not_found" and down.text == replies.NO_INDEX
    assert assistant.ask(QUESTION).status == "answered", "an answer already given is still given (same generation)"

    server = start_chroma(tmp_path / "chroma-server", port)
    try:
        again = assistant.ask("KTP-el rusak, apa syaratnya?")
        assert again.status == "answered" and again.sources[0].doc_id == "ktp-el-hilang-rusak"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_two_deployments_share_one_chroma_server_without_touching_each_other(
    small_settings: Settings, embeddings, tmp_path: Path
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    first = small_settings.model_copy(update={"chroma_url": url, "chroma_prefix": "tk"})
    # a prefix that starts like the first one's generations: the first deployment's clean-up must still leave it
    second = small_settings.model_copy(
        update={"chroma_url": url, "chroma_prefix": "tk-gen", "index_dir": tmp_path / "index-second"}
    )
    server = start_chroma(tmp_path / "chroma-shared", port)
    try:
        oldest = build_index(first, embeddings).generation
        theirs = build_index(second, embeddings).generation
        for _ in range(2):  # each rebuild retires the first deployment's older generations
            build_index(first, embeddings, rebuild=True)
        for settings in (first, second):
            assistant = Assistant.load(settings, embeddings=embeddings, on_stale=StaleIndex.NEVER)
            assert assistant.ask(QUESTION).status == "answered", settings.chroma_prefix
        names = {str(getattr(c, "name", c)) for c in chromadb.HttpClient(host="127.0.0.1", port=port).list_collections()}
        assert f"tk-{oldest}" not in names, "a rebuild removes the deployment's own old collections"
        assert f"tk-gen-{theirs}" in names, "and never another deployment's"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_emptied_chroma_server_is_refilled_by_index_without_embedding(small_settings: Settings, tmp_path: Path) -> None:
    from assistant.indexing.embeddings import E5Embeddings

    port = free_port()
    settings = small_settings.model_copy(update={"chroma_url": f"http://127.0.0.1:{port}"})
    server = start_chroma(tmp_path / "chroma-lost", port)
    try:
        generation = build_index(settings, E5Embeddings()).generation
    finally:
        server.terminate()
        server.wait(timeout=30)

    class NoEmbedding(E5Embeddings):
        def encode_passages(self, texts: list[str]):  # type: ignore[no-untyped-def]
            raise AssertionError("the vectors are on disk; nothing is embedded again")

    server = start_chroma(tmp_path / "chroma-new", port)  # a new, empty server where the old one was
    try:
        result = build_index(settings, NoEmbedding())
        assert result.generation == generation and not (result.added or result.updated or result.rebuilt)
        assistant = Assistant.load(settings, on_stale=StaleIndex.NEVER)
        answer = assistant.ask(QUESTION)
        assert answer.status == "answered" and answer.sources[0].doc_id == "ktp-el-hilang-rusak"
        assert assistant.search(QUESTION, mode=SearchMode.DENSE).hits, "dense search has its vectors again"
    finally:
        server.terminate()
        server.wait(timeout=30)
