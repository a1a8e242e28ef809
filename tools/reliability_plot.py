"""Draw the coder's reliability diagram on real news: confidence against the share fully right.

Reads one or more `tacitus eval --format json` reports (for example of the real-news dev
and test splits), bins every scored event by its confidence and plots, per bin, the share
of events that were fully right (source, target and root), with the number of events in
each bin. A calibrated coder sits on the diagonal.

    tacitus eval gold/realnews/test.jsonl --format json > test.json
    python tools/reliability_plot.py dev.json test.json --out docs/img/reliability.png
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

EDGES = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0001)


def bins(report: dict[str, Any]) -> list[tuple[float, float | None, int]]:
    """(bin middle, share fully right or None, events) per confidence bin of one report."""
    totals = [0] * (len(EDGES) - 1)
    hits = [0] * (len(EDGES) - 1)
    for detail in report["records_detail"]:
        matched = set(detail.get("matched", []))
        for index, event in enumerate(detail["predicted"]):
            b = next(i for i in range(len(EDGES) - 1) if EDGES[i] <= event["confidence"] < EDGES[i + 1])
            totals[b] += 1
            hits[b] += int(index in matched)
    return [
        ((EDGES[i] + min(EDGES[i + 1], 1.0)) / 2, hits[i] / totals[i] if totals[i] else None, totals[i])
        for i in range(len(totals))
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(5.2, 4.6), dpi=120)
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="calibrated")
    for path, marker in zip(args.reports, "os^D", strict=False):
        report = json.loads(path.read_text(encoding="utf-8"))
        points = [(x, y, n) for x, y, n in bins(report) if y is not None]
        label = Path(report["path"]).stem
        axis.plot([x for x, _, _ in points], [y for _, y, _ in points], marker=marker, label=label)
        for x, y, n in points:
            axis.annotate(str(n), (x, y), textcoords="offset points", xytext=(4, -10), fontsize=7)
    axis.set_xlim(0, 1)
    axis.set_ylim(0, 1)
    axis.set_xlabel("confidence (bins of 0.2; numbers: events in the bin)")
    axis.set_ylabel("share of events fully right")
    axis.set_title("Reliability on real news (gold/realnews)")
    axis.legend(loc="upper left", fontsize=8)
    figure.tight_layout()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
