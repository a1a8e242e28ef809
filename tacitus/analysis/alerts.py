"""Escalation alerts: a dyad's (or a country's) recent period against its own trailing baseline.

For every dyad and country, every period (a week by default) and every measure (conflict
clusters, QuadClass 3 and 4; material-conflict clusters, QuadClass 4), the count of the
period is set against two trailing baselines of the same unit, in the manner of ACLED's
change levels: the mean of the last `short_window` periods (4 weeks) and of the last
`long_window` periods (52 weeks). A count test decides whether the rise is more than
chance: the upper tail P(X >= value) of a Poisson distribution with the expected count,
or of a negative binomial when the unit's own history is over-dispersed (bursty dyads
need a bigger jump). Guards keep the false alarms down:

* **short history**: a period is judged only when the store covers at least
  `min_history` of the periods in the long window (covered = the store has articles then;
  a gap in collection is not a run of zeros);
* **tiny counts**: the value must reach `min_count`, and the baseline is smoothed with
  `prior_count` events spread over one extra period, so a dyad never seen before does not
  alert on its first event;
* **coverage**: the expected count is scaled by the period's article volume against the
  long window's (clipped to 1/4 .. 4), so more news is not taken for more conflict.

Every alert explains itself: measure, window, value, both baselines, the ratios, the test
and p-value, the events that drove it (ids, strongest first: material conflict before
verbal, lower Goldstein first) and the top sentences with their article's id, title and
source. Alerts are stored in the ``alerts`` table (schema 0004) under a deterministic
`alert_id`, so running again updates them and `list_alerts` can filter them later.

Example:
    >>> with Store("events.duckdb") as store:
    ...     for alert in find_alerts(store, since="2022-01-01")[:5]:
    ...         print(alert.dyad, alert.period_start, alert.level, alert.evidence[0]["sentence"])

DOCS: docs/analysis.md#alerts
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tacitus.analysis.series import (
    DEFAULT_MIN_CONFIDENCE,
    check_period,
    cluster_expression,
    period_end,
    quiet,
    valid_events_clause,
)
from tacitus.dates import as_date
from tacitus.errors import AnalysisError, FilterError
from tacitus.filters import EventFilter
from tacitus.store import Store

#: Measures an alert can be raised on: the QuadClasses each one counts.
MEASURES = {"conflict": (3, 4), "material_conflict": (4,)}
#: Scopes: a pair of countries (or IGOs), or one country on either side of any event.
SCOPES = ("dyad", "country")
#: Alert levels, weakest first.
LEVELS = ("elevated", "high", "extreme")
#: The highest score stored: -log10 of a p-value below 1e-30 says nothing more.
MAX_SCORE = 30.0

_EPOCH_MONDAY = dt.date(1970, 1, 5)


@dataclass(frozen=True)
class AlertSettings:
    """The parameters of the test and of the guards (docs/analysis.md#alerts).

    Attributes:
        short_window, long_window: trailing baselines in periods; None means 4 and 52 for
            weeks, 3 and 12 for months.
        min_history: covered periods the long window must hold before a period is judged
            (None: 8 weeks or 3 months).
        min_count: the smallest count that may alert.
        min_articles: the fewest articles the counted events must come from (one press
            release listing four designations is one report, not a trend).
        prior_count: pseudo-events spread over one pseudo-period added to the long baseline.
        max_dispersion: the largest variance/mean ratio the negative binomial may use.
        levels: (p-value at most, long ratio at least, short ratio at least) per level.
    """

    short_window: int | None = None
    long_window: int | None = None
    min_history: int | None = None
    min_count: int = 3
    min_articles: int = 2
    prior_count: float = 0.5
    max_dispersion: float = 10.0
    levels: tuple[tuple[str, float, float, float], ...] = (
        ("extreme", 1e-4, 3.0, 2.0),
        ("high", 1e-3, 2.0, 1.5),
        ("elevated", 1e-2, 1.5, 1.0),
    )

    def windows(self) -> tuple[int, int, int]:
        """(short window, long window, min history) of resolved settings."""
        if self.short_window is None or self.long_window is None or self.min_history is None:
            raise AnalysisError("alert settings must be resolved for a period first (AlertSettings.resolved)")
        return self.short_window, self.long_window, self.min_history

    def resolved(self, by: str) -> AlertSettings:
        """The settings with the period-dependent defaults filled in."""
        weekly = by == "week"
        short = self.short_window if self.short_window is not None else (4 if weekly else 3)
        long = self.long_window if self.long_window is not None else (52 if weekly else 12)
        history = self.min_history if self.min_history is not None else (8 if weekly else 3)
        if not 1 <= short <= long:
            raise AnalysisError(f"the short window ({short}) must be 1 or more and at most the long one ({long})")
        if history > long:
            raise AnalysisError(f"min_history ({history}) cannot exceed the long window ({long})")
        if self.min_count < 1 or self.min_articles < 1 or self.prior_count <= 0 or self.max_dispersion < 1:
            raise AnalysisError("min_count must be >= 1, prior_count > 0 and max_dispersion >= 1")
        return AlertSettings(
            short_window=short,
            long_window=long,
            min_history=history,
            min_count=self.min_count,
            min_articles=self.min_articles,
            prior_count=self.prior_count,
            max_dispersion=self.max_dispersion,
            levels=self.levels,
        )


@dataclass(frozen=True)
class Alert:
    """One explained alert (a row of the ``alerts`` table)."""

    alert_id: str
    scope: str
    dyad: str
    directed: bool
    period: str
    period_start: dt.date
    period_end: dt.date
    measure: str
    value: float
    baseline: float
    baseline_short: float | None
    baseline_long: float | None
    ratio_short: float | None
    ratio_long: float | None
    p_value: float
    score: float
    level: str
    test: str
    history: int
    articles: int | None
    events: list[str] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: dates as ISO strings."""
        data = asdict(self)
        data["period_start"] = self.period_start.isoformat()
        data["period_end"] = self.period_end.isoformat()
        return data

    def explain(self) -> str:
        """One line a person can read: what rose, against what, and the first piece of evidence."""
        unit = "per week" if self.period == "week" else "per month"
        text = (
            f"{self.dyad} {self.measure.replace('_', ' ')} {self.period_start}..{self.period_end}: "
            f"{self.value:g} against an expected {self.baseline:.2f} "
            f"(4/52-style means {_fmt(self.baseline_short)} and {_fmt(self.baseline_long)} {unit}; "
            f"{self.test} p={self.p_value:.2g}) → {self.level}"
        )
        if self.evidence:
            text += f'. "{self.evidence[0]["sentence"]}" ({self.evidence[0]["source"]})'
        return text


def alert_id(*, scope: str, dyad: str, directed: bool, period: str, period_start: dt.date, measure: str) -> str:
    """The deterministic id of an alert: the same unit, period and measure always get the same id."""
    key = f"{scope}|{dyad}|{int(directed)}|{period}|{period_start.isoformat()}|{measure}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# -- the count tests ----------------------------------------------------------------------


def poisson_sf(k: int, mean: float) -> float:
    """P(X >= k) for X ~ Poisson(mean)."""
    return negbin_sf(k, mean, 1.0)


def negbin_sf(k: int, mean: float, dispersion: float) -> float:
    """P(X >= k) for a count with this mean and variance = dispersion × mean (1: Poisson).

    Starts from the probability of k (math.lgamma, in log space) and walks the mass by its
    ratio from one count to the next: upward from k when k is above the mean (a tiny tail
    keeps its digits), as one minus the lower part otherwise.
    """
    if k <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    poisson = dispersion <= 1.0 + 1e-9
    size = 0.0 if poisson else mean / (dispersion - 1.0)
    q = 0.0 if poisson else (dispersion - 1.0) / dispersion

    def log_pmf(j: int) -> float:
        if poisson:
            return -mean + j * math.log(mean) - math.lgamma(j + 1)
        return (
            math.lgamma(j + size)
            - math.lgamma(size)
            - math.lgamma(j + 1)
            - size * math.log(dispersion)
            + j * math.log(q)
        )

    def ratio(j: int) -> float:
        """pmf(j + 1) / pmf(j)."""
        return mean / (j + 1) if poisson else (j + size) / (j + 1) * q

    if k <= mean:
        term = math.exp(log_pmf(0))
        lower = 0.0
        for j in range(k):
            lower += term
            term *= ratio(j)
        return float(min(1.0, max(0.0, 1.0 - lower)))
    term = math.exp(log_pmf(k))
    total = 0.0
    j = k
    while term > 0.0 and j < k + 100_000:
        total += term
        if term < total * 1e-13:
            break
        term *= ratio(j)
        j += 1
    return float(min(1.0, total))


# -- finding alerts ---------------------------------------------------------------------------


def find_alerts(
    store: Store | str | Path,
    *,
    by: str = "week",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    dyad: str | None = None,
    scopes: tuple[str, ...] = SCOPES,
    measures: tuple[str, ...] = tuple(MEASURES),
    undirected: bool = True,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    include_historical: bool = False,
    settings: AlertSettings | None = None,
    n_events: int = 20,
    n_evidence: int = 3,
    save: bool = True,
) -> list[Alert]:
    """Compute the alerts of every period from `since` to `until`, store them, return them strongest first.

    Args:
        store: an open writable `Store`, or a path (opened for writing when `save`).
        by: ``week`` or ``month``.
        since, until: the periods judged (their baselines reach further back).
        dyad: only this dyad (``RUS-UKR``) or country (``RUS``).
        scopes: ``dyad`` and/or ``country``.
        measures: ``conflict`` and/or ``material_conflict``.
        undirected: a dyad counts both directions and is named sorted (``RUS-UKR``);
            False keeps source-target.
        min_confidence, include_historical: which events count (as in `series`).
        settings: the test's parameters and guards (`AlertSettings`).
        n_events, n_evidence: event ids and sentences kept per alert.
        save: write the alerts to the ``alerts`` table (INSERT OR REPLACE by id).

    Raises:
        AnalysisError [T060]: a bad period, scope, measure, dyad or setting.

    DOCS: docs/analysis.md#alerts
    """
    check_period(by, ("week", "month"))
    config = (settings or AlertSettings()).resolved(by)
    for scope in scopes:
        if scope not in SCOPES:
            raise AnalysisError(f"scope must be one of {', '.join(SCOPES)}, not '{scope}'")
    for measure in measures:
        if measure not in MEASURES:
            raise AnalysisError(f"measure must be one of {', '.join(MEASURES)}, not '{measure}'")
    first = _date(since, "--since")
    last = _date(until, "--until")
    unit = _unit_name(dyad, undirected=undirected) if dyad else None
    if isinstance(store, Store):
        return _find(store, by, first, last, unit, scopes, measures, undirected, min_confidence,
                     include_historical, config, n_events, n_evidence, save)  # fmt: skip
    with Store(store, read_only=not save) as opened:
        return _find(opened, by, first, last, unit, scopes, measures, undirected, min_confidence,
                     include_historical, config, n_events, n_evidence, save)  # fmt: skip


def alerts(
    db: str | Path,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    dyad: str | None = None,
    by: str = "week",
    undirected: bool = True,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    level: str | None = None,
    stored: bool = False,
) -> list[Alert]:
    """What ``tacitus alerts`` shows: compute and store the alerts of the store at `db` (or, with
    `stored`, list those already stored), strongest first, at `level` or stronger.

    DOCS: docs/analysis.md#alerts
    """
    if level is not None and level not in LEVELS:
        raise AnalysisError(f"level must be one of {', '.join(LEVELS)}, not '{level}'")
    if stored:
        return list_alerts(db, since=since, until=until, dyad=dyad, level=level, limit=None)
    found = find_alerts(db, by=by, since=since, until=until, dyad=dyad, undirected=undirected,
                        min_confidence=min_confidence)  # fmt: skip
    if level is None:
        return found
    return [alert for alert in found if LEVELS.index(alert.level) >= LEVELS.index(level)]


def _date(value: str | dt.date | None, what: str) -> dt.date | None:
    try:
        return as_date(value, what=what, error=FilterError)
    except FilterError as exc:
        raise AnalysisError(exc.message) from exc


def _unit_name(value: str, *, undirected: bool) -> str:
    """``rus-ukr`` → ``RUS-UKR`` (sorted when undirected); ``rus`` → ``RUS``."""
    try:
        if "-" in value:
            first, second = EventFilter.parse(dyad=value).dyad or ("", "")
            return "-".join(sorted((first, second))) if undirected else f"{first}-{second}"
        return EventFilter.parse(source=value).source or ""
    except FilterError as exc:
        raise AnalysisError(exc.message) from exc


def _pidx_sql(by: str, column: str) -> str:
    if by == "week":
        return f"CAST(date_diff('day', DATE '{_EPOCH_MONDAY.isoformat()}', {column}) // 7 AS BIGINT)"
    return f"CAST(year({column}) * 12 + month({column}) - 1 AS BIGINT)"


def _pidx_to_date(index: int, by: str) -> dt.date:
    if by == "week":
        return _EPOCH_MONDAY + dt.timedelta(days=7 * index)
    return dt.date(index // 12, index % 12 + 1, 1)


def _date_to_pidx(day: dt.date, by: str) -> int:
    if by == "week":
        return (day - _EPOCH_MONDAY).days // 7
    return day.year * 12 + day.month - 1


def _units_sql(store: Store, by: str, undirected: bool, scopes: tuple[str, ...], valid: str) -> str:
    """SQL of one row per (scope, unit, event): the conflict events each dyad and country counts.

    Clusters are told apart by a 64-bit hash of their id (grouping on integers is a third faster
    than on strings; two of ten million ids collide with odds of about one in a million).
    """
    cluster = cluster_expression(store)
    dyad_name = "least(src, tgt) || '-' || greatest(src, tgt)" if undirected else "src || '-' || tgt"
    parts = []
    if "dyad" in scopes:
        parts.append(f"SELECT 'dyad' AS scope, {dyad_name} AS unit, ev.* FROM ev WHERE src <> tgt")
    if "country" in scopes:
        parts.append("SELECT 'country' AS scope, src AS unit, ev.* FROM ev WHERE src IS NOT NULL")
        parts.append(
            "SELECT 'country' AS scope, tgt AS unit, ev.* FROM ev WHERE tgt IS NOT NULL AND src IS DISTINCT FROM tgt"
        )
    union = "\nUNION ALL\n".join(parts)
    return f"""
        ev AS (
            SELECT events.event_id, events.doc_id, events.date, events.quad_class, events.goldstein,
                   events.confidence, events.cameo, events.sentence, hash({cluster}) AS cid,
                   {_pidx_sql(by, "events.date")} AS pidx,
                   coalesce(events.source_country,
                            CASE WHEN events.source_code LIKE 'IGO%' THEN events.source_code END) AS src,
                   coalesce(events.target_country,
                            CASE WHEN events.target_code LIKE 'IGO%' THEN events.target_code END) AS tgt
            FROM events
            WHERE {valid} AND events.quad_class IN (3, 4)
        ),
        units AS ({union})
    """


def _find(
    store: Store,
    by: str,
    first: dt.date | None,
    last: dt.date | None,
    unit: str | None,
    scopes: tuple[str, ...],
    measures: tuple[str, ...],
    undirected: bool,
    min_confidence: float,
    include_historical: bool,
    config: AlertSettings,
    n_events: int,
    n_evidence: int,
    save: bool,
) -> list[Alert]:
    short, long, _ = config.windows()
    quiet(store)
    valid, params = valid_events_clause(min_confidence=min_confidence, include_historical=include_historical)
    coverage = _coverage(store, by)
    if coverage is None:
        return []
    base_index, articles = coverage
    low = _date_to_pidx(first, by) if first else base_index
    high = _date_to_pidx(last, by) if last else base_index + len(articles) - 1
    # clusters are counted in two steps (one row per cluster, then rows per period): much
    # faster in DuckDB than count(DISTINCT) over millions of events
    cluster_flags = ", ".join(f"bool_or(quad_class IN ({', '.join(map(str, MEASURES[m]))})) AS f_{m}" for m in measures)
    value_columns = ", ".join(f"count(*) FILTER (WHERE f_{m}) AS v_{m}" for m in measures)
    window_columns = ",\n".join(
        f"""sum(v_{m}) OVER long_w AS long_sum_{m}, sum(v_{m} * v_{m}) OVER long_w AS long_sq_{m},
            sum(v_{m}) OVER short_w AS short_sum_{m}"""
        for m in measures
    )
    candidate = " OR ".join(f"v_{m} >= {int(config.min_count)}" for m in measures)
    unit_filter = ""
    if unit:
        unit_filter = "WHERE unit = ?"
    sql = f"""
        WITH {_units_sql(store, by, undirected, scopes, valid)},
        per_cluster AS (
            SELECT scope, unit, pidx, cid, {cluster_flags}
            FROM units {unit_filter} GROUP BY scope, unit, pidx, cid
        ),
        counts AS (
            SELECT scope, unit, pidx, {value_columns}
            FROM per_cluster GROUP BY scope, unit, pidx
        ),
        windowed AS (
            SELECT *, {window_columns}
            FROM counts
            WINDOW long_w AS (PARTITION BY scope, unit ORDER BY pidx RANGE BETWEEN {long} PRECEDING AND 1 PRECEDING),
                   short_w AS (PARTITION BY scope, unit ORDER BY pidx RANGE BETWEEN {short} PRECEDING AND 1 PRECEDING)
        )
        SELECT * FROM windowed WHERE pidx BETWEEN ? AND ? AND ({candidate})
    """
    # numpy columns, not a DataFrame: the candidates can be many, and pandas adds nothing here
    frame = store.con.execute(sql, [*params, *([unit] if unit else []), low, high]).fetchnumpy()
    found: list[dict[str, Any]] = []
    for measure in measures:
        found.extend(_judge(frame, measure, by, base_index, articles, config))
    if not found:
        return []
    _attach_evidence(store, found, by, undirected, scopes, valid, params, n_events, n_evidence)
    found = _fold_countries([row for row in found if row.pop("n_articles") >= config.min_articles])
    found.sort(key=lambda row: (-row["score"], row["period_start"], row["dyad"], row["measure"]))
    settings_echo = {
        "by": by,
        "undirected": undirected,
        "min_confidence": min_confidence,
        "include_historical": include_historical,
        **{f.name: getattr(config, f.name) for f in fields(config) if f.name != "levels"},
        "levels": [list(level) for level in config.levels],
    }
    alerts = [
        Alert(
            alert_id=alert_id(
                scope=row["scope"],
                dyad=row["dyad"],
                directed=not undirected,
                period=by,
                period_start=row["period_start"],
                measure=row["measure"],
            ),
            directed=not undirected,
            period=by,
            params=settings_echo,
            **row,
        )
        for row in found
    ]
    if save:
        _save(store, alerts)
    return alerts


def _fold_countries(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Leave out what another alert already says.

    A country alert that one of its dyad alerts explains (same period and measure, the dyad
    holding at least half of the country's count) goes: the dyad is the more precise message.
    A material-conflict alert counting exactly what the unit's conflict alert counts goes too.
    """
    dyads: dict[tuple[dt.date, str, str], float] = {}
    for row in found:
        if row["scope"] == "dyad":
            for side in row["dyad"].split("-"):
                key = (row["period_start"], row["measure"], side)
                dyads[key] = max(dyads.get(key, 0.0), row["value"])
    conflict = {(r["scope"], r["dyad"], r["period_start"]): r["value"] for r in found if r["measure"] == "conflict"}
    return [
        row
        for row in found
        if (
            row["scope"] != "country"
            or dyads.get((row["period_start"], row["measure"], row["dyad"]), 0.0) < 0.5 * row["value"]
        )
        # a material-conflict alert on exactly the conflict alert's clusters says nothing new
        and not (
            row["measure"] == "material_conflict"
            and conflict.get((row["scope"], row["dyad"], row["period_start"])) == row["value"]
        )
    ]


def _coverage(store: Store, by: str) -> tuple[int, np.ndarray] | None:
    """(first period index, original articles per period) over the store's dated articles."""
    rows = store.con.execute(
        f"""
        SELECT {_pidx_sql(by, "date")} AS pidx, count(*) FROM articles
        WHERE duplicate_of IS NULL AND date IS NOT NULL GROUP BY pidx ORDER BY pidx
        """
    ).fetchall()
    if not rows:
        return None
    base = int(rows[0][0])
    counts = np.zeros(int(rows[-1][0]) - base + 1, dtype=np.int64)
    for index, n in rows:
        counts[int(index) - base] = int(n)
    return base, counts


def _judge(
    frame: dict[str, Any], measure: str, by: str, base_index: int, articles: np.ndarray, config: AlertSettings
) -> list[dict[str, Any]]:
    """Apply the guards and the count test to one measure; rows that make a level become alerts."""
    short_window, long_window, min_history = config.windows()
    selected = np.asarray(frame[f"v_{measure}"]) >= config.min_count
    if not selected.any():
        return []

    def column(name: str, dtype: Any = np.float64) -> np.ndarray:
        values = np.ma.filled(frame[name], 0) if np.ma.isMaskedArray(frame[name]) else frame[name]
        return np.asarray(values, dtype=dtype)[selected]

    cum_articles = np.concatenate([[0], np.cumsum(articles)])
    cum_covered = np.concatenate([[0], np.cumsum(articles > 0)])

    def window(cum: np.ndarray, pidx: np.ndarray, size: int) -> np.ndarray:
        # sum over periods [pidx - size, pidx - 1], clipped to the store's range
        hi = np.clip(pidx - base_index, 0, len(articles))
        lo = np.clip(pidx - base_index - size, 0, len(articles))
        return np.asarray(cum[hi] - cum[lo], dtype=np.float64)

    pidx = column("pidx", np.int64)
    value = column(f"v_{measure}")
    long_sum = column(f"long_sum_{measure}")
    long_sq = column(f"long_sq_{measure}")
    short_sum = column(f"short_sum_{measure}")
    covered_long = window(cum_covered, pidx, long_window)
    covered_short = window(cum_covered, pidx, short_window)
    articles_long = window(cum_articles, pidx, long_window)
    in_range = (pidx - base_index >= 0) & (pidx - base_index < len(articles))
    articles_now = np.where(in_range, articles[np.clip(pidx - base_index, 0, len(articles) - 1)], 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_articles = np.where(covered_long > 0, articles_long / np.maximum(covered_long, 1), 0.0)
        volume = np.where(mean_articles > 0, articles_now / np.maximum(mean_articles, 1e-9), 1.0)
        volume = np.clip(np.where(articles_now > 0, volume, 1.0), 0.25, 4.0)
        raw_long = np.where(covered_long > 0, long_sum / np.maximum(covered_long, 1), 0.0)
        raw_short = np.where(covered_short > 0, short_sum / np.maximum(covered_short, 1), raw_long)
        smoothed_long = (long_sum + config.prior_count) / (covered_long + 1.0)
        smoothed_short = (short_sum + config.prior_count) / (covered_short + 1.0)
        expected = smoothed_long * volume
        expected_short = smoothed_short * volume
        variance = np.where(covered_long > 0, long_sq / np.maximum(covered_long, 1) - raw_long**2, 0.0)
        dispersion = np.where(raw_long > 0, variance / np.maximum(raw_long, 1e-9), 1.0)
    dispersion = np.clip(np.nan_to_num(dispersion, nan=1.0), 1.0, config.max_dispersion)
    dispersion = np.where(covered_long >= min_history, dispersion, 1.0)
    ratio_long = value / expected
    ratio_short = value / expected_short
    weakest = config.levels[-1]
    # a cheap screen before the exact tail: counts are right-skewed, so a count within 2
    # standard deviations of its expectation never has an upper tail as small as the weakest
    # level's 0.01 (which a normal curve puts at 2.33)
    z_score = (value - expected) / np.sqrt(dispersion * expected)
    keep = (covered_long >= min_history) & (ratio_long >= weakest[2]) & (ratio_short >= weakest[3]) & (z_score >= 2.0)
    scopes = column("scope", object)
    units = column("unit", object)
    found: list[dict[str, Any]] = []
    for i in np.flatnonzero(keep):
        p_value = negbin_sf(int(value[i]), float(expected[i]), float(dispersion[i]))
        level = next(
            (
                name
                for name, max_p, min_long, min_short in config.levels
                if p_value <= max_p and ratio_long[i] >= min_long and ratio_short[i] >= min_short
            ),
            None,
        )
        if level is None:
            continue
        start = _pidx_to_date(int(pidx[i]), by)
        found.append(
            {
                "scope": str(scopes[i]),
                "dyad": str(units[i]),
                "period_start": start,
                "period_end": period_end(start, by),
                "measure": measure,
                "value": float(value[i]),
                "baseline": round(float(expected[i]), 4),
                "baseline_short": round(float(raw_short[i]), 4),
                "baseline_long": round(float(raw_long[i]), 4),
                "ratio_short": round(float(ratio_short[i]), 3),
                "ratio_long": round(float(ratio_long[i]), 3),
                "p_value": p_value,
                "score": round(min(MAX_SCORE, -math.log10(max(p_value, 1e-300))), 3),
                "level": level,
                "test": "negbin" if dispersion[i] > 1.0 + 1e-9 else "poisson",
                "history": int(covered_long[i]),
                "articles": int(articles_now[i]),
            }
        )
    return found


def _attach_evidence(
    store: Store,
    found: list[dict[str, Any]],
    by: str,
    undirected: bool,
    scopes: tuple[str, ...],
    valid: str,
    params: list[Any],
    n_events: int,
    n_evidence: int,
) -> None:
    """Fill each alert's `events` (ids, strongest first), `evidence` (top sentences) and
    `n_articles` (the distinct articles its events come from)."""
    wanted = pd.DataFrame(
        {
            "k": range(len(found)),
            "scope": [row["scope"] for row in found],
            "unit": [row["dyad"] for row in found],
            "pidx": [_date_to_pidx(row["period_start"], by) for row in found],
            "material": [row["measure"] == "material_conflict" for row in found],
        }
    )
    store.con.register("_alert_wanted", wanted)
    try:
        rows = store.con.execute(
            f"""
            WITH {_units_sql(store, by, undirected, scopes, valid + " AND events.date BETWEEN ? AND ?")},
            hits AS (
                SELECT w.k, u.event_id, u.doc_id, u.date, u.cameo, u.quad_class, u.goldstein, u.confidence,
                       u.sentence,
                       row_number() OVER (
                           PARTITION BY w.k
                           ORDER BY u.quad_class DESC, u.goldstein ASC NULLS LAST,
                                    u.confidence DESC NULLS LAST, u.event_id
                       ) AS rank
                FROM units u JOIN _alert_wanted w
                  ON u.scope = w.scope AND u.unit = w.unit AND u.pidx = w.pidx
                WHERE NOT w.material OR u.quad_class = 4
            )
            SELECT h.k, h.rank, h.event_id, h.doc_id, h.date, h.cameo, h.goldstein, h.confidence, h.sentence,
                   a.title, a.source, a.url, d.n_articles
            FROM hits h LEFT JOIN articles a ON a.id = h.doc_id
                 JOIN (SELECT k, count(DISTINCT doc_id) AS n_articles FROM hits GROUP BY k) d ON d.k = h.k
            WHERE h.rank <= ?
            ORDER BY h.k, h.rank
            """,
            [
                *params,
                min(row["period_start"] for row in found),
                max(row["period_end"] for row in found),
                max(n_events, n_evidence * 4),
            ],
        ).fetchall()
    finally:
        store.con.unregister("_alert_wanted")
    for row in found:
        row["events"] = []
        row["evidence"] = []
        row["n_articles"] = 0
    for k, _rank, event_id, doc_id, date, cameo, goldstein, confidence, sentence, title, source, url, n in rows:
        row = found[int(k)]
        row["n_articles"] = int(n)
        if len(row["events"]) < n_events:
            row["events"].append(event_id)
        seen = {item["sentence"] for item in row["evidence"]}
        if len(row["evidence"]) < n_evidence and sentence and sentence not in seen:
            row["evidence"].append(
                {
                    "event_id": event_id,
                    "date": date.isoformat() if date else None,
                    "cameo": cameo,
                    "goldstein": goldstein,
                    "confidence": confidence,
                    "sentence": sentence,
                    "article_id": doc_id,
                    "title": title,
                    "source": source,
                    "url": url,
                }
            )


_COLUMNS = tuple(f.name for f in fields(Alert))
_JSON_COLUMNS = ("events", "evidence", "params")


def _save(store: Store, alerts: list[Alert]) -> None:
    """INSERT OR REPLACE by alert_id: a rerun updates an alert's figures and evidence in place."""
    if store.read_only:
        raise AnalysisError(f"cannot store alerts: '{store.path}' is open read-only")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    # one registered frame, not executemany: DuckDB inserts row by row there (a minute for 1,000 alerts)
    rows = pd.DataFrame(
        {
            name: [
                json.dumps(getattr(alert, name), ensure_ascii=False) if name in _JSON_COLUMNS else getattr(alert, name)
                for alert in alerts
            ]
            for name in _COLUMNS
        }
    )
    rows["computed_at"] = now
    casts = ", ".join(f"CAST({name} AS JSON)" if name in _JSON_COLUMNS else name for name in _COLUMNS)
    store.con.register("_alert_rows", rows)
    store.con.execute("BEGIN TRANSACTION")
    try:
        store.con.execute(
            f"INSERT OR REPLACE INTO alerts ({', '.join(_COLUMNS)}, computed_at) "
            f"SELECT {casts}, computed_at FROM _alert_rows"
        )
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    finally:
        store.con.unregister("_alert_rows")


def list_alerts(
    store: Store | str | Path,
    *,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    dyad: str | None = None,
    level: str | None = None,
    scope: str | None = None,
    measure: str | None = None,
    order: str = "score",
    limit: int | None = 100,
) -> list[Alert]:
    """Stored alerts, filtered: periods ending on or after `since`, starting on or before `until`.

    Args:
        dyad: a dyad (``RUS-UKR``; both spellings of an undirected pair match) or a country.
        level: this level or a stronger one (``high`` lists high and extreme).
        order: ``score`` (strongest first) or ``date`` (newest period first).
        limit: at most this many (None: all).

    DOCS: docs/analysis.md#alerts
    """
    if level is not None and level not in LEVELS:
        raise AnalysisError(f"level must be one of {', '.join(LEVELS)}, not '{level}'")
    if order not in ("score", "date"):
        raise AnalysisError(f"alerts can be ordered by score or date, not '{order}'")
    if limit is not None and limit < 0:
        raise AnalysisError(f"limit must be 0 or more, not {limit}")
    clauses: list[str] = []
    params: list[Any] = []
    first, last = _date(since, "--since"), _date(until, "--until")
    if first:
        clauses.append("period_end >= ?")
        params.append(first)
    if last:
        clauses.append("period_start <= ?")
        params.append(last)
    if dyad:
        name = _unit_name(dyad, undirected=False)
        names = {name, "-".join(sorted(name.split("-")))}
        clauses.append(f"dyad IN ({', '.join('?' for _ in names)})")
        params.extend(sorted(names))
    if level:
        stronger = LEVELS[LEVELS.index(level) :]
        clauses.append(f"level IN ({', '.join('?' for _ in stronger)})")
        params.extend(stronger)
    if scope:
        clauses.append("scope = ?")
        params.append(scope)
    if measure:
        clauses.append("measure = ?")
        params.append(measure)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    ordering = "score DESC, period_start, dyad, measure" if order == "score" else "period_start DESC, score DESC, dyad"
    sql = f"SELECT {', '.join(_COLUMNS)} FROM alerts{where} ORDER BY {ordering}"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    if isinstance(store, Store):
        rows = store.con.execute(sql, params).fetchall()
    else:
        with Store(store, read_only=True) as opened:
            rows = opened.con.execute(sql, params).fetchall()
    alerts = []
    for row in rows:
        values = dict(zip(_COLUMNS, row, strict=True))
        for name in _JSON_COLUMNS:
            values[name] = json.loads(values[name]) if values[name] else ([] if name != "params" else {})
        alerts.append(Alert(**values))
    return alerts


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
