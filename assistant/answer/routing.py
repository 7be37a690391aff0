"""Routing after retrieval: decline a question that is nearer to off-topic examples than to the corpus, or whose
evidence is weak; everything else goes on to answerability (is the best document about what was asked?)."""

from __future__ import annotations

import functools
from importlib import resources

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field

from ..indexing.embeddings import VectorEmbeddings
from ..retrieval.hybrid import Retrieval
from ..text.normalise import normalise_query
from .routes import Route


class RoutingExamples(BaseModel):
    """Schema of ``data/routing.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    off_topic: tuple[str, ...] = Field(min_length=1)


@functools.cache
def load_examples() -> RoutingExamples:
    text = resources.files(__package__).joinpath("data", "routing.yaml").read_text("utf-8")
    return RoutingExamples.model_validate(yaml.safe_load(text))


class Router:
    """Decides a route from a retrieval; the example embeddings are computed once, at construction."""

    def __init__(
        self, embeddings: VectorEmbeddings, margin: float, min_evidence: float, examples: RoutingExamples | None = None
    ) -> None:
        examples = examples or load_examples()
        self.margin = margin
        self.min_evidence = min_evidence
        self._off_topic = embeddings.encode_passages([normalise_query(t) for t in examples.off_topic])

    def route(self, retrieval: Retrieval) -> Route:
        """``ANSWERED``, or the reason to decline."""
        if not retrieval.hits:
            return Route.NO_HITS
        off = float(np.max(self._off_topic @ retrieval.query_vector)) if retrieval.query_vector.size else 0.0
        if off - retrieval.top_dense > self.margin:
            return Route.NEAR_OFF_TOPIC
        if retrieval.top_dense < self.min_evidence and not any(h.lexical for h in retrieval.hits):
            return Route.WEAK_OFF_TOPIC if off >= retrieval.top_dense - self.margin else Route.WEAK_EVIDENCE
        return Route.ANSWERED
