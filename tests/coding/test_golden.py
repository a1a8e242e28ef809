"""Golden files: the coder's output on hand-written news sentences, pinned.

Each ``tests/golden/coding/<case>.jsonl`` holds the input sentences and their HAND
annotation (gold format, docs/eval.md); ``<case>.events.json`` is the SNAPSHOT of what
the coder produced for them. `test_golden_output_unchanged` fails on any change in
output; after a deliberate change run ``pytest tests/coding/test_golden.py
--update-golden`` and review the snapshot diff in the commit.
`test_hand_annotation_agreement` scores the snapshot-producing output against the hand
annotation and fails if agreement drops below the floors measured in docs/eval.md.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest

from tacitus.eval import build_report, compact_event, read_gold
from tacitus.eval.gold import GoldFile
from tacitus.models import Article, Event

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "coding"
CASES = sorted(GOLDEN.glob("*.jsonl"))

#: Agreement floors (F1 over all golden files): the measured value (event 0.417, root 0.676,
#: docs/eval.md) minus about 0.03; raise them when the coder improves.
DYAD_F1_FLOOR = 0.38
ROOT_F1_FLOOR = 0.64

_runs: dict[Path, tuple[GoldFile, list[list[Event]]]] = {}


def _run(pipeline: Any, case: Path) -> tuple[GoldFile, list[list[Event]]]:
    """Code every record of a case in one `pipeline.process` call (cached for the session)."""
    if case not in _runs:
        gold = read_gold(case)
        assert not gold.problems, [problem.message for problem in gold.problems]
        articles = (Article(id=record.id, text=record.text, date=record.date) for record in gold.records)
        _runs[case] = (gold, [result.events for result in pipeline.process(articles)])
    return _runs[case]


def _snapshot_path(case: Path) -> Path:
    return case.with_name(f"{case.stem}.events.json")


def _render(snapshot: dict[str, list[dict[str, Any]]]) -> str:
    """One event per line, so a snapshot diff shows exactly which events changed."""
    lines = ["{"]
    for n, (record_id, events) in enumerate(snapshot.items()):
        comma = "," if n < len(snapshot) - 1 else ""
        if not events:
            lines.append(f"  {json.dumps(record_id)}: []{comma}")
            continue
        lines.append(f"  {json.dumps(record_id)}: [")
        for m, event in enumerate(events):
            inner = "," if m < len(events) - 1 else ""
            lines.append(f"    {json.dumps(event, ensure_ascii=False)}{inner}")
        lines.append(f"  ]{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


@pytest.mark.model
@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_golden_output_unchanged(case: Path, pipeline: Any, update_golden: bool) -> None:
    gold, predicted = _run(pipeline, case)
    actual = {
        record.id: [compact_event(event) for event in events]
        for record, events in zip(gold.records, predicted, strict=True)
    }
    snapshot = _snapshot_path(case)
    rendered = _render(actual)
    if update_golden:
        snapshot.write_text(rendered, encoding="utf-8")
        return
    if not snapshot.exists():
        pytest.fail(f"no snapshot {snapshot.name}; run: pytest tests/coding/test_golden.py --update-golden")
    expected_text = snapshot.read_text(encoding="utf-8")
    if json.loads(expected_text) == actual:
        return
    texts = {record.id: record.text for record in gold.records}
    changed = [rid for rid in actual if json.loads(expected_text).get(rid) != actual[rid]]
    diff = "".join(
        difflib.unified_diff(
            expected_text.splitlines(keepends=True),
            rendered.splitlines(keepends=True),
            fromfile=f"{snapshot.name} (snapshot)",
            tofile="current output",
        )
    )
    sentences = "\n".join(f"  {rid}: {texts.get(rid, '(record removed)')}" for rid in changed)
    pytest.fail(
        f"coder output changed for {len(changed)} record(s) of {case.name}:\n{sentences}\n\n{diff}\n"
        "If the change is intended: pytest tests/coding/test_golden.py --update-golden, and review the diff.",
        pytrace=False,
    )


def test_every_root_has_at_least_eight_golden_events() -> None:
    roots: dict[str, int] = {}
    records = 0
    for case in CASES:
        gold = read_gold(case)
        assert not gold.problems, [problem.message for problem in gold.problems]
        records += len(gold.records)
        for record in gold.records:
            for event in record.events or ():
                roots[event.root or "?"] = roots.get(event.root or "?", 0) + 1
    assert records >= 300
    assert {f"{n:02d}" for n in range(1, 21)} <= set(roots)
    assert min(roots[f"{n:02d}"] for n in range(1, 21)) >= 8, roots


@pytest.mark.model
def test_hand_annotation_agreement(pipeline: Any) -> None:
    gold_all = GoldFile(GOLDEN)
    predicted_all: list[list[Event]] = []
    for case in CASES:
        gold, predicted = _run(pipeline, case)
        gold_all.records.extend(gold.records)
        predicted_all.extend(predicted)
    report = build_report(GOLDEN, gold_all, predicted_all)
    assert report.events is not None
    dyad, root = report.events.dyad.f1, report.events.root.f1
    assert dyad >= DYAD_F1_FLOOR, f"event F1 (source, target, root) fell to {dyad:.3f} < {DYAD_F1_FLOOR}"
    assert root >= ROOT_F1_FLOOR, f"root-only F1 fell to {root:.3f} < {ROOT_F1_FLOOR}"
