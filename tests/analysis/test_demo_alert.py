"""The demo's promise (issue 9): on the demo corpus the RUS-UKR escalation of February 2022 is the
strongest alert of its week, and its evidence names the invasion. Ingests the whole demo corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.analysis.alerts import find_alerts
from tacitus.jobs.ingest import ingest
from tacitus.store import Store

DEMO = Path(__file__).resolve().parents[2] / "demo" / "demo_corpus.jsonl"

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_rus_ukr_invasion_is_the_strongest_alert_of_its_week(pipeline, tmp_path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "demo.duckdb"
    ingest([DEMO], db=db, pipeline=pipeline)
    with Store(db) as store:
        found = find_alerts(store)
    february = [a for a in found if a.dyad == "RUS-UKR" and str(a.period_start).startswith("2022-02")]
    assert february, [(a.dyad, a.period_start) for a in found[:10]]
    alert = february[0]
    same_week = [a for a in found if a.period_start == alert.period_start]
    assert same_week[0] is alert
    assert alert in found[:5]
    assert any("invasion of Ukraine" in e["sentence"] for e in alert.evidence)
