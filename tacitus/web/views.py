"""What each page and its JSON twin show, computed once: `/dyad/RUS-UKR` and `/api/dyads/RUS-UKR`
return the same `dyad_view(...)`, one as HTML, one as JSON.

Each function takes a `Store` (the request's cursor) and returns JSON-ready dicts. They call
the library (`Store.events`, `tacitus.analysis`), never SQL of their own beyond the lookups
by key in `lookups`. Analysis features that a store or a build lacks (clusters before their
migration) raise NotAvailableError [T074], which the API answers with 501.
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
from typing import Any

from tacitus.errors import FilterError, NotAvailableError, NotFoundError, RequestError
from tacitus.filters import EventFilter
from tacitus.store import Store
from tacitus.web import lookups

#: Events per page of the API and the dashboard when no limit is given, and the most one request may ask.
DEFAULT_LIMIT = 50
LIMIT_CAP = 500
#: Rows a series may have (periods between since and until); more is a 400, not a slow answer.
MAX_PERIODS = 5000
#: Events listed under a dyad chart for one period.
PERIOD_EVENTS = 100
PERIOD_DAYS = {"day": 1, "week": 7, "month": 28}
#: Periods a dyad page shows when no since/until is given: about a year, ending with the dyad's last event.
WINDOW_PERIODS = {"day": 92, "week": 53, "month": 36}
LONGEST_DAYS = {"day": 1, "week": 7, "month": 31}


def _analysis(name: str) -> Any:
    """`tacitus.analysis.<name>`, or NotAvailableError when this build does not have it."""
    try:
        return importlib.import_module(f"tacitus.analysis.{name}")
    except ImportError as exc:
        raise NotAvailableError(f"{name} are not available in this build of tacitus") from exc


def clusters_available(store: Store) -> bool:
    return lookups.has_column(store, "events", "cluster_id")


# -- events --------------------------------------------------------------------------------


def event_rows(store: Store, criteria: EventFilter, *, evidence: bool) -> list[dict[str, Any]]:
    """The events of one page, JSON-ready; with `evidence`, each with its highlights and article."""
    rows = [lookups.json_row(row) for row in store.events(criteria, as_arrow=True).to_pylist()]
    return with_evidence(store, rows) if evidence else rows


def with_evidence(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `spans` (source, target, trigger in the sentence) and `article` (title, source, url)."""
    articles = lookups.articles_for(store, (row["doc_id"] for row in rows))
    out = []
    for row in rows:
        article = articles.get(row["doc_id"])
        spans = lookups.sentence_spans(row, article["text"] if article else None)
        meta = {k: v for k, v in article.items() if k != "text"} if article else None
        out.append({**row, "spans": [span.to_dict() for span in spans], "article": meta})
    return out


def events_page(store: Store, criteria: EventFilter, *, evidence: bool = False) -> dict[str, Any]:
    """One page of events matching `criteria`, with the paging the API echoes."""
    limit = DEFAULT_LIMIT if criteria.limit is None else criteria.limit
    if limit > LIMIT_CAP:
        raise RequestError(f"limit is at most {LIMIT_CAP} per page, not {limit}; page with offset")
    criteria = criteria.with_paging(limit=limit, offset=criteria.offset)
    rows = event_rows(store, criteria, evidence=evidence)
    return {
        "filter": {k: v for k, v in criteria.to_dict().items() if k not in ("limit", "offset")},
        "limit": limit,
        "offset": criteria.offset,
        "count": len(rows),
        "has_more": len(rows) == limit,
        "events": rows,
    }


def event_detail(store: Store, event_id: str) -> dict[str, Any]:
    """One event: its columns, the highlights of its sentence, its article, and the other reports."""
    event = lookups.event_by_id(store, event_id)
    article = lookups.article_by_id(store, event["doc_id"], with_text=True)
    text = article.pop("text") if article else None
    start = lookups.sentence_start(text, event.get("sentence") or "", event.get("trigger_start"))
    detail: dict[str, Any] = {
        "event": event,
        "spans": [span.to_dict() for span in lookups.sentence_spans(event, text)],
        "article": article,
        "article_text": text,
        "sentence_start": start,
        "duplicates": lookups.duplicates_of(store, event["doc_id"]),
        "cluster_id": event.get("cluster_id"),
        "other_reports": None,
        "other_reports_note": None,
    }
    cluster_id = event.get("cluster_id")
    if not clusters_available(store):
        detail["other_reports_note"] = "this store has no clusters yet: reports are not linked"
    elif cluster_id:
        reports = cluster_detail(store, str(cluster_id))["events"]
        detail["other_reports"] = [row for row in reports if row["event_id"] != event_id]
    else:
        detail["other_reports"] = []
    return detail


def cluster_detail(store: Store, cluster_id: str) -> dict[str, Any]:
    """A cluster (one happening) and the events that report it, with their evidence."""
    if not clusters_available(store):
        raise NotAvailableError("this store has no clusters yet (clusters come with schema 0003 and ingest)")
    module = _analysis("clusters")
    found = module.cluster_events(store, cluster_id)
    # the rows come back through the one JSON-ready lookup, so a cluster's events look like any others
    rows = lookups.events_by_ids(store, [str(event_id) for event_id in found["event_id"]])
    if not rows:
        raise NotFoundError(f"no cluster '{cluster_id}' in this store")
    meta = None
    if lookups.has_table(store, "clusters"):
        meta = lookups.cluster_row(store, cluster_id)
    return {"cluster_id": cluster_id, "cluster": meta, "events": with_evidence(store, rows)}


def _records(found: Any) -> list[dict[str, Any]]:
    """Rows of a DataFrame, an Arrow table, or a list of dicts/objects, JSON-ready."""
    if hasattr(found, "to_dict") and hasattr(found, "columns"):
        records = found.to_dict(orient="records")
    elif hasattr(found, "to_pylist"):
        records = found.to_pylist()
    else:
        records = [item.to_dict() if hasattr(item, "to_dict") else dict(item) for item in found]
    return [lookups.json_row(dict(record)) for record in records]


# -- series and alerts ---------------------------------------------------------------------


def _check_span(since: str | None, until: str | None, by: str) -> None:
    """Refuse a series with more than MAX_PERIODS rows before DuckDB builds it."""
    if by not in PERIOD_DAYS:
        return
    try:
        first = EventFilter.parse(since=since).since
        last = EventFilter.parse(until=until).until
    except FilterError:
        return  # the series reports a bad date itself
    if first and last and (last - first).days / PERIOD_DAYS[by] > MAX_PERIODS:
        raise RequestError(f"that is more than {MAX_PERIODS} periods of a {by}; narrow since/until or use a longer by")


def series_rows(
    store: Store,
    *,
    dyad: str | None,
    actor: str | None = None,
    undirected: bool = False,
    by: str = "week",
    since: str | None = None,
    until: str | None = None,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """`tacitus.analysis.series` as JSON rows (one per period)."""
    module = _analysis("series")
    _check_span(since, until, by)
    options: dict[str, Any] = {}
    if min_confidence is not None:
        options["min_confidence"] = min_confidence
    frame = module.series(
        store, dyad=dyad, actor=actor, undirected=undirected, by=by, since=since, until=until, **options
    )
    if len(frame) > MAX_PERIODS:
        raise RequestError(f"that is more than {MAX_PERIODS} periods of a {by}; narrow since/until or use a longer by")
    return _records(frame)


def alert_dicts(
    store: Store,
    *,
    since: str | None = None,
    until: str | None = None,
    dyad: str | None = None,
    level: str | None = None,
    limit: int | None = DEFAULT_LIMIT,
    order: str = "score",
) -> list[dict[str, Any]]:
    """Stored alerts (`tacitus.analysis.alerts.list_alerts`), JSON-ready, with a one-line explanation each."""
    module = _analysis("alerts")
    if not lookups.has_table(store, "alerts"):
        return []
    found = module.list_alerts(store, since=since, until=until, dyad=dyad, level=level, limit=limit, order=order)
    out = []
    for alert in found:
        data = lookups.json_row(alert.to_dict())
        data["explanation"] = alert.explain() if hasattr(alert, "explain") else None
        out.append(data)
    return out


def alert_detail(store: Store, alert_id: str) -> dict[str, Any]:
    """One stored alert with the events that drove it (strongest first), each with its evidence."""
    for alert in alert_dicts(store, limit=None):
        if alert["alert_id"] == alert_id:
            events = lookups.events_by_ids(store, alert.get("events") or [])
            return {"alert": alert, "events": with_evidence(store, events)}
    raise NotFoundError(f"no alert '{alert_id}' in this store")


# -- pages ---------------------------------------------------------------------------------


def overview(store: Store, *, top: int = 10, alerts: int = 10) -> dict[str, Any]:
    """The overview: the store's summary (events per month, top dyads and codes) and the latest alerts."""
    from tacitus.analysis import store_stats

    summary = store_stats(store, top=top, by="month")
    try:
        latest = alert_dicts(store, limit=alerts, order="date")
        note = None
    except NotAvailableError as exc:
        latest, note = [], exc.message
    return {"stats": summary, "alerts": latest, "alerts_note": note}


def parse_dyad(dyad: str) -> tuple[str, str]:
    try:
        pair = EventFilter.parse(dyad=dyad).dyad
    except FilterError as exc:
        raise RequestError(exc.message) from exc
    if pair is None:
        raise RequestError("give a dyad such as RUS-UKR")
    return pair


def dyad_view(
    store: Store,
    dyad: str,
    *,
    undirected: bool = True,
    by: str = "week",
    since: str | None = None,
    until: str | None = None,
    period: str | None = None,
    alert: str | None = None,
) -> dict[str, Any]:
    """A dyad's page: its series, its alerts, and the events of the period or alert picked."""
    source, target = parse_dyad(dyad)
    name = f"{source}-{target}"
    view: dict[str, Any] = {
        "dyad": name,
        "source": source,
        "target": target,
        "undirected": undirected,
        "by": by,
        "since": since,
        "until": until,
        "series": None,
        "series_note": None,
        "window": None,
        "alerts": [],
        "alerts_note": None,
        "selected": None,
    }
    window_since, window_until = since, until
    try:
        series_since = since
        if since is None and until is None:
            # only the latest stretch is drawn: ask for it, not for the store's whole span
            last = lookups.last_event_date(store, EventFilter.parse(dyad=name, undirected=undirected))
            if last is not None:
                series_since = (last - dt.timedelta(days=LONGEST_DAYS[by] * (WINDOW_PERIODS[by] + 1))).isoformat()
        rows = series_rows(store, dyad=name, undirected=undirected, by=by, since=series_since, until=until)
        if since is None and until is None:
            rows = _recent(rows, WINDOW_PERIODS[by])
            if rows:
                window_since, window_until = str(rows[0]["period"]), str(rows[-1]["period_end"])
        view["series"] = rows
        view["window"] = {"since": window_since, "until": window_until}
    except NotAvailableError as exc:
        view["series_note"] = exc.message
    try:
        view["alerts"] = [
            a
            for a in alert_dicts(store, dyad=name, since=window_since, until=window_until, limit=200, order="date")
            if a.get("scope", "dyad") == "dyad"
        ]
    except NotAvailableError as exc:
        view["alerts_note"] = exc.message
    if alert:
        chosen = next((a for a in view["alerts"] if a["alert_id"] == alert), None)
        if chosen is None:
            raise NotFoundError(f"no alert '{alert}' for {name}")
        events = lookups.events_by_ids(store, chosen.get("events") or [])
        view["selected"] = {
            "kind": "alert",
            "alert_id": alert,
            "period_start": chosen["period_start"],
            "period_end": chosen["period_end"],
            "explanation": chosen.get("explanation"),
            "events": with_evidence(store, events),
        }
    elif period:
        start = _period_start(period, by)
        end = _analysis("series").period_end(start, by)  # the analysis layer's own period arithmetic
        # the events the bar counts: current ones at the series' confidence floor
        floor = getattr(_analysis("series"), "DEFAULT_MIN_CONFIDENCE", 0.0)
        criteria = EventFilter.parse(
            dyad=name,
            undirected=undirected,
            since=start,
            until=end,
            current_only=True,
            min_confidence=floor,
            limit=PERIOD_EVENTS,
        )
        view["selected"] = {
            "kind": "period",
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "explanation": None,
            "events": event_rows(store, criteria, evidence=True),
        }
    return view


def _recent(rows: list[dict[str, Any]], periods: int) -> list[dict[str, Any]]:
    """The periods from the dyad's first event to its last, at most the last `periods` of them.

    A store can span decades while a dyad is active for months; the page opens on its
    latest stretch (since/until show any other).
    """
    active = [index for index, row in enumerate(rows) if row.get("events")]
    if not active:
        return rows[-periods:]
    last = active[-1]
    first = max(active[0], last - periods + 1)
    return rows[first : last + 1]


def _period_start(value: str, by: str) -> dt.date:
    try:
        day = EventFilter.parse(since=value).since
    except FilterError as exc:
        raise RequestError(exc.message.replace("--since", "period")) from exc
    if day is None:
        raise RequestError("period must be a date such as 2022-02-21")
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def check_by(by: str, allowed: tuple[str, ...] = ("day", "week", "month")) -> str:
    if by not in allowed:
        raise RequestError(f"by must be one of {', '.join(allowed)}, not '{by}'")
    return by


def finite(value: Any) -> float | None:
    """A float for a chart, None for missing or NaN."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number
