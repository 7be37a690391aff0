"""Re-indexing while serving: old generations are closed and removed, a build never blocks questions."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.indexing import generations as gen
from assistant.indexing.build import build_index
from assistant.service import Assistant, StaleIndex
from assistant.settings import Settings

from ..documents_factory import write_markdown

QUESTION = "KTP-el hilang harus bagaimana?"


def _open_files() -> list[str]:
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    return targets


def _add_document(settings: Settings, n: int) -> None:
    write_markdown(settings.corpus_dir / "uji" / f"uji-{n}.md", title=f"Dokumen Uji {n}", body=f"Isi dokumen uji nomor {n}.")


def test_repeated_reindexes_release_old_generations(small_settings: Settings, embeddings) -> None:
    build_index(small_settings, embeddings)
    assistant = Assistant.load(small_settings, embeddings=embeddings, on_stale=StaleIndex.NEVER)
    counts = []
    for n in range(6):
        _add_document(small_settings, n)
        assert assistant.reindex().added >= 1
        assert assistant.ask(QUESTION).status == "answered"
        counts.append(len(_open_files()))
    index_dir = small_settings.index_dir.resolve().as_posix()
    current = gen.current_generation(small_settings.index_dir)
    held = {t.split(index_dir + "/", 1)[1].split("/", 1)[0] for t in _open_files() if t.startswith(index_dir + "/gen-")}
    assert held <= {current}, f"files of retired (or deleted) generations still open: {held - {current}}"
    assert counts[-1] <= counts[1] + 2, f"open files grow with each re-index: {counts}"
    on_disk = {p.name for p in small_settings.index_dir.glob("gen-*")}
    assert len(on_disk) == 2 and current in on_disk, "the served generation and the one before it, nothing else"
    assistant.close()


def test_a_half_written_generation_is_removed_by_the_next_run(small_settings: Settings, embeddings) -> None:
    build_index(small_settings, embeddings)
    orphan = small_settings.index_dir / "gen-20260101T000000-dead00"
    orphan.mkdir()
    (orphan / gen.CHUNKS_FILE).write_text("{}\n", "utf-8")
    result = build_index(small_settings, embeddings)
    assert result.added == result.updated == result.removed == 0, "nothing changed in the corpus"
    assert not orphan.exists()


def test_a_running_build_never_blocks_questions_or_start(small_settings: Settings, embeddings) -> None:
    build_index(small_settings, embeddings)
    _add_document(small_settings, 1)
    with gen.build_lock(small_settings.index_dir):  # another build holds the lock for as long as it likes
        assistant = Assistant.load(small_settings, embeddings=embeddings, on_stale=StaleIndex.BACKGROUND)
        assert assistant.building
        assert assistant.ask(QUESTION).status == "answered", "served from the previous generation"
        assert "uji-1" not in {d.doc_id for d in assistant.documents()}
    builder = assistant.reindex_in_background()
    builder.join(timeout=300)
    assert not builder.is_alive()
    assert "uji-1" in {d.doc_id for d in assistant.documents()}, "switched to the new generation without a restart"
    assistant.close()


def test_command_line_questions_do_not_wait_for_a_build(small_settings: Settings, embeddings, tmp_path: Path) -> None:
    build_index(small_settings, embeddings)
    _add_document(small_settings, 2)
    with gen.build_lock(small_settings.index_dir):
        assistant = Assistant.load(small_settings, embeddings=embeddings, on_stale=StaleIndex.SERVE)
        assert not assistant.building and assistant.ask(QUESTION).status == "answered"
    assistant.close()
