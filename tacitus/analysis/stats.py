"""Summary statistics of a store: totals, articles and events per period, top dyads and codes.

The first of the analysis functions: they read the store through `Store` and return
JSON-ready values, so the CLI, the API and the dashboard show the same figures.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tacitus.errors import InputError
from tacitus.store import Store


def stats(db: str | Path, *, top: int = 10, by: str = "day") -> dict[str, Any]:
    """Summary statistics of the store at `db` (see `store_stats`)."""
    with Store(db, read_only=True) as store:
        return store_stats(store, top=top, by=by)


def store_stats(store: Store, *, top: int = 10, by: str = "day") -> dict[str, Any]:
    """Totals, articles and events per day (or month), the top dyads and event codes (JSON-ready)."""
    if by not in ("day", "month"):
        raise InputError(f"stats can be grouped by day or month, not '{by}'")
    con = store.con
    totals_row = con.execute(
        """
        SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NOT NULL),
               (SELECT count(*) FROM events), (SELECT count(*) FROM ingest_errors),
               min(date), max(date)
        FROM articles
        """
    ).fetchone()
    articles, duplicates, n_events, errors, first, last = totals_row or (0, 0, 0, 0, None, None)
    per_day = con.execute(
        """
        WITH a AS (SELECT CAST(date_trunc($by, date) AS DATE) AS period, count(*) AS articles FROM articles
                   WHERE duplicate_of IS NULL GROUP BY period),
             e AS (SELECT CAST(date_trunc($by, date) AS DATE) AS period, count(*) AS events FROM events
                   GROUP BY period)
        SELECT coalesce(a.period, e.period) AS period, coalesce(a.articles, 0), coalesce(e.events, 0)
        FROM a FULL OUTER JOIN e ON a.period IS NOT DISTINCT FROM e.period
        ORDER BY period NULLS LAST
        """,
        {"by": by},
    ).fetchall()
    dyads = con.execute(
        """
        -- a dyad side is a country or an IGO; a bare sector ("police", code COP) names no one
        WITH sides AS (
            SELECT coalesce(source_country, CASE WHEN source_code LIKE 'IGO%' THEN source_code END) AS src,
                   coalesce(target_country, CASE WHEN target_code LIKE 'IGO%' THEN target_code END) AS tgt
            FROM events
        )
        SELECT src, tgt, count(*) AS n FROM sides
        WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
        GROUP BY ALL ORDER BY n DESC, src, tgt LIMIT ?
        """,
        [top],
    ).fetchall()
    codes = con.execute(
        "SELECT cameo, count(*) AS n FROM events GROUP BY cameo ORDER BY n DESC, cameo LIMIT ?", [top]
    ).fetchall()
    return {
        "articles": int(articles),
        "originals": int(articles) - int(duplicates),
        "duplicates": int(duplicates),
        "events": int(n_events),
        "ingest_errors": int(errors),
        "first_date": first.isoformat() if first else None,
        "last_date": last.isoformat() if last else None,
        f"per_{by}": [
            {"date": d.isoformat() if d else None, "articles": int(a), "events": int(e)} for d, a, e in per_day
        ],
        "top_dyads": [{"dyad": f"{s}-{t}", "source": s, "target": t, "events": int(n)} for s, t, n in dyads],
        "top_event_codes": [{"cameo": c, "events": int(n)} for c, n in codes],
    }
