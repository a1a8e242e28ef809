"""The event store: one DuckDB file holding articles, events and ingest errors.

`Store` owns the connection and is the single writer. Ingest writes each chunk of
articles together with their events (and the chunk's bad records) in one transaction,
so a run killed at any moment leaves only whole chunks behind and the same command
resumes where it stopped. Queries return pandas DataFrames or Arrow tables; exports
stream in batches, so neither needs the whole table in memory. Tables: docs/schema.md.

Example:
    >>> with Store("events.duckdb") as store:
    ...     store.events(dyad="TUR-USA", since="2019-01-01")
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from tacitus.dates import as_date
from tacitus.errors import InputError, RecordError, StoreError
from tacitus.models import Article, Event
from tacitus.store.migrations import apply_migrations, available_migrations, schema_version

__all__ = ["ArticleRow", "Store", "event_row", "events", "export", "stats"]

#: Columns of the events table, in table order (the flattened `Event.to_dict()`).
EVENT_COLUMNS = (
    "event_id",
    "doc_id",
    "date",
    "source_text",
    "source_code",
    "source_country",
    "source_sector",
    "source_name",
    "source_char_start",
    "source_char_end",
    "target_text",
    "target_code",
    "target_country",
    "target_sector",
    "target_name",
    "target_char_start",
    "target_char_end",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "sentence_index",
    "sentence",
    "trigger",
    "trigger_start",
    "trigger_end",
    "rule",
    "confidence",
    "modality",
    "historical",
    "location",
    "lexicon_version",
)

_EVENT_SCHEMA = pa.schema(
    [
        (name, pa.string())
        for name in EVENT_COLUMNS
        if name
        not in {
            "date",
            "source_char_start",
            "source_char_end",
            "target_char_start",
            "target_char_end",
            "quad_class",
            "goldstein",
            "sentence_index",
            "trigger_start",
            "trigger_end",
            "confidence",
            "historical",
        }
    ]
    + [
        ("date", pa.date32()),
        ("source_char_start", pa.int32()),
        ("source_char_end", pa.int32()),
        ("target_char_start", pa.int32()),
        ("target_char_end", pa.int32()),
        ("quad_class", pa.int8()),
        ("goldstein", pa.float64()),
        ("sentence_index", pa.int32()),
        ("trigger_start", pa.int32()),
        ("trigger_end", pa.int32()),
        ("confidence", pa.float64()),
        ("historical", pa.bool_()),
    ]
)

_ARTICLE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("date", pa.date32()),
        ("source", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("place", pa.string()),
        ("content_hash", pa.string()),
        ("duplicate_of", pa.string()),
        ("text", pa.string()),
        ("metadata", pa.string()),
        ("origin", pa.string()),
        ("n_sentences", pa.int32()),
        ("n_events", pa.int32()),
        ("run_id", pa.string()),
        ("ingested_at", pa.timestamp("us")),
    ]
)

_ERROR_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("line", pa.int64()),
        ("reason", pa.string()),
        ("message", pa.string()),
        ("run_id", pa.string()),
        ("seen_at", pa.timestamp("us")),
    ]
)

EXPORT_FORMATS = ("parquet", "jsonl", "csv", "gdelt")

_NULLABLE_INTS = {pa.int8(): pd.Int8Dtype(), pa.int32(): pd.Int32Dtype(), pa.int64(): pd.Int64Dtype()}


@dataclass(frozen=True)
class ArticleRow:
    """An article as ingest stores it: the record plus what ingest and the pipeline learnt."""

    article: Article
    duplicate_of: str | None = None
    sentences: int = 0
    events: int = 0


def event_row(event: Event) -> dict[str, Any]:
    """`Event.to_dict()` flattened to the columns of the events table."""
    source, target, evidence = event.source, event.target, event.evidence
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "date": _as_date(event.date),
        "source_text": source.text,
        "source_code": source.code,
        "source_country": source.country,
        "source_sector": source.sector,
        "source_name": source.name,
        "source_char_start": source.char_start,
        "source_char_end": source.char_end,
        "target_text": target.text if target else None,
        "target_code": target.code if target else None,
        "target_country": target.country if target else None,
        "target_sector": target.sector if target else None,
        "target_name": target.name if target else None,
        "target_char_start": target.char_start if target else None,
        "target_char_end": target.char_end if target else None,
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_type": event.plover_type,
        "plover_mode": event.plover_mode,
        "sentence_index": evidence.sentence_index,
        "sentence": evidence.sentence,
        "trigger": evidence.trigger,
        "trigger_start": evidence.char_start,
        "trigger_end": evidence.char_end,
        "rule": evidence.rule,
        "confidence": event.confidence,
        "modality": event.modality,
        "historical": event.historical,
        "location": event.location,
        "lexicon_version": event.lexicon_version,
    }


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
        article_table = pa.Table.from_pylist(
            [_article_row(row, run_id, now) for row in articles], schema=_ARTICLE_SCHEMA
        )
        event_table = pa.Table.from_pylist([event_row(event) for event in events], schema=_EVENT_SCHEMA)
        error_table = pa.Table.from_pylist(
            [
                {
                    "path": e.path,
                    "line": e.line,
                    "reason": e.reason,
                    "message": bare_message(e),
                    "run_id": run_id,
                    "seen_at": now,
                }
                for e in errors
            ],
            schema=_ERROR_SCHEMA,
        )
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
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"cannot write to event store '{self.path}': {exc}") from exc
        finally:
            for name in ("_tacitus_articles", "_tacitus_events", "_tacitus_errors"):
                con.unregister(name)

    # -- reading -----------------------------------------------------------------------

    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        if table not in ("articles", "events", "ingest_errors", "runs"):
            raise InputError(f"unknown table '{table}'")
        query = {
            "articles": "SELECT count(*) FROM articles",
            "events": "SELECT count(*) FROM events",
            "ingest_errors": "SELECT count(*) FROM ingest_errors",
            "runs": "SELECT count(*) FROM runs",
        }[table]
        return int(self.con.execute(query).fetchone()[0])  # type: ignore[index]

    def events_arrow(
        self,
        source: str | None = None,
        target: str | None = None,
        dyad: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        cameo: str | None = None,
        limit: int | None = None,
        *,
        undirected: bool = False,
    ) -> pa.Table:
        """Events matching the filters, as an Arrow table (see `events` for the filters)."""
        sql, params = _events_query(source, target, dyad, since, until, cameo, limit, undirected)
        return _arrow_table(self.con.sql(sql, params=params))

    def events(
        self,
        source: str | None = None,
        target: str | None = None,
        dyad: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        cameo: str | None = None,
        limit: int | None = None,
        *,
        undirected: bool = False,
        as_arrow: bool = False,
    ) -> pd.DataFrame | pa.Table:
        """Events matching every given filter, ordered by date, article and position.

        Args:
            source: country (``TUR``) or actor-code prefix (``TURGOV``) of the source actor.
            target: the same for the target actor.
            dyad: ``SRC-TGT``, directed (source SRC, target TGT) unless `undirected`.
            since, until: inclusive ISO dates.
            cameo: CAMEO code prefix: ``12`` matches 12, 120, 1211, ...
            limit: at most this many rows.
            as_arrow: return a pyarrow Table instead of a DataFrame.
        """
        table = self.events_arrow(source, target, dyad, since, until, cameo, limit, undirected=undirected)
        if as_arrow:
            return table
        # Nullable integer columns, so a missing target offset is <NA>, not a float NaN.
        return table.to_pandas(types_mapper=_NULLABLE_INTS.get, date_as_object=False)

    def export(
        self,
        out: str | Path,
        *,
        format: str = "parquet",
        source: str | None = None,
        target: str | None = None,
        dyad: str | None = None,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        cameo: str | None = None,
        undirected: bool = False,
    ) -> int:
        """Write the (filtered) events to `out` in `format`; return the number of events written.

        Formats: parquet, jsonl, csv (the events table's columns) and gdelt (the 61 columns
        of a GDELT 2.0 event file, tab-separated, no header). Streams in batches.
        """
        from tacitus.store.exporters import write_export

        if format not in EXPORT_FORMATS:
            raise InputError(f"unknown export format '{format}'; choose one of {', '.join(EXPORT_FORMATS)}")
        sql, params = _events_query(
            source, target, dyad, since, until, cameo, None, undirected, with_article=format == "gdelt"
        )
        relation = self.con.sql(sql, params=params)
        # A relation streams; duckdb 2 renamed fetch_arrow_reader to to_arrow_reader.
        if hasattr(relation, "to_arrow_reader"):
            reader = relation.to_arrow_reader(10_000)
        else:
            reader = relation.fetch_arrow_reader(10_000)
        return write_export(reader, Path(out), format)

    def stats(self, *, top: int = 10, by: str = "day") -> dict[str, Any]:
        """Totals, articles and events per day (or month), the top dyads and event codes (JSON-ready)."""
        if by not in ("day", "month"):
            raise StoreError(f"stats can be grouped by day or month, not '{by}'")
        con = self.con
        totals_row = con.execute(
            """
            SELECT count(*), count(*) FILTER (WHERE duplicate_of IS NOT NULL),
                   (SELECT count(*) FROM events), (SELECT count(*) FROM ingest_errors),
                   min(date), max(date)
            FROM articles
            """
        ).fetchone()
        articles, duplicates, n_events, errors, first, last = totals_row or (0, 0, 0, 0, None, None)
        per_day = con.execute(
            """
            WITH a AS (SELECT CAST(date_trunc($by, date) AS DATE) AS period, count(*) AS articles FROM articles
                       WHERE duplicate_of IS NULL GROUP BY period),
                 e AS (SELECT CAST(date_trunc($by, date) AS DATE) AS period, count(*) AS events FROM events
                       GROUP BY period)
            SELECT coalesce(a.period, e.period) AS period, coalesce(a.articles, 0), coalesce(e.events, 0)
            FROM a FULL OUTER JOIN e ON a.period IS NOT DISTINCT FROM e.period
            ORDER BY period NULLS LAST
            """,
            {"by": by},
        ).fetchall()
        dyads = con.execute(
            """
            -- a dyad side is a country or an IGO; a bare sector ("police", code COP) names no one
            WITH sides AS (
                SELECT coalesce(source_country, CASE WHEN source_code LIKE 'IGO%' THEN source_code END) AS src,
                       coalesce(target_country, CASE WHEN target_code LIKE 'IGO%' THEN target_code END) AS tgt
                FROM events
            )
            SELECT src, tgt, count(*) AS n FROM sides
            WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
            GROUP BY ALL ORDER BY n DESC, src, tgt LIMIT ?
            """,
            [top],
        ).fetchall()
        codes = con.execute(
            "SELECT cameo, count(*) AS n FROM events GROUP BY cameo ORDER BY n DESC, cameo LIMIT ?", [top]
        ).fetchall()
        return {
            "articles": int(articles),
            "originals": int(articles) - int(duplicates),
            "duplicates": int(duplicates),
            "events": int(n_events),
            "ingest_errors": int(errors),
            "first_date": first.isoformat() if first else None,
            "last_date": last.isoformat() if last else None,
            f"per_{by}": [
                {"date": d.isoformat() if d else None, "articles": int(a), "events": int(e)} for d, a, e in per_day
            ],
            "top_dyads": [{"dyad": f"{s}-{t}", "source": s, "target": t, "events": int(n)} for s, t, n in dyads],
            "top_event_codes": [{"cameo": c, "events": int(n)} for c, n in codes],
        }


# -- the library verbs behind `tacitus events / export / stats` -------------------------


def events(
    db: str | Path,
    *,
    source: str | None = None,
    target: str | None = None,
    dyad: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    cameo: str | None = None,
    limit: int | None = None,
    undirected: bool = False,
    as_arrow: bool = False,
) -> pd.DataFrame | pa.Table:
    """Events of the store at `db` matching the filters (see `Store.events`)."""
    with Store(db, read_only=True) as store:
        return store.events(source, target, dyad, since, until, cameo, limit, undirected=undirected, as_arrow=as_arrow)


def export(
    db: str | Path,
    out: str | Path,
    *,
    format: str = "parquet",
    source: str | None = None,
    target: str | None = None,
    dyad: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    cameo: str | None = None,
    undirected: bool = False,
) -> int:
    """Export the events of the store at `db` to `out`; return how many were written."""
    with Store(db, read_only=True) as store:
        return store.export(
            out,
            format=format,
            source=source,
            target=target,
            dyad=dyad,
            since=since,
            until=until,
            cameo=cameo,
            undirected=undirected,
        )


def stats(db: str | Path, *, top: int = 10, by: str = "day") -> dict[str, Any]:
    """Summary statistics of the store at `db` (see `Store.stats`)."""
    with Store(db, read_only=True) as store:
        return store.stats(top=top, by=by)


# -- helpers -----------------------------------------------------------------------------


def bare_message(error: RecordError) -> str:
    """The reason text of a RecordError without the "path:line: " its message starts with."""
    where = f"{error.path}:{error.line}" if error.line is not None else error.path
    return error.message.removeprefix(f"{where}: ")


def _arrow_table(relation: duckdb.DuckDBPyRelation) -> pa.Table:
    # duckdb 2 renamed arrow() to to_arrow_table()
    return relation.to_arrow_table() if hasattr(relation, "to_arrow_table") else relation.arrow()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _article_row(row: ArticleRow, run_id: str | None, now: dt.datetime) -> dict[str, Any]:
    article = row.article
    return {
        "id": article.id,
        "date": article.date,
        "source": article.source,
        "title": article.title,
        "url": article.url,
        "place": article.place,
        "content_hash": article.content_hash,
        "duplicate_of": row.duplicate_of,
        "text": article.text,
        "metadata": json.dumps(article.metadata, ensure_ascii=False, default=str) if article.metadata else None,
        "origin": article.origin,
        "n_sentences": row.sentences,
        "n_events": row.events,
        "run_id": run_id,
        "ingested_at": now,
    }


def _actor_clause(side: str, value: str) -> tuple[str, list[Any]]:
    """A source/target filter: the country equals `value` or the actor code starts with it."""
    if side == "source":
        return "(source_country = ? OR starts_with(source_code, ?))", [value, value]
    return "(target_country = ? OR starts_with(target_code, ?))", [value, value]


def _filter_value(name: str, value: str) -> str:
    cleaned = value.strip().upper()
    if not cleaned or not cleaned.isalnum():
        raise InputError(f"--{name} '{value}' is not an actor code or country such as TUR or TURGOV")
    return cleaned


def _events_query(
    source: str | None,
    target: str | None,
    dyad: str | None,
    since: str | dt.date | None,
    until: str | dt.date | None,
    cameo: str | None,
    limit: int | None,
    undirected: bool,
    *,
    with_article: bool = False,
) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    if source:
        clause, values = _actor_clause("source", _filter_value("source", source))
        clauses.append(clause)
        params += values
    if target:
        clause, values = _actor_clause("target", _filter_value("target", target))
        clauses.append(clause)
        params += values
    if dyad:
        first, sep, second = dyad.partition("-")
        if not sep or not first.strip() or not second.strip():
            raise InputError(f"--dyad '{dyad}' should look like TUR-USA (source-target)")
        a, b = _filter_value("dyad", first), _filter_value("dyad", second)
        src_a, p1 = _actor_clause("source", a)
        tgt_b, p2 = _actor_clause("target", b)
        if undirected:
            src_b, p3 = _actor_clause("source", b)
            tgt_a, p4 = _actor_clause("target", a)
            clauses.append(f"(({src_a} AND {tgt_b}) OR ({src_b} AND {tgt_a}))")
            params += p1 + p2 + p3 + p4
        else:
            clauses.append(f"({src_a} AND {tgt_b})")
            params += p1 + p2
    if since:
        clauses.append("events.date >= ?")
        params.append(as_date(since, what="--since"))
    if until:
        clauses.append("events.date <= ?")
        params.append(as_date(until, what="--until"))
    if cameo:
        code = cameo.strip()
        if not code.isdigit():
            raise InputError(f"--cameo '{cameo}' is not a CAMEO code prefix such as 12 or 0411")
        clauses.append("starts_with(cameo, ?)")
        params.append(code)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    if with_article:
        # The fixed SQL fragments above are joined here; values always travel as parameters.
        sql = (
            "SELECT events.*, articles.url AS article_url, articles.ingested_at AS article_ingested_at "
            "FROM events LEFT JOIN articles ON articles.id = events.doc_id" + where
        )
    else:
        sql = "SELECT * FROM events" + where
    sql += (
        " ORDER BY events.date NULLS LAST, events.doc_id, events.sentence_index, events.trigger_start, events.event_id"
    )
    if limit is not None:
        if limit < 0:
            raise InputError(f"--limit must be 0 or more, not {limit}")
        sql += " LIMIT ?"
        params.append(limit)
    return sql, params
