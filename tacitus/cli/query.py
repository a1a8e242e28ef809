"""CLI commands: events, export, stats — read the event store (docs/schema.md)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tacitus.cli._app import app, err_console, library_errors

#: Rows drawn as a terminal table when no --limit is given (use jsonl/csv or export for more).
TABLE_ROWS = 50


class EventsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExportFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"
    csv = "csv"
    gdelt = "gdelt"


class Period(StrEnum):
    day = "day"
    month = "month"


class StatsFormat(StrEnum):
    table = "table"
    json = "json"


DbOption = Annotated[Path, typer.Option("--db", help="DuckDB event store written by `tacitus ingest`.")]
SourceOption = Annotated[
    str | None, typer.Option("--source", help="Source country (TUR) or actor-code prefix (TURGOV).")
]
TargetOption = Annotated[str | None, typer.Option("--target", help="Target country or actor-code prefix.")]
DyadOption = Annotated[str | None, typer.Option("--dyad", help="SRC-TGT, directed: source SRC and target TGT.")]
UndirectedOption = Annotated[bool, typer.Option("--undirected", help="Let --dyad match both directions.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="First date, inclusive (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last date, inclusive (YYYY-MM-DD).")]
CameoOption = Annotated[
    list[str] | None, typer.Option("--cameo", help="CAMEO code prefix (repeatable): 12 matches 12, 120, 1211 ...")
]
MinConfidenceOption = Annotated[
    float | None, typer.Option("--min-confidence", help="Leave out events below this confidence (0-1).")
]
CurrentOnlyOption = Annotated[
    bool,
    typer.Option("--current-only", help="Leave out historical, hypothetical and negated events."),
]
NearOption = Annotated[
    str | None,
    typer.Option("--near", help="LAT,LON,KM: events located within KM km of the point (e.g. 34.53,69.17,50)."),
]
PlaceOption = Annotated[
    str | None, typer.Option("--place", help="Events located at this place name (Kabul) or in this country (AFG).")
]


@app.command("events")
def events_cli(
    db: DbOption,
    source: SourceOption = None,
    target: TargetOption = None,
    dyad: DyadOption = None,
    undirected: UndirectedOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    cameo: CameoOption = None,
    min_confidence: MinConfidenceOption = None,
    current_only: CurrentOnlyOption = False,
    near: NearOption = None,
    place: PlaceOption = None,
    limit: Annotated[int | None, typer.Option("--limit", help="At most this many events.")] = None,
    format: Annotated[EventsFormat, typer.Option("--format", "-f", help="table, jsonl or csv.")] = EventsFormat.table,
    evidence: Annotated[bool, typer.Option("--evidence", help="In the table, show each event's sentence.")] = False,
) -> None:
    """List stored events matching every filter given, oldest first."""
    from tacitus.filters import EventFilter
    from tacitus.store import events

    if format is EventsFormat.table and limit is None:
        limit = TABLE_ROWS
    with library_errors():
        criteria = EventFilter.parse(
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
        )
        table = events(db, criteria, as_arrow=True)
    rows = [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()} for row in table.to_pylist()]
    if format is EventsFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=table.column_names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    elif format is EventsFormat.jsonl:
        from tacitus.store.columns import nest_location

        for row in rows:
            typer.echo(json.dumps(nest_location(row), ensure_ascii=False))
    else:
        _events_table(rows, limit, evidence=evidence)


def _events_table(rows: list[dict[str, Any]], limit: int | None, *, evidence: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=evidence)
    last = "evidence (sentence)" if evidence else "doc_id"
    for column in ("date", "source", "cameo", "target", "place", "trigger", last, "conf"):
        table.add_column(column, overflow="fold", ratio=4 if column == last and evidence else None)
    for row in rows:
        table.add_row(
            _text(row["date"]),
            _text(row["source_code"] or row["source_text"]),
            _text(row["cameo"]),
            _text(row["target_code"] or row["target_text"]),
            _text(row.get("location")),  # where it happened (tacitus.enrich.geo); blank when not known
            _text(row["trigger"]),
            _text(row["sentence"] if evidence else row["doc_id"]),
            f"{row['confidence']:.2f}" if row["confidence"] is not None else "",
        )
    Console().print(table)
    if limit is not None and len(rows) == limit:
        err_console.print(f"showing the first {limit} events; use --limit, --format jsonl/csv or `tacitus export`")


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@app.command("export")
def export_cli(
    out: Annotated[Path, typer.Argument(help="File to write.")],
    db: DbOption,
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="parquet, jsonl, csv, or gdelt (GDELT 2.0 event TSV).")
    ] = ExportFormat.parquet,
    source: SourceOption = None,
    target: TargetOption = None,
    dyad: DyadOption = None,
    undirected: UndirectedOption = False,
    since: SinceOption = None,
    until: UntilOption = None,
    cameo: CameoOption = None,
    min_confidence: MinConfidenceOption = None,
    current_only: CurrentOnlyOption = False,
    near: NearOption = None,
    place: PlaceOption = None,
) -> None:
    """Write stored events to a file: our columns (parquet/jsonl/csv) or GDELT 2.0's 61."""
    from tacitus.filters import EventFilter
    from tacitus.store import export

    with library_errors():
        criteria = EventFilter.parse(
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
        )
        written = export(db, out, criteria, format=format.value)
    err_console.print(f"wrote {written:,} events to {out} ({format.value})", highlight=False)


@app.command("stats")
def stats_cli(
    db: DbOption,
    top: Annotated[int, typer.Option("--top", help="How many dyads and event codes to list.")] = 10,
    by: Annotated[Period, typer.Option("--by", help="Count articles and events per day or per month.")] = Period.day,
    format: Annotated[StatsFormat, typer.Option("--format", "-f", help="table or json.")] = StatsFormat.table,
) -> None:
    """Articles and events per day (or month), the top dyads and the top event codes."""
    from rich.console import Console
    from rich.table import Table

    from tacitus.analysis import stats

    with library_errors():
        result = stats(db, top=top, by=by.value)
    if format is StatsFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    console = Console()
    console.print(
        f"[bold]{db}[/]: {result['articles']:,} articles ({result['duplicates']:,} duplicates), "
        f"{result['events']:,} events, {result['ingest_errors']:,} ingest errors, "
        f"{result['first_date'] or '?'} – {result['last_date'] or '?'}",
        highlight=False,
    )
    per_day = Table(title=f"per {by.value}", title_justify="left")
    for column in (by.value, "articles", "events"):
        per_day.add_column(column, justify="left" if column == by.value else "right")
    for row in result[f"per_{by.value}"]:
        per_day.add_row(row["date"] or "(no date)", f"{row['articles']:,}", f"{row['events']:,}")
    dyads = Table(title="top dyads (source-target)", title_justify="left")
    dyads.add_column("dyad")
    dyads.add_column("events", justify="right")
    for row in result["top_dyads"]:
        dyads.add_row(row["dyad"], f"{row['events']:,}")
    codes = Table(title="top event codes", title_justify="left")
    codes.add_column("cameo")
    codes.add_column("events", justify="right")
    for row in result["top_event_codes"]:
        codes.add_row(row["cameo"], f"{row['events']:,}")
    for table in (per_day, dyads, codes):
        console.print(table)
