"""Index benchmark (prints figures; not a test).

Runs the real CLI (`python -m assistant index --json`) in subprocesses on copies of the corpus:
full build, no-change re-index, one changed document; then the same on the 14 regulations of
../shared/data/regulasi as a larger corpus. Reports seconds, chunks/s, index size and peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGULATIONS = ROOT.parent / "shared" / "data" / "regulasi"


def run_index(corpus: Path, index: Path, threads: int, *args: str) -> tuple[dict, float, int]:
    env = os.environ | {
        "ASSISTANT_CORPUS_DIR": str(corpus),
        "ASSISTANT_INDEX_DIR": str(index),
        "ASSISTANT_INDEX_THREADS": str(threads),
        "OMP_NUM_THREADS": str(threads),
    }
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "index", "--json", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return json.loads(done.stdout), wall, max(peak, before)


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def bench(name: str, corpus: Path, change: Path, threads: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(tmp) / "index"
        full, full_wall, peak = run_index(corpus, index, threads, "--rebuild")
        same, same_wall, _ = run_index(corpus, index, threads)
        change.write_text(change.read_text("utf-8") + "\n\nCatatan tambahan untuk uji tolok ukur.\n", "utf-8")
        one, one_wall, _ = run_index(corpus, index, threads)
        generation = (index / "CURRENT").read_text().strip()
        print(f"\n== {name}: {full['documents']} documents, {full['chunks']} chunks, index threads {threads}")
        print(
            f"  full build           {full_wall:7.1f} s wall ({full['seconds']:.1f} s in build), "
            f"{full['chunks'] / full['seconds']:.1f} chunks/s"
        )
        print(
            f"  no-change re-index   {same_wall:7.2f} s wall ({same['seconds']:.2f} s in build); "
            f"added {same['added']}, updated {same['updated']}, removed {same['removed']}"
        )
        print(
            f"  one document changed {one_wall:7.2f} s wall ({one['seconds']:.2f} s in build); "
            f"added {one['added']}, updated {one['updated']}, removed {one['removed']}"
        )
        print(f"  baseline: one-document change vs full rebuild: {one['seconds'] / full['seconds']:.1%} of the time")
        print(f"  index size on disk   {size_mb(index / generation):7.1f} MB (one generation)")
        print(f"  peak RSS of a build  {peak / 1024:7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2, help="embedding threads (default 2 = this machine)")
    parser.add_argument("--skip-regulations", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        bench("corpus/", corpus, corpus / "layanan" / "akta-kelahiran.md", args.threads)
        if not args.skip_regulations:
            regs = Path(tmp) / "regulasi"
            regs.mkdir()
            for path in sorted(REGULATIONS.glob("*_*.md")):
                shutil.copy(path, regs / f"{path.stem}.txt")
            bench("14 regulations (../shared/data/regulasi, as .txt)", regs, regs / "uu_2013_24.txt", args.threads)


if __name__ == "__main__":
    main()
