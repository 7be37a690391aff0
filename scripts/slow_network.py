"""Measure the resident's pages in a real Chromium under emulated slow 3G (300 ms latency, 400/200 kbit/s).

Prints, for the main page (first visit and a return visit with the browser cache), the light page and one question
asked on the main page: seconds, bytes over the wire and requests. Figures, not assertions: run it against a
server started with ``python app.py``.

    python scripts/slow_network.py --url http://127.0.0.1:7860/

``--record-preload`` instead writes the files the main page loads to ``assistant/web/data/preload.txt`` (the
preload hints of ``GradioPageHead``): run it after a Gradio upgrade or a change of components.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PRELOAD_LIST = Path(__file__).resolve().parents[1] / "assistant" / "web" / "data" / "preload.txt"
SLOW_3G = {"offline": False, "latency": 300, "downloadThroughput": 400_000 / 8, "uploadThroughput": 200_000 / 8}


@dataclass
class Traffic:
    """Requests and encoded bytes seen by the page's network, from the DevTools protocol."""

    requests: int = 0
    bytes: int = 0
    cached: int = 0
    _ids: set[str] = field(default_factory=set)

    def attach(self, session: Any) -> None:
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", SLOW_3G)
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.requestServedFromCache", lambda _event: self._cache_hit())

    def _sent(self, event: dict[str, Any]) -> None:
        if not event["request"]["url"].startswith(("data:", "blob:")):
            self._ids.add(event["requestId"])

    def _finished(self, event: dict[str, Any]) -> None:
        size = int(event.get("encodedDataLength", 0))
        if event["requestId"] in self._ids and size > 0:  # a file preloaded, then used, crosses the network once
            self.requests += 1
            self.bytes += size

    def _cache_hit(self) -> None:
        self.cached += 1

    def reset(self) -> None:
        self.requests = self.bytes = self.cached = 0
        self._ids.clear()


def _row(label: str, seconds: float, traffic: Traffic) -> str:
    cached = f", {traffic.cached} from cache" if traffic.cached else ""
    return f"  {label:44s} {seconds:6.2f} s  {traffic.bytes / 1024:7.1f} KB  {traffic.requests:3d} over the network{cached}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:7860/", help="the running app (default %(default)s)")
    parser.add_argument("--question", default="Bikin KTP-el bayar ka sonde?", help="question to ask on both pages")
    parser.add_argument("--record-preload", action="store_true", help=f"write {PRELOAD_LIST.name}, measure nothing")
    args = parser.parse_args()
    base = args.url.rstrip("/")
    if args.record_preload:
        names = main_page_assets(base)
        import gradio

        header = f"# Gradio {gradio.__version__}: files the main page loads, in order (scripts/slow_network.py)\n"
        PRELOAD_LIST.write_text(header + "\n".join(names) + "\n", "utf-8")
        print(f"{len(names)} files written to {PRELOAD_LIST}")
        return 0
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    print("Slow 3G (300 ms latency, 400 kbit/s down, 200 kbit/s up), Chromium at 390 x 844:")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-quic"])
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        traffic = Traffic()
        traffic.attach(context.new_cdp_session(page))
        for label in ("main page, first visit: question box usable", "main page, return visit: question box usable"):
            traffic.reset()
            start = time.perf_counter()
            page.goto(base + "/", wait_until="commit", timeout=120_000)
            box = page.get_by_label("Pertanyaan Anda")
            box.wait_for(state="visible", timeout=120_000)
            while not box.is_editable():
                page.wait_for_timeout(20)
            print(_row(label, time.perf_counter() - start, traffic))
        traffic.reset()
        start = time.perf_counter()
        box.fill(args.question)
        page.get_by_role("button", name="Kirim", exact=True).click()
        page.locator("#chat").get_by_text("Sumber:").last.wait_for(timeout=120_000)
        print(_row("main page: answer shown after sending", time.perf_counter() - start, traffic))
        context.close()

        light = browser.new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False)
        page = light.new_page()
        traffic = Traffic()
        traffic.attach(light.new_cdp_session(page))
        start = time.perf_counter()
        page.goto(f"{base}/ringan?q={urllib.parse.quote_plus(args.question)}", wait_until="load", timeout=120_000)
        print(_row("light page /ringan with the answer", time.perf_counter() - start, traffic))
        light.close()
        browser.close()
    return 0


def main_page_assets(base: str) -> list[str]:
    """Names of Gradio's built files (``/assets/...``) that the main page loads until its question box works."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    names: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 390, "height": 844})

        def seen(url: str) -> None:
            path = urllib.parse.urlparse(url).path
            if path.startswith("/assets/") and path.endswith((".js", ".css")) and path[8:] not in names:
                names.append(path[8:])

        page.on("request", lambda request: seen(request.url))
        page.goto(base + "/", wait_until="load", timeout=120_000)
        page.get_by_label("Pertanyaan Anda").wait_for(state="visible", timeout=120_000)
        page.wait_for_timeout(2000)
        browser.close()
    return names


if __name__ == "__main__":
    sys.exit(main())
