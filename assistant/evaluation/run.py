"""Evaluation harness: retrieval and answer quality on the gold set, with baselines measured in the same run."""

from __future__ import annotations

import re
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..answer.composer import words
from ..answer.schema import REFUSALS, Status
from ..indexing.embeddings import build_embeddings
from ..retrieval.hybrid import SearchMode
from ..service import Assistant
from ..settings import Settings
from .baseline import TutorialRag
from .external import domain_qa, general_qa
from .gold import GOLD, GOLD_V2, REDTEAM, REDTEAM_V2, GoldItem, load_gold, load_redteam
from .metrics import percentile, ranking_metrics
from .report import print_report


def evaluate(
    settings: Settings,
    gold_path: Path = GOLD,
    *,
    external: bool = True,
    external_limit: int = 300,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Run everything and return the report (also printed through ``log``)."""
    gold = load_gold(gold_path)
    log(f"Gold set: {len(gold)} questions from {gold_path}")
    embeddings = build_embeddings(settings)
    started = time.perf_counter()
    assistant = Assistant.load(settings, embeddings=embeddings)
    load_seconds = time.perf_counter() - started
    report: dict[str, Any] = {
        "gold_questions": len(gold),
        "categories": dict(Counter(g.category for g in gold)),
        "load_seconds": round(load_seconds, 2),
    }

    retrievable = [g for g in gold if g.gold_docs and g.expected_status in (Status.ANSWERED, Status.PERSONAL_DATA)]
    modes = (
        ("hybrid (product)", SearchMode.HYBRID, True),
        ("dense only", SearchMode.DENSE, True),
        ("BM25 only", SearchMode.LEXICAL, False),
    )
    systems: dict[str, dict[str, float]] = {}
    for name, mode, by_audience in modes:
        systems[name] = ranking_metrics(
            [
                (
                    assistant.search(
                        g.retrieval_query, audience=g.audience if by_audience else None, k=30, mode=mode
                    ).documents(),
                    g.gold_docs,
                )
                for g in retrievable
            ]
        )

    with tempfile.TemporaryDirectory() as workdir:
        t = time.perf_counter()
        tutorial = TutorialRag(settings.corpus_dir, Path(workdir))
        tutorial_build = time.perf_counter() - t
        tutorial_rankings, tutorial_facts, tutorial_latency = [], [0, 0], []
        for g in retrievable:
            t = time.perf_counter()
            docs = tutorial.search(g.retrieval_query)
            tutorial_latency.append((time.perf_counter() - t) * 1000)
            tutorial_rankings.append(([d.metadata["doc_id"] for d in docs], g.gold_docs))
            first = docs[0].page_content if docs else ""
            tutorial_facts[0] += sum(bool(re.search(k, first, re.I)) for k in g.key_facts)
            tutorial_facts[1] += len(g.key_facts)
    systems["tutorial LangChain RAG"] = ranking_metrics(tutorial_rankings)
    systems["tutorial LangChain RAG"]["key facts (first chunk)"] = tutorial_facts[0] / max(1, tutorial_facts[1])
    systems["tutorial LangChain RAG"]["p50 ms"] = percentile(tutorial_latency, 50)
    report["retrieval"] = {k: {m: round(v, 4) for m, v in d.items()} for k, d in systems.items()}
    report["retrieval_questions"] = len(retrievable)
    report["tutorial_chunks"] = tutorial.chunks
    report["tutorial_build_seconds"] = round(tutorial_build, 1)

    report["answers"] = _answer_quality(assistant, gold)
    if gold_path == GOLD and GOLD_V2.exists():
        report["answers (new topics, multi-turn)"] = _answer_quality(assistant, load_gold(GOLD_V2))
    for name, path in (("redteam", REDTEAM), ("redteam_v2", REDTEAM_V2)):
        if path.exists():
            report[name] = redteam(assistant, path)
    report["external_domain_qa"] = domain_qa(assistant)
    if external:
        report["external_general_qa"] = general_qa(settings, embeddings, external_limit, log)
    print_report(report, log)
    return report


def _answer_quality(assistant: Assistant, gold: list[GoldItem]) -> dict[str, Any]:
    for g in gold[:5]:  # warm-up, not measured
        assistant.ask(g.question, audience=g.audience, history=g.history)
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    failures: list[str] = []
    facts_hit = facts_total = all_facts = fact_questions = lead_facts = with_details = 0
    lengths: list[float] = []
    cited_ok = answered = forbidden_ok = 0
    refused_expected = refused_correct = refused_total = inscope = inscope_refused = 0
    per_category: dict[str, list[int]] = {}
    for g in gold:
        answer = assistant.ask(g.question, audience=g.audience, history=g.history)
        latencies.append(answer.timings_ms["total"])
        statuses[answer.status.value] += 1
        ok = answer.status == g.expected_status
        per_category.setdefault(g.category, [0, 0])
        per_category[g.category][0] += ok
        per_category[g.category][1] += 1
        if g.expected_status in (Status.ANSWERED, Status.PERSONAL_DATA, Status.EMERGENCY) and g.key_facts:
            hits = [bool(re.search(k, answer.text, re.I)) for k in g.key_facts]
            facts_hit += sum(hits)
            facts_total += len(hits)
            all_facts += all(hits)
            fact_questions += 1
            lead_facts += any(re.search(k, answer.lead, re.I) for k in g.key_facts)
            with_details += sum(bool(re.search(k, f"{answer.text}\n{answer.details}", re.I)) for k in g.key_facts)
        if answer.status is Status.ANSWERED and g.audience == "warga":
            lengths.append(words(answer.text))
            if not all(hits):
                failures.append(f"{g.id} missing {[k for k, h in zip(g.key_facts, hits) if not h]}: {g.question[:70]}")
        if answer.status in (Status.ANSWERED, Status.PERSONAL_DATA) and answer.sources:
            answered += 1
            cited_ok += answer.citations_valid() and bool(answer.cited_numbers())
        forbidden_ok += not any(re.search(f, answer.text, re.I) for f in g.forbidden)
        refused = answer.status in REFUSALS
        refused_total += refused
        if g.expected_status in REFUSALS:
            refused_expected += 1
            refused_correct += refused
        elif g.expected_status in (Status.ANSWERED, Status.PERSONAL_DATA):
            inscope += 1
            inscope_refused += refused
        if not ok:
            failures.append(f"{g.id} status {answer.status} (expected {g.expected_status}): {g.question[:70]}")
    return {
        "key facts present": facts_hit / max(1, facts_total),
        "key facts present, folded details included": with_details / max(1, facts_total),
        "questions with all key facts": all_facts / max(1, fact_questions),
        "a key fact in the lead": lead_facts / max(1, fact_questions),
        "resident answer words p50": percentile(lengths, 50),
        "resident answer words p90": percentile(lengths, 90),
        "citations valid (answers with sources)": cited_ok / max(1, answered),
        "status accuracy": sum(v[0] for v in per_category.values()) / len(gold),
        "out-of-scope refused": refused_correct / max(1, refused_expected),
        "refusal precision": refused_correct / max(1, refused_total),
        "in-scope wrongly refused": inscope_refused / max(1, inscope),
        "forbidden output absent": forbidden_ok / len(gold),
        "latency p50 ms": percentile(latencies, 50),
        "latency p95 ms": percentile(latencies, 95),
        "status counts": {str(k): v for k, v in statuses.items()},
        "status accuracy by category": {k: round(v[0] / v[1], 3) for k, v in sorted(per_category.items())},
        "failures": failures,
    }


def redteam(assistant: Assistant, path: Path = REDTEAM) -> dict[str, Any]:
    """Share of red-team prompts handled: an accepted status, no forbidden output, every required pattern."""
    items = load_redteam(path)
    failures: list[str] = []
    by_category: dict[str, tuple[int, int]] = {}
    for item in items:
        answer = assistant.ask(item.question)
        problems = []
        if answer.status not in item.expected_status:
            problems.append(f"status {answer.status}")
        problems += [f"forbidden /{f}/" for f in item.forbidden if re.search(f, answer.text, re.I)]
        problems += [f"missing /{r}/" for r in item.required if not re.search(r, answer.text, re.I)]
        if not answer.citations_valid():
            problems.append("invalid citations")
        ok, total = by_category.get(item.category, (0, 0))
        by_category[item.category] = (ok + (not problems), total + 1)
        if problems:
            failures.append(f"{item.id} {item.category}: {', '.join(problems)}: {item.question[:70]!r}")
    handled = sum(ok for ok, _ in by_category.values())
    return {
        "prompts": len(items),
        "handled": handled / max(1, len(items)),
        "by category": {k: f"{ok}/{total}" for k, (ok, total) in sorted(by_category.items())},
        "failures": failures,
    }
