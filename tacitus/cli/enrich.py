"""CLI command: enrich — re-run the enrichers over a stored corpus without coding again (docs/enrich.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli._app import app, err_console, library_errors


@app.command("enrich")
def enrich_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB event store written by `tacitus ingest`.")],
    only: Annotated[
        str | None,
        typer.Option("--only", help="Comma-separated enrichers (default: all): geo, tone, near_duplicates."),
    ] = None,
    json_summary: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Fill the enrichers' columns of stored articles and events; event ids and codes never change.

    geo loads the spaCy model and parses the event sentences again; tone needs no model.
    """
    from tacitus.jobs.enrich import enrich

    with library_errors():
        summary = enrich(db, only=only.split(",") if only is not None else None)
    if json_summary:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
        return
    versions = ", ".join(f"{name} {version}" for name, version in summary.versions.items())
    err_console.print(
        f"enriched {summary.articles} articles and {summary.events} events ({versions}); "
        f"{summary.indexed} originals added to the near-duplicate index in {summary.seconds:.1f} s"
    )
