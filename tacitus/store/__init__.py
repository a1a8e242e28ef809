"""Store stage: one DuckDB file holding articles, events and ingest errors.

`Store` owns the connection (`store.py`); the columns of its tables are written down once
(`columns.py`), an `EventFilter` becomes SQL in one place (`queries.py`), DuckDB writes
exports itself (`exporters.py`), and schema changes are numbered SQL files
(`migrations.py`, `schema/`). `events` and `export` are the library verbs behind
``tacitus events`` and ``tacitus export``. Tables: docs/schema.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tacitus.filters import EventFilter
from tacitus.store.columns import EVENT_COLUMNS, ArticleRow, bare_message, event_row
from tacitus.store.store import Store

__all__ = ["EVENT_COLUMNS", "ArticleRow", "EventFilter", "Store", "bare_message", "event_row", "events", "export"]


def events(db: str | Path, criteria: EventFilter | None = None, /, *, as_arrow: bool = False, **given: Any) -> Any:
    """Events of the store at `db` matching the criteria (see `Store.events`)."""
    with Store(db, read_only=True) as store:
        return store.events(criteria, as_arrow=as_arrow, **given)


def export(
    db: str | Path, out: str | Path, criteria: EventFilter | None = None, /, *, format: str = "parquet", **given: Any
) -> int:
    """Export the matching events of the store at `db` to `out`; return how many were written."""
    with Store(db, read_only=True) as store:
        return store.export(out, criteria, format=format, **given)
