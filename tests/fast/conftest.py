"""The fast tier: no embedding model, no Chroma. Asking for either is a mistake in a fast test."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def embeddings() -> None:
    pytest.fail("fast tests use tests/fakes.py HashingEmbeddings, not the real model")


@pytest.fixture(scope="session")
def assistant() -> None:
    pytest.fail("fast tests build their own pieces; the real assistant belongs to tests/integration")
