"""Cost of the enrichers per article: tone, near-duplicate hashing, and the band-index lookup as the store grows.

Uses the demo corpus (demo/demo_corpus.jsonl, shipped) as the articles; the stored corpus
the lookup runs against is synthetic band rows (one per article and band, random bucket
keys, as real keys are), written by SQL into a migrated store, so no ../shared is needed.
Times are medians of --repeat runs; the peak RSS is this process's.

    python benchmarks/bench_enrich.py                          # stores of 10k and 100k originals
    python benchmarks/bench_enrich.py --stored 10000,100000,1000000
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tacitus.enrich.near_duplicates import BANDS, MinHasher, find_near_duplicates, shingles
from tacitus.enrich.tone import tone
from tacitus.models import Article
from tacitus.store import Store

DEMO = Path(__file__).resolve().parent.parent / "demo" / "demo_corpus.jsonl"
CHUNK = 128  # articles per ingest chunk (tacitus.jobs.ingest.CHUNK_SIZE)

FILL = """
INSERT INTO article_bands
SELECT (i % {bands})::SMALLINT, (hash(i) >> 1)::BIGINT, 'stored' || (i // {bands})
FROM range({rows}) t(i)
"""


def _median_seconds(work: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stored", default="10000,100000", help="comma-separated sizes of the stored corpus")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    records = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = [Article(id=f"new{i}", text=r["text"]) for i, r in enumerate(records)]
    chunk = articles[:CHUNK]
    words = sum(len(a.text.split()) for a in articles)
    hasher = MinHasher()
    result: dict[str, object] = {"articles": len(articles), "mean_words": round(words / len(articles))}

    seconds = _median_seconds(lambda: [tone(a.text) for a in articles], args.repeat)
    result["tone_ms_per_article"] = round(1000 * seconds / len(articles), 3)
    seconds = _median_seconds(
        lambda: [hasher.band_keys(hasher.signature(shingles(a.text))) for a in articles], args.repeat
    )
    result["minhash_ms_per_article"] = round(1000 * seconds / len(articles), 3)

    lookups: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sorted(int(s) for s in args.stored.split(",")):
            path = Path(folder) / f"bench{size}.duckdb"
            with Store(path) as store:
                store.con.execute(FILL.format(bands=BANDS, rows=size * BANDS))
                seconds = _median_seconds(lambda store=store: find_near_duplicates(store.con, chunk), args.repeat)
            lookups[str(size)] = round(1000 * seconds / len(chunk), 3)
            print(f"stored {size}: {lookups[str(size)]} ms per article", file=sys.stderr)
    result["lookup_ms_per_article_by_stored_originals"] = lookups
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
