"""Where exact in-memory dense search stops beating a Chroma query (prints figures; not a test).

For N unit vectors (384 dimensions, random) in a local Chroma collection, the time of one query through our
store (LangChain's Chroma wrapper, k=30, the residents' audience filter) against the exact dot product over
the same vectors in memory (`snapshot.exact_search`). The crossover sets ASSISTANT_EXACT_SEARCH_MAX_CHUNKS.

Usage: python scripts/bench_dense.py [--sizes 1000 3000 10000 30000 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.indexing.embeddings import E5Embeddings
from assistant.indexing.snapshot import exact_search
from assistant.indexing.store import ChromaStore
from assistant.ingest.documents import Audience, Kind
from assistant.ingest.splitting import Chunk
from assistant.settings import Settings

DIM = 384


def unit(rng: np.random.Generator, n: int) -> np.ndarray:
    vectors = rng.standard_normal((n, DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def median_ms(run, queries: np.ndarray) -> tuple[float, float]:
    times = []
    for query in queries:
        began = time.perf_counter()
        run(query)
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[18]


def measure(size: int, rng: np.random.Generator, queries: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """(Chroma p50, p95) and (exact p50, p95) in ms for ``size`` vectors, a third of them for staff only."""
    vectors = unit(rng, size)
    audiences = [(Audience.WARGA,) if i % 3 else (Audience.PETUGAS,) for i in range(size)]
    chunks = [
        Chunk(f"d{i // 10}", i % 10, f"teks {i}", "Bagian", "Judul", Kind.PROSEDUR, audiences[i], ("UU",), "x.md")
        for i in range(size)
    ]
    rows = np.flatnonzero([Audience.WARGA in a for a in audiences])
    with tempfile.TemporaryDirectory() as tmp:
        store = ChromaStore.open(Settings(index_dir=Path(tmp)), Path(tmp), "gen-bench", E5Embeddings())
        try:
            store.add(chunks, vectors)
            chroma = median_ms(lambda q: store.search(q, 30, "warga"), queries)
        finally:
            store.close()
    exact = median_ms(lambda q: exact_search(vectors, q, 30, rows), queries)
    return chroma, exact


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000, 30000, 100000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    queries = unit(rng, args.queries)
    print("| chunks | Chroma query p50 / p95 | exact in memory p50 / p95 |\n|---|---|---|")
    for size in args.sizes:
        chroma, exact = measure(size, rng, queries)
        print(f"| {size:,} | {chroma[0]:.2f} / {chroma[1]:.2f} ms | {exact[0]:.2f} / {exact[1]:.2f} ms |", flush=True)


if __name__ == "__main__":
    main()
