"""The risk index: threat and act shares of articles, per country or overall, rebased to 100."""

from __future__ import annotations

import datetime as dt

import pytest
from _stores import StoreBuilder

from tacitus.analysis.risk_index import INDEX_COLUMNS, gpr_codes, risk_index
from tacitus.errors import AnalysisError


def _day(month: int, day: int = 5) -> dt.date:
    return dt.date(2020, month, day)


@pytest.fixture(scope="module")
def months(tmp_path_factory):  # type: ignore[no-untyped-def]
    """10 articles a month for three months; threats and acts in some of them."""
    b = StoreBuilder(tmp_path_factory.mktemp("gpr") / "g.duckdb")
    for month in (1, 2, 3):
        for a in range(10):
            b.article(f"m{month}a{a}", _day(month, a + 1))
    b.event("m1a0", _day(1), "USA", "IRN", "1384")  # threat: attack
    b.event("m1a1", _day(1), "USA", "IRN", "190")  # act
    b.event("m2a0", _day(2), "IRN", "USA", "1384")
    b.event("m2a1", _day(2), "IRN", "USA", "152")  # threat: military alert
    b.event("m2a2", _day(2), "RUS", "UKR", "193")  # act
    b.event("m2a2", _day(2), "RUS", "UKR", "190")  # same article: counts once
    b.event("m3a0", _day(3), "USA", "CAN", "042")  # no risk
    b.event("m3a1", _day(3), "USA", "IRN", "163")  # sanctions: not war risk
    b.event("m3a2", _day(3), "USA", "IRN", "190", modality="hypothetical")
    return b.build()


def test_gpr_codes_are_read_from_the_data_file() -> None:
    codes = dict(gpr_codes())
    assert codes["138"] == "threat" and codes["15"] == "threat"
    assert codes["18"] == codes["19"] == codes["20"] == "act"
    assert "16" not in codes


def test_overall_index_is_rebased_to_100(months) -> None:  # type: ignore[no-untyped-def]
    frame = risk_index(months)
    assert list(frame.columns) == list(INDEX_COLUMNS)
    assert list(frame["country"]) == ["ALL"] * 3
    assert list(frame["threat_articles"]) == [1, 2, 0]
    assert list(frame["act_articles"]) == [1, 1, 0]
    assert list(frame["gpr_articles"]) == [2, 3, 0]
    assert frame["gpr"].mean() == pytest.approx(100.0)
    assert list(frame["gpr"]) == pytest.approx([120.0, 180.0, 0.0])
    assert list(frame["gprt"]) == pytest.approx([100.0, 200.0, 0.0])


def test_base_period_and_country(months) -> None:  # type: ignore[no-untyped-def]
    based = risk_index(months, base_since="2020-01-01", base_until="2020-01-31")
    assert based.iloc[0]["gpr"] == pytest.approx(100.0)
    assert based.iloc[1]["gpr"] == pytest.approx(150.0)
    iran = risk_index(months, country="IRN")
    assert list(iran["gpr_articles"]) == [2, 2, 0]
    assert list(iran["country"]) == ["IRN"] * 3
    ukraine = risk_index(months, country="UKR", base_since="2020-02-01", base_until="2020-02-29")
    assert list(ukraine["gpra"]) == pytest.approx([0.0, 100.0, 0.0])


def test_empty_base_period_is_an_error(months) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnalysisError, match="base period"):
        risk_index(months, base_since="2030-01-01")
