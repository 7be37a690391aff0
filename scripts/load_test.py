"""Load test (prints figures; not a test): N simulated users against the real app over loopback.

Starts `python app.py` on a free port (or uses --url), then each user asks gold-set questions through the
/ask API (Gradio's two-step call: POST, then read the result stream), waits a think time, and asks again,
for a bounded duration. Reports throughput, latency p50/p95/p99, errors, rate-limited calls and the app's
peak memory (VmHWM).

With --replicas N (N > 1) it deploys as a city would: one `chroma run` server, one PostgreSQL question log
(--log-url, or a throwaway server from scripts/test_postgres.sh), a copy of the built index moved onto the
server by `python -m assistant index`, N app processes, and a round-robin TCP proxy in front (its own process;
one new connection per request, a dead replica skipped). Users then call the JSON API (POST /api/ask), which
needs no sticky sessions. --kill-one-at S kills the first replica S seconds into the run.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
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


async def ask_json(client: httpx.AsyncClient, question: str, user: int) -> dict:
    headers = {"X-Forwarded-For": f"10.0.{user // 250}.{user % 250 + 1}"}
    response = await client.post("api/ask", json={"question": question}, headers=headers)
    if response.status_code == 429:
        raise RuntimeError(response.json()["detail"])
    response.raise_for_status()
    return response.json()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


def round_robin_proxy(port: int, backends: list[int]) -> None:
    """A loopback TCP proxy that sends each new connection to the next live backend (run in its own process)."""

    turn = 0

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal turn
        for _ in backends:
            backend = backends[turn % len(backends)]
            turn += 1
            try:
                up_reader, up_writer = await asyncio.open_connection("127.0.0.1", backend)
            except OSError:
                continue  # that replica is down: try the next one
            await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
            return
        writer.close()

    async def serve() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
        async with server:
            await server.serve_forever()

    asyncio.run(serve())


async def user_loop(
    user: int, client: httpx.AsyncClient, questions: list[str], until: float, think: float, results: dict
) -> None:
    rng = random.Random(user)
    await asyncio.sleep(rng.random() * think)
    while time.monotonic() < until:
        started = time.perf_counter()
        try:
            answer = await results["ask"](client, rng.choice(questions), user)
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


async def kill_later(process: subprocess.Popen | None, delay: float | None, results: dict) -> None:
    if process is None or delay is None:
        return
    await asyncio.sleep(delay)
    process.send_signal(signal.SIGKILL)
    results["killed at"] = delay


async def run(
    url: str, users: int, seconds: float, think: float, json_api: bool, victim: subprocess.Popen | None, kill_at: float | None
) -> dict:
    questions = [json.loads(line)["question"] for line in GOLD.read_text("utf-8").splitlines() if line.strip()]
    questions = [q for q in questions if len(q) < 1000]
    results: dict = {"latency": [], "statuses": {}, "error": [], "rate-limited": [], "busy": [], "busy latency": []}
    results["ask"] = ask_json if json_api else ask
    # through the round-robin proxy, a new connection per request, so requests (not users) are spread
    keepalive = 0 if json_api else users * 2
    limits = httpx.Limits(max_connections=users * 2, max_keepalive_connections=keepalive)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        until = time.monotonic() + seconds
        started = time.perf_counter()
        await asyncio.gather(
            kill_later(victim, kill_at, results),
            *(user_loop(u, client, questions, until, think, results) for u in range(users)),
        )
        results["wall"] = time.perf_counter() - started
        await asyncio.sleep(5)
        recovery = []
        for n in range(5):
            began = time.perf_counter()
            answer = await results["ask"](client, questions[n], 10_000 + n)
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
    if "killed at" in results:
        print(f"  one replica killed {results['killed at']:.0f} s into the run")
    print(f"  recovery, 5 s later: {results.get('recovery')}")
    for sample in results["error"][:3]:
        print(f"  error sample: {sample}")


def wait_until_up(url: str, processes: list[subprocess.Popen], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    for process in processes:
        process.kill()
    sys.exit(f"{url} did not start")


def start_app(port: int, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def deploy_replicas(
    count: int, log_url: str | None, env: dict[str, str], workdir: Path
) -> tuple[list[subprocess.Popen], list[int]]:
    """A Chroma server, the index moved onto it, and ``count`` app processes sharing it and one question log."""
    if log_url is None:
        command = ["bash", "scripts/test_postgres.sh", "start"]
        started = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        log_url = started.stdout.strip().split("=", 1)[1]
    chroma_port = free_port()
    chroma = subprocess.Popen(
        [str(Path(sys.executable).with_name("chroma")), "run", "--path", str(workdir / "chroma"), "--port", str(chroma_port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_up(f"http://127.0.0.1:{chroma_port}/api/v2/heartbeat", [chroma], 60)
    index_dir = workdir / "index"
    if (ROOT / "index").exists():
        shutil.copytree(ROOT / "index", index_dir, ignore=shutil.ignore_patterns("chroma"))
    env |= {
        "ASSISTANT_EMBEDDING_THREADS": "1",  # the replicas share this machine's cores
        "ASSISTANT_INDEX_DIR": str(index_dir),
        "ASSISTANT_CHROMA_URL": f"http://127.0.0.1:{chroma_port}",
        "ASSISTANT_LOG_URL": log_url,
    }
    began = time.perf_counter()
    subprocess.run([sys.executable, "-m", "assistant", "index"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    print(f"index on the Chroma server in {time.perf_counter() - began:.1f} s; log {log_url.split('@')[-1]}")
    ports = [free_port() for _ in range(count)]
    apps = [start_app(port, env) for port in ports]
    for port in ports:
        wait_until_up(f"http://127.0.0.1:{port}/api/health", [chroma, *apps])
    generations = {httpx.get(f"http://127.0.0.1:{port}/api/health").json()["generation"] for port in ports}
    print(f"{count} replicas up, serving generation(s) {sorted(generations)}")
    return [chroma, *apps], ports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=3.0, help="mean seconds a user waits between questions")
    parser.add_argument("--url", help="an already running app (default: start one)")
    parser.add_argument("--no-rate-limit", action="store_true", help="start the app with the rate limit off")
    parser.add_argument("--replicas", type=int, default=1, help="app processes behind a round-robin proxy")
    parser.add_argument("--log-url", help="with --replicas: the shared question log (default: a throwaway PostgreSQL)")
    parser.add_argument("--kill-one-at", type=float, help="with --replicas: kill the first replica after this many seconds")
    args = parser.parse_args()
    if args.users > 500 or args.seconds > 600 or not 1 <= args.replicas <= 8:
        parser.error("bounded: at most 500 users, 600 seconds and 8 replicas")
    if args.url and args.replicas > 1:
        parser.error("--replicas starts its own deployment; leave out --url")
    env = os.environ | {"ASSISTANT_TRUST_PROXY_HEADERS": "true", "OMP_NUM_THREADS": "1", "ASSISTANT_INDEX_THREADS": "1"}
    if args.no_rate_limit:
        env["ASSISTANT_RATE_LIMIT_PER_MINUTE"] = "0"
    processes: list[subprocess.Popen] = []
    proxy = None
    victim = None
    url = args.url
    workdir = Path(tempfile.mkdtemp(prefix="tk-load-"))
    try:
        if args.replicas > 1:
            processes, ports = deploy_replicas(args.replicas, args.log_url, env, workdir)
            victim = processes[1]
            proxy_port = free_port()
            proxy = multiprocessing.Process(target=round_robin_proxy, args=(proxy_port, ports), daemon=True)
            proxy.start()
            url = f"http://127.0.0.1:{proxy_port}/"
            wait_until_up(f"{url}api/health", processes)
        elif url is None:
            port = free_port()
            env["ASSISTANT_LOG_DB"] = str(workdir / "questions.sqlite")
            processes = [start_app(port, env)]
            url = f"http://127.0.0.1:{port}/"
            wait_until_up(url, processes)
        results = asyncio.run(run(url, args.users, args.seconds, args.think, args.replicas > 1, victim, args.kill_one_at))
        rss = max((peak_rss_mb(p.pid) for p in processes[-args.replicas :]), default=float("nan"))
        label = (
            f"{args.users} users, {args.seconds:.0f} s, think {args.think:.1f} s, "
            f"rate limit {'off' if args.no_rate_limit else 'on'}, {args.replicas} replica(s)"
        )
        report(label, results, rss)
    finally:
        if proxy is not None:
            proxy.terminate()
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
