"""The web face: `tacitus serve`, a read-only JSON API and dashboard over the library (tacitus[web]).

    create_app(db)   the FastAPI app over a store (a path, opened read-only, or an open Store
                     that a writer in this process shares: live data)
    serve(db, ...)   run it with uvicorn on 127.0.0.1, or answer one --get path in-process

Nothing here imports FastAPI or uvicorn until it is called, so `import tacitus` stays light.
The design (one database handle, a cursor per request, the writer in the same process):
docs/serve.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacitus.extras import require

if TYPE_CHECKING:
    from tacitus.store import Store
    from tacitus.web.access import StoreAccess

__all__ = ["create_app", "serve"]


def create_app(db: str | Path | Store | StoreAccess, *, query_timeout: float | None = None) -> Any:
    """The FastAPI application over `db` (see `tacitus.web.app.build_app`).

    Raises:
        MissingExtraError [T009]: FastAPI is not installed (pip install 'tacitus[web]').
        StoreError [T040]: the store cannot be opened.
    """
    require("fastapi", extra="web")
    require("jinja2", extra="web")
    from tacitus.web.access import DEFAULT_QUERY_TIMEOUT
    from tacitus.web.app import build_app

    return build_app(db, query_timeout=query_timeout or DEFAULT_QUERY_TIMEOUT)


def serve(*args: Any, **kwargs: Any) -> Any:
    """Run the server (see `tacitus.web.server.serve`)."""
    from tacitus.web.server import serve as run

    return run(*args, **kwargs)
