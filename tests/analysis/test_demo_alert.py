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


@pytest.fixture(scope="module")
def demo_alerts(pipeline, tmp_path_factory):  # type: ignore[no-untyped-def]
    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    ingest([DEMO], db=db, pipeline=pipeline)
    with Store(db) as store:
        return find_alerts(store)


@pytest.mark.xfail(
    reason="since events told in passing are no longer coded (docs/events.md), the demo's RUS-UKR week of "
    "2022-02-28 holds two reports of happenings, not the three an alert needs: the war and the invasion it "
    "reports are one cluster, Putin attacking Ukraine the other; the third was 'reporting on Russia's "
    "invasion', a reference the coder no longer counts as an event",
    strict=True,
)
def test_rus_ukr_invasion_is_the_strongest_alert_of_its_week(demo_alerts) -> None:  # type: ignore[no-untyped-def]
    found = demo_alerts
    february = [a for a in found if a.dyad == "RUS-UKR" and str(a.period_start).startswith("2022-02")]
    assert february, [(a.dyad, a.period_start) for a in found[:10]]
    alert = february[0]
    same_week = [a for a in found if a.period_start == alert.period_start]
    assert same_week[0] is alert
    assert alert in found[:5]
    assert any("invasion of Ukraine" in e["sentence"] for e in alert.evidence)


def test_russia_in_the_invasion_weeks_is_the_strongest_alert(demo_alerts) -> None:  # type: ignore[no-untyped-def]
    # the demo's top alert is Russia's, in the week the invasion began or the week after, with the war in its
    # evidence (the sanctions sentence "we have now targeted all ten of Russia's largest financial institutions"
    # was a military strike, 190, until "target" needed violence; docs/analysis.md)
    top = demo_alerts[0]
    assert "RUS" in top.dyad.split("-") and str(top.period_start) in ("2022-02-21", "2022-02-28")
    assert any("war on Ukraine" in e["sentence"] or "assault" in e["sentence"] for e in top.evidence)
    invasion_week = [a for a in demo_alerts[:5] if str(a.period_start) == "2022-02-21"]
    assert invasion_week and all("RUS" in a.dyad.split("-") for a in invasion_week)
