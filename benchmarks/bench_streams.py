"""Streams: WARC records read per second, feed entries per second, and what a watcher poll costs.

    python benchmarks/bench_streams.py [--records 300] [--runs 3]

Everything is synthetic and local: the WARC and the feed are written here, the feed URL is served on
127.0.0.1 by a thread of this process. Reading includes text extraction (trafilatura), not coding;
the poll figures use a pipeline that codes nothing, so they are the watcher's own overhead.
Medians over `--runs`; docs/ingest.md quotes the figures.
"""

from __future__ import annotations

import argparse
import io
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from tacitus.models import Article
from tacitus.sources import read_articles
from tacitus.sources.http import Fetcher

WORDS = [
    "minister",
    "talks",
    "border",
    "trade",
    "council",
    "vote",
    "army",
    "protest",
    "court",
    "budget",
    "harbour",
    "election",
    "treaty",
    "envoy",
]


def page(rng: random.Random, n: int) -> bytes:
    paragraphs = "".join(
        "<p>" + " ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + ".</p>" for _ in range(6)
    )
    return (
        f"<!doctype html><html><head><title>Story {n}</title></head><body><nav>Home | World</nav>"
        f"<article><h1>Story {n}</h1>{paragraphs}</article><footer>(c) Example</footer></body></html>"
    ).encode()


def write_warc(path: Path, records: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(7)
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for n in range(records):
            body = page(rng, n)
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                f"https://news.example/{n}",
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-01-02T03:04:05Z"},
            )
            writer.write_record(record)


def feed(entries: int) -> bytes:
    rng = random.Random(11)
    items = "".join(
        f"<item><title>Story {n}</title><link>https://news.example/{n}</link>"
        f"<content:encoded><![CDATA[{page(rng, n).decode()}]]></content:encoded></item>"
        for n in range(entries)
    )
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Wire</title>{items}</channel></rss>"
    ).encode()


class CodesNothing:
    lexicon_version = "bench"

    def process(self, articles: Iterable[Article]) -> Iterator[Any]:
        return iter(())


def serve(body: bytes) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            if self.path == "/feed.xml" and self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.end_headers()
                return
            if self.path != "/feed.xml":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.send_header("ETag", '"v1"')
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/feed.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from tacitus.jobs.watch import watch
    from tacitus.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc = folder / "synthetic.warc.gz"
        write_warc(warc, args.records)
        list(read_articles([warc]))  # warm-up: imports trafilatura
        rates = []
        for _ in range(args.runs):
            started = time.perf_counter()
            read = sum(isinstance(item, Article) for item in read_articles([warc]))
            rates.append(read / (time.perf_counter() - started))
        size = warc.stat().st_size / 1e6
        print(f"WARC.gz {args.records} HTML records ({size:.1f} MB): {statistics.median(rates):.0f} records/s (median)")

        feed_file = folder / "wire.xml"
        feed_file.write_bytes(feed(args.records))
        rates = []
        for _ in range(args.runs):
            started = time.perf_counter()
            read = sum(isinstance(item, Article) for item in read_articles([feed_file]))
            rates.append(read / (time.perf_counter() - started))
        print(
            f"RSS file, {args.records} entries with content:encoded: {statistics.median(rates):.0f} entries/s (median)"
        )

        server, url = serve(feed(50))
        inbox = folder / "inbox"
        inbox.mkdir()
        for n in range(1000):
            (inbox / f"{n}.txt").write_text(f"Story {n}: the council met.", encoding="utf-8")
        with Store(folder / "w.duckdb") as store, Fetcher(min_interval=0) as fetcher:
            for label, sources in (("unchanged feed URL (304)", [url]), ("unchanged folder of 1,000 files", [inbox])):
                watch(sources, db=store, once=True, pipeline=CodesNothing(), fetcher=fetcher)  # first poll reads all
                seconds = []
                for _ in range(max(args.runs, 5)):
                    started = time.perf_counter()
                    watch(sources, db=store, once=True, pipeline=CodesNothing(), fetcher=fetcher)
                    seconds.append(time.perf_counter() - started)
                print(f"watch poll, {label}: {statistics.median(seconds) * 1000:.0f} ms (median)")
        server.shutdown()
        server.server_close()
    print(f"python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
