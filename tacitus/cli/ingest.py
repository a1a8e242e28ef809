"""CLI command: ingest — files, folders or stdin into a DuckDB event store (docs/ingest.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tacitus.cli._app import EXIT_NOTHING_INGESTED, app, err_console, library_errors

if TYPE_CHECKING:
    from tacitus.jobs.ingest import IngestSummary

#: Bad records listed after a run; the rest are in the ingest_errors table.
ERRORS_SHOWN = 10


@app.command("ingest")
def ingest_cli(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Files (.txt .jsonl .jsonl.gz .csv .tsv .html .rss .atom .xml .warc .warc.gz), folders, "
            "http(s) URLs of pages or feeds, or - for stdin."
        ),
    ],
    db: Annotated[Path, typer.Option("--db", help="DuckDB event store (created when missing).")],
    format: Annotated[
        str | None,
        typer.Option("--format", help="Force one reader for every input: jsonl, txt, csv, tsv, html, feed, warc."),
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file (TOML, [tacitus] table).")] = None,
    dictionaries: Annotated[
        list[Path] | None, typer.Option("--dict", help="A user actor dictionary (repeatable; docs/actors.md).")
    ] = None,
    lexicons: Annotated[
        list[Path] | None, typer.Option("--lexicon", help="A user event lexicon (repeatable; docs/lexicon.md).")
    ] = None,
    json_summary: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Processes coding articles (default: every core; docs/scale.md).")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local (this machine's cores) or dask (a Dask cluster; docs/scale.md).")
    ] = "local",
    scheduler: Annotated[
        str | None, typer.Option("--scheduler", help="Dask scheduler address (--engine dask; default: a LocalCluster).")
    ] = None,
    keep_parquet: Annotated[
        Path | None, typer.Option("--keep-parquet", help="Keep the Dask workers' Parquet shards in this folder.")
    ] = None,
) -> None:
    """Read articles, code their events and store both; bad records are reported, never fatal.

    Exit status: 0 when anything was read (new, duplicate or already stored), 1 when nothing
    could be, 2 for a usage error or a missing input path.
    """
    from tacitus.config import Settings
    from tacitus.jobs.ingest import ingest

    with library_errors():
        settings = Settings.load(config, dictionaries=dictionaries or None, lexicons=lexicons or None, workers=workers)
        engine_options: dict[str, Any] = {"engine": engine, "scheduler": scheduler, "keep_parquet": keep_parquet}
        if err_console.is_terminal and not json_summary:
            summary = _ingest_with_progress(paths, db, settings, format, engine_options)
        else:
            summary = ingest(paths, db=db, settings=settings, format=format, **engine_options)
    if json_summary:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        _print_summary(summary)
    if not summary.ok:
        raise typer.Exit(EXIT_NOTHING_INGESTED)


def _ingest_with_progress(
    paths: list[str], db: Path, settings: object, format: str | None, engine_options: dict[str, Any]
) -> IngestSummary:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tacitus.jobs.ingest import IngestProgress, ingest

    with Progress(
        TextColumn("[bold]ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files  {task.fields[articles]} articles  {task.fields[events]} events"),
        TimeElapsedColumn(),
        console=err_console.console,
        transient=True,
    ) as bar:
        task = bar.add_task("ingest", total=None, articles=0, events=0)

        def progress(update: IngestProgress) -> None:
            bar.update(
                task,
                completed=update.files_done,
                total=update.files_total,
                articles=update.summary.read,
                events=update.summary.events,
            )

        return ingest(paths, db=db, settings=settings, format=format, progress=progress, **engine_options)  # type: ignore[arg-type]


def _print_summary(summary: IngestSummary) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"ingest → {summary.db}", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    rows: list[tuple[str, int | str]] = [
        ("files", summary.files),
        ("articles read", summary.read),
        ("new (coded)", summary.new),
        ("duplicates (same text, not coded)", summary.duplicates),
        ("already in the store", summary.already_present),
    ]
    rows += [(f"skipped: {reason}", count) for reason, count in sorted(summary.skipped.items())]
    if summary.ignored_files:
        rows.append(("files ignored (no reader)", summary.ignored_files))
    if summary.invalid_dates:
        rows.append(("unreadable dates (kept, date empty)", summary.invalid_dates))
    if summary.near_duplicates:  # re-runs of a stored story (docs/enrich.md#near-duplicate-articles)
        rows.append(("of the duplicates, near copies", summary.near_duplicates))
    rows += [("sentences", summary.sentences), ("events", summary.events), ("seconds", f"{summary.seconds:.1f}")]
    for what, count in rows:
        table.add_row(what, f"{count:,}" if isinstance(count, int) else count)
    err_console.print(table)
    from tacitus.store import bare_message

    for error in summary.errors[:ERRORS_SHOWN]:
        where = f"{error.path}:{error.line}" if error.line is not None else error.path
        detail = escape(f"{where} [{error.reason}] {bare_message(error)}")
        err_console.print(f"[yellow]skipped[/] {detail}", highlight=False, markup=True, soft_wrap=True)
    hidden = sum(summary.skipped.values()) - min(len(summary.errors), ERRORS_SHOWN)
    if hidden > 0:
        err_console.print(f"… and {hidden:,} more bad records in the ingest_errors table", highlight=False)
    if not summary.ok:
        err_console.print("[bold red]nothing could be ingested[/]")
