"""`serve`: the library side of `tacitus serve` — uvicorn on loopback, or one `--get` answered in-process.

Live data: DuckDB lets one process write a store, and a process that holds the file open
keeps writers in other processes out. So `serve(..., watch=[...])` runs the watcher in
this process as the store's one writer, and the server reads through cursors of the same
database; without `watch` the store is opened read-only (docs/serve.md).
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import ipaddress
import logging
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tacitus.errors import NotAvailableError, ServeError, StoreError
from tacitus.extras import require

log = logging.getLogger("tacitus.web")

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


@dataclass(frozen=True)
class Answer:
    """One in-process answer (`tacitus serve --get`)."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ask(app: Any, path: str) -> Answer:
    """GET `path` from the ASGI `app` in this process, without a socket (datasette's --get)."""
    parts = urlsplit(path if path.startswith("/") else f"/{path}")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": parts.path,
        "raw_path": parts.path.encode(),
        "root_path": "",
        "query_string": parts.query.encode(),
        "headers": [(b"host", b"localhost"), (b"accept", b"*/*")],
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
    }
    sent: dict[str, Any] = {"status": 500, "headers": [], "body": bytearray()}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            sent["status"] = message["status"]
            sent["headers"] = message.get("headers", [])
        elif message["type"] == "http.response.body":
            sent["body"].extend(message.get("body", b""))

    asyncio.run(app(scope, receive, send))
    headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in sent["headers"]}
    return Answer(sent["status"], headers.get("content-type", ""), bytes(sent["body"]), headers)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, or ServeError [T070] naming why it cannot be had (port in use, bad host)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.set_inheritable(True)
    return sock


@contextlib.contextmanager
def watching(
    db: str | Path, sources: Sequence[str], *, every: str | None = None, pipeline: Any = None
) -> Iterator[Any]:
    """Open the store for writing and run `tacitus.jobs.watch.watch` on it in a thread; yield the store.

    The watcher is the store's one writer; the server reads the same database through cursors,
    so each chunk the watcher commits is visible to the next request. Leaving the block stops
    the watcher after its current chunk and closes the store.
    """
    try:
        module = importlib.import_module("tacitus.jobs.watch")
    except ImportError as exc:
        raise NotAvailableError("--watch needs tacitus watch, which this build does not have") from exc
    from tacitus.store import Store

    if every is not None:
        module.parse_every(every)  # a bad --every fails here, before the server starts
    store = Store(db)
    stop = threading.Event()
    options: dict[str, Any] = {"db": store, "stop_event": stop}
    if every is not None:
        options["every"] = every
    if pipeline is not None:
        options["pipeline"] = pipeline

    def run() -> None:
        try:
            module.watch(list(sources), **options)
        except Exception:  # the thread's error would vanish; the server keeps answering with what is stored
            log.exception("the watcher stopped")

    thread = threading.Thread(target=run, name="tacitus-watch", daemon=True)
    thread.start()
    try:
        yield store
    finally:
        stop.set()
        thread.join(timeout=60)
        store.close()


def serve(
    db: str | Path,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    get: str | None = None,
    watch: Sequence[str] = (),
    every: str | None = None,
    query_timeout: float | None = None,
    on_ready: Callable[[str], None] | None = None,
    log_level: str = "warning",
) -> Answer | None:
    """Serve the dashboard and API of the store at `db` until interrupted, or answer one `get` path.

    Args:
        db: the DuckDB event store.
        host, port: where to listen; loopback unless told otherwise.
        get: answer this path (``/api/events?dyad=RUS-UKR``) in-process and return it; no socket.
        watch: sources for a watcher running in this process as the store's one writer.
        every: the watcher's poll interval (``15m``).
        query_timeout: seconds a request's queries may run (default 10).
        on_ready: called with the URL once the socket is bound.

    Raises:
        ServeError [T070]: the address cannot be bound.
        StoreError [T040]: the store cannot be opened (another process writing to it, ...).
        MissingExtraError [T009]: FastAPI or uvicorn is not installed.
    """
    from tacitus.web import create_app
    from tacitus.web.access import StoreAccess

    if not Path(db).is_file() and not watch:
        raise StoreError(f"no event store at '{db}' (create one with `tacitus ingest ... --db {db}`)")
    if get is not None:
        access = StoreAccess(db, query_timeout=query_timeout or 10.0)
        try:
            return ask(create_app(access), get)
        finally:
            access.close()
    uvicorn = require("uvicorn", extra="web")
    sock = bind(host, port)
    try:
        with contextlib.ExitStack() as stack:
            source: Any = stack.enter_context(watching(db, watch, every=every)) if watch else db
            access = StoreAccess(source, query_timeout=query_timeout or 10.0)
            stack.callback(access.close)
            app = create_app(access)
            config = uvicorn.Config(app, log_level=log_level, access_log=False, lifespan="off")
            server = uvicorn.Server(config)
            bound_host, bound_port = sock.getsockname()[:2]
            url = f"http://{'[' + bound_host + ']' if ':' in bound_host else bound_host}:{bound_port}"
            if on_ready is not None:
                on_ready(url)
            server.run(sockets=[sock])
    finally:
        sock.close()
    return None
