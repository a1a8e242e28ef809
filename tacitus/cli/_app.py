"""The typer application and the one place library errors become exit codes.

Exit codes (documented in docs/cli.md):
    0  success (for ingest: at least one article was ingested or already present)
    1  ingest read nothing usable (every input was bad or empty)
    2  usage or configuration error, or an unreadable input path
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import typer

from tacitus._version import __version__
from tacitus.errors import TacitusError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK = 0
EXIT_NOTHING_INGESTED = 1
EXIT_USAGE = 2

app = typer.Typer(
    name="tacitus",
    help="Turn news articles into an explainable political event dataset (CAMEO/PLOVER).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rendering it with rich would import rich on every `--help` (about 0.15 s).
    rich_markup_mode=None,
)


class _StderrConsole:
    """The rich console on stderr, created on first use (importing rich is not free)."""

    @functools.cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(stderr=True)

    @property
    def is_terminal(self) -> bool:
        return self.console.is_terminal

    def print(self, *objects: Any, **options: Any) -> None:
        self.console.print(*objects, **options)


#: Messages and progress go to stderr so stdout stays clean for JSONL/CSV output.
err_console = _StderrConsole()


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"tacitus {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show the version."
    ),
) -> None:
    """Tacitus command line."""


@contextlib.contextmanager
def library_errors() -> Iterator[None]:
    """Turn a TacitusError into a one-line message and exit code 2."""
    try:
        yield
    except TacitusError as exc:
        from rich.markup import escape

        # escaped: "pip install 'tacitus[web]'" is not a markup tag
        err_console.print(f"[bold red]error:[/] {escape(str(exc))}", highlight=False, markup=True)
        raise typer.Exit(EXIT_USAGE) from exc
