"""Throughput of `tacitus ingest --engine dask` on a LocalCluster, against the local engine on as many workers.

The first N articles of ../shared/corpora/allsides_political_news are written to a JSONL file and
ingested into fresh stores, alternating the engines for `--rounds` rounds (a shared machine slows
both alike; quote the medians). Each run is timed whole: cluster or pool start, reading, coding,
loading and the store-time enrichers, as a user would see it.

    python benchmarks/bench_dask.py --articles 400 --workers 2 [--rounds 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared/corpora/allsides_political_news/allsides_political_news.jsonl.gz"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partition-lines", type=int, default=100)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    if not CORPUS.is_file():
        print(f"benchmark corpus not found: {CORPUS} (it lives in ../shared/corpora)", file=sys.stderr)
        return 2

    from tacitus.config import Settings
    from tacitus.jobs.dask_engine import ingest_dask
    from tacitus.jobs.ingest import ingest

    settings = Settings.load(workers=args.workers)
    seconds: dict[str, list[float]] = {"dask": [], "local": []}
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "articles.jsonl"
        with gzip.open(CORPUS, "rt", encoding="utf-8") as handle:
            source.write_text("".join(islice(handle, args.articles)), encoding="utf-8")
        for round_ in range(args.rounds):
            order = ("dask", "local") if round_ % 2 == 0 else ("local", "dask")
            for engine in order:
                db = Path(folder) / f"{engine}-{round_}.duckdb"
                began = time.perf_counter()
                if engine == "dask":
                    summary = ingest_dask([source], db=db, settings=settings, partition_lines=args.partition_lines)
                else:
                    summary = ingest([source], db=db, settings=settings)
                seconds[engine].append(time.perf_counter() - began)
                print(
                    f"round {round_ + 1} {engine:5}: {summary.new} articles, {summary.events} events, "
                    f"{summary.new / seconds[engine][-1]:.2f} articles/s",
                    flush=True,
                )
    figures = {
        "articles": args.articles,
        "workers": args.workers,
        "dask_articles_per_s_median": args.articles / statistics.median(seconds["dask"]),
        "local_articles_per_s_median": args.articles / statistics.median(seconds["local"]),
        "seconds": seconds,
    }
    print(
        f"\nLocalCluster of {args.workers} workers: {figures['dask_articles_per_s_median']:.2f} articles/s; "
        f"local engine, {args.workers} workers: {figures['local_articles_per_s_median']:.2f} articles/s "
        f"(median of {args.rounds}, whole runs)"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
