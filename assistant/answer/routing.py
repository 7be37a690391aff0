"""Routing after retrieval: answer from the corpus, or decline because the question is nearer to off-topic or
uncovered-service examples than to the corpus, names another agency's service, or has weak evidence."""

from __future__ import annotations

import functools
import re
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
    uncovered_services: tuple[str, ...] = Field(min_length=1)
    uncovered_terms: tuple[str, ...] = Field(min_length=1)


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
        self._uncovered = embeddings.encode_passages([normalise_query(t) for t in examples.uncovered_services])
        self._terms = tuple(re.compile(rf"\b{re.escape(t)}\b") for t in examples.uncovered_terms)

    def route(self, retrieval: Retrieval) -> Route:
        """``ANSWERED``, or the reason to decline."""
        if not retrieval.hits:
            return Route.NO_HITS
        vector = retrieval.query_vector
        off = float(np.max(self._off_topic @ vector))
        uncovered = float(np.max(self._uncovered @ vector))
        if off - retrieval.top_dense > self.margin and off >= uncovered:
            return Route.NEAR_OFF_TOPIC
        if uncovered - retrieval.top_dense > self.margin:
            return Route.NEAR_UNCOVERED
        top_text = retrieval.hits[0].chunk.indexed_text.lower()
        if any(term.search(retrieval.query) and not term.search(top_text) for term in self._terms):
            return Route.OTHER_AGENCY
        if retrieval.top_dense < self.min_evidence and not any(h.lexical for h in retrieval.hits):
            return Route.WEAK_OFF_TOPIC if off >= uncovered else Route.WEAK_UNCOVERED
        return Route.ANSWERED
