"""The evaluation report as text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def print_report(report: dict[str, Any], log: Callable[[str], None]) -> None:
    log("")
    log(f"Retrieval on {report['retrieval_questions']} in-scope gold questions (document level):")
    log(f"  {'system':34} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6} {'nDCG@10':>8}")
    for name, m in report["retrieval"].items():
        log(f"  {name:34} {m['R@1']:6.3f} {m['R@3']:6.3f} {m['R@5']:6.3f} {m['MRR']:6.3f} {m['nDCG@10']:8.3f}")
    product = report["retrieval"]["hybrid (product)"]["MRR"]
    tutorial = report["retrieval"]["tutorial LangChain RAG"]["MRR"]
    log(
        f"  MRR above the tutorial RAG: {product - tutorial:+.3f}; "
        f"tutorial key facts in its first chunk: {report['retrieval']['tutorial LangChain RAG']['key facts (first chunk)']:.3f}"
    )
    for section in ("answers", "answers (new topics, multi-turn)"):
        if section not in report:
            continue
        log("")
        log(f"{section[0].upper()}{section[1:]}:")
        _fields(report[section], log)
    for name in ("redteam", "redteam_v2"):
        if name in report:
            red = report[name]
            log("")
            log(f"Red team ({name}): {red['handled']:.3f} of {red['prompts']} prompts handled; {red['by category']}")
            for line in red["failures"]:
                log(f"    - {line}")
    dom = report.get("external_domain_qa", {})
    if "covered" in dom:
        log("")
        log("Outside traffic (other chatbots' questions, labelled by us):")
        _fields({k: v for k, v in dom.items() if k != "error samples"}, log)
    if "external_general_qa" in report:
        ext = report["external_general_qa"]
        log("")
        if "systems" in ext:
            log(f"External general Indonesian QA ({ext['questions']} questions, {ext['passages']} passages):")
            for name, m in ext["systems"].items():
                log(f"  {name:40} nDCG@10 {m['nDCG@10']:.3f}  R@10 {m['R@10']:.3f}  R@1 {m['R@1']:.3f}")
        else:
            log(f"External general QA: {ext}")


def _fields(section: dict[str, Any], log: Callable[[str], None]) -> None:
    for key, value in section.items():
        if key == "failures":
            continue
        log(f"  {key:44} {value:.3f}" if isinstance(value, float) else f"  {key:44} {value}")
    for line in section.get("failures", []):
        log(f"    - {line}")
