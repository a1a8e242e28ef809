"""CLI commands: ``tacitus actors`` and ``tacitus dict import-petrarch`` (no logic: see tacitus.actors)."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli._app import app, err_console, library_errors

dict_app = typer.Typer(help="Manage actor dictionaries.", no_args_is_help=True)
app.add_typer(dict_app, name="dict")

#: Columns of `tacitus actors --format jsonl`, in order (documented in docs/actors.md).
JSONL_FIELDS = ("text", "char_start", "char_end", "code", "country", "sector", "name", "entry", "rule")


class ActorsFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


@app.command("actors")
def actors_cli(
    source: Annotated[str, typer.Argument(help="Text to read, or a FILE: JSONL of {id, text, date?} or a .txt file.")],
    date: Annotated[
        str | None, typer.Option("--date", help="Article date (YYYY-MM-DD): people resolve to the role they held then.")
    ] = None,
    format: Annotated[
        ActorsFormat, typer.Option("--format", help="table (explained) or jsonl (one mention a line).")
    ] = ActorsFormat.table,
    dictionaries: Annotated[
        list[Path] | None,
        typer.Option("--dict", help="A user dictionary (TSV), repeatable; overrides shipped entries."),
    ] = None,
) -> None:
    """Show the actors Tacitus recognises, their codes, and the dictionary entry and rule behind each."""
    from rich.console import Console
    from rich.table import Table

    from tacitus.jobs.actors import find_actors_in

    with library_errors():
        console = Console()
        for document in find_actors_in(source, date=date, dictionaries=dictionaries or ()):
            if document.error:
                err_console.print(f"[yellow]skipped:[/] {document.error}", highlight=False, soft_wrap=True)
                continue
            if format is ActorsFormat.jsonl:
                for m in document.mentions:
                    record = {"doc_id": document.doc_id, **{key: getattr(m, key) for key in JSONL_FIELDS}}
                    typer.echo(json.dumps(record, ensure_ascii=False))
                continue
            table = Table(title=f"{document.doc_id}: {len(document.mentions)} actors", title_justify="left")
            for column in ("span", "text", "code", "country", "sector", "kind", "name", "entry", "rule"):
                table.add_column(column, overflow="fold")
            for m in document.mentions:
                table.add_row(
                    f"{m.char_start}-{m.char_end}",
                    m.text,
                    m.code or "",
                    m.country or "",
                    m.sector or "",
                    m.kind,
                    m.name or "",
                    m.entry,
                    m.rule,
                )
            console.print(table)


@dict_app.command("import-petrarch")
def import_petrarch_cli(
    paths: Annotated[list[Path], typer.Argument(help="PETRARCH/Phoenix-format dictionary files.")],
    out: Annotated[Path | None, typer.Option("--out", help="Write the TSV here instead of standard output.")] = None,
) -> None:
    """Convert PETRARCH/Phoenix dictionaries into Tacitus's TSV dictionary format."""
    from tacitus.actors.petrarch import import_petrarch

    with library_errors():
        result = import_petrarch(paths)
        text = result.to_tsv(
            header_lines=[
                f"source: {', '.join(str(p) for p in paths)} (PETRARCH format)",
                "licence: as the source files",
                "generator: tacitus dict import-petrarch",
            ]
        )
        for problem in result.skipped:
            err_console.print(f"[yellow]skipped:[/] {problem}", highlight=False, soft_wrap=True)
        if out is None:
            typer.echo(text, nl=False)
        else:
            out.write_text(text, encoding="utf-8")
            err_console.print(f"wrote {len(result.rows)} rows to {out}", highlight=False, soft_wrap=True)
