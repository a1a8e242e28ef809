"""CLI command: code — print the events of an article, a JSONL file or stdin as JSON lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tacitus.cli._app import app, err_console, library_errors

if TYPE_CHECKING:
    from tacitus.errors import RecordError


@app.command("code")
def code_cli(
    source: Annotated[
        str, typer.Argument(help="A .txt article, a JSONL file ({id, text, date?} per line) or - for stdin.")
    ],
    require_dyad: Annotated[
        bool, typer.Option("--require-dyad", help="Only events with a coded source and a coded target.")
    ] = False,
    min_confidence: Annotated[float, typer.Option("--min-confidence", help="Drop events below this confidence.")] = 0.0,
    dictionaries: Annotated[
        list[Path] | None, typer.Option("--dict", help="A user actor dictionary (repeatable).")
    ] = None,
    lexicons: Annotated[
        list[Path] | None, typer.Option("--lexicon", help="A user event lexicon (repeatable; docs/lexicon.md).")
    ] = None,
    date: Annotated[str | None, typer.Option("--date", help="Date (YYYY-MM-DD) of articles that carry none.")] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", help="Processes coding articles (default: every core; docs/scale.md).")
    ] = None,
) -> None:
    """Code events without storing them: one JSON object per event on stdout (docs/events.md)."""
    from rich.markup import escape

    from tacitus.jobs.code import code_file

    def report(error: RecordError) -> None:
        err_console.print(f"[yellow]skipped:[/] {escape(str(error))}", highlight=False)

    with library_errors():
        for event in code_file(
            source,
            date=date,
            require_dyad=require_dyad,
            min_confidence=min_confidence,
            dictionaries=dictionaries or (),
            lexicons=lexicons or (),
            on_error=report,
            workers=workers,
        ):
            typer.echo(json.dumps(event.to_dict(), ensure_ascii=False))
