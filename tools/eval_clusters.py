"""Score the report clusters (tacitus.analysis.clusters) against gold/clusters/events.jsonl.

    .venv/bin/python tools/eval_clusters.py                       # ingest the gold articles, cluster, score
    .venv/bin/python tools/eval_clusters.py --db /tmp/gold.duckdb # keep (or reuse) the store
    .venv/bin/python tools/eval_clusters.py --db /tmp/gold.duckdb --sweep   # other thresholds and windows

The gold articles are ingested with the real pipeline (the spaCy model is needed), oldest first,
so clusters grow as they would in production. Gold events are found in the store by article,
trigger offsets, actor codes and CAMEO code; those the current coder no longer produces are
counted as missing and left out of the scores. Scores: pairwise precision and recall (over
pairs of events in one cluster / one gold happening) and B-cubed precision, recall and F1
(per event, averaged), on all events and on two halves split by dyad ("dev" was used to choose
the parameters, "test" was not). The allsides part needs ../shared/corpora; without it only the
demo part is scored.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "clusters" / "events.jsonl"
CORPORA = {
    "demo": ROOT / "demo" / "demo_corpus.jsonl",
    "allsides_political_news": ROOT.parent
    / "shared"
    / "corpora"
    / "allsides_political_news"
    / "allsides_political_news.jsonl.gz",
}


def read_gold(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{number}: not JSON: {exc}") from exc
        missing = {"corpus", "article", "trigger_start", "trigger_end", "source_code", "cameo", "happening"} - set(row)
        if missing:
            raise SystemExit(f"{path}:{number}: missing {', '.join(sorted(missing))}")
        rows.append(row)
    return rows


def _lines(path: Path) -> Iterable[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
        yield from handle


def collect_articles(gold: list[dict[str, Any]], out: Path) -> tuple[int, list[str]]:
    """Write the gold articles, oldest first, to `out`; return how many and the corpora missing."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for row in gold:
        wanted[row["corpus"]].add(row["article"])
    found: list[dict[str, Any]] = []
    missing = []
    for corpus, ids in sorted(wanted.items()):
        path = CORPORA.get(corpus)
        if path is None or not path.is_file():
            missing.append(corpus)
            continue
        for line in _lines(path):
            record = json.loads(line)
            if record.get("id") in ids:
                found.append(record)
    found.sort(key=lambda r: (r.get("date") or "", r["id"]))
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in found), encoding="utf-8")
    return len(found), missing


def split_of(happening_rows: list[dict[str, Any]]) -> str:
    """dev or test, by a hash of the happening's country pair, so one dyad's events stay together."""
    first = happening_rows[0]
    pair = "-".join(sorted((first["source_code"][:3], (first.get("target_code") or "")[:3])))
    return "dev" if int(hashlib.sha1(pair.encode()).hexdigest(), 16) % 2 == 0 else "test"


def match(gold: list[dict[str, Any]], store: Any) -> dict[int, str]:
    """Gold row index -> stored cluster_id, for the gold events the store holds."""
    rows = store.con.execute(
        "SELECT doc_id, trigger_start, trigger_end, source_code, coalesce(target_code, ''), cameo, cluster_id "
        "FROM events"
    ).fetchall()
    by_key = {tuple(r[:6]): r[6] for r in rows}
    found = {}
    for index, g in enumerate(gold):
        key = (
            g["article"],
            g["trigger_start"],
            g["trigger_end"],
            g["source_code"],
            g.get("target_code") or "",
            g["cameo"],
        )
        if key in by_key:
            found[index] = by_key[key]
    return found


def scores(gold_of: dict[int, str], predicted: dict[int, str]) -> dict[str, float]:
    """Pairwise and B-cubed precision/recall/F1 of `predicted` clusters against `gold_of` happenings."""
    items = sorted(set(gold_of) & set(predicted))
    gold_groups: dict[str, set[int]] = defaultdict(set)
    predicted_groups: dict[str, set[int]] = defaultdict(set)
    for i in items:
        gold_groups[gold_of[i]].add(i)
        predicted_groups[predicted[i]].add(i)
    true_pairs = predicted_pairs = both = 0
    for i_pos, i in enumerate(items):
        for j in items[i_pos + 1 :]:
            same_gold = gold_of[i] == gold_of[j]
            same_predicted = predicted[i] == predicted[j]
            true_pairs += same_gold
            predicted_pairs += same_predicted
            both += same_gold and same_predicted
    b_precision = b_recall = 0.0
    for i in items:
        g, p = gold_groups[gold_of[i]], predicted_groups[predicted[i]]
        shared = len(g & p)
        b_precision += shared / len(p)
        b_recall += shared / len(g)
    n = len(items) or 1
    bp, br = b_precision / n, b_recall / n
    return {
        "events": len(items),
        "happenings": len(gold_groups),
        "clusters": len(predicted_groups),
        "pair_precision": both / predicted_pairs if predicted_pairs else 1.0,
        "pair_recall": both / true_pairs if true_pairs else 1.0,
        "bcubed_precision": bp,
        "bcubed_recall": br,
        "bcubed_f1": 2 * bp * br / (bp + br) if bp + br else 0.0,
    }


def evaluate(gold: list[dict[str, Any]], store: Any) -> dict[str, Any]:
    found = match(gold, store)
    by_happening: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in gold:
        by_happening[g["happening"]].append(g)
    split = {h: split_of(rows) for h, rows in by_happening.items()}
    gold_of = {i: g["happening"] for i, g in enumerate(gold)}
    report: dict[str, Any] = {"gold_events": len(gold), "found": len(found)}
    report["all"] = scores(gold_of, found)
    for part in ("dev", "test"):
        keep = {i: h for i, h in gold_of.items() if split[h] == part}
        report[part] = scores(keep, {i: c for i, c in found.items() if i in keep})
    singletons = {i: f"alone-{i}" for i in found}
    report["baseline_every_event_alone"] = scores(gold_of, singletons)
    return report


def _print(report: dict[str, Any], title: str) -> None:
    print(f"\n{title}  (gold events {report['gold_events']}, found in the store {report['found']})")
    print(
        f"{'part':<28}{'events':>7}{'happen.':>8}{'clust.':>7}{'pair P':>8}{'pair R':>8}"
        f"{'B3 P':>7}{'B3 R':>7}{'B3 F1':>7}"
    )
    for part in ("all", "dev", "test", "baseline_every_event_alone"):
        s = report[part]
        print(
            f"{part:<28}{s['events']:>7}{s['happenings']:>8}{s['clusters']:>7}{s['pair_precision']:>8.3f}"
            f"{s['pair_recall']:>8.3f}{s['bcubed_precision']:>7.3f}{s['bcubed_recall']:>7.3f}{s['bcubed_f1']:>7.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--db", type=Path, help="store to build (or reuse when it exists)")
    parser.add_argument("--sweep", action="store_true", help="also score other similarity thresholds and windows")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)

    from tacitus.analysis import clusters
    from tacitus.jobs.ingest import ingest
    from tacitus.store import Store

    gold = read_gold(args.gold)
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "gold.duckdb"
        if not db.exists():
            articles = Path(tmp) / "articles.jsonl"
            count, missing = collect_articles(gold, articles)
            if missing:
                print(f"corpora not found, their events are left out: {', '.join(missing)}", file=sys.stderr)
                gold = [g for g in gold if g["corpus"] not in missing]
            print(f"ingesting {count} gold articles into {db} ...", file=sys.stderr)
            ingest([articles], db=db)
        with Store(db) as store:
            clusters.rebuild_clusters(store)  # the module's parameters, whatever the store was built with
            report = evaluate(gold, store)
            report["parameters"] = {"window_days": clusters.WINDOW_DAYS, "min_similarity": clusters.MIN_SIMILARITY}
            sweep = []
            if args.sweep:
                defaults = (clusters.WINDOW_DAYS, clusters.MIN_SIMILARITY)
                for window in (1, 3, 7):
                    for threshold in (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
                        clusters.WINDOW_DAYS, clusters.MIN_SIMILARITY = window, threshold
                        clusters.rebuild_clusters(store)
                        sweep.append({"window_days": window, "min_similarity": threshold, **evaluate(gold, store)})
                clusters.WINDOW_DAYS, clusters.MIN_SIMILARITY = defaults
                clusters.rebuild_clusters(store)
    if args.json:
        print(json.dumps({**report, "sweep": sweep}, indent=2))
        return 0
    _print(
        report,
        f"window {report['parameters']['window_days']} days, similarity >= {report['parameters']['min_similarity']}",
    )
    if sweep:
        print("\nsweep (B-cubed F1 dev / test / all; pairwise P, R on dev)")
        for row in sweep:
            print(
                f"  window {row['window_days']}  sim >= {row['min_similarity']:<5} "
                f"F1 {row['dev']['bcubed_f1']:.3f} / {row['test']['bcubed_f1']:.3f} / {row['all']['bcubed_f1']:.3f}   "
                f"dev pair P {row['dev']['pair_precision']:.3f} R {row['dev']['pair_recall']:.3f}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
