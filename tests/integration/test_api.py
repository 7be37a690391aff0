"""The plain JSON API (POST /api/ask) beside the chat: the Answer contract, its schema, clear refusals, and the
chat's rate limit shared with it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from gradio_client import Client

from assistant.service import Assistant

from ..helpers import start_app


def test_a_question_posted_as_json_gets_the_answer_contract(app_server: dict[str, Any]) -> None:
    url = app_server["url"] + "api/ask"
    reply = httpx.post(url, json={"question": "Bagaimana cara merekam KTP-el?"}, timeout=60)
    assert reply.status_code == 200 and reply.headers["content-encoding"] == "gzip"
    answer = reply.json()
    assert answer["status"] == "answered" and answer["lead"] and answer["feedback_token"]
    source = answer["sources"][0]
    assert source["url"].startswith("/sumber/") and "corpus_path" in source and "path" not in source
    follow_up = httpx.post(url, json={"question": "bayar ga?", "history": ["Bagaimana cara merekam KTP-el?"]}, timeout=60)
    assert "gratis" in follow_up.json()["lead"].lower()


def test_the_api_publishes_its_schema_and_refuses_malformed_requests(app_server: dict[str, Any]) -> None:
    schema = httpx.get(app_server["url"] + "api/openapi.json", timeout=30).json()
    assert "/ask" in schema["paths"] and "AskRequest" in schema["components"]["schemas"]
    url = app_server["url"] + "api/ask"
    assert httpx.post(url, json={"question": 5}, timeout=30).status_code == 422
    assert httpx.post(url, json={"question": "halo", "audience": "wali kota"}, timeout=30).status_code == 422
    assert httpx.post(url, json={"question": "x" * 20_001}, timeout=30).status_code == 422
    long = httpx.post(url, json={"question": "syarat KTP " * 1000}, timeout=60).json()
    assert long["status"] == "clarify", "an over-long question gets a clear request to shorten it"


def test_the_api_shares_the_chats_rate_limit(assistant: Assistant, tmp_path: Path) -> None:
    # one token per 100 minutes: no refill can happen during the test, however slow the machine is
    demo, settings = start_app(assistant, tmp_path / "log.sqlite", rate_limit_per_minute=0.01, rate_limit_burst=2)
    base = f"http://127.0.0.1:{settings.port}/"
    try:
        assert httpx.post(base + "api/ask", json={"question": "halo"}, timeout=60).json()["status"] == "greeting"
        chat = Client(base, verbose=False, download_files=False)
        assert chat.predict("halo", "warga", api_name="/ask")["status"] == "greeting"
        refused = httpx.post(base + "api/ask", json={"question": "halo"}, timeout=60)
        assert refused.status_code == 429 and "Terlalu banyak pertanyaan" in refused.json()["detail"]
        assert refused.headers["retry-after"]
    finally:
        demo.close()
