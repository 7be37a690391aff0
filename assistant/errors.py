"""One error hierarchy: callers catch ``AssistantError``; the CLI maps usage and runtime errors to exit codes."""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the product raises on purpose; the message is fit to show (Indonesian)."""


class UsageError(AssistantError, ValueError):
    """The caller asked for something invalid (an unknown audience, a bad argument)."""


class IndexUnavailable(AssistantError):
    """There is no usable index (missing, removed or corrupted)."""


class StoreUnavailable(AssistantError):
    """The Chroma server cannot be reached or the local store cannot be opened."""


class DocumentError(AssistantError):
    """A file that cannot be indexed, with the reason in plain words."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class AdminRefused(AssistantError, PermissionError):
    """The admin view is off, or the password is wrong."""
