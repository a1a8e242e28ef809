"""`series`: counts by QuadClass, clusters, Goldstein, coverage-normalised rates and the default exclusions."""

from __future__ import annotations

import datetime as dt

import pytest
from _stores import StoreBuilder, week

from tacitus.analysis.series import DEFAULT_MIN_CONFIDENCE, SERIES_COLUMNS, series
from tacitus.errors import AnalysisError
from tacitus.store import Store


@pytest.fixture
def two_weeks(tmp_path):  # type: ignore[no-untyped-def]
    b = StoreBuilder(tmp_path / "s.duckdb")
    for a in range(4):
        b.article(f"a{a}", week(0, a))
    for a in range(2):
        b.article(f"b{a}", week(1, a))
    b.event("a0", week(0), "RUS", "UKR", "190")
    b.event("a1", week(0, 1), "RUSMIL", "UKR", "193")
    b.event("a2", week(0, 2), "UKR", "RUS", "111")
    b.event("a3", week(0, 3), "RUS", "UKR", "042")
    b.event("b0", week(1), "RUS", "UKR", "057")
    # excluded by default: history, not asserted, low confidence
    b.event("b0", week(1), "RUS", "UKR", "190", historical=True)
    b.event("b1", week(1), "RUS", "UKR", "190", modality="hypothetical")
    b.event("b1", week(1), "RUS", "UKR", "190", modality="negated")
    b.event("b1", week(1), "RUS", "UKR", "190", confidence=DEFAULT_MIN_CONFIDENCE / 2)
    b.event("b1", week(1), "TUR", "USA", "163")
    return b.build()


def test_counts_by_quadclass_goldstein_and_rate(two_weeks) -> None:  # type: ignore[no-untyped-def]
    frame = series(two_weeks, dyad="RUS-UKR", by="week")
    assert list(frame.columns) == list(SERIES_COLUMNS)
    assert list(frame["period"]) == [week(0, 0), week(1, 0)]
    assert list(frame["period_end"]) == [week(0, 6), week(1, 6)]
    first, second = frame.iloc[0], frame.iloc[1]
    # directed RUS→UKR: the UKR→RUS criticism is not counted; RUSMIL matches RUS by code prefix
    assert (first["events"], first["events_material_conflict"], first["events_verbal_coop"]) == (3, 2, 1)
    assert first["goldstein_sum"] == pytest.approx(-10.0 - 10.0 + 1.9)
    assert first["goldstein_mean"] == pytest.approx((-10.0 - 10.0 + 1.9) / 3)
    assert first["conflict_share"] == pytest.approx(2 / 3)
    assert first["articles"] == 4
    assert first["events_per_1k_articles"] == pytest.approx(750.0)
    # week 1: only the asserted, current, confident cooperation event is left
    assert (second["events"], second["events_verbal_coop"], second["articles"]) == (1, 1, 2)
    assert second["events_per_1k_articles"] == pytest.approx(500.0)


def test_undirected_counts_both_directions(two_weeks) -> None:  # type: ignore[no-untyped-def]
    directed = series(two_weeks, dyad="UKR-RUS")
    both = series(two_weeks, dyad="UKR-RUS", undirected=True)
    assert list(directed["events"]) == [1, 0]
    assert list(both["events"]) == [4, 1]
    assert both.iloc[0]["events_verbal_conflict"] == 1


def test_exclusions_can_be_lifted(two_weeks) -> None:  # type: ignore[no-untyped-def]
    assert series(two_weeks, dyad="RUS-UKR", include_historical=True).iloc[1]["events"] == 2
    assert series(two_weeks, dyad="RUS-UKR", min_confidence=0.0).iloc[1]["events"] == 2
    # hypothetical and negated events never count: they did not happen
    assert series(two_weeks, dyad="RUS-UKR", min_confidence=0.0, include_historical=True).iloc[1]["events"] == 3


def test_actor_is_either_side_by_country_or_code_prefix(two_weeks) -> None:  # type: ignore[no-untyped-def]
    assert list(series(two_weeks, actor="UKR")["events"]) == [4, 1]
    assert list(series(two_weeks, actor="RUSMIL")["events"]) == [1, 0]
    assert list(series(two_weeks, actor="usa")["events"]) == [0, 1]


def test_periods_without_events_are_zero_rows_and_months_group(two_weeks) -> None:  # type: ignore[no-untyped-def]
    frame = series(two_weeks, dyad="RUS-UKR", by="day", since=week(0, 0), until=week(0, 6))
    assert len(frame) == 7
    assert list(frame["events"]) == [0, 2, 0, 1, 0, 0, 0]
    assert frame.iloc[4]["articles"] == 0 and frame["events_per_1k_articles"].isna().sum() == 3
    monthly = series(two_weeks, dyad="RUS-UKR", by="month")
    assert list(monthly["period"]) == [dt.date(2021, 1, 1)]
    assert monthly.iloc[0]["events"] == 4 and monthly.iloc[0]["period_end"] == dt.date(2021, 1, 31)


def test_clusters_count_one_happening_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    b = StoreBuilder(tmp_path / "c.duckdb")
    for a in range(3):
        b.article(f"a{a}", week(0, a))
    b.event("a0", week(0), "RUS", "UKR", "190", cluster="k1")
    b.event("a1", week(0, 1), "RUS", "UKR", "190", cluster="k1")
    b.event("a2", week(0, 2), "RUS", "UKR", "190")  # no cluster: its own
    row = series(b.build(clusters=True), dyad="RUS-UKR").iloc[0]
    assert (row["events"], row["clusters"], row["clusters_material_conflict"]) == (3, 2, 2)


def test_store_without_cluster_column_counts_events(two_weeks, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tacitus.analysis.series as module

    with Store(two_weeks, read_only=True) as store:
        assert module.cluster_expression(store) == "coalesce(events.cluster_id, events.event_id)"
        # a store from before clusters (schema 0003): the column is absent
        monkeypatch.setattr(module, "has_column", lambda *_: False)
        assert module.cluster_expression(store) == "events.event_id"
        frame = series(store, dyad="RUS-UKR", undirected=True)
    assert list(frame["clusters"]) == list(frame["events"]) == [4, 1]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"by": "year"}, "periods can be"),
        ({"dyad": "RUSUKR"}, "should look like"),
        ({"dyad": "RUS-UKR", "actor": "RUS"}, "not both"),
        ({"since": "2021-02-01", "until": "2021-01-01"}, "after"),
        ({"since": "yesterday-ish"}, "--since"),
    ],
)
def test_bad_requests_raise_analysis_errors(two_weeks, kwargs, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnalysisError, match=message):
        series(two_weeks, **kwargs)


def test_empty_store_gives_an_empty_frame(tmp_path) -> None:  # type: ignore[no-untyped-def]
    frame = series(StoreBuilder(tmp_path / "e.duckdb").build())
    assert frame.empty and list(frame.columns) == list(SERIES_COLUMNS)
