"""Load on loopback: `tacitus serve` answering a bounded number of concurrent clients for a bounded time.

    python benchmarks/bench_serve.py --db demo.duckdb [--clients 8] [--seconds 15] [--runs 3]

Starts the server as its own process (uvicorn, one worker, as `tacitus serve` runs it) on
127.0.0.1, then for each target keeps `--clients` asyncio clients (httpx) asking one after the
other for `--seconds`. Reports requests per second and the median and 95th-percentile
latency, the median over `--runs` runs. Targets: a page of /api/events for a dyad, the same
with evidence, and the dyad page (series, alerts and the chart). Any non-200 answer is counted
and fails the run.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

TARGETS = {
    "/api/events (dyad, 50 events)": "/api/events?dyad=RUS-UKR&undirected=true&limit=50",
    "/api/events (evidence, 50)": "/api/events?dyad=RUS-UKR&undirected=true&limit=50&evidence=true",
    "/dyad/RUS-UKR (page)": "/dyad/RUS-UKR",
}


def start_server(db: Path) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tacitus", "serve", "--db", str(db), "--port", "0"],
        stderr=subprocess.PIPE,
        text=True,
    )
    said, found, deadline = "", None, time.monotonic() + 120
    while found is None and time.monotonic() < deadline and process.poll() is None:
        said += process.stderr.readline() if process.stderr else ""
        found = re.search(r"http://127\.0\.0\.1:\d+", said)
    if not found:
        process.terminate()
        raise SystemExit(f"the server did not start: {said}")
    return process, found.group(0)


async def load(url: str, clients: int, seconds: float) -> tuple[int, list[float], int]:
    """(answers, latencies in seconds, failures) of `clients` clients asking `url` for `seconds`."""
    latencies: list[float] = []
    failures = 0
    stop_at = time.perf_counter() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as http:

        async def client() -> None:
            nonlocal failures
            while time.perf_counter() < stop_at:
                started = time.perf_counter()
                answer = await http.get(url)
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    failures += 1

        began = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return round(len(latencies) / elapsed), latencies, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, default=Path("demo.duckdb"))
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    process, base = start_server(args.db)
    try:
        for url in TARGETS.values():  # warm up: first requests load the templates and caches
            httpx.get(base + url, timeout=60).raise_for_status()
        print(f"{args.clients} concurrent clients, {args.seconds:g} s per run, median of {args.runs} runs")
        print(f"{'target':<32} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
        for name, url in TARGETS.items():
            rates, p50s, p95s = [], [], []
            for _ in range(args.runs):
                rate, latencies, failures = asyncio.run(load(base + url, args.clients, args.seconds))
                if failures:
                    raise SystemExit(f"{name}: {failures} answers were not 200")
                cuts = statistics.quantiles(latencies, n=100)
                rates.append(rate)
                p50s.append(statistics.median(latencies) * 1000)
                p95s.append(cuts[94] * 1000)
            print(
                f"{name:<32} {statistics.median(rates):>7.0f} {statistics.median(p50s):>8.1f} "
                f"{statistics.median(p95s):>8.1f}"
            )
    finally:
        process.terminate()
        process.wait(timeout=20)
        if process.stderr:
            process.stderr.close()


if __name__ == "__main__":
    main()
