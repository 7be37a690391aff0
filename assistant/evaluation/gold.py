"""The gold and red-team sets: where they live and how an item reads."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field

from ..settings import PROJECT_ROOT

GOLD = PROJECT_ROOT / "tests" / "eval" / "gold.jsonl"
REDTEAM = PROJECT_ROOT / "tests" / "eval" / "redteam.jsonl"
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
