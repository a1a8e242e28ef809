"""CLI commands: series, alerts, index and plot — what the stored events say (docs/analysis.md)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tacitus.cli._app import app, err_console, library_errors

plot_app = typer.Typer(
    help="Draw a series, the top alerts or the risk index to a PNG, SVG or PDF file.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(plot_app, name="plot")


class SeriesFormat(StrEnum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


class AlertsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


class Period(StrEnum):
    day = "day"
    week = "week"
    month = "month"


class AlertPeriod(StrEnum):
    week = "week"
    month = "month"


class Level(StrEnum):
    elevated = "elevated"
    high = "high"
    extreme = "extreme"


DbOption = Annotated[Path, typer.Option("--db", help="DuckDB event store written by `tacitus ingest`.")]
DyadOption = Annotated[
    str | None, typer.Option("--dyad", help="SRC-TGT: countries or actor-code prefixes (TUR-USA), directed.")
]
ActorOption = Annotated[
    str | None, typer.Option("--actor", help="Events where this country or code prefix (TUR, TURGOV) is either side.")
]
UndirectedOption = Annotated[bool, typer.Option("--undirected", help="Count the dyad in both directions.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="First date, inclusive (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last date, inclusive (YYYY-MM-DD).")]
#: The library's DEFAULT_MIN_CONFIDENCE, repeated so --help imports no pandas (a test holds them equal).
DEFAULT_MIN_CONFIDENCE = 0.1
MinConfidenceOption = Annotated[
    float, typer.Option("--min-confidence", help="Leave out events below this calibrated confidence (0-1).")
]
HistoricalOption = Annotated[bool, typer.Option("--include-historical", help="Also count events told as past history.")]
OutOption = Annotated[Path, typer.Option("--out", "-o", help="Image to write: .png, .svg or .pdf.")]


@app.command("series")
def series_cli(
    db: DbOption,
    dyad: DyadOption = None,
    actor: ActorOption = None,
    undirected: UndirectedOption = False,
    by: Annotated[Period, typer.Option("--by", help="day, week (Monday-Sunday) or month.")] = Period.week,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: MinConfidenceOption = DEFAULT_MIN_CONFIDENCE,
    include_historical: HistoricalOption = False,
    format: Annotated[
        SeriesFormat, typer.Option("--format", "-f", help="table, csv, jsonl, or parquet (needs --out).")
    ] = SeriesFormat.table,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file instead of stdout.")] = None,
) -> None:
    """Events and clusters per period by QuadClass, Goldstein, conflict share and events per 1,000 articles."""
    from tacitus.analysis.series import series

    if format is SeriesFormat.parquet and out is None:
        err_console.print("[bold red]error:[/] --format parquet needs --out FILE", highlight=False)
        raise typer.Exit(2)
    with library_errors():
        frame = series(
            db,
            dyad=dyad,
            actor=actor,
            undirected=undirected,
            by=by.value,
            since=since,
            until=until,
            min_confidence=min_confidence,
            include_historical=include_historical,
        )
    if format is SeriesFormat.parquet and out is not None:
        frame.to_parquet(out, index=False)
        err_console.print(f"{len(frame)} periods → {out}", highlight=False)
        return
    rows = [_json_ready(row) for row in frame.to_dict(orient="records")]
    with _output(out) as stream:
        if format is SeriesFormat.csv:
            writer = csv.DictWriter(stream, fieldnames=list(frame.columns), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
        elif format is SeriesFormat.jsonl:
            for row in rows:
                stream.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            _series_table(rows, stream)


def _json_ready(row: dict[Any, Any]) -> dict[str, Any]:
    ready: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, float) and math.isnan(value):
            value = None
        elif hasattr(value, "item"):
            value = value.item()
        ready[str(key)] = value
    return ready


class _output:
    """stdout, or the file given with --out."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.stream: Any = None

    def __enter__(self) -> Any:
        self.stream = open(self.path, "w", encoding="utf-8", newline="") if self.path else sys.stdout  # noqa: SIM115
        return self.stream

    def __exit__(self, *exc_info: object) -> None:
        if self.path:
            self.stream.close()


def _series_table(rows: list[dict[str, Any]], stream: Any) -> None:
    from rich.table import Table

    table = Table()
    columns = [
        ("period", "period"),
        ("articles", "articles"),
        ("events", "events"),
        ("clusters", "clusters"),
        ("Q1", "clusters_verbal_coop"),
        ("Q2", "clusters_material_coop"),
        ("Q3", "clusters_verbal_conflict"),
        ("Q4", "clusters_material_conflict"),
        ("goldstein", "goldstein_mean"),
        ("tone", "tone_mean"),
        ("conflict", "conflict_share"),
        ("per 1k", "events_per_1k_articles"),
    ]
    for title, _ in columns:
        table.add_column(title, justify="left" if title == "period" else "right", no_wrap=True)
    for row in rows:
        table.add_row(*[_cell(row[key]) for _, key in columns])
    _console(stream).print(table)


def _console(stream: Any = None) -> Any:
    """A rich console; piped output gets a fixed width so the tables do not fold at 80 columns."""
    from rich.console import Console

    console = Console(file=stream)
    if not console.is_terminal:
        console.width = TABLE_WIDTH
    return console


#: The width of tables written to a pipe or file.
TABLE_WIDTH = 140


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


@app.command("alerts")
def alerts_cli(
    db: DbOption,
    since: Annotated[str | None, typer.Option("--since", help="Judge the periods from this date on.")] = None,
    until: UntilOption = None,
    dyad: Annotated[str | None, typer.Option("--dyad", help="Only this dyad (RUS-UKR) or country (RUS).")] = None,
    by: Annotated[AlertPeriod, typer.Option("--by", help="Judge weeks or months.")] = AlertPeriod.week,
    directed: Annotated[
        bool, typer.Option("--directed", help="Keep dyads directed (source-target) instead of both directions.")
    ] = False,
    level: Annotated[Level | None, typer.Option("--level", help="Show this level and stronger ones.")] = None,
    min_confidence: MinConfidenceOption = DEFAULT_MIN_CONFIDENCE,
    stored: Annotated[
        bool, typer.Option("--stored", help="List the alerts already stored instead of computing them again.")
    ] = False,
    limit: Annotated[int | None, typer.Option("--limit", help="Show at most this many (table: 20).")] = None,
    format: Annotated[
        AlertsFormat, typer.Option("--format", "-f", help="table, or jsonl (one explained alert a line).")
    ] = AlertsFormat.table,
) -> None:
    """Compute, store and show escalation alerts (strongest first), each with its baseline and evidence."""
    from tacitus.analysis.alerts import alerts

    if format is AlertsFormat.table and limit is None:
        limit = 20
    with library_errors():
        found = alerts(
            db,
            since=since,
            until=until,
            dyad=dyad,
            by=by.value,
            undirected=not directed,
            min_confidence=min_confidence,
            level=level.value if level else None,
            stored=stored,
        )
    shown = found[:limit] if limit is not None else found
    if format is AlertsFormat.jsonl:
        for alert in shown:
            typer.echo(json.dumps(alert.to_dict(), ensure_ascii=False))
        return
    _alerts_table(shown)
    if len(shown) < len(found):
        err_console.print(f"showing {len(shown)} of {len(found)} alerts; use --limit or --format jsonl")


def _alerts_table(found: list[Any]) -> None:
    from rich.table import Table

    table = Table(show_lines=True)
    for column in ("dyad", "from", "measure", "value", "baseline", "score", "level", "evidence"):
        table.add_column(column, overflow="fold", no_wrap=column != "evidence")
    for alert in found:
        top = alert.evidence[0] if alert.evidence else None
        sentence = top["sentence"] if top else ""
        sentence = sentence if len(sentence) <= 160 else sentence[:157] + "..."
        evidence = f"{sentence} ({top['source']}, {top['date']})" if top else ""
        table.add_row(
            alert.dyad,
            str(alert.period_start),
            alert.measure,
            f"{alert.value:g}",
            f"{alert.baseline:.2f}",
            f"{alert.score:.1f}",
            alert.level,
            evidence,
        )
    _console().print(table)


@app.command("index")
def index_cli(
    db: DbOption,
    country: Annotated[
        str | None, typer.Option("--country", help="A country (TUR) as either side; default: all countries.")
    ] = None,
    by: Annotated[Period, typer.Option("--by", help="day, week or month.")] = Period.month,
    since: SinceOption = None,
    until: UntilOption = None,
    base_since: Annotated[
        str | None, typer.Option("--base-since", help="First date of the base period (index 100).")
    ] = None,
    base_until: Annotated[
        str | None, typer.Option("--base-until", help="Last date of the base period (index 100).")
    ] = None,
    min_confidence: MinConfidenceOption = DEFAULT_MIN_CONFIDENCE,
    format: Annotated[SeriesFormat, typer.Option("--format", "-f", help="table, csv or jsonl.")] = SeriesFormat.table,
) -> None:
    """Geopolitical-risk index (threats, acts, both) per period, rebased to 100 over the base period."""
    from tacitus.analysis.risk_index import risk_index

    if format is SeriesFormat.parquet:
        err_console.print("[bold red]error:[/] index prints table, csv or jsonl", highlight=False)
        raise typer.Exit(2)
    with library_errors():
        frame = risk_index(
            db,
            country=country,
            by=by.value,
            since=since,
            until=until,
            base_since=base_since,
            base_until=base_until,
            min_confidence=min_confidence,
        )
    rows = [_json_ready(row) for row in frame.to_dict(orient="records")]
    if format is SeriesFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(frame.columns), lineterminator="\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    elif format is SeriesFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    else:
        from rich.table import Table

        table = Table()
        columns = ("period", "country", "articles", "threat_articles", "act_articles", "gprt", "gpra", "gpr")
        for column in columns:
            table.add_column(column, justify="left" if column in ("period", "country") else "right")
        for row in rows:
            table.add_row(*[_cell(row[c]) for c in columns])
        _console().print(table)


@plot_app.command("series")
def plot_series_cli(
    db: DbOption,
    out: OutOption,
    dyad: DyadOption = None,
    actor: ActorOption = None,
    undirected: UndirectedOption = False,
    by: Annotated[Period, typer.Option("--by", help="day, week or month.")] = Period.week,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: MinConfidenceOption = DEFAULT_MIN_CONFIDENCE,
) -> None:
    """A dyad's (or actor's) series as stacked QuadClass bars, the mean Goldstein line and alert markers."""
    from tacitus.analysis.plot import plot_series

    with library_errors():
        path = plot_series(
            db,
            out=out,
            dyad=dyad,
            actor=actor,
            undirected=undirected,
            by=by.value,
            since=since,
            until=until,
            min_confidence=min_confidence,
        )
    err_console.print(f"wrote {path}", highlight=False)


@plot_app.command("alerts")
def plot_alerts_cli(
    db: DbOption,
    out: OutOption,
    since: SinceOption = None,
    until: UntilOption = None,
    level: Annotated[Level | None, typer.Option("--level", help="This level and stronger ones.")] = None,
    top: Annotated[int, typer.Option("--top", help="How many alerts to draw.")] = 15,
) -> None:
    """The strongest stored alerts as bars of their score (run `tacitus alerts` first)."""
    from tacitus.analysis.plot import plot_alerts

    with library_errors():
        path = plot_alerts(db, out=out, since=since, until=until, level=level.value if level else None, top=top)
    err_console.print(f"wrote {path}", highlight=False)


@plot_app.command("index")
def plot_index_cli(
    db: DbOption,
    out: OutOption,
    country: Annotated[str | None, typer.Option("--country", help="A country; default: all countries.")] = None,
    by: Annotated[Period, typer.Option("--by", help="day, week or month.")] = Period.month,
    since: SinceOption = None,
    until: UntilOption = None,
    base_since: Annotated[str | None, typer.Option("--base-since", help="First date of the base period.")] = None,
    base_until: Annotated[str | None, typer.Option("--base-until", help="Last date of the base period.")] = None,
) -> None:
    """The geopolitical-risk index and its threat and act parts (base period = 100)."""
    from tacitus.analysis.plot import plot_index

    with library_errors():
        path = plot_index(
            db,
            out=out,
            country=country,
            by=by.value,
            since=since,
            until=until,
            base_since=base_since,
            base_until=base_until,
        )
    err_console.print(f"wrote {path}", highlight=False)
