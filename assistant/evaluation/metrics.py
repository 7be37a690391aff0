"""Ranking metrics and percentiles."""

from __future__ import annotations

import math
from collections.abc import Sequence


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
