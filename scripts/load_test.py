"""Load test (prints figures; not a test): N simulated users against the real app over loopback.

Starts `python app.py` on a free port (or uses --url), then each user asks gold-set questions through the
/ask API (Gradio's two-step call: POST, then read the result stream), waits a think time, and asks again,
for a bounded duration. Reports throughput, latency p50/p95/p99, errors, rate-limited calls and the app's
peak memory (VmHWM).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "eval" / "gold.jsonl"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def ask(client: httpx.AsyncClient, question: str, user: int) -> dict:
    headers = {"X-Forwarded-For": f"10.0.{user // 250}.{user % 250 + 1}"}
    posted = await client.post("gradio_api/call/ask", json={"data": [question, "warga"]}, headers=headers)
    posted.raise_for_status()
    event_id = posted.json()["event_id"]
    async with client.stream("GET", f"gradio_api/call/ask/{event_id}", headers=headers) as stream:
        event = None
        async for line in stream.aiter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event in ("complete", "error"):
                data = line.split(":", 1)[1].strip()
                if event == "error":
                    raise RuntimeError(data)
                return json.loads(data)[0]
    raise RuntimeError("stream ended without a result")


async def user_loop(
    user: int, client: httpx.AsyncClient, questions: list[str], until: float, think: float, results: dict
) -> None:
    rng = random.Random(user)
    await asyncio.sleep(rng.random() * think)
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            answer = await ask(client, rng.choice(questions), user)
            results["latency"].append(time.perf_counter() - started)
            results["statuses"][answer["status"]] = results["statuses"].get(answer["status"], 0) + 1
        except Exception as exc:  # noqa: BLE001 - counted, not raised
            kind = "rate-limited" if "Terlalu banyak" in str(exc) else "busy" if "sedang ramai" in str(exc) else "error"
            results[kind].append(repr(exc)[:200])
            if kind == "busy":
                results["busy latency"].append(time.perf_counter() - started)
        await asyncio.sleep(think * (0.5 + rng.random()))


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


async def run(url: str, users: int, seconds: float, think: float) -> dict:
    questions = [json.loads(line)["question"] for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    questions = [q for q in questions if len(q) < 1000]
    results: dict = {"latency": [], "statuses": {}, "error": [], "rate-limited": [], "busy": [], "busy latency": []}
    limits = httpx.Limits(max_connections=users * 2, max_keepalive_connections=users * 2)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        until = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(*(user_loop(u, client, questions, until, think, results) for u in range(users)))
        results["wall"] = time.perf_counter() - started
        await asyncio.sleep(5)
        recovery = []
        for n in range(5):
            began = time.perf_counter()
            answer = await ask(client, questions[n], 10_000 + n)
            recovery.append((answer["status"], round((time.perf_counter() - began) * 1000)))
        results["recovery"] = recovery
    return results


def report(name: str, results: dict, rss: float) -> None:
    lat = sorted(results["latency"])
    q = statistics.quantiles(lat, n=100) if len(lat) >= 2 else [float("nan")] * 99
    print(f"\n== {name}")
    print(
        f"  answered calls {len(lat)} in {results['wall']:.1f} s = {len(lat) / results['wall']:.1f}/s; "
        f"errors {len(results['error'])}; rate-limited {len(results['rate-limited'])}; "
        f"turned away busy {len(results['busy'])}"
    )
    print(
        f"  latency p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, p99 {q[98] * 1000:.0f} ms, "
        f"max {lat[-1] * 1000 if lat else float('nan'):.0f} ms"
    )
    busy = sorted(results["busy latency"])
    if len(busy) >= 2:
        b = statistics.quantiles(busy, n=100)
        print(f"  busy reply after p50 {b[49] * 1000:.0f} ms, p95 {b[94] * 1000:.0f} ms")
    print(f"  statuses {results['statuses']}")
    print(f"  app peak RSS {rss:.0f} MB")
    print(f"  recovery, 5 s later: {results.get('recovery')}")
    for sample in results["error"][:3]:
        print(f"  error sample: {sample}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds a user waits between questions")
    parser.add_argument("--url", help="an already running app (default: start one)")
    parser.add_argument("--no-rate-limit", action="store_true", help="start the app with the rate limit off")
    args = parser.parse_args()
    if args.users > 500 or args.seconds > 600:
        parser.error("bounded: at most 500 users and 600 seconds")
    app = None
    url = args.url
    if url is None:
        port = free_port()
        env = os.environ | {
            "ASSISTANT_TRUST_PROXY_HEADERS": "true",
            "OMP_NUM_THREADS": "1",
            "ASSISTANT_LOG_DB": str(Path("/tmp") / f"tk-load-{port}.sqlite"),
        }
        if args.no_rate_limit:
            env["ASSISTANT_RATE_LIMIT_PER_MINUTE"] = "0"
        app = subprocess.Popen(
            [sys.executable, "app.py", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(url, timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            app.kill()
            sys.exit("the app did not start")
    try:
        results = asyncio.run(run(url, args.users, args.seconds, args.think))
        rss = peak_rss_mb(app.pid) if app else float("nan")
        label = (
            f"{args.users} users, {args.seconds:.0f} s, think {args.think:.1f} s, "
            f"rate limit {'off' if args.no_rate_limit else 'on'}"
        )
        report(label, results, rss)
    finally:
        if app:
            app.terminate()
            app.wait(timeout=30)


if __name__ == "__main__":
    main()
