"""The FastAPI application: the JSON API under /api and /-/, and the dashboard pages beside it.

Imported only through `tacitus.web.create_app`, after `require("fastapi", extra="web")`.
Every route reads through `StoreAccess.reader()` (its own cursor, a time cap) and calls the
same functions the CLI does (`views`); pages render what their JSON twin returns.
Errors: a `TacitusError` becomes `{"error": code, "message": ...}` with a 4xx status (5xx
only for a query past the time cap, a feature not built, or a bug), and a bug never shows
its traceback to the client: it is logged on the server under logger ``tacitus.web``.
"""

from __future__ import annotations

import json
import logging
import math
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tacitus._version import __version__
from tacitus.errors import (
    MissingExtraError,
    NotAvailableError,
    NotFoundError,
    QueryTimeoutError,
    RequestError,
    StoreError,
    TacitusError,
)
from tacitus.filters import EventFilter
from tacitus.store import Store
from tacitus.web import charts, lookups, views
from tacitus.web.access import DEFAULT_QUERY_TIMEOUT, StoreAccess
from tacitus.web.templates import CSS, SCRIPT, render

log = logging.getLogger("tacitus.web")

#: Content-Security-Policy of every answer: nothing but this server's own files, no inline script.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    ),  # fmt: skip
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]
MAX_DOWNLOAD_ROWS = 10_000_000
#: The download formats of an event query, by the path's suffix (/api/events.csv, /api/events.parquet).
DOWNLOAD_MEDIA_TYPES = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet"}

# -- parameters, declared once and shared by the API and the pages -------------------------

Source = Annotated[str | None, Query(max_length=64, description="Source country (TUR) or actor-code prefix (TURGOV).")]
Target = Annotated[str | None, Query(max_length=64, description="Target country or actor-code prefix.")]
Dyad = Annotated[str | None, Query(max_length=130, description="SRC-TGT, directed unless `undirected`.")]
Undirected = Annotated[bool, Query(description="Let the dyad match both directions.")]
Since = Annotated[str | None, Query(max_length=40, description="First date, inclusive (YYYY-MM-DD).")]
Until = Annotated[str | None, Query(max_length=40, description="Last date, inclusive (YYYY-MM-DD).")]
Cameo = Annotated[
    list[str] | None,
    Query(max_length=8, description="CAMEO code prefix, repeatable: 12 matches 12, 120, 1211 ..."),
]
MinConfidence = Annotated[
    float | None, Query(ge=0.0, le=1.0, description="Leave out events below this confidence (0-1).")
]
CurrentOnly = Annotated[bool, Query(description="Leave out historical, hypothetical and negated events.")]
Near = Annotated[str | None, Query(max_length=64, description="LAT,LON,KM: events located within KM of a point.")]
Place = Annotated[str | None, Query(max_length=100, description="Events located at a place (name or ISO3 country).")]
Limit = Annotated[int, Query(ge=0, le=views.LIMIT_CAP, description=f"Events per page (at most {views.LIMIT_CAP}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000_000, description="Events to skip (paging).")]
Evidence = Annotated[bool, Query(description="Add each event's highlights (spans) and article metadata.")]
By = Annotated[str, Query(max_length=8, description="Period: day, week or month.")]
AlertBy = Annotated[str, Query(max_length=8, description="Period: week or month.")]
Level = Annotated[
    str | None, Query(max_length=16, description="This alert level or a stronger one (elevated, high, extreme).")
]
EventId = Annotated[str, PathParam(max_length=128, description="An event id (events.event_id).")]
DyadPath = Annotated[str, PathParam(max_length=130, description="SRC-TGT, e.g. RUS-UKR.")]


def _filter(
    source: str | None,
    target: str | None,
    dyad: str | None,
    undirected: bool,
    since: str | None,
    until: str | None,
    cameo: list[str] | None,
    min_confidence: float | None,
    current_only: bool,
    limit: int | None,
    offset: int,
    near: str | None = None,
    place: str | None = None,
) -> EventFilter:
    """The `EventFilter` of a request: the one parser of filters, so the API's errors are the CLI's."""
    return EventFilter.parse(
        source=source,
        target=target,
        dyad=dyad,
        undirected=undirected,
        since=since,
        until=until,
        cameo=cameo,
        min_confidence=min_confidence,
        current_only=current_only,
        near=near,
        place=place,
        limit=limit,
        offset=offset,
    )


# -- answers -------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    """JSON-safe all the way down: NaN and infinities become null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return lookups.json_value(value)


def json_answer(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(_clean(data), status_code=status)


def status_of(error: TacitusError) -> int:
    """The HTTP status of a library error: the client's fault is 4xx."""
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, NotAvailableError | MissingExtraError):
        return 501
    if isinstance(error, QueryTimeoutError | StoreError):
        return 503
    return 400


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith(("/api/", "/-/", "/openapi")) or path in ("/api", "/-")


def _error(request: Request, status: int, code: str, message: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": code, "message": message}, status_code=status)
    page = render(
        "error.html",
        status=status,
        code=code,
        message=message,
        store_name="",
        version=__version__,
        twin=None,
        live=False,
    )
    return HTMLResponse(page, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


class SecurityHeaders:
    """Adds the security headers to every response (pure ASGI: no per-request task overhead)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


# -- the application -------------------------------------------------------------------------


def build_app(db: str | Path | Store | StoreAccess, *, query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> FastAPI:
    """The app over `db`: a path (opened read-only), an open Store shared with a writer, or a StoreAccess."""
    access = db if isinstance(db, StoreAccess) else StoreAccess(db, query_timeout=query_timeout)
    app = FastAPI(
        title="Tacitus",
        version=__version__,
        description="Read-only JSON API over a Tacitus event store, and the dashboard beside it. "
        "Errors are {error, message} with a library code such as T030.",
        docs_url=None,  # FastAPI's Swagger UI loads from a CDN; /docs below is drawn offline
        redoc_url=None,
    )
    app.state.access = access
    app.add_middleware(SecurityHeaders)
    store_name = access.path.name

    def page(name: str, *, twin: str | None, **context: Any) -> HTMLResponse:
        html = render(name, store_name=store_name, version=__version__, twin=twin, live=access.shared, **context)
        return HTMLResponse(html)

    def read(work: Callable[[Store], Any]) -> Any:
        with access.reader() as store:
            return work(store)

    # -- errors -------------------------------------------------------------------------

    @app.exception_handler(TacitusError)
    async def library_error(request: Request, exc: TacitusError) -> Response:
        return _error(request, status_of(exc), exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        return _error(request, 400, RequestError.code, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return _error(request, 404, NotFoundError.code, f"nothing at {request.url.path}")
        if exc.status_code == 405:
            return _error(request, 405, RequestError.code, f"{request.method} is not allowed here: this server reads")
        return _error(request, exc.status_code, "T070", str(exc.detail))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error answering %s %s", request.method, request.url.path)
        return _error(request, 500, "T070", "internal error; the server log has the details")

    # -- the JSON API ---------------------------------------------------------------------

    @app.get("/api/events", tags=["events"], summary="Events matching every filter given, a page at a time")
    def api_events(
        source: Source = None,
        target: Target = None,
        dyad: Dyad = None,
        undirected: Undirected = False,
        since: Since = None,
        until: Until = None,
        cameo: Cameo = None,
        min_confidence: MinConfidence = None,
        current_only: CurrentOnly = False,
        near: Near = None,
        place: Place = None,
        limit: Limit = views.DEFAULT_LIMIT,
        offset: Offset = 0,
        evidence: Evidence = False,
    ) -> Response:
        """The filters of `tacitus events`; `limit`/`offset` page in the store's order (date, article, position)."""
        criteria = _filter(
            source, target, dyad, undirected, since, until, cameo, min_confidence, current_only, limit, offset,
            near=near, place=place,
        )  # fmt: skip
        data = read(lambda store: views.events_page(store, criteria, evidence=evidence))
        if data["has_more"]:
            query = {k: v for k, v in criteria.to_dict().items() if k not in ("limit", "offset")}
            query.update(limit=data["limit"], offset=data["offset"] + data["limit"])
            if evidence:
                query["evidence"] = True
            data["next"] = "/api/events?" + urlencode(_query(query), doseq=True)
        else:
            data["next"] = None
        return json_answer(data)

    def download(
        format: str,
        criteria: EventFilter,
        media_type: str,
    ) -> Response:
        folder = Path(tempfile.mkdtemp(prefix="tacitus-download-"))
        out = folder / f"events.{format}"
        try:
            read(lambda store: store.export(out, criteria, format=format))
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return FileResponse(
            out,
            media_type=media_type,
            filename=out.name,
            background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
        )

    @app.get("/api/events.csv", tags=["events"], summary="The events of a query as CSV (every page)")
    @app.get("/api/events.parquet", tags=["events"], summary="The events of a query as Parquet (every page)")
    def api_events_download(
        request: Request,
        source: Source = None,
        target: Target = None,
        dyad: Dyad = None,
        undirected: Undirected = False,
        since: Since = None,
        until: Until = None,
        cameo: Cameo = None,
        min_confidence: MinConfidence = None,
        current_only: CurrentOnly = False,
        near: Near = None,
        place: Place = None,
        limit: Annotated[int | None, Query(ge=0, le=MAX_DOWNLOAD_ROWS)] = None,
    ) -> Response:
        """The same filters as /api/events; the store's exporter writes the file (CSV with `tacitus export`'s
        columns, or Parquet with ZSTD), the format named by the path's suffix."""
        criteria = _filter(
            source, target, dyad, undirected, since, until, cameo, min_confidence, current_only, limit, 0,
            near=near, place=place,
        )  # fmt: skip
        file_format = request.url.path.rsplit(".", 1)[-1]
        return download(file_format, criteria, DOWNLOAD_MEDIA_TYPES[file_format])

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event, its evidence, its article, other reports")
    def api_event(event_id: EventId) -> Response:
        """The event's columns; `spans`: source, target and trigger as offsets in its sentence; the article's
        metadata and text; `other_reports`: the other events of its cluster (null when the store has none)."""
        return json_answer(read(lambda store: views.event_detail(store, event_id)))

    @app.get("/api/series", tags=["analysis"], summary="A dyad's or an actor's time series (tacitus series)")
    def api_series(
        dyad: Dyad = None,
        actor: Annotated[str | None, Query(max_length=64, description="A country or code prefix, either side.")] = None,
        undirected: Undirected = False,
        by: By = "week",
        since: Since = None,
        until: Until = None,
        min_confidence: MinConfidence = None,
    ) -> Response:
        """Per period: events and clusters by QuadClass, Goldstein sum and mean, conflict share, article volume."""
        views.check_by(by)
        rows = read(
            lambda store: views.series_rows(
                store,
                dyad=dyad,
                actor=actor,
                undirected=undirected,
                by=by,
                since=since,
                until=until,
                min_confidence=min_confidence,
            )
        )
        return json_answer({"dyad": dyad, "actor": actor, "undirected": undirected, "by": by, "series": rows})

    @app.get("/api/alerts", tags=["analysis"], summary="Stored escalation alerts (tacitus alerts)")
    def api_alerts(
        since: Since = None,
        until: Until = None,
        dyad: Annotated[str | None, Query(max_length=130, description="A dyad (RUS-UKR) or a country (RUS).")] = None,
        level: Level = None,
        limit: Limit = views.DEFAULT_LIMIT,
    ) -> Response:
        """Strongest first; each explains itself: measure, window, value, baseline, score, events and evidence."""
        alerts = read(
            lambda store: views.alert_dicts(store, since=since, until=until, dyad=dyad, level=level, limit=limit)
        )
        return json_answer({"count": len(alerts), "alerts": alerts})

    @app.get("/api/alerts/{alert_id}", tags=["analysis"], summary="One alert and the events that drove it")
    def api_alert(alert_id: Annotated[str, PathParam(max_length=64)]) -> Response:
        return json_answer(read(lambda store: views.alert_detail(store, alert_id)))

    @app.get("/api/clusters/{cluster_id}", tags=["analysis"], summary="One happening and all its reports")
    def api_cluster(cluster_id: Annotated[str, PathParam(max_length=128)]) -> Response:
        return json_answer(read(lambda store: views.cluster_detail(store, cluster_id)))

    @app.get("/api/actors", tags=["actors"], summary="Actors seen in the store, by code prefix or name")
    def api_actors(
        q: Annotated[str, Query(max_length=lookups.MAX_QUERY_CHARS, description="Code prefix or part of a name.")] = "",
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
    ) -> Response:
        """The text is matched as text (parameterised), never as a pattern: `%` and `'` are just characters."""
        actors = read(lambda store: lookups.search_actors(store, q, limit=limit))
        return json_answer({"q": q, "count": len(actors), "actors": actors})

    @app.get("/api/stats", tags=["store"], summary="The store's summary (tacitus stats)")
    def api_stats(
        top: Annotated[int, Query(ge=1, le=100)] = 10,
        by: Annotated[str, Query(max_length=8, description="day or month")] = "day",
    ) -> Response:
        from tacitus.analysis import store_stats

        views.check_by(by, ("day", "month"))
        return json_answer(read(lambda store: store_stats(store, top=top, by=by)))

    @app.get("/api/overview", tags=["pages"], summary="What the overview page shows, as JSON")
    def api_overview() -> Response:
        return json_answer(read(views.overview))

    @app.get("/api/dyads/{dyad}", tags=["pages"], summary="What a dyad page shows, as JSON")
    def api_dyad(
        dyad: DyadPath,
        undirected: Undirected = True,
        by: AlertBy = "week",
        since: Since = None,
        until: Until = None,
        period: Annotated[str | None, Query(max_length=40, description="A date: list that period's events.")] = None,
        alert: Annotated[str | None, Query(max_length=64, description="An alert id: list its events.")] = None,
    ) -> Response:
        views.check_by(by)
        return json_answer(
            read(
                lambda store: views.dyad_view(
                    store, dyad, undirected=undirected, by=by, since=since, until=until, period=period, alert=alert
                )
            )
        )

    @app.get("/-/versions", tags=["store"], summary="Package, spaCy model, lexicon and schema versions")
    def api_versions() -> Response:
        return json_answer(read(lambda store: {**lookups.versions(store), "store": store_name, "live": access.shared}))

    # -- the dashboard --------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, tags=["pages"], summary="Overview page")
    def overview_page() -> Response:
        data = read(views.overview)
        bars = [
            charts.VolumeBar(
                label=row["date"][:7],
                events=row["events"],
                articles=row["articles"],
                href=f"/events?since={row['date']}&until={_month_end(row['date'])}",
            )
            for row in data["stats"]["per_month"]
            if row["date"]
        ]
        return page(
            "overview.html",
            twin="/api/overview",
            stats=data["stats"],
            alerts=[_alert_for_page(a) for a in data["alerts"]],
            alerts_note=data["alerts_note"],
            by="month",
            volume_svg=charts.volume_chart(bars, title="events and articles per month"),
        )

    @app.get("/dyad", tags=["pages"], summary="Open a dyad page from the search box")
    def dyad_search(dyad: Dyad = None) -> Response:
        if not dyad:
            raise RequestError("give a dyad such as RUS-UKR")
        source, target = views.parse_dyad(dyad)
        return RedirectResponse(f"/dyad/{source}-{target}", status_code=303)

    @app.get("/dyad/{dyad}", response_class=HTMLResponse, tags=["pages"], summary="Dyad page")
    def dyad_page(
        dyad: DyadPath,
        undirected: Undirected = True,
        by: AlertBy = "week",
        since: Since = None,
        until: Until = None,
        period: Annotated[str | None, Query(max_length=40)] = None,
        alert: Annotated[str | None, Query(max_length=64)] = None,
    ) -> Response:
        views.check_by(by)
        data = read(
            lambda store: views.dyad_view(
                store, dyad, undirected=undirected, by=by, since=since, until=until, period=period, alert=alert
            )
        )
        base = {"by": by, "undirected": "true" if undirected else "false"}
        if since:
            base["since"] = since
        if until:
            base["until"] = until
        here = f"/dyad/{data['dyad']}"
        selected = data["selected"] or {}
        bars = [
            charts.PeriodBar(
                label=str(row["period"]),
                counts=(
                    int(row["events_verbal_coop"]),
                    int(row["events_material_coop"]),
                    int(row["events_verbal_conflict"]),
                    int(row["events_material_conflict"]),
                ),
                goldstein=views.finite(row["goldstein_mean"]),
                href=f"{here}?{urlencode({**base, 'period': row['period']})}#events",
                selected=selected.get("kind") == "period" and selected.get("period_start") == row["period"],
            )
            for row in data["series"] or []
        ]
        marks = []
        for alert_row in data["alerts"]:
            index = next(
                (
                    i
                    for i, row in enumerate(data["series"] or [])
                    if row["period"] <= alert_row["period_start"] <= row["period_end"]
                ),
                -1,
            )
            marks.append(
                charts.AlertMark(
                    period=index,
                    alert_id=alert_row["alert_id"],
                    level=alert_row["level"],
                    label=f"{alert_row['level']} alert, {alert_row['measure']} {alert_row['period_start']}: "
                    f"{alert_row['value']:g} against {alert_row['baseline']:.2f} expected",
                    href=f"{here}?{urlencode({**base, 'alert': alert_row['alert_id']})}#events",
                    selected=selected.get("alert_id") == alert_row["alert_id"],
                )
            )
        heading = None
        if selected:
            what = "Alert" if selected["kind"] == "alert" else "Events"
            heading = f"{what} {selected['period_start']} – {selected['period_end']}"
            selected = {
                **selected,
                "heading": heading,
                "events": [_event_for_page(e) for e in selected["events"]],
                "more": (
                    f"/events?{urlencode({'dyad': data['dyad'], 'undirected': str(undirected).lower(), 'since': selected['period_start'], 'until': selected['period_end']})}"  # noqa: E501
                    if selected["kind"] == "alert"
                    else None
                ),
            }
        chart = charts.dyad_chart(bars, marks, title=f"{data['dyad']} events per {by} by QuadClass")
        return page(
            "dyad.html",
            twin=f"/api/dyads/{data['dyad']}?{urlencode({**base, **_picked(period, alert)})}",
            dyad=data["dyad"],
            source=data["source"],
            target=data["target"],
            undirected=undirected,
            by=by,
            since=since,
            until=until,
            periods=("week", "month", "day"),
            chart_svg=chart,
            series_note=data["series_note"],
            alerts=[
                _alert_for_page(a, href=f"{here}?{urlencode({**base, 'alert': a['alert_id']})}#events")
                for a in data["alerts"]
            ],  # fmt: skip
            alerts_note=data["alerts_note"],
            selected=selected or None,
        )

    @app.get("/events", response_class=HTMLResponse, tags=["pages"], summary="Events page")
    def events_list_page(
        request: Request,
        source: Source = None,
        target: Target = None,
        dyad: Dyad = None,
        undirected: Undirected = False,
        since: Since = None,
        until: Until = None,
        cameo: Cameo = None,
        min_confidence: MinConfidence = None,
        current_only: CurrentOnly = False,
        near: Near = None,
        place: Place = None,
        limit: Limit = views.DEFAULT_LIMIT,
        offset: Offset = 0,
    ) -> Response:
        cameo = [c for c in cameo or [] if c.strip()] or None
        criteria = _filter(
            source or None, target or None, dyad or None, undirected, since or None, until or None, cameo,
            min_confidence, current_only, limit, offset, near=near or None, place=place or None,
        )  # fmt: skip
        data = read(lambda store: views.events_page(store, criteria, evidence=True))
        query = _query({k: v for k, v in criteria.to_dict().items() if k not in ("limit", "offset")})
        shown = {**query, "limit": data["limit"]}
        first = data["offset"] + 1 if data["count"] else 0
        pager = {
            "first": first,
            "last": data["offset"] + data["count"],
            "previous": (
                f"/events?{urlencode({**shown, 'offset': max(0, data['offset'] - data['limit'])}, doseq=True)}"
                if data["offset"]
                else None
            ),
            "next": (
                f"/events?{urlencode({**shown, 'offset': data['offset'] + data['limit']}, doseq=True)}"
                if data["has_more"]
                else None
            ),
        }
        values = {k: (",".join(v) if isinstance(v, list) else v) for k, v in query.items()}
        return page(
            "events.html",
            twin=f"/api/events?{urlencode({**shown, 'offset': data['offset']}, doseq=True)}",
            events=[_event_for_page(e) for e in data["events"]],
            page=pager,
            values=values,
            fields=(
                ("source", "source"),
                ("target", "target"),
                ("dyad", "dyad"),
                ("since", "since"),
                ("until", "until"),
                ("cameo", "CAMEO"),
                ("min_confidence", "min. confidence"),
            ),  # fmt: skip
            csv_url=f"/api/events.csv?{urlencode(query, doseq=True)}",
            parquet_url=f"/api/events.parquet?{urlencode(query, doseq=True)}",
        )

    @app.get("/events/{event_id}", response_class=HTMLResponse, tags=["pages"], summary="Event page")
    def event_page(event_id: EventId) -> Response:
        data = read(lambda store: views.event_detail(store, event_id))
        event = _event_for_page({**data["event"], "spans": data["spans"]})
        text = data["article_text"] or ""
        start = data["sentence_start"]
        sentence = data["event"].get("sentence") or ""
        if start is None:
            article_pieces = [(text, False)]
        else:
            end = start + len(sentence)
            article_pieces = [(text[:start], False), (text[start:end], True), (text[end:], False)]
        shown = [
            name
            for name in (
                "event_id",
                "doc_id",
                "source_text",
                "source_code",
                "source_name",
                "source_country",
                "target_text",
                "target_code",
                "target_name",
                "target_country",
                "plover_mode",
                "location",
                "lexicon_version",
            )  # fmt: skip
            if name in data["event"]
        ]
        return page(
            "event.html",
            twin=f"/api/events/{event_id}",
            event=event,
            shown_fields=shown,
            article=data["article"],
            article_pieces=article_pieces,
            cluster_id=data["cluster_id"],
            others=[_event_for_page(e) for e in data["other_reports"] or []],
            others_note=data["other_reports_note"],
            duplicates=data["duplicates"],
        )

    @app.get("/clusters/{cluster_id}", response_class=HTMLResponse, tags=["pages"], summary="Cluster page")
    def cluster_page(cluster_id: Annotated[str, PathParam(max_length=128)]) -> Response:
        data = read(lambda store: views.cluster_detail(store, cluster_id))
        return page(
            "cluster.html",
            twin=f"/api/clusters/{cluster_id}",
            cluster_id=cluster_id,
            cluster=data["cluster"],
            events=[_event_for_page(e) for e in data["events"]],
        )

    @app.get("/alerts", response_class=HTMLResponse, tags=["pages"], summary="Alerts page")
    def alerts_page(since: Since = None, dyad: Dyad = None, level: Level = None) -> Response:
        since, dyad, level = since or None, dyad or None, level or None
        try:
            alerts = read(lambda store: views.alert_dicts(store, since=since, dyad=dyad, level=level, limit=200))
            note = None
        except NotAvailableError as exc:
            alerts, note = [], exc.message
        twin = "/api/alerts?" + urlencode(
            {k: v for k, v in {"since": since, "dyad": dyad, "level": level}.items() if v}
        )
        return page(
            "alerts.html",
            twin=twin,
            alerts=[_alert_for_page(a) for a in alerts],
            alerts_note=note,
            since=since,
            dyad=dyad,
            level=level,
        )

    @app.get("/actors", response_class=HTMLResponse, tags=["pages"], summary="Actor search page")
    def actors_page(q: Annotated[str, Query(max_length=lookups.MAX_QUERY_CHARS)] = "") -> Response:
        actors = read(lambda store: lookups.search_actors(store, q, limit=50))
        return page("actors.html", twin=f"/api/actors?{urlencode({'q': q})}", q=q, actors=actors)

    @app.get("/docs", response_class=HTMLResponse, tags=["pages"], summary="The API described, offline")
    def docs_page() -> Response:
        spec = app.openapi()
        return page("docs.html", twin="/openapi.json", spec=spec, routes=_routes(spec))

    @app.get("/static/tacitus.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(CSS, media_type="text/css", headers={"cache-control": "max-age=3600"})

    @app.get("/static/tacitus.js", include_in_schema=False)
    def script() -> Response:
        return Response(SCRIPT, media_type="text/javascript", headers={"cache-control": "max-age=3600"})

    return app


# -- helpers of the pages ------------------------------------------------------------------


def _query(criteria: dict[str, Any]) -> dict[str, Any]:
    """An EventFilter's `to_dict()` as query parameters (booleans as true/false)."""
    return {k: (str(v).lower() if isinstance(v, bool) else v) for k, v in criteria.items()}


def _picked(period: str | None, alert: str | None) -> dict[str, str]:
    return {k: v for k, v in (("period", period), ("alert", alert)) if v}


def _month_end(first_day: str) -> str:
    import datetime as dt

    start = dt.date.fromisoformat(first_day)
    following = dt.date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).isoformat()


def _event_for_page(event: dict[str, Any]) -> dict[str, Any]:
    """An event as the templates want it: its sentence cut into highlighted pieces."""
    spans = [lookups.Span(s["role"], s["start"], s["end"], s["text"]) for s in event.get("spans") or []]
    return {**event, "pieces": lookups.segments(event.get("sentence") or "", spans)}


def _alert_for_page(alert: dict[str, Any], *, href: str | None = None) -> dict[str, Any]:
    evidence = alert.get("evidence") or []
    first = evidence[0].get("sentence") if evidence and isinstance(evidence[0], dict) else None
    by = alert.get("period") or "week"
    link = href or f"/dyad/{alert['dyad']}?{urlencode({'alert': alert['alert_id'], 'by': by})}#events"
    if alert.get("scope") == "country":
        window = {"source": alert["dyad"], "since": alert["period_start"], "until": alert["period_end"]}
        link = f"/events?{urlencode(window)}"
    # a dyad opens its page; a country (a country-scope alert) its actors
    unit = f"/dyad/{alert['dyad']}" if "-" in alert["dyad"] else f"/actors?{urlencode({'q': alert['dyad']})}"
    return {**alert, "href": link, "unit_href": unit, "first_sentence": first}


def _routes(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """The OpenAPI paths as rows for the offline docs page."""
    rows = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = []
            for parameter in operation.get("parameters", []):
                schema = parameter.get("schema", {})
                kinds = [s.get("type") for s in schema.get("anyOf", [schema]) if s.get("type") not in (None, "null")]
                parameters.append(
                    {
                        "name": parameter.get("name"),
                        "where": parameter.get("in"),
                        "required": parameter.get("required", False),
                        "type": " or ".join(str(k) for k in kinds),
                        "default": json.dumps(schema["default"]) if "default" in schema else "",
                        "description": parameter.get("description") or schema.get("description") or "",
                    }
                )
            rows.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": parameters,
                }
            )
    return rows
