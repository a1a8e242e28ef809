"""The founding Bloomberg story: every required event, no forbidden one (../shared/seed).

The seed text is copyrighted, so it is read from ../shared (skipped when absent), never copied.
Entries are checked by the same code as `tacitus eval` (tacitus.eval.check_seed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.eval import check_seed
from tacitus.eval.gold import SeedSpec, read_seed
from tacitus.models import Event

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def seed(shared_dir: Path, pipeline) -> tuple[SeedSpec, list[Event]]:  # type: ignore[no-untyped-def]
    """The seed's expectations and the events coded from its article (read as `tacitus ingest` would)."""
    from tacitus.sources import read_articles

    spec = read_seed(shared_dir / "seed" / "expected_events.json")
    (article,) = list(read_articles([spec.article]))
    assert not isinstance(article, Exception), article
    return spec, pipeline.code_article(article).events


def test_required_events_are_coded(seed):
    spec, events = seed
    checks = check_seed(spec.entries, events)
    missing = [c.entry.id for c in checks if c.entry.kind == "required" and not c.passed]
    assert not missing, f"required seed events not coded: {missing}"


def test_forbidden_events_are_absent(seed):
    """R2 (a 16x reduction of relations) is material conflict in the GDELT quad classes, so an
    event a required entry asks for is exempt from "no quad 4" (see docs/eval.md)."""
    spec, events = seed
    for check in check_seed(spec.entries, events):
        if check.entry.kind == "forbidden":
            assert check.passed, f"forbidden {check.entry.id}: {[events[i].to_dict() for i in check.matching]}"


def test_no_material_conflict_beyond_the_sanction(seed):
    _, events = seed
    assert not [e for e in events if e.cameo_root in ("14", "15", "17", "18", "19", "20")]


def test_at_most_the_allowed_number_of_events(seed):
    spec, events = seed
    assert spec.max_events is not None and 0 < len(events) <= spec.max_events


def test_every_event_has_its_evidence(seed):
    _, events = seed
    for event in events:
        assert event.evidence.trigger and event.evidence.rule
        assert event.date == "2019-04-03"
        assert 0.0 < event.confidence <= 1.0
