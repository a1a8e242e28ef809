"""Print the coder's mistakes on the real-news dev split, sentence by sentence, for error analysis.

    python tools/realnews_errors.py [--only wrong|missed|spurious] > /tmp/dev_errors.txt

Only the dev split: the test split is never looked at while working on the coder, so this tool
refuses it. The output quotes corpus text: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tacitus.eval.gold import read_gold
from tacitus.eval.report import current_events
from tacitus.eval.score import event_actor_key, match_events
from tacitus.jobs.evaluate import _corpora, _predict, _resolve_articles
from tacitus.models import Event
from tacitus.pipeline import load_pipeline

GOLD = Path(__file__).resolve().parent.parent / "gold" / "realnews" / "dev.jsonl"


def _describe(event: Event) -> str:
    target = event_actor_key(event.target) if event.target else "-"
    return (
        f"{event_actor_key(event.source)} {event.cameo} {target}  trigger={event.evidence.trigger!r} "
        f"src={(event.source.text if event.source else None)!r} tgt={(event.target.text if event.target else None)!r} "
        f"rule={event.evidence.rule} conf={event.confidence:.2f} mod={event.modality}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", choices=["wrong", "missed", "spurious"], default=None)
    parser.add_argument("--round", type=int, default=None, help="only the records of this annotation round")
    args = parser.parse_args()
    gold = read_gold(GOLD)
    gold.records = [record for record in gold.records if record.split == "dev"]
    if args.round is not None:
        rows = (json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip())
        wanted = {row["id"] for row in rows if row.get("round", 1) == args.round}
        gold.records = [record for record in gold.records if record.id in wanted]
    if not gold.records:
        print("no dev records", file=sys.stderr)
        return 1
    articles = _resolve_articles(gold, _corpora(GOLD, None))
    predicted = _predict(load_pipeline(), gold.records, articles)
    for record, events in zip(gold.records, predicted, strict=True):
        events = current_events(events)
        golds = [g for g in record.events if not g.historical]
        full = match_events(golds, events, actors=True)
        typed = match_events(golds, events, actors=False)
        matched_gold = {g for g, _ in full}
        matched_pred = {p for _, p in full}
        typed_gold = {g for g, _ in typed}
        typed_pred = {p for _, p in typed}
        lines = []
        for g, gold_event in enumerate(golds):
            if g in matched_gold:
                continue
            kind = "wrong-actors" if g in typed_gold else "missed"
            if args.only and not kind.startswith(args.only):
                continue
            lines.append(f"  GOLD {kind}: {gold_event.source} {gold_event.cameo} {gold_event.target}")
        for p, event in enumerate(events):
            if p in matched_pred:
                continue
            kind = "wrong-actors" if p in typed_pred else "spurious"
            if args.only and not kind.startswith(args.only):
                continue
            lines.append(f"  PRED {kind}: {_describe(event)}")
        if lines:
            print(f"[{record.id}] {record.text.strip()}")
            print("\n".join(lines))
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
