"""Inter-annotator agreement on the real-news gold: what two independent annotators agree on.

Reads two annotation files in the by-reference gold format (docs/eval.md) and compares the
sentences both coded. One file plays "reference" only to name precision and recall; F1 is
symmetric. Historical events are left out on both sides, as in `tacitus eval`.

    python tools/agreement.py gold/realnews/agreement/first_pass.jsonl gold/realnews/agreement/second_pass.jsonl

Figures: event agreement (source country, target country and CAMEO root all equal), root
agreement, per-field agreement among events of the same root, and Cohen's kappa on whether
a sentence holds an event at all. No figure the coder reaches beyond these is meaningful.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path

from tacitus.eval.gold import GoldEvent, read_gold


def pairs(
    a: Sequence[GoldEvent], b: Sequence[GoldEvent], same: Callable[[GoldEvent, GoldEvent], bool]
) -> list[tuple[int, int]]:
    used: set[int] = set()
    found = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            if j not in used and same(x, y):
                used.add(j)
                found.append((i, j))
                break
    return found


def full(x: GoldEvent, y: GoldEvent) -> bool:
    return x.root == y.root and x.source_key == y.source_key and x.target_key == y.target_key


def typed(x: GoldEvent, y: GoldEvent) -> bool:
    return x.root == y.root


def kappa(a: list[bool], b: list[bool]) -> float:
    n = len(a)
    observed = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agreement(first: Path, second: Path) -> dict[str, object]:
    one = {r.id: [e for e in r.events or () if not e.historical] for r in read_gold(first).records}
    two = {r.id: [e for e in r.events or () if not e.historical] for r in read_gold(second).records}
    ids = sorted(one.keys() & two.keys())
    counts = {"full": 0, "typed": 0, "a": 0, "b": 0}
    fields = {"source": [0, 0], "target": [0, 0], "modality": [0, 0]}
    for rid in ids:
        a, b = one[rid], two[rid]
        counts["a"] += len(a)
        counts["b"] += len(b)
        matched = pairs(a, b, full)
        counts["full"] += len(matched)
        rest_a = [i for i in range(len(a)) if i not in {i for i, _ in matched}]
        rest_b = [j for j in range(len(b)) if j not in {j for _, j in matched}]
        extra = pairs([a[i] for i in rest_a], [b[j] for j in rest_b], typed)
        same_type = matched + [(rest_a[i], rest_b[j]) for i, j in extra]
        counts["typed"] += len(pairs(a, b, typed))
        for i, j in same_type:
            x, y = a[i], b[j]
            for name, equal in (
                ("source", x.source_key == y.source_key),
                ("target", x.target_key == y.target_key),
                ("modality", x.modality == y.modality if x.modality and y.modality else None),
            ):
                if equal is not None:
                    fields[name][0] += int(equal)
                    fields[name][1] += 1

    def f1(hits: int) -> dict[str, float]:
        p = hits / counts["b"] if counts["b"] else 0.0
        r = hits / counts["a"] if counts["a"] else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}

    return {
        "sentences": len(ids),
        "events": {"first": counts["a"], "second": counts["b"]},
        "event_agreement": f1(counts["full"]),
        "root_agreement": f1(counts["typed"]),
        "fields_given_same_root": {k: round(v[0] / v[1], 3) if v[1] else None for k, v in fields.items()},
        "has_event_kappa": round(kappa([bool(one[i]) for i in ids], [bool(two[i]) for i in ids]), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args()
    print(json.dumps(agreement(args.first, args.second), indent=2))


if __name__ == "__main__":
    main()
