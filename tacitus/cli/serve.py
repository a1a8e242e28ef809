"""CLI command: ``tacitus serve`` — the dashboard and JSON API over a store (no logic: see tacitus.web)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli._app import EXIT_USAGE, app, err_console, library_errors


@app.command("serve")
def serve_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB event store written by `tacitus ingest`.")],
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; loopback unless you mean to share it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on (0: any free port).")] = 8000,
    get: Annotated[
        str | None,
        typer.Option("--get", help="Answer this path in-process and print it (e.g. '/api/events?dyad=RUS-UKR')."),
    ] = None,
    watch: Annotated[
        list[str] | None,
        typer.Option("--watch", help="A source for a watcher in this process, the store's one writer (repeatable)."),
    ] = None,
    every: Annotated[str | None, typer.Option("--every", help="The watcher's poll interval, e.g. 15m.")] = None,
    query_timeout: Annotated[
        float, typer.Option("--query-timeout", help="Seconds a request's queries may run before they are stopped.")
    ] = 10.0,
) -> None:
    """Serve the dashboard and the JSON API of a store (read-only; http://127.0.0.1:8000 by default)."""
    from tacitus.web import serve
    from tacitus.web.server import is_loopback

    if not is_loopback(host) and get is None:
        err_console.print(
            f"[yellow]warning:[/] listening on {host}: anyone who can reach this machine can read the store",
            highlight=False,
        )

    def ready(url: str) -> None:
        err_console.print(f"serving {db} at {url}  (Ctrl+C to stop)", highlight=False, soft_wrap=True)

    with library_errors():
        answer = serve(
            db,
            host=host,
            port=port,
            get=get,
            watch=watch or (),
            every=every,
            query_timeout=query_timeout,
            on_ready=ready,
        )
    if answer is not None:
        sys.stdout.write(answer.text)
        if not answer.text.endswith("\n"):
            sys.stdout.write("\n")
        if answer.status >= 400:
            raise typer.Exit(EXIT_USAGE)
