"""How the server reaches the store: one DuckDB database, a fresh cursor per request, every query capped in time.

DuckDB lets one process write a file, and a process holding it open (even read-only)
keeps writers in other processes out. So the server holds ONE database handle for its
life and gives each request its own cursor on it (a DuckDB connection is not safe to share
between threads; cursors of one database are, and each sees the last committed state):

* `StoreAccess("events.duckdb")` opens the file read-only: no route can write, DuckDB refuses it.
* `StoreAccess(store)` shares a `Store` that a writer in the same process holds open
  (`tacitus serve --watch ...`, or an in-process ingest): requests read through their
  own cursors while the writer commits chunk after chunk, and see each chunk once it is
  committed. The routes still only read; the writer is the one owner of writes.

A query that runs past `query_timeout` seconds is interrupted (`cursor.interrupt()` from a
timer thread) and the request answers 503 with [T073]. docs/serve.md explains the design.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb

from tacitus.errors import QueryTimeoutError, StoreError
from tacitus.store import Store

#: Seconds a request's queries may run before they are interrupted.
DEFAULT_QUERY_TIMEOUT = 10.0


class _CursorStore(Store):
    """A `Store` that reads through one cursor of another store's database (no file is opened)."""

    def __init__(self, parent: Store, cursor: duckdb.DuckDBPyConnection) -> None:  # noqa: D107
        # Deliberately not Store.__init__: it would open the file a second time. The parent's other
        # attributes come along, so methods that read them work on the view too.
        self.__dict__.update(vars(parent))
        self.path = parent.path
        self.read_only = True
        self.con = cursor


class StoreAccess:
    """The server's handle on the store; `with access.reader() as store:` per request."""

    def __init__(self, db: str | Path | Store, *, query_timeout: float = DEFAULT_QUERY_TIMEOUT) -> None:
        if query_timeout <= 0:
            raise StoreError(f"the query timeout must be more than 0 seconds, not {query_timeout}")
        if isinstance(db, Store):
            self.store, self.owned = db, False
        else:
            self.store, self.owned = Store(db, read_only=True), True
        self.query_timeout = query_timeout

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def shared(self) -> bool:
        """True when a writer in this process holds the store (live data)."""
        return not self.owned

    @contextlib.contextmanager
    def reader(self) -> Iterator[Store]:
        """A Store reading through a cursor of its own, interrupted after `query_timeout` seconds."""
        cursor = self.store.con.cursor()
        timer = threading.Timer(self.query_timeout, cursor.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield _CursorStore(self.store, cursor)
        except duckdb.InterruptException as exc:
            raise QueryTimeoutError(
                f"the query ran longer than {self.query_timeout:g} s and was stopped; narrow the filters"
            ) from exc
        except StoreError as exc:
            if isinstance(exc.__cause__, duckdb.InterruptException):
                raise QueryTimeoutError(
                    f"the query ran longer than {self.query_timeout:g} s and was stopped; narrow the filters"
                ) from exc
            raise
        finally:
            timer.cancel()
            cursor.close()

    def close(self) -> None:
        """Close the store if the server opened it (a shared store belongs to its writer)."""
        if self.owned:
            self.store.close()
