"""CLI command: cluster — link stored events that report the same happening (docs/analysis.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tacitus.cli._app import app, library_errors


@app.command("cluster")
def cluster_cli(
    db: Annotated[Path, typer.Option("--db", help="DuckDB event store written by `tacitus ingest`.")],
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Forget every cluster and cluster all events again, in storage order.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout.")] = False,
) -> None:
    """Cluster the events not yet clustered (a store from before clusters, an interrupted run)."""
    from tacitus.analysis.clusters import cluster

    with library_errors():
        summary = cluster(db, rebuild=rebuild)
    if as_json:
        typer.echo(json.dumps(summary.to_dict()))
        return
    typer.echo(
        f"{db}: {summary.events:,} events clustered now ({summary.joined:,} joined a cluster, "
        f"{summary.new_clusters:,} started one); {summary.clusters:,} clusters in all ({summary.seconds:.1f} s)"
    )
