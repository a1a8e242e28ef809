"""Pictures of the analysis: a dyad's series, the top alerts, the risk index (PNG, SVG or PDF).

matplotlib is an optional extra (``pip install 'tacitus[plot]'``), imported here only when a
picture is drawn, with the Agg backend so no display is needed.

* `plot_series`: the series by QuadClass as stacked bars (clusters: one happening counts once),
  the mean Goldstein score as a line on the right axis, and a marker over every period with an
  alert for that dyad or actor (computed on the fly, not stored).
* `plot_alerts`: the strongest stored alerts as horizontal bars of their score.
* `plot_index`: the GPR-style index with its threat and act parts.

DOCS: docs/analysis.md#plots
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from tacitus.analysis.alerts import LEVELS, find_alerts, list_alerts
from tacitus.analysis.risk_index import risk_index
from tacitus.analysis.series import DEFAULT_MIN_CONFIDENCE, QUAD_NAMES, open_store, series
from tacitus.errors import AnalysisError
from tacitus.extras import require
from tacitus.store import Store

#: File types the plots can be written as.
FORMATS = (".png", ".svg", ".pdf")
_QUAD_COLOURS = {1: "#8fbfe0", 2: "#2b7bba", 3: "#f4a582", 4: "#ca0020"}
_LEVEL_COLOURS = {"elevated": "#f1a340", "high": "#d95f02", "extreme": "#7f0000"}
_WIDTH_DAYS = {"day": 0.8, "week": 5.5, "month": 24.0}


def _pyplot(out: str | Path) -> tuple[Any, Path]:
    path = Path(out)
    if path.suffix.lower() not in FORMATS:
        raise AnalysisError(f"--out '{path}': plots are written as {', '.join(FORMATS)}")
    if path.parent and not path.parent.exists():
        raise AnalysisError(f"--out '{path}': folder '{path.parent}' does not exist")
    matplotlib = require("matplotlib", extra="plot")
    matplotlib.use("Agg")
    pyplot = require("matplotlib.pyplot", extra="plot")
    return pyplot, path


def _save(pyplot: Any, figure: Any, path: Path) -> Path:
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    pyplot.close(figure)
    return path


def plot_series(
    db_or_store: str | Path | Store,
    *,
    out: str | Path,
    dyad: str | None = None,
    actor: str | None = None,
    undirected: bool = False,
    by: str = "week",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    alerts: bool = True,
) -> Path:
    """Draw a series (stacked QuadClass bars, Goldstein line, alert markers) to `out`; return the path.

    Alert markers need ``by`` week or month; for days the markers are left out.

    DOCS: docs/analysis.md#plots
    """
    pyplot, path = _pyplot(out)
    store, opened = open_store(db_or_store)
    try:
        frame = series(
            store,
            dyad=dyad,
            actor=actor,
            undirected=undirected,
            by=by,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )
        found = []
        if alerts and by in ("week", "month") and (dyad or actor):
            unit = dyad or actor or ""
            found = find_alerts(
                store,
                by=by,
                since=since,
                until=until,
                dyad=unit,
                scopes=("dyad",) if dyad else ("country",),
                undirected=undirected or not dyad,
                min_confidence=min_confidence,
                save=False,
            )
    finally:
        if opened:
            store.close()
    figure, axis = pyplot.subplots(figsize=(10, 4.2))
    width = _WIDTH_DAYS[by]
    bottom = [0] * len(frame)
    for number, name in QUAD_NAMES.items():
        values = list(frame[f"clusters_{name}"])
        axis.bar(
            list(frame["period"]),
            values,
            width=width,
            bottom=bottom,
            color=_QUAD_COLOURS[number],
            label=f"Q{number} {name.replace('_', ' ')}",
            align="edge",
        )
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axis.set_ylabel(f"clusters per {by}")
    label = dyad or actor or "all events"
    axis.set_title(f"{label}{' (both directions)' if undirected and dyad else ''}: events by QuadClass")
    goldstein = axis.twinx()
    goldstein.plot(
        [p + dt.timedelta(days=width / 2) for p in frame["period"]],
        list(frame["goldstein_mean"]),
        color="black",
        marker=".",
        linewidth=1,
        label="mean Goldstein",
    )
    goldstein.set_ylim(-10.5, 10.5)
    goldstein.axhline(0, color="grey", linewidth=0.5)
    goldstein.set_ylabel("mean Goldstein (-10 .. 10)")
    top = max(bottom) if bottom else 0
    for level in LEVELS:
        marked = [a for a in found if a.level == level]
        if marked:
            axis.scatter(
                [a.period_start + dt.timedelta(days=width / 2) for a in marked],
                [top * 1.08 + 0.5] * len(marked),
                marker="v",
                s=60,
                color=_LEVEL_COLOURS[level],
                label=f"alert: {level}",
                zorder=5,
            )
    handles, labels = axis.get_legend_handles_labels()
    more_handles, more_labels = goldstein.get_legend_handles_labels()
    axis.legend(handles + more_handles, labels + more_labels, loc="upper left", fontsize=7, ncol=2)
    axis.set_ylim(0, top * 1.2 + 1.5)
    figure.autofmt_xdate()
    return _save(pyplot, figure, path)


def plot_alerts(
    db_or_store: str | Path | Store,
    *,
    out: str | Path,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    level: str | None = None,
    top: int = 15,
) -> Path:
    """Draw the `top` strongest stored alerts as bars of their score (run `find_alerts` first).

    DOCS: docs/analysis.md#plots
    """
    pyplot, path = _pyplot(out)
    found = list_alerts(db_or_store, since=since, until=until, level=level, limit=top)
    if not found:
        raise AnalysisError("no stored alerts match; compute them first with `tacitus alerts --db ...`")
    figure, axis = pyplot.subplots(figsize=(9, 0.35 * len(found) + 1.2))
    labels = [f"{a.dyad}  {a.period_start}  {a.measure.replace('_', ' ')}" for a in reversed(found)]
    axis.barh(labels, [a.score for a in reversed(found)], color=[_LEVEL_COLOURS[a.level] for a in reversed(found)])
    axis.set_xlabel("score = -log10 p (count test against the unit's own baseline)")
    axis.set_title("strongest escalation alerts")
    axis.tick_params(axis="y", labelsize=8)
    return _save(pyplot, figure, path)


def plot_index(
    db_or_store: str | Path | Store,
    *,
    out: str | Path,
    country: str | None = None,
    by: str = "month",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    base_since: str | dt.date | None = None,
    base_until: str | dt.date | None = None,
) -> Path:
    """Draw the risk index (GPR, threats, acts; base period = 100).

    DOCS: docs/analysis.md#plots
    """
    pyplot, path = _pyplot(out)
    frame = risk_index(
        db_or_store, country=country, by=by, since=since, until=until, base_since=base_since, base_until=base_until
    )
    figure, axis = pyplot.subplots(figsize=(10, 4))
    for column, style in (("gpr", "-"), ("gprt", "--"), ("gpra", ":")):
        axis.plot(list(frame["period"]), list(frame[column]), style, label=column.upper(), marker=".")
    axis.axhline(100, color="grey", linewidth=0.5)
    axis.set_ylabel("index (base period = 100)")
    axis.set_title(f"geopolitical-risk index: {country or 'all countries'}")
    axis.legend(fontsize=8)
    figure.autofmt_xdate()
    return _save(pyplot, figure, path)
