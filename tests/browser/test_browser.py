"""End to end in a real headless Chromium: ask, see the cited answer, open a source, give feedback."""

from __future__ import annotations

import io
import os
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from ..documents_factory import write_markdown
from ..helpers import ADMIN_PASSWORD

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


VIEWPORTS = [(1280, 900, "desktop"), (390, 844, "mobile-390")]


def _ask(page, question: str) -> None:
    page.get_by_label("Pertanyaan Anda").fill(question)
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.locator("#chat").get_by_text("Sumber:").last.wait_for(timeout=30_000)


def _rating(log_db: Path, question: str) -> int | None:
    deadline = time.monotonic() + 10
    rating = None
    while time.monotonic() < deadline and rating is None:
        with sqlite3.connect(log_db) as db:
            row = db.execute("SELECT rating FROM questions WHERE question = ? ORDER BY id DESC LIMIT 1", (question,)).fetchone()
        rating = row[0] if row else None
        time.sleep(0.2)
    return rating


@pytest.mark.parametrize("width, height, name", VIEWPORTS)
def test_the_answer_leads_with_sources_one_tap_away_and_feedback_is_kept(
    browser, app_server, width: int, height: int, name: str
) -> None:
    page = browser.new_page(viewport={"width": width, "height": height}, locale="en-US")
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
    page.goto(app_server["url"], wait_until="load", timeout=60_000)
    page.get_by_label("Pertanyaan Anda").wait_for(timeout=30_000)
    assert page.evaluate("document.documentElement.lang") == "id", "Gradio's own texts follow Indonesian, not the phone"
    assert page.locator("h1").count() >= 1 and page.get_by_text("Admin", exact=True).count() == 0
    _ask(page, "Bagaimana cara merekam KTP-el?")
    page.wait_for_timeout(1500)  # the scroll to the new answer
    chat = page.locator("#chat")
    text = chat.inner_text()
    assert "sidik jari" in text or "Selengkapnya" in text
    assert page.get_by_label("Bersihkan obrolan").count() == 1, "Gradio's own labels read Indonesian"
    answer_box = chat.locator(".bot, .message-row.bot-row").last.bounding_box()
    assert answer_box is not None and -5 <= answer_box["y"] < height * 0.5, "the start of the answer is in view"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"answer-{name}.png"), full_page=False)
    links = [chat.locator("a").nth(i).get_attribute("href") for i in range(chat.locator("a").count())]
    assert any(h and h.startswith("/sumber/ktp-el-perekaman#") for h in links), links
    assert chat.get_by_text("Selengkapnya").count() >= 1, "what is left out is folded, one tap away"
    page.get_by_text("Salin untuk WhatsApp").click()
    shared = page.locator("#share textarea").input_value()
    assert "**" not in shared and "[1]" not in shared and "bukan keputusan resmi" in shared and "/sumber/" in shared

    page.locator('#chat [aria-label="Suka"]').last.click()
    page.get_by_text("Terima kasih atas penilaian Anda.").wait_for(timeout=10_000)
    assert _rating(app_server["log_db"], "Bagaimana cara merekam KTP-el?") == 1

    source = next(h for h in links if h and h.startswith("/sumber/ktp-el-perekaman#"))
    page.goto(app_server["url"].rstrip("/") + source)
    anchor = source.split("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1 and "Dasar hukum" in page.inner_text("body")
    assert page.get_by_role("link", name="Kembali ke Tanya Kelurahan").count() >= 1
    page.screenshot(path=str(ARTIFACTS / f"source-{name}.png"), full_page=False)
    assert outside == [], f"the page loaded outside resources: {outside}"
    page.close()


def test_personal_data_is_masked_in_the_residents_own_bubble(browser, app_server) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(app_server["url"], wait_until="load", timeout=60_000)
    _ask(page, "NIK saya 5371041203900007 dan HP 0812-3456-7890, KK hilang syaratnya apa?")
    text = page.locator("#chat").inner_text()
    assert "5371041203900007" not in text and "3456" not in text and "NIK" in text
    page.close()


def test_clearing_starts_a_new_conversation_and_feedback_goes_to_the_answer_shown(browser, app_server) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_server["url"], wait_until="load", timeout=60_000)
    _ask(page, "Apa syarat mengurus KK yang hilang?")
    page.get_by_label("Bersihkan obrolan").click()
    page.wait_for_timeout(500)
    _ask(page, "Apa itu IKD?")
    page.locator('#chat [aria-label="Tidak Suka"]').last.click()
    page.wait_for_timeout(500)
    assert _rating(app_server["log_db"], "Apa itu IKD?") == -1, "the rating is kept on the answer it was given on"
    assert _rating(app_server["log_db"], "Apa syarat mengurus KK yang hilang?") is None
    page.close()


def test_the_light_page_answers_without_javascript_in_under_30_kb(browser, app_server) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if "/ringan" in r.url else None)
    page.goto(app_server["url"].rstrip("/") + "/ringan", wait_until="load")
    page.fill("#q", "Bikin KK bayar ga?")
    page.click("button[type=submit]")
    page.wait_for_load_state("load")
    lead = page.locator(".lead").inner_text()
    assert "gratis" in lead.lower()
    assert page.locator('a[href^="/sumber/"]').count() >= 1 and max(sizes) <= 30_000
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "light-page.png"), full_page=True)
    context.close()


def test_the_main_page_preloads_what_it_loads_and_its_files_are_cached(browser, app_server) -> None:
    from assistant.web.middleware import recorded_preload

    page = browser.new_page(viewport={"width": 390, "height": 844})
    loaded: dict[str, str] = {}
    page.on("response", lambda r: loaded.setdefault(r.url, r.headers.get("cache-control", "")))
    page.goto(app_server["url"], wait_until="load", timeout=60_000)
    page.get_by_label("Pertanyaan Anda").wait_for(timeout=30_000)
    page.wait_for_timeout(1500)  # components load lazily after the box (Gradio keeps a stream open: no idle)
    assets = {url.split("/assets/", 1)[1].split("?")[0]: policy for url, policy in loaded.items() if "/assets/" in url}
    missing = sorted(name for name in assets if name.endswith((".js", ".css")) and name not in recorded_preload())
    assert not missing, f"not preloaded (re-record: python scripts/slow_network.py --record-preload): {missing}"
    assert assets and all("immutable" in policy for policy in assets.values()), "built assets are cached for good"
    page.close()


@pytest.mark.parametrize("width, height, name", VIEWPORTS)
def test_requirements_print_as_a_one_page_checklist(browser, app_server, width: int, height: int, name: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(app_server["url"], wait_until="load", timeout=60_000)
    _ask(page, "Syarat bikin akta kelahiran apa saja?")
    link = page.locator("#chat").get_by_role("link", name="Daftar yang perlu dibawa (untuk dicetak)").last
    href = link.get_attribute("href")
    assert href and href.endswith("/bawa")
    page.goto(app_server["url"].rstrip("/") + href)
    assert page.locator("h1").inner_text() == "Yang perlu dibawa"
    assert page.locator(".check li").count() >= 2 and "Dasar hukum" in page.inner_text("body")
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Kembali ke Tanya Kelurahan").first.is_visible(), "no links on paper"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"checklist-{name}.png"), full_page=True)
    printed = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(printed.pages) == 1, "the checklist fits one A4 page"
    page.close()


def test_the_admin_page_signs_in_shows_wita_times_and_slows_down_wrong_passwords(browser, app_server) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_server["url"] + "admin", wait_until="load", timeout=60_000)
    password = page.get_by_label("Kata sandi admin")
    password.fill("bukan-sandinya")
    page.get_by_role("button", name="Tampilkan status").click()
    page.get_by_text("Kata sandi admin salah").first.wait_for(timeout=10_000)
    password.fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Tampilkan status").click()
    page.get_by_text("Model embedding").wait_for(timeout=20_000)
    assert "WITA" in page.locator("#admin-status").inner_text()
    assert page.get_by_text("Jawaban yang dinilai 👎").count() >= 1 and page.locator("#admin-upload").count() == 1
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-desktop.png"), full_page=True)
    page.close()


def test_staff_upload_a_document_and_a_wrong_one_is_refused_with_the_reason(browser, admin_app, tmp_path) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    fake = tmp_path / "surat-edaran.pdf"
    fake.write_text("ini teks biasa, bukan PDF")
    minutes = write_markdown(tmp_path / "raker-juni-2026.md", kind="raker", title="Raker Juni 2026")
    for document, outcome in ((fake, "bukan PDF"), (minutes, "Dokumen ditambahkan")):
        page.goto(admin_app["url"] + "admin", wait_until="load", timeout=60_000)
        page.get_by_label("Kata sandi admin").fill(ADMIN_PASSWORD)
        page.get_by_role("button", name="Tampilkan status").click()
        page.get_by_text("Model embedding").wait_for(timeout=20_000)
        page.locator('input[type=file][accept*=".pdf"]').set_input_files(str(document))
        page.get_by_role("button", name="Periksa, simpan dan indeks").click()
        page.get_by_text(outcome).first.wait_for(timeout=60_000)
    assert "Raker Juni 2026" in page.locator("#admin-status").inner_text()
    assert (admin_app["corpus"] / "unggahan" / "raker-juni-2026.md").is_file()
    assert not (admin_app["corpus"] / "unggahan" / "surat-edaran.pdf").exists()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "admin-upload-desktop.png"), full_page=True)
    page.close()


@pytest.mark.parametrize("path", ["", "ringan?q=KTP+hilang", "sumber/ktp-el-perekaman", "admin"])
def test_no_serious_or_critical_accessibility_violations(browser, app_server, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(app_server["url"] + path, wait_until="load", timeout=60_000)
    page.wait_for_timeout(1500)
    tabs = [None] if path else ["Warga", "Petugas"]
    for tab in tabs:
        if tab:
            page.get_by_role("tab", name=tab).click()
            page.wait_for_timeout(500)
        results = Axe().run(page)
        serious = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
        assert serious == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in serious]
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
    page.locator("#chat").get_by_text("Sumber:").last.wait_for(timeout=30_000)
    page.wait_for_timeout(1000)
    chat = page.locator("#chat")
    assert "<script>window.__pwned" in chat.inner_text(), "the question is shown as typed, as text"
    assert chat.locator("img[src*='evil'], script").count() == 0
    assert page.evaluate("window.__pwned === undefined") and dialogs == []
    assert outside == [], f"the page loaded outside resources: {outside}"
    page.close()
