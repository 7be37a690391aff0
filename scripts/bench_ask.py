"""Per-question speed of `Assistant.ask` against the tutorial LangChain RAG (prints figures; not a test).

In one process, on the gold questions, interleaved (the order of the two alternates per question, so
neither always runs on a warmer cache): our full `ask` (guard, tools, hybrid retrieval, routing,
answerability, composition) against the tutorial RAG's `similarity_search` (MiniLM, Chroma, k=4; retrieval
only, which is all it does without an LLM). Also the floor (embedding the question with our model alone),
a repeated question (asked 21 times, the last 20 timed), and with --profile the top of a cProfile of `ask`.

Usage: python scripts/bench_ask.py [--limit 110] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import tempfile
import time
from pathlib import Path

from assistant.evaluation.baseline import TutorialRag
from assistant.indexing.embeddings import build_embeddings
from assistant.service import Assistant, StaleIndex
from assistant.settings import Settings
from assistant.text.normalise import normalise_query

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "eval" / "gold.jsonl"
WARM_UP = ROOT / "tests" / "eval" / "gold_v2.jsonl"


def questions(path: Path) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    seen: dict[str, str] = {}
    for row in rows:
        if len(row["question"]) < 1000 and not row.get("history"):
            seen.setdefault(row["question"], row.get("audience", "warga"))
    return list(seen.items())


def ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def summary(times: list[float]) -> str:
    q = statistics.quantiles(times, n=20)
    return f"p50 {statistics.median(times):6.1f} ms   p95 {q[18]:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=110, help="gold questions to time")
    parser.add_argument("--profile", action="store_true", help="print the top of a cProfile of our ask")
    args = parser.parse_args()
    settings = Settings()
    began = time.perf_counter()
    ours = Assistant.load(settings, on_stale=StaleIndex.SERVE)
    print(f"our assistant loaded (and warmed) in {ms(began) / 1000:.1f} s")
    with tempfile.TemporaryDirectory() as tmp:
        began = time.perf_counter()
        tutorial = TutorialRag(settings.corpus_dir, Path(tmp))
        print(f"tutorial RAG built in {ms(began) / 1000:.1f} s ({tutorial.chunks} chunks)")
        for question, audience in questions(WARM_UP)[:5]:
            ours.ask(question, audience=audience)
            tutorial.search(question)
        gold = questions(GOLD)[: args.limit]
        our_times: list[float] = []
        their_times: list[float] = []
        for n, (question, audience) in enumerate(gold):
            order = ("ours", "theirs") if n % 2 == 0 else ("theirs", "ours")
            for who in order:
                began = time.perf_counter()
                if who == "ours":
                    ours.ask(question, audience=audience)
                    our_times.append(ms(began))
                else:
                    tutorial.search(question)
                    their_times.append(ms(began))
        raw = build_embeddings(settings)  # the model alone, without our caches
        raw.encode_query("pemanasan")
        floor = []
        for question, _ in gold:
            text = normalise_query(question)
            began = time.perf_counter()
            raw.encode_query(text)
            floor.append(ms(began))
        repeated = []
        for n in range(21):
            began = time.perf_counter()
            ours.ask(gold[0][0])
            if n:
                repeated.append(ms(began))
    print(f"\n{len(gold)} gold questions, interleaved, one process")
    print(f"  ours (full ask)           {summary(our_times)}")
    print(f"  tutorial RAG (search)     {summary(their_times)}")
    print(f"  ratio of p50              {statistics.median(our_times) / statistics.median(their_times):.2f}x")
    print(f"  floor (question embedding) {summary(floor)}")
    print(f"  a repeated question       p50 {statistics.median(repeated):6.2f} ms   max {max(repeated):6.2f} ms")
    if args.profile:
        ours_fresh = Assistant.load(settings, on_stale=StaleIndex.SERVE)
        profile = cProfile.Profile()
        profile.enable()
        for question, audience in gold:
            ours_fresh.ask(question, audience=audience)
        profile.disable()
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
        print(out.getvalue())


if __name__ == "__main__":
    main()
