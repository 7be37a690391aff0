"""The gold and red-team sets: where they live and how an item reads."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

from ..settings import PROJECT_ROOT

GOLD = PROJECT_ROOT / "tests" / "eval" / "gold.jsonl"
GOLD_V2 = PROJECT_ROOT / "tests" / "eval" / "gold_v2.jsonl"
"""Questions on the topics of corpus v2 and multi-turn conversations (reported beside the original gold set)."""
REDTEAM = PROJECT_ROOT / "tests" / "eval" / "redteam.jsonl"
REDTEAM_V2 = PROJECT_ROOT / "tests" / "eval" / "redteam_v2.jsonl"
"""Red-team prompts in categories the first set lacked, written without sight of the guard's lists."""
DOMAIN_LABELS = PROJECT_ROOT / "tests" / "eval" / "domain_qa_labels.jsonl"
"""Our labels for the outside chatbot questions (covered by which documents, or the office to refer to)."""
EXTERNAL = PROJECT_ROOT.parent / "shared" / "data" / "external-qa"


class GoldItem(BaseModel):
    """One labelled question of the gold set."""

    id: str
    category: str
    audience: str
    question: str
    history: list[str]
    expected_status: str
    gold_docs: list[str]
    key_facts: list[str]
    forbidden: list[str] = Field(default_factory=list)

    @property
    def retrieval_query(self) -> str:
        return " ".join([*self.history[-1:], self.question])


class RedTeamItem(BaseModel):
    """One adversarial prompt: the accepted statuses, what must not and what must appear."""

    id: str
    category: str
    question: str
    expected_status: list[str]
    forbidden: list[str] = Field(default_factory=list)
    required: list[str] = Field(default_factory=list)


def load_gold(path: Path) -> list[GoldItem]:
    with open(path, encoding="utf-8") as handle:
        return [GoldItem.model_validate_json(line) for line in handle if line.strip()]


def load_redteam(path: Path) -> list[RedTeamItem]:
    with open(path, encoding="utf-8") as handle:
        return [RedTeamItem.model_validate(json.loads(line)) for line in handle if line.strip()]
