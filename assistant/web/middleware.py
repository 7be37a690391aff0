"""ASGI middleware around the Gradio app: Indonesian first, its files preloaded and cached."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

LOCALE_SCRIPT = (
    "<script>try{Object.defineProperty(navigator,'language',{get:function(){return 'id'}});"
    "Object.defineProperty(navigator,'languages',{get:function(){return ['id']}});}catch(e){}"
    "document.documentElement.lang='id';</script>"
)
"""Run before Gradio's own scripts (see ``GradioPageHead``)."""
_BASE = re.compile(rb"<base\b[^>]*>", re.I)
CACHE_FOREVER = b"public, max-age=31536000, immutable"
"""Gradio's built assets carry a content hash in their names: a new version is a new name."""
CACHE_A_DAY = b"public, max-age=86400"
"""Other static files (a versioned theme, Gradio's helper scripts): kept a day."""


class GradioPageHead:
    """ASGI middleware that edits the head of Gradio's HTML pages (our own pages are left alone):

    - Gradio's own texts (errors, "connection lost", copy and clear buttons, loading, screen-reader labels) follow
      the browser's language, read by Gradio's scripts as they start: a script that reports Indonesian goes first,
      so residents read Indonesian whatever their phone's language is;
    - Gradio loads its scripts in a chain of four rounds (page, entry, app shell, components), each waiting for the
      last: on a slow link each round costs seconds. Preload hints for the files the main page needs (``preload``)
      fetch them all at once, right after the page."""

    def __init__(self, app: Any, preload: bytes = b"", skip: tuple[str, ...] = ()) -> None:
        self.app = app
        self.preload = preload
        self.skip = skip

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        path: str = scope.get("path", "")
        if scope.get("type") != "http" or scope.get("method") != "GET" or path.startswith(self.skip):
            await self.app(scope, receive, send)
            return
        start: dict[str, Any] = {}
        body: list[bytes] = []

        async def rewrite(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                if not headers.get(b"content-type", b"").startswith(b"text/html"):
                    await send(message)
                    return
                start.update(message)
                return
            if not start:
                await send(message)
                return
            body.append(message.get("body", b""))
            if message.get("more_body"):
                return
            page = self.edit(b"".join(body))
            kept = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
            await send({**start, "headers": [*kept, (b"content-length", str(len(page)).encode())]})
            await send({"type": "http.response.body", "body": page})

        await self.app(scope, receive, rewrite)

    def edit(self, page: bytes) -> bytes:
        """The locale script first in the head; the preload hints after ``<base>``, so their relative addresses
        resolve as Gradio's own do (also under a proxy's path prefix)."""
        page = page.replace(b"<head>", b"<head>" + LOCALE_SCRIPT.encode(), 1)
        base = _BASE.search(page)
        at = base.end() if base else page.find(LOCALE_SCRIPT.encode()) + len(LOCALE_SCRIPT)
        return page[:at] + self.preload + page[at:] if self.preload and at > 0 else page


def preload_hints(names: list[str], assets: Path) -> bytes:
    """``<link>`` preload hints for the listed files of Gradio's built assets that exist in this Gradio (a list
    recorded for another version loses nothing: missing names are skipped)."""
    links = []
    for name in names:
        if not (assets / name).is_file():
            continue
        if name.endswith(".js"):
            links.append(f'<link rel="modulepreload" href="./assets/{name}">')
        elif name.endswith(".css"):
            links.append(f'<link rel="preload" as="style" href="./assets/{name}">')
    return "".join(links).encode()


def gradio_assets() -> Path:
    """The folder Gradio serves ``/assets/`` from."""
    import gradio

    return Path(gradio.__file__).parent / "templates" / "frontend" / "assets"


def recorded_preload() -> list[str]:
    """The asset names the main page loads, recorded by ``scripts/slow_network.py --record-preload``."""
    text = resources.files("assistant.web").joinpath("data", "preload.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


class CacheStatic:
    """ASGI middleware: static files are cached by the phone, so a second visit on a slow link loads only the page
    and its data instead of revalidating some 70 files one round trip at a time."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        policy = _policy(scope) if scope.get("type") == "http" and scope.get("method") in ("GET", "HEAD") else None
        if policy is None:
            await self.app(scope, receive, send)
            return

        async def with_policy(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and message.get("status") == 200:
                kept = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"cache-control"]
                message = {**message, "headers": [*kept, (b"cache-control", policy)]}
            await send(message)

        await self.app(scope, receive, with_policy)


def _policy(scope: dict[str, Any]) -> bytes | None:
    path: str = scope.get("path", "")
    if path.startswith("/assets/"):
        return CACHE_FOREVER
    if path.startswith("/static/") or path == "/theme.css":
        return CACHE_A_DAY
    return None
