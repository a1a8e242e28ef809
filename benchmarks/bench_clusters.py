"""Cost of clustering one ingest chunk's events as the store grows (tacitus.analysis.clusters).

The store is synthetic: N clustered events over five years, written by SQL into a migrated
store (dyads skewed towards a few busy pairs, as news is; 12-word sentences from a 400-word
vocabulary), one article per five events. Each repeat adds one chunk of new events dated in
the store's last week (128 articles x 5 events) and times `update_clusters` on it, then takes
the chunk out again. Times are medians of --repeat runs; the peak RSS is this process's.

    python benchmarks/bench_clusters.py                         # stores of 100k and 1M events
    python benchmarks/bench_clusters.py --stored 100000,1000000,10000000
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from tacitus.analysis.clusters import update_clusters
from tacitus.store import Store

CHUNK_EVENTS = 640  # 128 articles x 5 events: one ingest chunk (tacitus.jobs.ingest.CHUNK_SIZE)
DAYS = 1826

# Events numbered from {first}; {total} sets the date scale so event i is dated i/total of five years in.
EVENTS = """
INSERT INTO events (event_id, doc_id, date, source_code, source_country, target_code, target_country,
                    cameo, cameo_root, quad_class, sentence, sentence_index, trigger_start, confidence,
                    cluster_id, is_root)
SELECT 'e' || i, 'd' || (i // 5),
       DATE '2018-01-01' + CAST(floor({days} * i / {total}) AS INTEGER),
       s, s, t, t, c, substr(c, 1, 2), 1,
       array_to_string(list_transform(range(12), lambda k: 'w' || chr(97 + CAST(hash(i * 31 + k) % 400 % 26 AS INTEGER))
                       || chr(97 + CAST(hash(i * 31 + k) % 400 // 26 AS INTEGER)) || 'zz'), ' '),
       CAST(i % 7 AS INTEGER), 100, 0.9,
       {cluster}, {root}
FROM (
    SELECT i,
           'C' || CAST(floor(60 * pow((hash(i) % 1000) / 1000.0, 3)) AS INTEGER) AS s,
           'C' || CAST(floor(60 * pow((hash(i * 7) % 1000) / 1000.0, 3)) AS INTEGER) AS t,
           ['040', '042', '111', '112', '190', '051', '036', '173'][CAST(1 + hash(i * 13) % 8 AS BIGINT)] AS c
    FROM range({first}, {first} + {count}) r(i)
)
"""

ARTICLES = """
INSERT INTO articles (id, date, source, content_hash, text, ingested_at)
SELECT 'd' || j, DATE '2018-01-01' + CAST(floor({days} * j * 5 / {total}) AS INTEGER), 'S' || (j % 50),
       'h' || j, 'text', now()
FROM range({first} // 5, ({first} + {count}) // 5) r(j)
"""

CLUSTERS = """
INSERT INTO clusters (cluster_id, n_events, n_mentions, n_articles, n_sources, first_seen, last_seen,
                      cameo, cameo_root, source_code, target_code, root_event_id, updated_at)
SELECT cluster_id, 1, 1, 1, 1, date, date, cameo, cameo_root, source_code, target_code, event_id, now()
FROM events
"""


def _fill(store: Store, stored: int) -> None:
    con = store.con
    con.execute(EVENTS.format(first=0, count=stored, total=stored, days=DAYS, cluster="'c' || 'e' || i", root="false"))
    con.execute(ARTICLES.format(first=0, count=stored, total=stored, days=DAYS))
    con.execute(CLUSTERS)
    con.execute("CHECKPOINT")


def _add_chunk(store: Store, stored: int) -> None:
    # Dated like the store's last events: the busy end of the window, where new reports arrive.
    first = stored - CHUNK_EVENTS
    store.con.execute(
        EVENTS.format(first=first, count=CHUNK_EVENTS, total=stored, days=DAYS, cluster="NULL", root="NULL").replace(
            "'e' || i", "'n' || i"
        )
    )


def _remove_chunk(store: Store) -> None:
    store.con.execute("DELETE FROM clusters WHERE cluster_id LIKE 'cn%'")
    store.con.execute("DELETE FROM events WHERE event_id LIKE 'n%'")
    store.con.execute("UPDATE clusters SET n_events = 1 WHERE n_events <> 1")


def bench(stored: int, repeat: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        started = time.perf_counter()
        _fill(store, stored)
        fill_seconds = time.perf_counter() - started
        times, joined = [], 0
        for _ in range(repeat):
            _add_chunk(store, stored)
            started = time.perf_counter()
            summary = update_clusters(store)
            times.append(time.perf_counter() - started)
            joined = summary.joined
            _remove_chunk(store)
    return {
        "stored_events": stored,
        "chunk_events": CHUNK_EVENTS,
        "median_seconds_per_chunk": round(statistics.median(times), 4),
        "events_per_second": round(CHUNK_EVENTS / statistics.median(times)),
        "joined_existing": joined,
        "fill_seconds": round(fill_seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stored", default="100000,1000000", help="store sizes in events, comma-separated")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    for stored in (int(x) for x in args.stored.split(",")):
        print(json.dumps(bench(stored, args.repeat)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
