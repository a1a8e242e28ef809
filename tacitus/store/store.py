"""`Store`: the one owner of the DuckDB file that holds articles, events and ingest errors.

It is the single writer. Ingest writes each chunk of articles together with their events
(and the chunk's bad records) in one transaction, so a run killed at any moment leaves
only whole chunks behind and the same command resumes where it stopped. Queries take an
`EventFilter` and return pandas DataFrames or Arrow tables; exports are written by DuckDB
itself (`exporters`), so neither needs the whole table in memory. Tables: docs/schema.md.

Example:
    >>> with Store("events.duckdb") as store:
    ...     store.events(dyad="TUR-USA", since="2019-01-01")
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tacitus.errors import InputError, RecordError, StoreError
from tacitus.filters import EventFilter
from tacitus.models import Event
from tacitus.store.columns import (
    ARTICLE_SCHEMA,
    ERROR_SCHEMA,
    EVENT_SCHEMA,
    ArticleRow,
    article_row,
    error_row,
    event_row,
)
from tacitus.store.exporters import write_export
from tacitus.store.migrations import apply_migrations, available_migrations, schema_version
from tacitus.store.queries import events_query

_NULLABLE_INTS = {pa.int8(): pd.Int8Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}
#: Tables `count` may be asked about.
TABLES = ("articles", "events", "ingest_errors", "runs")


class Store:
    """A DuckDB event store; open it with `with Store(path) as store:`.

    One process may hold a store open for writing at a time (DuckDB locks the file);
    `read_only=True` is for queries and never creates a file.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.is_file():
            raise StoreError(f"no event store at '{self.path}' (create one with `tacitus ingest ... --db {self.path}`)")
        if not read_only and self.path.parent and not self.path.parent.exists():
            raise StoreError(f"cannot create event store '{self.path}': folder '{self.path.parent}' does not exist")
        if read_only:
            self._upgrade_if_needed()
        self.con = self._connect(read_only)
        # Statements to run inside the next write_chunk transaction (the watcher's cursor; see in_next_write).
        self._in_next_write: list[Callable[[duckdb.DuckDBPyConnection], None]] = []
        if not read_only:
            apply_migrations(self.con)

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            hint = " (is another tacitus process writing to it?)" if "lock" in str(exc).lower() else ""
            raise StoreError(f"cannot open event store '{self.path}'{hint}: {exc}") from exc

    def _upgrade_if_needed(self) -> None:
        """A read-only open of an older store first applies the pending migrations once."""
        con = self._connect(True)
        try:
            current = schema_version(con)
        finally:
            con.close()
        if current < available_migrations()[-1].version:
            writer = self._connect(False)
            try:
                apply_migrations(writer)
            finally:
                writer.close()

    # -- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing (ingest) --------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], *, tacitus_version: str, lexicon_version: str | None) -> str:
        """Record the start of an ingest run; its row stays unfinished if the run is killed."""
        run_id = uuid.uuid4().hex[:16]
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, inputs, tacitus_version, lexicon_version) VALUES (?, ?, ?, ?, ?)",
            [run_id, _now(), json.dumps(list(inputs)), tacitus_version, lexicon_version],
        )
        return run_id

    def finish_run(self, run_id: str, summary: dict[str, Any]) -> None:
        self.con.execute(
            "UPDATE runs SET finished_at = ?, summary = ? WHERE run_id = ?",
            [_now(), json.dumps(summary, default=str), run_id],
        )

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of `ids` are already stored."""
        wanted = sorted(set(ids))
        if not wanted:
            return set()
        return {
            row[0]
            for row in self._semi_join("id", wanted, "SELECT a.id FROM articles a SEMI JOIN _wanted w ON a.id = w.v")
        }

    def hashes_by_id(self, ids: Iterable[str]) -> dict[str, str]:
        """id → content_hash for those of `ids` that are already stored."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self._semi_join(
            "id", wanted, "SELECT a.id, a.content_hash FROM articles a SEMI JOIN _wanted w ON a.id = w.v"
        )
        return dict(rows)

    def originals_by_hash(self, hashes: Iterable[str]) -> dict[str, str]:
        """content_hash → id of the stored original with that text, for the hashes already stored."""
        wanted = sorted(set(hashes))
        if not wanted:
            return {}
        rows = self._semi_join(
            "content_hash",
            wanted,
            "SELECT a.content_hash, a.id FROM articles a SEMI JOIN _wanted w ON a.content_hash = w.v "
            "WHERE a.duplicate_of IS NULL",
        )
        return dict(rows)

    def _semi_join(self, what: str, values: list[str], sql: str) -> list[tuple[Any, ...]]:
        """Run `sql` against the values registered as table _wanted(v): one scan, not one per value."""
        self.con.register("_wanted", pa.table({"v": pa.array(values, pa.string())}))
        try:
            return self.con.execute(sql).fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"cannot look up {what}s in '{self.path}': {exc}") from exc
        finally:
            self.con.unregister("_wanted")

    def in_next_write(self, write: Callable[[duckdb.DuckDBPyConnection], None]) -> None:
        """Run `write(con)` inside the next `write_chunk` transaction, so it commits (or not) with that chunk.

        The watcher records which URLs and files it has done this way: a kill -9 can never keep
        the articles without the cursor, or the cursor without the articles.
        """
        self._in_next_write.append(write)

    def write_chunk(
        self,
        articles: Sequence[ArticleRow],
        events: Sequence[Event],
        errors: Sequence[RecordError] = (),
        *,
        run_id: str | None = None,
    ) -> None:
        """Write articles, their events and bad records in ONE transaction: all or nothing."""
        now = _now()
        article_table = pa.Table.from_pylist([article_row(row, run_id, now) for row in articles], schema=ARTICLE_SCHEMA)
        event_table = pa.Table.from_pylist([event_row(event) for event in events], schema=EVENT_SCHEMA)
        error_table = pa.Table.from_pylist([error_row(e, run_id, now) for e in errors], schema=ERROR_SCHEMA)
        con = self.con
        try:
            con.execute("BEGIN TRANSACTION")
            if article_table.num_rows:
                con.register("_tacitus_articles", article_table)
                con.execute("INSERT OR IGNORE INTO articles BY NAME SELECT * FROM _tacitus_articles")
            if event_table.num_rows:
                con.register("_tacitus_events", event_table)
                con.execute("INSERT OR IGNORE INTO events BY NAME SELECT * FROM _tacitus_events")
            if error_table.num_rows:
                # The same bad line seen again (a re-run, a resumed run) is not a new error.
                con.register("_tacitus_errors", error_table)
                con.execute(
                    """
                    INSERT INTO ingest_errors BY NAME
                    SELECT DISTINCT ON (n.path, n.line, n.reason) n.* FROM _tacitus_errors n
                    WHERE NOT EXISTS (
                        SELECT 1 FROM ingest_errors o
                        WHERE o.path = n.path AND o.line IS NOT DISTINCT FROM n.line AND o.reason = n.reason
                    )
                    """
                )
            for write in self._in_next_write:
                write(con)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"cannot write to event store '{self.path}': {exc}") from exc
        finally:
            self._in_next_write.clear()
            for name in ("_tacitus_articles", "_tacitus_events", "_tacitus_errors"):
                con.unregister(name)

    # -- reading -----------------------------------------------------------------------

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in TABLES:
            raise InputError(f"unknown table '{table}'; known: {', '.join(TABLES)}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()  # a name from TABLES, never user text
        return int(row[0]) if row else 0

    def events_arrow(self, criteria: EventFilter | None = None, /, **given: Any) -> pa.Table:
        """Events matching `criteria` (or the criteria `given` as `EventFilter.parse` takes them), as Arrow."""
        sql, params = events_query(_criteria(criteria, given))
        relation = self.con.sql(sql, params=params)
        # duckdb 2 renamed arrow() to to_arrow_table()
        return relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()

    def events(self, criteria: EventFilter | None = None, /, *, as_arrow: bool = False, **given: Any) -> Any:
        """Events matching every criterion, ordered by date, article and position.

        Args:
            criteria: an `EventFilter`; or give its criteria as keywords, as `EventFilter.parse`
                takes them: source, target, dyad ("TUR-USA"), undirected, since, until, cameo,
                min_confidence, current_only, limit, offset.
            as_arrow: return a pyarrow Table instead of a pandas DataFrame.

        Raises:
            FilterError [T030]: a criterion that cannot be used (the message names it).
        """
        table = self.events_arrow(_criteria(criteria, given))
        if as_arrow:
            return table
        # Nullable integer columns, so a missing target offset is <NA>, not a float NaN.
        return table.to_pandas(types_mapper=_NULLABLE_INTS.get, date_as_object=False)

    def export(
        self, out: str | Path, criteria: EventFilter | None = None, /, *, format: str = "parquet", **given: Any
    ) -> int:
        """Write the matching events to `out` in `format`; return the number of events written.

        Formats: parquet, jsonl, csv (the events table's columns) and gdelt (the 61 columns
        of a GDELT 2.0 event file, tab-separated, no header). DuckDB writes the file itself.
        """
        return write_export(self.con, _criteria(criteria, given), Path(out), format)


def _criteria(criteria: EventFilter | None, given: dict[str, Any]) -> EventFilter:
    if criteria is not None and given:
        raise InputError("give an EventFilter or filter keywords, not both")
    return criteria if criteria is not None else EventFilter.parse(**given)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
