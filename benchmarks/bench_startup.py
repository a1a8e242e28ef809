"""How long `tacitus --help` and `import tacitus` take, from a fresh process each time.

    python benchmarks/bench_startup.py [--runs 15]

Prints the median and the spread of wall time per command, next to a bare `python -c pass`
so the interpreter's own start can be told apart (the machines are noisy).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

TACITUS = str(Path(sys.executable).with_name("tacitus"))

COMMANDS = {
    "python -c pass": [sys.executable, "-c", "pass"],
    "python -c 'import tacitus'": [sys.executable, "-c", "import tacitus"],
    "tacitus --help": [TACITUS, "--help"],
}


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print(f"{'command':<28} {'median s':>9} {'min s':>7} {'max s':>7}")
    samples: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(args.runs):  # interleaved, so a noisy moment hits every command alike
        for name, command in COMMANDS.items():
            samples[name].append(timed(command))
    for name, values in samples.items():
        print(f"{name:<28} {statistics.median(values):>9.3f} {min(values):>7.3f} {max(values):>7.3f}")


if __name__ == "__main__":
    main()
