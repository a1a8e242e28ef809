"""CLI command: eval — score the coder on a gold JSONL file or the seed story."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli._app import app, err_console, library_errors


class ReportFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("eval")
def eval_cli(
    path: Annotated[Path, typer.Argument(help="Gold JSONL file (docs/eval.md) or a seed expected_events.json.")],
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="table (terminal) or json.")] = (
        ReportFormat.table
    ),
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the report as Markdown.")] = None,
    min_confidence: Annotated[
        float | None, typer.Option("--min-confidence", help="Drop events below this confidence before scoring.")
    ] = None,
    require_dyad: Annotated[
        bool, typer.Option("--require-dyad", help="Score only events with a coded source and target.")
    ] = False,
    dictionaries: Annotated[
        list[Path] | None, typer.Option("--dict", help="A user actor dictionary (repeatable).")
    ] = None,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file (TOML, [tacitus] table).")] = None,
    split: Annotated[
        str | None, typer.Option("--split", help="Score only the records of this split (dev, test).")
    ] = None,
    corpora: Annotated[
        list[str] | None,
        typer.Option("--corpus", help="NAME=PATH: where the articles of a by-reference gold corpus are (repeatable)."),
    ] = None,
) -> None:
    """Score the coder: event P/R/F1, 5-class accuracy, precision by confidence, seed checks."""
    from rich.console import Console
    from rich.markup import escape

    from tacitus.config import Settings
    from tacitus.eval import render_tables
    from tacitus.jobs.evaluate import evaluate

    with library_errors():
        report = evaluate(
            path,
            settings=Settings.load(config),
            min_confidence=min_confidence,
            require_dyad=require_dyad or None,
            dictionaries=dictionaries or None,
            corpora=_corpora(corpora or []),
            split=split,
        )
    for problem in report.skipped:
        err_console.print(f"[yellow]skipped:[/] {escape(problem.message)}", highlight=False)
    if format is ReportFormat.json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        console = Console()
        console.print(
            f"[bold]{escape(report.path)}[/]: {report.records} records, {report.predicted_events} events, "
            f"{report.no_event} with no event, {report.historical} historical (not scored), "
            f"{len(report.skipped)} lines skipped"
        )
        for table in render_tables(report):
            console.print(table)
    if out is not None:
        with library_errors():
            report.write_markdown(out)
        err_console.print(f"wrote {escape(str(out))}")
    if report.seed_passed is False:
        raise typer.Exit(1)


def _corpora(values: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if not sep or not name.strip() or not path.strip():
            raise typer.BadParameter(f"--corpus '{value}' should look like NAME=PATH")
        found[name.strip()] = path.strip()
    return found
