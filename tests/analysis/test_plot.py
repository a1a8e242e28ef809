"""Plots write real, non-empty images; bad output names are clear errors."""

from __future__ import annotations

import pytest
from _stores import weekly_store

from tacitus.analysis.alerts import find_alerts
from tacitus.analysis.plot import plot_alerts, plot_index, plot_series
from tacitus.errors import AnalysisError

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def spike(tmp_path_factory):  # type: ignore[no-untyped-def]
    path = weekly_store(tmp_path_factory.mktemp("plot") / "p.duckdb", [1] * 20 + [12, 1])
    find_alerts(path)
    return path


def test_series_png_and_svg(spike, tmp_path) -> None:  # type: ignore[no-untyped-def]
    png = plot_series(spike, out=tmp_path / "s.png", dyad="RUS-UKR", undirected=True)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
    svg = plot_series(spike, out=tmp_path / "s.svg", actor="RUS", by="month")
    text = svg.read_text(encoding="utf-8")
    assert "<svg" in text and "QuadClass" in text


def test_alerts_and_index_plots(spike, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bars = plot_alerts(spike, out=tmp_path / "a.svg")
    assert "RUS-UKR" in bars.read_text(encoding="utf-8")
    index = plot_index(spike, out=tmp_path / "i.png", by="week")
    assert index.stat().st_size > 5000


def test_bad_output_names(spike, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AnalysisError, match="plots are written as"):
        plot_series(spike, out=tmp_path / "s.gif", dyad="RUS-UKR")
    with pytest.raises(AnalysisError, match="does not exist"):
        plot_series(spike, out=tmp_path / "nowhere" / "s.png", dyad="RUS-UKR")


def test_alert_plot_needs_stored_alerts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = weekly_store(tmp_path / "none.duckdb", [1, 1])
    with pytest.raises(AnalysisError, match="no stored alerts"):
        plot_alerts(path, out=tmp_path / "a.png")
