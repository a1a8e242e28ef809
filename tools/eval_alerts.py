"""Score escalation alerts against a list of known crises (docs/analysis.md#crisis-evaluation).

For every crisis in the list (a dyad such as ``RUS-UKR`` or a country, and a month) inside the
months the store covers, the crisis counts as **found** when an alert of that unit overlaps the
month: for a dyad, an alert of the same (sorted) dyad (strict), or of either of its countries
(lenient); for a country, an alert of the country or of a dyad it is part of. The false-alarm
load is the number of alerts raised per covered month, in all and by level.

    python tools/eval_alerts.py --db /tmp/allsides9.duckdb [--crises gold/crises/allsides.tsv] [--by week]
        [--min-level elevated] [--json out.json]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from tacitus.analysis.alerts import LEVELS, Alert, find_alerts
from tacitus.store import Store

REPO = Path(__file__).resolve().parent.parent


def read_crises(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    first = dt.date.fromisoformat(month + "-01")
    following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first, following - dt.timedelta(days=1)


def matches(alert: Alert, unit: str, *, strict: bool) -> bool:
    sides = set(unit.split("-"))
    if "-" in unit:
        if alert.scope == "dyad":
            return set(alert.dyad.split("-")) == sides
        return not strict and alert.dyad in sides
    return alert.dyad == unit if alert.scope == "country" else unit in alert.dyad.split("-")


def evaluate(db: Path, crises_path: Path, *, by: str, min_level: str) -> dict[str, Any]:
    with Store(db, read_only=True) as store:
        months = [
            row[0]
            for row in store.con.execute(
                "SELECT DISTINCT strftime(date, '%Y-%m') FROM articles "
                "WHERE duplicate_of IS NULL AND date IS NOT NULL ORDER BY 1"
            ).fetchall()
        ]
        articles = store.con.execute("SELECT count(*) FROM articles WHERE duplicate_of IS NULL").fetchone()
        alerts = find_alerts(store, by=by, save=False)
    alerts = [a for a in alerts if LEVELS.index(a.level) >= LEVELS.index(min_level)]
    covered = set(months)
    rows = []
    for crisis in read_crises(crises_path):
        if crisis["month"] not in covered:
            continue
        first, last = month_bounds(crisis["month"])
        in_month = [a for a in alerts if a.period_start <= last and a.period_end >= first]
        strict = [a for a in in_month if matches(a, crisis["unit"], strict=True)]
        lenient = [a for a in in_month if matches(a, crisis["unit"], strict=False)]
        best = max(strict or lenient, key=lambda a: a.score, default=None)
        ranked = sorted(in_month, key=lambda a: -a.score)
        rows.append(
            {
                **crisis,
                "found": bool(strict),
                "found_lenient": bool(lenient),
                "best": None
                if best is None
                else {
                    "dyad": best.dyad,
                    "period_start": best.period_start.isoformat(),
                    "level": best.level,
                    "score": best.score,
                    "evidence": best.evidence[0]["sentence"] if best.evidence else None,
                },
                "rank_in_month": ranked.index(best) + 1 if best else None,
                "alerts_in_month": len(in_month),
            }
        )
    per_level = Counter(a.level for a in alerts)
    n_months = len(months)
    return {
        "db": str(db),
        "by": by,
        "min_level": min_level,
        "articles": int(articles[0]) if articles else 0,
        "months_covered": n_months,
        "first_month": months[0] if months else None,
        "last_month": months[-1] if months else None,
        "crises_in_range": len(rows),
        "found": sum(r["found"] for r in rows),
        "found_lenient": sum(r["found_lenient"] for r in rows),
        "alerts": len(alerts),
        "alerts_per_month": round(len(alerts) / n_months, 2) if n_months else None,
        "alerts_per_month_by_level": {lvl: round(per_level[lvl] / n_months, 2) for lvl in LEVELS} if n_months else {},
        "crises": rows,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--crises", type=Path, default=REPO / "gold" / "crises" / "allsides.tsv")
    parser.add_argument("--by", choices=("week", "month"), default="week")
    parser.add_argument("--min-level", choices=LEVELS, default="elevated")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    report = evaluate(args.db, args.crises, by=args.by, min_level=args.min_level)
    print(
        f"{report['articles']} articles, {report['months_covered']} months "
        f"({report['first_month']}..{report['last_month']}), "
        f"by {report['by']}: {report['found']}/{report['crises_in_range']} crises found "
        f"({report['found_lenient']} lenient); {report['alerts']} alerts, {report['alerts_per_month']} a month "
        f"{report['alerts_per_month_by_level']}"
    )
    for row in report["crises"]:
        best = row["best"]
        mark = "found" if row["found"] else ("lenient" if row["found_lenient"] else "missed")
        detail = f"{best['dyad']} {best['period_start']} {best['level']} rank {row['rank_in_month']}" if best else ""
        print(f"  {row['unit']:8} {row['month']}  {mark:8} {detail:45} {row['crisis']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
