"""Alerts: spikes alert, flat series do not, the guards hold, alerts explain themselves and are stored."""

from __future__ import annotations

import math

import pytest
from _stores import StoreBuilder, week, weekly_store

from tacitus.analysis.alerts import (
    AlertSettings,
    alert_id,
    find_alerts,
    list_alerts,
    negbin_sf,
    poisson_sf,
)
from tacitus.errors import AnalysisError
from tacitus.store import Store

CONTRACT_KEYS = {
    "alert_id",
    "dyad",
    "period_start",
    "period_end",
    "measure",
    "value",
    "baseline",
    "score",
    "level",
    "events",
    "evidence",
}


@pytest.fixture(scope="module")
def spike(tmp_path_factory):  # type: ignore[no-untyped-def]
    """RUS→UKR: one attack a week for 30 weeks, then 12 in week 30, then one a week again."""
    counts = [1] * 30 + [12] + [1] * 3
    return weekly_store(tmp_path_factory.mktemp("spike") / "s.duckdb", counts)


def test_poisson_and_negative_binomial_tails() -> None:
    assert poisson_sf(3, 1.0) == pytest.approx(1 - math.exp(-1) * (1 + 1 + 0.5))
    assert poisson_sf(0, 2.0) == 1.0
    assert poisson_sf(1, 0.5) == pytest.approx(1 - math.exp(-0.5))
    assert poisson_sf(40, 2.0) < 1e-30
    # over-dispersion fattens the tail: the same jump is less surprising for a bursty unit
    assert negbin_sf(8, 2.0, 3.0) > 10 * poisson_sf(8, 2.0)
    # a negative binomial with mean 2, variance 6 (size 1): geometric, P(X >= k) = (2/3)^k
    assert negbin_sf(5, 2.0, 3.0) == pytest.approx((2 / 3) ** 5)


def test_known_spike_alerts_and_explains_itself(spike, tmp_path) -> None:  # type: ignore[no-untyped-def]
    found = find_alerts(spike, save=False)
    top = found[0]
    assert (top.dyad, top.scope, top.period_start, top.measure) == ("RUS-UKR", "dyad", week(30, 0), "conflict")
    assert top.value == 12 and top.level == "extreme"
    # 30 attacks + 0.5 prior over 31 periods, scaled by the week's 12 articles against the usual 10
    assert top.baseline == pytest.approx(30.5 / 31 * 1.2, abs=1e-3)
    assert top.baseline_short == pytest.approx(1.0) and top.baseline_long == pytest.approx(1.0)
    assert top.p_value < 1e-4 and top.score == pytest.approx(-math.log10(top.p_value), abs=1e-3)
    assert top.history == 30
    assert len(top.events) == 12 and len(top.evidence) == 3
    assert {e["title"] for e in top.evidence} <= {f"Week 30 story {a}" for a in range(12)}
    assert all(e["sentence"].endswith("in week 30.") and e["source"].startswith("Paper") for e in top.evidence)
    assert set(top.to_dict()) >= CONTRACT_KEYS
    assert "RUS-UKR" in top.explain() and "extreme" in top.explain()
    # no alert anywhere else: flat weeks before and after, and the cooperation background never counts
    assert {(a.dyad, a.period_start) for a in found} <= {("RUS-UKR", week(30, 0)), ("RUS", week(30, 0))} | {
        ("UKR", week(30, 0))
    }


def test_country_alert_explained_by_its_dyad_is_folded(spike) -> None:  # type: ignore[no-untyped-def]
    found = find_alerts(spike, save=False)
    assert [a.dyad for a in found if a.period_start == week(30, 0)] == ["RUS-UKR"]
    countries = find_alerts(spike, save=False, scopes=("country",))
    assert {a.dyad for a in countries} == {"RUS", "UKR"}


def test_strongest_events_come_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    b = StoreBuilder(tmp_path / "order.duckdb")
    for n in range(12):
        for a in range(6):
            b.article(f"w{n}a{a}", week(n, a))
        b.event(f"w{n}a0", week(n), "RUS", "UKR", "111")
    for a in range(6):
        b.article(f"s{a}", week(12, a))
    b.event("s0", week(12), "RUS", "UKR", "111", sentence="Moscow criticised Kyiv.")
    b.event("s1", week(12), "RUS", "UKR", "130", sentence="Moscow threatened Kyiv.")
    for a in range(2, 6):
        b.event(f"s{a}", week(12, a), "RUS", "UKR", "193", sentence=f"Russian forces shelled town {a}.")
    alert = next(a for a in find_alerts(b.build(), save=False, dyad="RUS-UKR") if a.measure == "conflict")
    assert alert.value == 6
    assert all("shelled" in e["sentence"] for e in alert.evidence)
    # material conflict first, then the threat (Goldstein -4.4) before the criticism (-2.0)
    assert alert.events == ["e0000014", "e0000015", "e0000016", "e0000017", "e0000013", "e0000012"]


def test_flat_series_does_not_alert(tmp_path) -> None:  # type: ignore[no-untyped-def]
    counts = [3, 4, 3, 2, 3, 4, 3, 3, 2, 4] * 6
    assert find_alerts(weekly_store(tmp_path / "flat.duckdb", counts), save=False) == []


def test_short_history_is_guarded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = weekly_store(tmp_path / "short.duckdb", [1, 1, 1, 12])
    assert find_alerts(path, save=False) == []
    loose = find_alerts(path, save=False, settings=AlertSettings(min_history=3))
    assert [(a.dyad, a.value) for a in loose if a.measure == "conflict"] == [("RUS-UKR", 12)]


def test_tiny_counts_are_guarded(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # a dyad never seen before: two events are not an alert, however small the baseline
    assert find_alerts(weekly_store(tmp_path / "tiny.duckdb", [0] * 20 + [2]), save=False) == []
    # five events from one press release are one report
    b = StoreBuilder(tmp_path / "one.duckdb")
    for n in range(20):
        b.article(f"w{n}", week(n))
    for i in range(5):
        b.event("w19", week(19), "USA", "IRN", "163", sentence=f"Sanction {i}.")
    assert find_alerts(b.build(), save=False) == []


def test_more_coverage_is_not_more_conflict(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # one attack per 10 articles throughout; in week 20 the news volume and the attacks both triple
    b = StoreBuilder(tmp_path / "volume.duckdb")
    for n in range(21):
        per_week = 30 if n == 20 else 10
        for a in range(per_week):
            b.article(f"w{n}a{a}", week(n, a % 7))
        for a in range(per_week // 10):
            b.event(f"w{n}a{a}", week(n, a % 7), "RUS", "UKR", "190")
    assert find_alerts(b.build(), save=False) == []


def test_undirected_dyads_are_sorted_and_directed_ones_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = weekly_store(tmp_path / "dir.duckdb", [1] * 20 + [12], dyad=("USA", "RUS"))
    assert {a.dyad for a in find_alerts(path, save=False, scopes=("dyad",))} == {"RUS-USA"}
    assert {a.dyad for a in find_alerts(path, save=False, scopes=("dyad",), undirected=False)} == {"USA-RUS"}
    assert find_alerts(path, save=False, scopes=("dyad",), undirected=False, dyad="RUS-USA") == []


def test_alerts_are_stored_with_stable_ids_and_listable(spike, tmp_path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(spike.read_bytes())
    with Store(copy) as store:
        first = find_alerts(store)
        again = find_alerts(store)
        assert [a.alert_id for a in first] == [a.alert_id for a in again]
        assert store.con.execute("SELECT count(*) FROM alerts").fetchone() == (len(first),)
    top = first[0]
    assert top.alert_id == alert_id(
        scope="dyad", dyad="RUS-UKR", directed=False, period="week", period_start=week(30, 0), measure="conflict"
    )
    listed = list_alerts(copy, dyad="UKR-RUS")
    assert [a.alert_id for a in listed] == [top.alert_id]
    assert listed[0].to_dict() == top.to_dict()
    assert list_alerts(copy, level="extreme", since=week(30, 0)) == [a for a in first if a.level == "extreme"]
    assert list_alerts(copy, since=week(31, 0)) == []
    assert list_alerts(copy, until=week(29, 6)) == []
    assert len(list_alerts(copy, limit=0)) == 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "day"}, "periods can be"),
        ({"measures": ("tone",)}, "measure must be"),
        ({"scopes": ("city",)}, "scope must be"),
        ({"settings": AlertSettings(short_window=10, long_window=5)}, "short window"),
        ({"settings": AlertSettings(min_count=0)}, "min_count"),
        ({"dyad": "RUS-"}, "should look like"),
    ],
)
def test_bad_requests_raise(spike, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnalysisError, match=message):
        find_alerts(spike, save=False, **kwargs)


def test_list_rejects_unknown_level(spike) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnalysisError, match="level must be"):
        list_alerts(spike, level="panic")
