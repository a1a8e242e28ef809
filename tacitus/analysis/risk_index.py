"""A geopolitical-risk index in the spirit of Caldara and Iacoviello (2022).

Their GPR index is the share of newspaper articles that talk about geopolitical tensions,
split into threats (GPRT: war threats, military build-ups, nuclear and terror threats) and
acts (GPRA: the start or escalation of war, terror acts), rebased so that the base period
averages 100. They count words; Tacitus counts coded events, so the index here is the share
of a period's (original) articles holding at least one threat event and at least one act
event, with the CAMEO codes of each component kept as data (`analysis/gpr_codes.tsv`).
A country's index counts only the events where that country is the source or the target,
over all the period's articles, as their country-specific indices do.

Example:
    >>> risk_index("events.duckdb", country="RUS", by="month", base_since="2021-05-01")

DOCS: docs/analysis.md#risk-index
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd

from tacitus import resources
from tacitus.analysis.series import (
    DEFAULT_MIN_CONFIDENCE,
    actor_clause,
    check_period,
    open_store,
    period_end,
    quiet,
    valid_events_clause,
)
from tacitus.dates import as_date
from tacitus.errors import AnalysisError, FilterError
from tacitus.filters import EventFilter
from tacitus.store import Store

#: The packaged table of CAMEO prefixes → threat / act.
GPR_CODES = "analysis/gpr_codes.tsv"
#: The name of the overall index in the `country` column.
OVERALL = "ALL"

INDEX_COLUMNS = (
    "period",
    "period_end",
    "country",
    "articles",
    "threat_articles",
    "act_articles",
    "gpr_articles",
    "threat_share",
    "act_share",
    "gpr_share",
    "gprt",
    "gpra",
    "gpr",
)


def gpr_codes() -> list[tuple[str, str]]:
    """(CAMEO prefix, component) pairs from the packaged table."""
    pairs = []
    for row in resources.read_tsv(GPR_CODES):
        prefix, component = row["prefix"].strip(), row["component"].strip()
        if not prefix.isdigit() or component not in ("threat", "act"):
            raise AnalysisError(f"{GPR_CODES}: bad row {row!r} (want a CAMEO prefix and threat or act)")
        pairs.append((prefix, component))
    return pairs


def risk_index(
    db_or_store: str | Path | Store,
    *,
    country: str | None = None,
    by: str = "month",
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    base_since: str | dt.date | None = None,
    base_until: str | dt.date | None = None,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    include_historical: bool = False,
) -> pd.DataFrame:
    """The threat, act and overall index per period, each rebased to 100 over the base period.

    Args:
        country: a country (or actor-code prefix) as either side; None gives the overall index.
        by: ``day``, ``week`` or ``month``.
        since, until: the periods shown (default: the store's first and last article dates).
        base_since, base_until: the base period whose mean share is 100 (default: the periods shown).
        min_confidence, include_historical: which events count (as in `series`).

    Returns:
        A DataFrame with `INDEX_COLUMNS`; the indices are NaN when the base period has no such articles.

    DOCS: docs/analysis.md#risk-index
    """
    check_period(by)
    try:
        first = as_date(since, what="--since", error=FilterError)
        last = as_date(until, what="--until", error=FilterError)
        base_first = as_date(base_since, what="--base-since", error=FilterError)
        base_last = as_date(base_until, what="--base-until", error=FilterError)
        code = EventFilter.parse(source=country).source if country else None
    except FilterError as exc:
        raise AnalysisError(exc.message) from exc
    valid, params = valid_events_clause(min_confidence=min_confidence, include_historical=include_historical)
    if code:
        clause, actor_params = actor_clause(code)
        valid += f" AND {clause}"
        params += actor_params
    codes = gpr_codes()
    store, opened = open_store(db_or_store)
    try:
        quiet(store)
        bounds = store.con.execute(
            "SELECT min(date), max(date) FROM articles WHERE duplicate_of IS NULL AND date IS NOT NULL"
        ).fetchone()
        first = first or (bounds[0] if bounds else None)
        last = last or (bounds[1] if bounds else None)
        if first is None or last is None:
            return pd.DataFrame({column: pd.Series(dtype="float64") for column in INDEX_COLUMNS})
        step = {"day": "1 day", "week": "7 days", "month": "1 month"}[by]
        values = ", ".join("(?, ?)" for _ in codes)
        sql = f"""
            WITH codes(prefix, component) AS (VALUES {values}),
            flags AS (
                SELECT events.doc_id, bool_or(codes.component = 'threat') AS threat,
                       bool_or(codes.component = 'act') AS act
                FROM events JOIN codes ON starts_with(events.cameo, codes.prefix)
                WHERE {valid}
                GROUP BY events.doc_id
            ),
            periods AS (
                SELECT CAST(p AS DATE) AS period
                FROM range(CAST(date_trunc('{by}', CAST(? AS DATE)) AS TIMESTAMP),
                           CAST(CAST(? AS DATE) AS TIMESTAMP) + INTERVAL 1 day, INTERVAL {step}) AS t(p)
            ),
            per AS (
                SELECT CAST(date_trunc('{by}', a.date) AS DATE) AS period, count(*) AS articles,
                       count(*) FILTER (WHERE f.threat) AS threat_articles,
                       count(*) FILTER (WHERE f.act) AS act_articles,
                       count(*) FILTER (WHERE f.threat OR f.act) AS gpr_articles
                FROM articles a LEFT JOIN flags f ON f.doc_id = a.id
                WHERE a.duplicate_of IS NULL AND a.date BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
                GROUP BY period
            )
            SELECT p.period, coalesce(articles, 0) AS articles, coalesce(threat_articles, 0) AS threat_articles,
                   coalesce(act_articles, 0) AS act_articles, coalesce(gpr_articles, 0) AS gpr_articles
            FROM periods p LEFT JOIN per USING (period) ORDER BY p.period
        """
        flat = [value for pair in codes for value in pair]
        frame = store.con.execute(sql, [*flat, *params, first, last, first, last]).df()
    finally:
        if opened:
            store.close()
    return _rebase(frame, by, code or OVERALL, base_first, base_last)


def _rebase(
    frame: pd.DataFrame, by: str, country: str, base_first: dt.date | None, base_last: dt.date | None
) -> pd.DataFrame:
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    frame["period_end"] = [period_end(start, by) for start in frame["period"]]
    frame["country"] = country
    for column in ("articles", "threat_articles", "act_articles", "gpr_articles"):
        frame[column] = frame[column].astype("int64")
    with_articles = frame["articles"].where(frame["articles"] > 0)
    in_base = frame["articles"] > 0
    if base_first:
        in_base &= frame["period_end"] >= base_first
    if base_last:
        in_base &= frame["period"] <= base_last
    if not in_base.any():
        raise AnalysisError("the base period holds no articles; choose --base-since/--base-until within the store")
    for kind, index in (("threat", "gprt"), ("act", "gpra"), ("gpr", "gpr")):
        share = (frame[f"{kind}_articles"] / with_articles).astype("float64")
        frame[f"{kind}_share"] = share
        base = float(share[in_base].mean())
        frame[index] = 100.0 * share / base if base > 0 else float("nan")
    return frame[list(INDEX_COLUMNS)].reset_index(drop=True)
