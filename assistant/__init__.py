"""Tanya Kelurahan: answers about Kota Kupang's public services from an indexed corpus, with citations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .service import Assistant

__all__ = ["Assistant"]


def __getattr__(name: str) -> Any:
    # Lazy, so ``import assistant`` stays cheap and side-effect free.
    if name == "Assistant":
        from .service import Assistant

        return Assistant
    raise AttributeError(name)
