"""A small thread-safe LRU cache for repeated questions (keys never hold personal data: callers key by the
guard's redacted question)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

from cachetools import LRUCache

V = TypeVar("V")


class BoundedCache(Generic[V]):
    """At most ``size`` entries, least recently used dropped first; ``size`` 0 turns it off."""

    def __init__(self, size: int) -> None:
        self._entries: LRUCache[Hashable, V] | None = LRUCache(maxsize=size) if size > 0 else None
        self._lock = threading.Lock()

    def get_or_make(self, key: Hashable, make: Callable[[], V]) -> tuple[V, bool]:
        """The cached value for ``key`` (and True), or ``make()`` stored and returned (and False)."""
        if self._entries is None:
            return make(), False
        with self._lock:
            if key in self._entries:
                return self._entries[key], True
        value = make()  # outside the lock: two first askers may both compute; one result is kept
        with self._lock:
            self._entries[key] = value
        return value, False

    def clear(self) -> None:
        if self._entries is not None:
            with self._lock:
                self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries) if self._entries is not None else 0
