"""End to end in a real headless Chromium: ask, see the cited answer, open a source, give feedback."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest

ARTIFACTS = Path(os.environ.get("ASSISTANT_TEST_ARTIFACTS", Path(__file__).resolve().parents[2] / "artifacts"))
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required in CI (.ci/run installs it)")
        pytest.skip("chromium not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.mark.parametrize("width, height, name", [(1280, 900, "desktop"), (390, 844, "mobile-390")])
def test_ask_see_citation_open_source_and_give_feedback(browser, app_server, width: int, height: int, name: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(app_server["url"], wait_until="load", timeout=60_000)
    page.get_by_label("Pertanyaan Anda").fill("Bagaimana cara merekam KTP-el?")
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.get_by_text("Sumber:").wait_for(timeout=30_000)
    chat = page.locator("#chat")
    assert "sidik jari" in chat.inner_text() and "[1] Perekaman KTP-el" in chat.inner_text()

    page.get_by_text("Sumber jawaban terakhir").click()
    first_source = page.locator("#sources summary").first
    first_source.wait_for(timeout=10_000)
    first_source.click()
    assert "Dasar hukum" in page.locator("#sources details").first.inner_text()

    page.locator('#chat [aria-label="Like"]').last.click()
    page.get_by_text("Terima kasih atas penilaian Anda.").wait_for(timeout=10_000)
    deadline = time.monotonic() + 10
    rating = None
    while time.monotonic() < deadline and rating != 1:
        with sqlite3.connect(app_server["log_db"]) as db:
            rating = db.execute(
                "SELECT rating FROM questions WHERE question = ? ORDER BY id DESC LIMIT 1", ("Bagaimana cara merekam KTP-el?",)
            ).fetchone()[0]
        time.sleep(0.2)
    assert rating == 1

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"answer-{name}.png"), full_page=True)
    assert outside == [], f"the page loaded outside resources: {outside}"
    page.close()


def test_script_and_outside_image_payloads_stay_inert(browser, app_server) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, extra_http_headers={"X-Forwarded-For": "10.1.2.3"})
    outside: list[str] = []
    dialogs: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(app_server["url"], wait_until="load", timeout=60_000)
    payload = (
        '<script>window.__pwned = 1; alert("x")</script> <img src=x onerror="window.__pwned=2"> '
        "![foto](http://evil.example/x.png) KTP-el hilang harus bagaimana?"
    )
    page.get_by_label("Pertanyaan Anda").fill(payload)
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.get_by_text("Sumber:").wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    chat = page.locator("#chat")
    assert "<script>window.__pwned" in chat.inner_text(), "the question is shown as typed, as text"
    assert chat.locator("img[src*='evil'], script").count() == 0
    assert page.evaluate("window.__pwned === undefined") and dialogs == []
    assert outside == [], f"the page loaded outside resources: {outside}"
    page.close()
