"""Print the coder's mistakes on the real-news dev split, sentence by sentence, for error analysis.

    python tools/realnews_errors.py [--only wrong|missed|spurious] [--round N] > /tmp/dev_errors.txt

Only the dev split: the test split is never looked at while working on the coder, so this tool
refuses it. The output quotes corpus text: keep it out of the repository.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tacitus.eval.score import event_actor_key
from tacitus.jobs.evaluate import scored_records
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
    scored = scored_records(GOLD, load_pipeline(), split="dev", rounds=None if args.round is None else [args.round])
    if not scored:
        print("no dev records", file=sys.stderr)
        return 1
    for item in scored:
        record, golds, events = item.record, item.gold, item.predicted
        matched_gold = {g for g, _ in item.right}
        matched_pred = {p for _, p in item.right}
        typed_gold = {g for g, _ in item.typed}
        typed_pred = {p for _, p in item.typed}
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
