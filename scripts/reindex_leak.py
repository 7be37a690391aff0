"""Memory and open files over repeated re-indexes while serving (prints figures; not a test).

Copies the corpus to a temporary folder, builds, opens an Assistant, then N times: adds a document,
re-indexes, asks a question; prints RSS and open file descriptors after each switch."""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from assistant.indexing.build import build_index
from assistant.indexing.embeddings import build_embeddings
from assistant.service import Assistant, StaleIndex
from assistant.settings import PROJECT_ROOT, Settings


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def open_fds() -> tuple[int, int]:
    """(open descriptors, descriptors on deleted files)."""
    targets = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            targets.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            continue
    return len(targets), sum(1 for t in targets if t.endswith("(deleted)") and "gen-" in t)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--times", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(PROJECT_ROOT / "corpus", corpus)
        settings = Settings(corpus_dir=corpus, index_dir=Path(tmp) / "index")
        embeddings = build_embeddings(settings)
        build_index(settings, embeddings)
        assistant = Assistant.load(settings, embeddings=embeddings, on_stale=StaleIndex.NEVER)
        assistant.ask("KTP-el hilang harus bagaimana?")
        print(f"{'switch':>6} {'RSS MB':>8} {'fds':>5} {'fds on deleted generations':>27}")
        first = (rss_mb(), *open_fds())
        print(f"{0:>6} {first[0]:>8.1f} {first[1]:>5} {first[2]:>27}")
        for n in range(1, args.times + 1):
            (corpus / "uji").mkdir(exist_ok=True)
            (corpus / "uji" / f"catatan-{n}.txt").write_text(f"Catatan uji {n}\n\nIsi catatan nomor {n}.", "utf-8")
            assistant.reindex()
            assistant.ask("KTP-el hilang harus bagaimana?")
            fds, deleted = open_fds()
            print(f"{n:>6} {rss_mb():>8.1f} {fds:>5} {deleted:>27}")
        assistant.close()


if __name__ == "__main__":
    main()
