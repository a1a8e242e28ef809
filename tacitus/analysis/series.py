"""Time series of a dyad, an actor or the whole store: events and clusters per period.

Per period (day, week or month) the series counts events and clusters by QuadClass, sums
and averages their Goldstein scores, averages the tone of their sentences (`tone_mean`, GDELT's
AvgTone scale; tacitus.enrich.tone), gives the conflict share, and sets the counts against
the period's article volume (events per 1,000 articles), so a rise that only reflects more
coverage shows as such. Everything is aggregated inside DuckDB: the events never leave it,
so memory stays flat however large the store.

Which events count (the defaults; docs/analysis.md):
    * not historical (``events.historical``: "invaded in 2014" told in 2022 is no 2022 event);
    * asserted, reported, intended or threatened: hypothetical and negated events did not
      happen (`tacitus.filters.NOT_CURRENT_MODALITIES`);
    * confidence at least `DEFAULT_MIN_CONFIDENCE`.

A cluster is one happening reported many times (``events.cluster_id``, schema 0003); in a
store without clusters every event is its own cluster.

Example:
    >>> series("events.duckdb", dyad="RUS-UKR", undirected=True, by="month")

DOCS: docs/analysis.md
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from tacitus.errors import AnalysisError, FilterError
from tacitus.filters import NOT_CURRENT_MODALITIES, EventFilter
from tacitus.store import Store

#: Events below this calibrated confidence are left out of series, alerts and the index by default:
#: 0.1 drops the events the calibration puts at its floor (the coder's weakest guesses).
DEFAULT_MIN_CONFIDENCE = 0.1

#: Periods a series can be grouped by.
PERIODS = ("day", "week", "month")

#: QuadClass number → column suffix.
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}

#: The columns of a series, in order.
SERIES_COLUMNS = (
    "period",
    "period_end",
    "articles",
    "events",
    "clusters",
    *(f"events_{name}" for name in QUAD_NAMES.values()),
    *(f"clusters_{name}" for name in QUAD_NAMES.values()),
    "goldstein_sum",
    "goldstein_mean",
    "tone_mean",
    "conflict_share",
    "events_per_1k_articles",
    "clusters_per_1k_articles",
)


def open_store(db_or_store: str | Path | Store) -> tuple[Store, bool]:
    """(store, opened_here): a path is opened read-only and must be closed by the caller."""
    if isinstance(db_or_store, Store):
        return db_or_store, False
    return Store(db_or_store, read_only=True), True


def quiet(store: Store) -> Store:
    """No DuckDB progress bar on the terminal: the library never prints (long queries would)."""
    store.con.execute("SET enable_progress_bar = false")
    return store


def has_column(store: Store, table: str, column: str) -> bool:
    """Whether `table` has `column` (clusters arrive with schema 0003; older stores lack them)."""
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?", [table, column]
    ).fetchone()
    return bool(row and row[0])


def cluster_expression(store: Store) -> str:
    """SQL naming each event's cluster: `cluster_id`, or the event itself where there is none."""
    if has_column(store, "events", "cluster_id"):
        return "coalesce(events.cluster_id, events.event_id)"
    return "events.event_id"


def check_period(by: str, allowed: tuple[str, ...] = PERIODS) -> str:
    if by not in allowed:
        raise AnalysisError(f"periods can be {', '.join(allowed)}, not '{by}'")
    return by


def period_end(start: dt.date, by: str) -> dt.date:
    """The last day of the period that begins on `start`."""
    if by == "day":
        return start
    if by == "week":
        return start + dt.timedelta(days=6)
    following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def actor_clause(actor: str) -> tuple[str, list[Any]]:
    """Events where `actor` is either side: its country, or an actor code starting with it.

    ``TUR`` matches Turkish actors of any sector (country TUR, codes TURGOV, TURMIL ...);
    ``TURGOV`` matches only codes beginning TURGOV.
    """
    return (
        "(events.source_country = ? OR starts_with(events.source_code, ?)"
        " OR events.target_country = ? OR starts_with(events.target_code, ?))",
        [actor, actor, actor, actor],
    )


def valid_events_clause(*, min_confidence: float, include_historical: bool) -> tuple[str, list[Any]]:
    """The default exclusions (historical, not current, low confidence) as SQL over `events`."""
    marks = ", ".join("?" for _ in NOT_CURRENT_MODALITIES)
    clauses = [f"coalesce(events.modality, 'asserted') NOT IN ({marks})", "events.date IS NOT NULL"]
    params: list[Any] = list(NOT_CURRENT_MODALITIES)
    if not include_historical:
        clauses.append("NOT coalesce(events.historical, false)")
    if min_confidence > 0:
        clauses.append("events.confidence >= ?")
        params.append(min_confidence)
    return " AND ".join(clauses), params


def event_selection(
    *,
    dyad: str | None,
    actor: str | None,
    undirected: bool,
    since: str | dt.date | None,
    until: str | dt.date | None,
    min_confidence: float,
    include_historical: bool,
) -> tuple[EventFilter, str, list[Any]]:
    """(filter, WHERE clause, params) for the events a series or an index counts."""
    from tacitus.store.queries import where_clause

    if dyad and actor:
        raise AnalysisError("give --dyad or --actor, not both")
    try:
        criteria = EventFilter.parse(
            dyad=dyad, undirected=undirected, since=since, until=until, min_confidence=min_confidence
        )
        actor_code = EventFilter.parse(source=actor).source if actor else None
    except FilterError as exc:
        raise AnalysisError(exc.message) from exc
    where, params = where_clause(criteria)
    valid, valid_params = valid_events_clause(min_confidence=0.0, include_historical=include_historical)
    where = f"{where} AND {valid}" if where else f" WHERE {valid}"
    params.extend(valid_params)
    if actor_code:
        clause, actor_params = actor_clause(actor_code)
        where += f" AND {clause}"
        params.extend(actor_params)
    return criteria, where, params


def series(
    db_or_store: str | Path | Store,
    *,
    dyad: str | None = None,
    actor: str | None = None,
    undirected: bool = False,
    by: str = "week",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    include_historical: bool = False,
) -> pd.DataFrame:
    """Events, clusters, Goldstein and article volume per period (one row per period, none skipped).

    Args:
        db_or_store: a store path (opened read-only) or an open `Store`.
        dyad: ``SRC-TGT`` (country or actor-code prefix each side); `undirected` counts both directions.
        actor: events where this country or code prefix is the source or the target.
        by: ``day``, ``week`` (Monday to Sunday) or ``month``.
        since, until: inclusive dates; by default the store's first and last article dates.
        min_confidence: leave out events below this calibrated confidence.
        include_historical: count events the article tells as past history.

    Returns:
        A DataFrame with `SERIES_COLUMNS`: periods without events are rows of zeros, so the
        series can be plotted and compared as it is. Rates are NaN where a period has no articles.

    Raises:
        AnalysisError [T060]: a bad dyad, actor, period or date.

    DOCS: docs/analysis.md#series
    """
    check_period(by)
    criteria, where, params = event_selection(
        dyad=dyad,
        actor=actor,
        undirected=undirected,
        since=since,
        until=until,
        min_confidence=min_confidence,
        include_historical=include_historical,
    )
    store, opened = open_store(db_or_store)
    try:
        return _series(store, criteria, where, params, by)
    finally:
        if opened:
            store.close()


def _series(store: Store, criteria: EventFilter, where: str, params: list[Any], by: str) -> pd.DataFrame:
    quiet(store)
    cluster = cluster_expression(store)
    bounds = store.con.execute(
        "SELECT min(date), max(date) FROM articles WHERE duplicate_of IS NULL AND date IS NOT NULL"
    ).fetchone()
    first = criteria.since or (bounds[0] if bounds else None)
    last = criteria.until or (bounds[1] if bounds else None)
    if first is None or last is None:
        return pd.DataFrame({column: pd.Series(dtype="float64") for column in SERIES_COLUMNS})
    if first > last:
        raise AnalysisError(f"--since {first} is after --until {last}")
    quad_counts = ",\n".join(
        f"count(*) FILTER (WHERE quad_class = {number}) AS events_{name}" for number, name in QUAD_NAMES.items()
    )
    # clusters in two steps (one row per period and cluster, then per period): count(DISTINCT)
    # is several times slower in DuckDB over millions of events
    cluster_flags = ", ".join(f"bool_or(quad_class = {number}) AS in_{number}" for number in QUAD_NAMES)
    quad_clusters = ", ".join(
        f"count(*) FILTER (WHERE in_{number}) AS clusters_{name}" for number, name in QUAD_NAMES.items()
    )
    step = {"day": "1 day", "week": "7 days", "month": "1 month"}[by]
    sql = f"""
        WITH periods AS (
            SELECT CAST(p AS DATE) AS period
            FROM range(CAST(date_trunc('{by}', CAST(? AS DATE)) AS TIMESTAMP),
                       CAST(CAST(? AS DATE) AS TIMESTAMP) + INTERVAL 1 day, INTERVAL {step}) AS t(p)
        ),
        ev AS (
            SELECT CAST(date_trunc('{by}', events.date) AS DATE) AS period, events.quad_class AS quad_class,
                   events.goldstein AS goldstein, events.sentence_tone AS tone, hash({cluster}) AS cid
            FROM events{where}
        ),
        per_cluster AS (
            SELECT period, cid, {cluster_flags} FROM ev GROUP BY period, cid
        ),
        cl_agg AS (
            SELECT period, count(*) AS clusters, {quad_clusters} FROM per_cluster GROUP BY period
        ),
        ev_agg AS (
            SELECT period, count(*) AS events,
                   {quad_counts},
                   sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean, avg(tone) AS tone_mean,
                   count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict_events
            FROM ev GROUP BY period
        ),
        art AS (
            SELECT CAST(date_trunc('{by}', date) AS DATE) AS period, count(*) AS articles
            FROM articles
            WHERE duplicate_of IS NULL AND date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
            GROUP BY period
        )
        SELECT p.period, coalesce(art.articles, 0) AS articles, ev_agg.* EXCLUDE (period),
               cl_agg.* EXCLUDE (period)
        FROM periods p LEFT JOIN ev_agg USING (period) LEFT JOIN cl_agg USING (period)
             LEFT JOIN art USING (period)
        ORDER BY p.period
    """
    frame = store.con.execute(sql, [first, last, *params, first, last]).df()
    return _finish(frame, by)


def _finish(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    counts = ["events", "clusters", "conflict_events"] + [
        f"{kind}_{name}" for kind in ("events", "clusters") for name in QUAD_NAMES.values()
    ]
    for column in counts:
        frame[column] = frame[column].fillna(0).astype("int64")
    frame["articles"] = frame["articles"].astype("int64")
    frame["goldstein_sum"] = frame["goldstein_sum"].fillna(0.0).astype("float64")
    frame["goldstein_mean"] = frame["goldstein_mean"].astype("float64")
    frame["tone_mean"] = frame["tone_mean"].astype("float64")  # NaN: no event, or none enriched with tone
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    frame["period_end"] = [period_end(start, by) for start in frame["period"]]
    with_events = frame["events"] > 0
    frame["conflict_share"] = (frame["conflict_events"] / frame["events"].where(with_events)).astype("float64")
    per_article = frame["articles"].where(frame["articles"] > 0)
    frame["events_per_1k_articles"] = (1000.0 * frame["events"] / per_article).astype("float64")
    frame["clusters_per_1k_articles"] = (1000.0 * frame["clusters"] / per_article).astype("float64")
    return frame[list(SERIES_COLUMNS)].reset_index(drop=True)
