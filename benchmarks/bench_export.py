"""Peak memory of `tacitus export` on a large store: exports must stay flat as the store grows.

Builds a store of N synthetic events (written by SQL straight into a migrated store; the
values are varied, realistic in size, and sorted neither by date nor by id, so the export's
ORDER BY has real work), then runs `tacitus export` for each format in a fresh process and
reads that process's own peak RSS (os.wait4). Nothing here needs ../shared.

    python benchmarks/bench_export.py --events 10000000            # the README figure
    python benchmarks/bench_export.py --events 200000 --formats parquet
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tacitus.store import Store

FILL = """
INSERT INTO events
SELECT
    printf('%020x', hash(i)) AS event_id,
    'doc' || (i // 7) AS doc_id,
    DATE '2012-01-01' + CAST(hash(i * 3) % 3000 AS INTEGER) AS date,
    'Turkish Foreign Minister' AS source_text, 'TURGOV' AS source_code, 'TUR' AS source_country,
    'GOV' AS source_sector, 'Mevlut Cavusoglu' AS source_name, 10 AS source_char_start, 34 AS source_char_end,
    'U.S.' AS target_text, 'USA' AS target_code, 'USA' AS target_country, NULL AS target_sector,
    'United States' AS target_name, 50 AS target_char_start, 54 AS target_char_end,
    CASE i % 4 WHEN 0 THEN '1211' WHEN 1 THEN '042' WHEN 2 THEN '190' ELSE '010' END AS cameo,
    CASE i % 4 WHEN 0 THEN '12' WHEN 1 THEN '04' WHEN 2 THEN '19' ELSE '01' END AS cameo_root,
    1 + i % 4 AS quad_class, -4.0 AS goldstein, 'REJECT' AS plover_type, NULL AS plover_mode,
    i % 40 AS sentence_index,
    'Turkish Foreign Minister Mevlut Cavusoglu rejected U.S. pressure to cancel the purchase of the '
        || 'S-400 air defence system, sentence ' || i || '.' AS sentence,
    'rejected' AS trigger, 35 AS trigger_start, 43 AS trigger_end, 'reject.v' AS rule,
    0.5 + (i % 50) / 100.0 AS confidence, 'asserted' AS modality, false AS historical,
    NULL AS location, '2026.11.0+bench' AS lexicon_version
FROM range(?) t(i)
"""


def build_store(path: Path, events: int) -> float:
    started = time.perf_counter()
    with Store(path) as store:
        store.con.execute(FILL, [events])
        store.con.execute("CHECKPOINT")
    return time.perf_counter() - started


def export_peak(db: Path, out: Path, format: str) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one `tacitus export` process."""
    tacitus = Path(sys.executable).with_name("tacitus")
    command = [str(tacitus), "export", str(out), "--db", str(db), "--format", format]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"export failed: {process.stderr.read().decode() if process.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--formats", nargs="+", default=["parquet", "csv", "jsonl", "gdelt"])
    parser.add_argument("--dir", type=Path, default=None, help="work folder (default: a temporary one)")
    parser.add_argument("--store", type=Path, default=None, help="reuse (or keep) the store at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        db = args.store or Path(tmp) / "bench.duckdb"
        if db.exists():
            with Store(db, read_only=True) as store:
                print(f"store: {store.count('events'):,} events (reused), {db.stat().st_size / 1e6:,.0f} MB on disk")
        else:
            built = build_store(db, args.events)
            print(f"store: {args.events:,} events, {db.stat().st_size / 1e6:,.0f} MB on disk, built in {built:.1f} s")
        print(f"{'format':<8} {'seconds':>8} {'peak RSS (MB)':>14} {'file (MB)':>10}")
        for format in args.formats:
            out = Path(tmp) / f"events.{format}"
            seconds, peak = export_peak(db, out, format)
            print(f"{format:<8} {seconds:>8.1f} {peak:>14,.0f} {out.stat().st_size / 1e6:>10,.0f}")
            out.unlink()


if __name__ == "__main__":
    main()
