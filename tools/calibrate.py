"""Fit the confidence calibration on the real-news DEV split and write tacitus/data/lexicon/calibration.tsv.

Codes gold/realnews/dev.jsonl with calibration switched off (raw scores), marks each
predicted event fully right or not (source country, target country and root, as
`tacitus eval` matches them), fits a monotone map raw → share fully right
(`tacitus.coding.calibration.fit_isotonic`) and writes it as data. Only the dev split is
read: the test split stays held out, and `tacitus eval gold/realnews/test.jsonl` then shows
whether the calibration holds on articles it never saw. Reproducible: same code, same data,
same file (`make calibrate`).

    python tools/calibrate.py [--gold gold/realnews/dev.jsonl] [--min-block 12] [--check]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from tacitus.coding.calibration import fit_isotonic
from tacitus.config import Settings
from tacitus.jobs.evaluate import evaluate

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "tacitus" / "data" / "lexicon" / "calibration.tsv"
HEADER = """# source: fitted by tools/calibrate.py on gold/realnews/dev.jsonl (the real-news dev split; test never read)
# licence: MIT (Tacitus)
# generator: tools/calibrate.py
# raw: the coder's raw score (rule prior x evidence factors); calibrated: the share of dev events with about that
# raw score that were fully right (source, target and root). Linear between points, flat beyond them.
raw\tcalibrated\tevents
"""


def samples(gold: Path) -> list[tuple[float, bool]]:
    """(raw confidence, fully right) for every predicted, scored event of the gold file (calibration off)."""
    settings = replace(Settings.load(), calibrate=False)
    report = evaluate(gold, settings=settings)
    found: list[tuple[float, bool]] = []
    for detail in report.details:
        matched = set(detail.get("matched", []))
        for index, event in enumerate(detail["predicted"]):
            found.append((float(event["confidence"]), index in matched))
    return found


def render(points: list[tuple[float, float, int]]) -> str:
    rows = "".join(f"{raw:.4f}\t{share:.4f}\t{count}\n" for raw, share, count in points)
    return HEADER + rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=REPO / "gold" / "realnews" / "dev.jsonl")
    parser.add_argument("--min-block", type=int, default=12, help="fewest events behind one point")
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped file differs from a fresh fit")
    args = parser.parse_args()
    if "test" in args.gold.name:
        raise SystemExit("calibrate on the dev split only: the test split is held out")
    data = samples(args.gold)
    points = fit_isotonic(data, min_block=args.min_block)
    text = render(points)
    if args.check:
        sys.exit(0 if OUT.read_text(encoding="utf-8") == text else 1)
    OUT.write_text(text, encoding="utf-8")
    print(f"{len(data)} dev events, {sum(hit for _, hit in data)} fully right; {len(points)} points -> {OUT}")
    for raw, share, count in points:
        print(f"  raw {raw:.3f} -> {share:.3f} ({count} events)")


if __name__ == "__main__":
    main()
