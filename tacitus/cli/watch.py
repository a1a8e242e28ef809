"""CLI command: watch — poll feeds, folders and URLs into a DuckDB event store (docs/ingest.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tacitus.cli._app import app, err_console, library_errors

if TYPE_CHECKING:
    from tacitus.jobs.watch import PollSummary


@app.command("watch")
def watch_cli(
    sources: Annotated[
        list[str],
        typer.Argument(help="Feed or page URLs, feed files (.rss .atom .xml), folders (new files), other files."),
    ],
    db: Annotated[Path, typer.Option("--db", help="DuckDB event store (created when missing); one writer at a time.")],
    every: Annotated[str, typer.Option("--every", help="Time between polls: seconds, or 30s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron and tests).")] = False,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file (TOML, [tacitus] table).")] = None,
    json_summary: Annotated[bool, typer.Option("--json", help="Print the final summary as JSON on stdout.")] = False,
) -> None:
    """Poll sources and code what is new into the store, one log line per poll on stderr.

    Stops cleanly on SIGTERM or Ctrl-C after committing the current chunk; a restart (even after
    kill -9) resumes from the cursor kept in the store, with no duplicate and no lost article.
    """
    from tacitus.config import Settings
    from tacitus.jobs.watch import watch

    def log(poll: PollSummary) -> None:
        err_console.print(poll.line(), highlight=False, markup=False, soft_wrap=True)

    with library_errors():
        settings = Settings.load(config)
        summary = watch(sources, db=db, every=every, once=once, settings=settings, on_poll=log, handle_signals=True)
    if json_summary:
        typer.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
