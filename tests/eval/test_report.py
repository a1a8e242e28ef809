"""`build_report` on hand-made events: what is scored, what is only counted."""

from __future__ import annotations

from pathlib import Path

from tacitus.eval import build_report, compact_event
from tacitus.eval.gold import GoldEvent, GoldFile, GoldRecord

from .helpers import event


def test_events_flagged_historical_are_counted_not_scored() -> None:
    gold = GoldFile(Path("g.jsonl"))
    gold.records.append(GoldRecord("a", "In 2003 the US invaded Iraq.", events=(), penta_class=None))
    gold.records.append(GoldRecord("b", "Turkey rejected it.", events=(GoldEvent("TUR", "USA", "12"),)))
    predicted = [[event("USA", "IRQ", "192", historical=True)], [event("TUR", "USA", "120")]]
    report = build_report("g.jsonl", gold, predicted)
    assert report.historical == 1
    assert report.events is not None
    assert (report.events.dyad.tp, report.events.dyad.predicted) == (1, 1)
    assert report.no_event == 1
    assert report.to_dict()["historical_not_scored"] == 1


def test_compact_event_marks_history_and_rounds_confidence() -> None:
    compact = compact_event(event("USA", "IRQ", "192", confidence=0.6666, historical=True))
    assert compact["confidence"] == 0.667 and compact["historical"] is True  # three places: bands and plots agree
    assert "historical" not in compact_event(event("USA", "IRQ", "192"))
    assert "event_id" not in compact and "lexicon_version" not in compact
