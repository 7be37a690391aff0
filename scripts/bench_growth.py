"""How cost grows with the index (prints figures and draws docs/growth.png; not a test).

For about 1k, 10k and 100k chunks: the real corpus, topped up with copies of the regulations in
../shared/data/regulasi whose paragraphs are shuffled per copy (so no two copies are the same text). Each size
runs in its own process, so memory figures do not mix:
- build: the real build (loading, splitting, sentences, BM25, Chroma writes, files) with the passage
  embedding replaced by seeded random unit vectors, plus the embedding time measured on this machine for a
  sample of the same texts and scaled to the whole (embedding is linear in the text; 100k chunks would take
  hours here);
- index size on disk, peak memory of the build, memory of an app process serving it;
- `Assistant.ask` latency p50/p95 over the gold questions, with the real query model, on local Chroma files.

Usage: python scripts/bench_growth.py [--sizes 1000 10000 100000] [--plot docs/growth.png]
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
REGULATIONS = ROOT.parent / "shared" / "data" / "regulasi"
GOLD = ROOT / "tests" / "eval" / "gold.jsonl"
SAMPLE = 64


def make_corpus(target: Path, chunks_wanted: int, chunk_chars: int) -> None:
    """The real corpus plus shuffled regulation copies until the corpus holds about ``chunks_wanted`` chunks."""
    from assistant.ingest.loaders import load_corpus
    from assistant.ingest.splitting import split_document

    def chunk_count(folder: Path) -> int:
        return sum(len(split_document(d, chunk_chars)) for d in load_corpus(folder).documents)

    shutil.copytree(ROOT / "corpus", target)
    have = chunk_count(target)
    copy = 0
    while have < chunks_wanted * 0.95:
        folder = target / "sintetis" / f"salinan-{copy:03d}"
        folder.mkdir(parents=True)
        rng = random.Random(copy)
        for path in sorted(REGULATIONS.glob("*_*.md")):
            paragraphs = [p for p in path.read_text("utf-8").split("\n") if p.strip()]
            rng.shuffle(paragraphs)
            (folder / f"{path.stem}-{copy:03d}.txt").write_text("\n\n".join(paragraphs), "utf-8")
        have += chunk_count(folder)
        copy += 1


def one_size(chunks_wanted: int, workdir: Path) -> dict:
    """Build and serve one size in this process; the figures as a dict."""
    from assistant.indexing.build import build_index, chunk_sentences
    from assistant.indexing.embeddings import E5Embeddings
    from assistant.service import Assistant, StaleIndex
    from assistant.settings import Settings

    class RandomPassages(E5Embeddings):
        """The real model for questions; seeded random unit vectors for the corpus (cost, not quality)."""

        def encode_passages(self, texts: list[str]) -> np.ndarray:
            rows = []
            for text in texts:
                seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
                vector = np.random.default_rng(seed).standard_normal(self.dim).astype(np.float32)
                rows.append(vector / np.linalg.norm(vector))
            return np.vstack(rows) if rows else np.zeros((0, self.dim), np.float32)

    settings = Settings(corpus_dir=workdir / "corpus", index_dir=workdir / "index", log_db=workdir / "log.sqlite")
    make_corpus(settings.corpus_dir, chunks_wanted, settings.chunk_max_chars)
    began = time.perf_counter()
    result = build_index(settings, RandomPassages())
    build_seconds = time.perf_counter() - began
    build_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # embedding time of this size on this machine: a sample of its chunks and their sentences, scaled
    from assistant.indexing import generations as gen

    gdir = gen.generation_dir(settings.index_dir, result.generation)
    chunks = gen.load_chunks(gdir)
    sample = random.Random(0).sample(chunks, min(SAMPLE, len(chunks)))
    real = E5Embeddings(threads=settings.index_threads or 2)
    real.encode_passages(["pemanasan"])
    began = time.perf_counter()
    real.encode_passages([c.indexed_text for c in sample])
    sentences = chunk_sentences(sample)
    real.encode_passages([s.embedded_text for s in sentences])
    embed_seconds = (time.perf_counter() - began) * len(chunks) / len(sample)

    size_mb = sum(p.stat().st_size for p in gdir.rglob("*") if p.is_file()) / 1e6
    began = time.perf_counter()
    assistant = Assistant.load(settings, on_stale=StaleIndex.NEVER, embeddings=E5Embeddings())
    questions = [json.loads(line)["question"] for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    assistant.ask(questions[0])
    open_seconds = time.perf_counter() - began
    latencies = []
    profile = cProfile.Profile()
    profile.enable()
    for question in dict.fromkeys(questions[:80]):  # each once: a repeated question is a cache hit
        answer = assistant.ask(question)
        latencies.append(answer.timings_ms.get("total", 0.0))
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(12)
    print(out.getvalue(), file=sys.stderr)
    serve_rss = _rss_mb()
    q = statistics.quantiles(latencies, n=20)
    return {
        "chunks": result.chunks,
        "documents": result.documents,
        "build_s_without_embedding": round(build_seconds, 1),
        "embedding_s_estimated": round(embed_seconds, 0),
        "index_mb": round(size_mb, 1),
        "build_peak_mb": round(build_peak),
        "open_s": round(open_seconds, 1),
        "serve_rss_mb": round(serve_rss),
        "ask_p50_ms": round(statistics.median(latencies), 1),
        "ask_p95_ms": round(q[18], 1),
    }


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["chunks"] for r in rows]
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    axes[0].plot(chunks, [r["ask_p50_ms"] for r in rows], "o-", label="p50")
    axes[0].plot(chunks, [r["ask_p95_ms"] for r in rows], "s--", label="p95")
    axes[0].set_title("ask latency (ms)")
    axes[0].legend()
    axes[1].plot(chunks, [r["serve_rss_mb"] for r in rows], "o-", label="app process RSS")
    axes[1].plot(chunks, [r["index_mb"] for r in rows], "s--", label="index on disk")
    axes[1].set_title("memory and disk (MB)")
    axes[1].legend()
    axes[2].plot(chunks, [r["embedding_s_estimated"] / 60 for r in rows], "o-", label="embedding (est.)")
    axes[2].plot(chunks, [r["build_s_without_embedding"] / 60 for r in rows], "s--", label="rest of the build")
    axes[2].set_title("build (minutes, 2 cores)")
    axes[2].legend()
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xlabel("chunks")
        ax.grid(alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--plot", type=Path, default=ROOT / "docs" / "growth.png")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        with tempfile.TemporaryDirectory(prefix="tk-growth-") as tmp:
            print(json.dumps(one_size(args.one, Path(tmp))))
        return
    rows = []
    for size in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], cwd=ROOT, stdout=subprocess.PIPE, text=True, check=True
        )
        row = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(json.dumps(row), flush=True)
    header = (
        "| chunks | build without embedding | embedding (est.) | index on disk | build peak | app RSS | open "
        "| ask p50 | ask p95 |"
    )
    print("\n" + header + "\n|" + "---|" * 9)
    for r in rows:
        print(
            f"| {r['chunks']:,} | {r['build_s_without_embedding']:.0f} s | {r['embedding_s_estimated'] / 60:.0f} min | "
            f"{r['index_mb']:.0f} MB | {r['build_peak_mb']:,} MB | {r['serve_rss_mb']:,} MB | {r['open_s']:.0f} s | "
            f"{r['ask_p50_ms']:.0f} ms | {r['ask_p95_ms']:.0f} ms |"
        )
    plot(rows, args.plot)
    print(f"\nplot: {args.plot}")


if __name__ == "__main__":
    main()
