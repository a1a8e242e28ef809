"""The command line: a thin skin over the library, one module per verb.

Each command is `<verb>_cli` and only parses options, calls the library function of the
same name and renders its result; errors from the library become messages here.
"""

from tacitus.cli import (  # noqa: F401  (registers the commands)
    actors,
    analysis,
    cluster,
    code,
    enrich,
    eval,
    ingest,
    query,
    serve,
    watch,
)
from tacitus.cli._app import app

__all__ = ["app"]
