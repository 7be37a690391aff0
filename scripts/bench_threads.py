"""Threads for the bundled model, idle and with the other core busy (prints figures; not a test).

Query time (one question embedded, as `ask` does) and build throughput (passages per second, as `index`
does) for 1 and 2 threads (or --threads), first on an idle machine, then with one busy-looping process
per --busy core beside it. The figures chose the defaults: a question on every core only while nothing else in
the process is being embedded (ASSISTANT_EMBEDDING_THREADS=0), the index on every core (ASSISTANT_INDEX_THREADS=0).

Usage: python scripts/bench_threads.py [--threads 1 2] [--busy 1]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import statistics
import time
from pathlib import Path

from assistant.indexing.embeddings import E5Embeddings

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "eval" / "gold.jsonl"


def burn() -> None:
    while True:
        pass


def measure(threads: int, questions: list[str], passages: list[str]) -> tuple[float, float, float]:
    model = E5Embeddings(threads=threads)
    model.encode_query("pemanasan")
    times = []
    for question in questions:
        began = time.perf_counter()
        model.encode_query(question)
        times.append((time.perf_counter() - began) * 1000)
    began = time.perf_counter()
    for start in range(0, len(passages), 16):
        model.encode_passages(passages[start : start + 16])
    per_second = len(passages) / (time.perf_counter() - began)
    return statistics.median(times), statistics.quantiles(times, n=20)[18], per_second


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--busy", type=int, default=1, help="busy-looping processes for the contended run")
    args = parser.parse_args()
    rows = [json.loads(line) for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    questions = [r["question"] for r in rows][:60]
    passages = [" ".join(r["question"] for r in rows[i : i + 6]) for i in range(0, len(rows), 2)][:96]
    print("| threads | machine | query p50 / p95 | build passages/s |\n|---|---|---|---|")
    for busy in (0, args.busy):
        burners = [multiprocessing.Process(target=burn, daemon=True) for _ in range(busy)]
        for burner in burners:
            burner.start()
        try:
            for threads in args.threads:
                p50, p95, rate = measure(threads, questions, passages)
                state = "idle" if not busy else f"{busy} core(s) busy"
                print(f"| {threads} | {state} | {p50:.1f} / {p95:.1f} ms | {rate:.1f} |", flush=True)
        finally:
            for burner in burners:
                burner.terminate()


if __name__ == "__main__":
    main()
