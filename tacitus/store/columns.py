"""The columns of the store's tables, written down once.

`EVENT_COLUMNS` is the one list of event columns: the row written for each `Event`, the
Arrow schema of insert batches and query results, and the column order of exports all
come from it; the migrations create the same columns (a test compares the two, since DDL
lives in numbered SQL files, not here). Article and ingest-error rows have their
layouts here too, so the store module holds no row arithmetic.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from tacitus.dates import parse_date
from tacitus.errors import RecordError
from tacitus.models import Actor, Article, Event


@dataclass(frozen=True)
class Column:
    """One column: its name, its DuckDB and Arrow types, and how to read it off an Event."""

    name: str
    sql_type: str
    arrow_type: pa.DataType
    value: Callable[[Event], Any]


def _side(side: str, attribute: str) -> Callable[[Event], Any]:
    def get(event: Event) -> Any:
        actor: Actor | None = event.source if side == "source" else event.target
        return None if actor is None else getattr(actor, attribute)

    return get


def _event_date(event: Event) -> dt.date | None:
    try:
        return parse_date(event.date)
    except ValueError:
        return None


_TEXT, _INT, _DOUBLE = pa.string(), pa.int32(), pa.float64()


def _location(attribute: str) -> Callable[[Event], Any]:
    def get(event: Event) -> Any:
        return None if event.location is None else getattr(event.location, attribute)

    return get


#: models.Location's fields after its name, stored as location_<field> (migration 0005), in table order.
LOCATION_FIELDS: tuple[tuple[str, str, pa.DataType], ...] = (
    ("country", "VARCHAR", _TEXT),
    ("adm1", "VARCHAR", _TEXT),
    ("lat", "DOUBLE", _DOUBLE),
    ("lon", "DOUBLE", _DOUBLE),
    ("feature", "VARCHAR", _TEXT),
    ("precision", "VARCHAR", _TEXT),
    ("source", "VARCHAR", _TEXT),
    ("geonameid", "BIGINT", pa.int64()),
)

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("event_id", "VARCHAR", _TEXT, lambda e: e.event_id),
    Column("doc_id", "VARCHAR", _TEXT, lambda e: e.doc_id),
    Column("date", "DATE", pa.date32(), _event_date),
    *(
        Column(f"{side}_{attribute}", sql, arrow, _side(side, attribute))
        for side in ("source", "target")
        for attribute, sql, arrow in (
            ("text", "VARCHAR", _TEXT),
            ("code", "VARCHAR", _TEXT),
            ("country", "VARCHAR", _TEXT),
            ("sector", "VARCHAR", _TEXT),
            ("name", "VARCHAR", _TEXT),
            ("char_start", "INTEGER", _INT),
            ("char_end", "INTEGER", _INT),
        )
    ),
    Column("cameo", "VARCHAR", _TEXT, lambda e: e.cameo),
    Column("cameo_root", "VARCHAR", _TEXT, lambda e: e.cameo_root),
    Column("quad_class", "TINYINT", pa.int8(), lambda e: e.quad_class),
    Column("goldstein", "DOUBLE", _DOUBLE, lambda e: e.goldstein),
    Column("plover_type", "VARCHAR", _TEXT, lambda e: e.plover_type),
    Column("plover_mode", "VARCHAR", _TEXT, lambda e: e.plover_mode),
    Column("sentence_index", "INTEGER", _INT, lambda e: e.evidence.sentence_index),
    Column("sentence", "VARCHAR", _TEXT, lambda e: e.evidence.sentence),
    Column("trigger", "VARCHAR", _TEXT, lambda e: e.evidence.trigger),
    Column("trigger_start", "INTEGER", _INT, lambda e: e.evidence.char_start),
    Column("trigger_end", "INTEGER", _INT, lambda e: e.evidence.char_end),
    Column("rule", "VARCHAR", _TEXT, lambda e: e.evidence.rule),
    Column("confidence", "DOUBLE", _DOUBLE, lambda e: e.confidence),
    Column("modality", "VARCHAR", _TEXT, lambda e: e.modality),
    Column("historical", "BOOLEAN", pa.bool_(), lambda e: e.historical),
    Column("location", "VARCHAR", _TEXT, _location("name")),  # the place's name; the rest in location_* (0005)
    Column("lexicon_version", "VARCHAR", _TEXT, lambda e: e.lexicon_version),
    # added by migration 0002 (appended, so the table's column order matches)
    Column("source_country_rule", "VARCHAR", _TEXT, _side("source", "country_rule")),
    Column("target_country_rule", "VARCHAR", _TEXT, _side("target", "country_rule")),
    # added by migration 0003: set after the event is stored (tacitus.analysis.clusters), so NULL on insert
    Column("cluster_id", "VARCHAR", _TEXT, lambda e: None),
    Column("is_root", "BOOLEAN", pa.bool_(), lambda e: None),
    # added by migration 0005 (enrichers also by 0006, IF NOT EXISTS): the enrichers' stamp, where it happened
    Column("enrichers", "VARCHAR", _TEXT, lambda e: e.enrichers),
    *(Column(f"location_{name}", sql, arrow, _location(name)) for name, sql, arrow in LOCATION_FIELDS),
    # added by migration 0006 (tacitus.enrich: tone)
    Column("sentence_tone", "DOUBLE", _DOUBLE, lambda e: e.sentence_tone),
    Column("article_tone", "DOUBLE", _DOUBLE, lambda e: e.article_tone),
)

EVENT_COLUMN_NAMES: tuple[str, ...] = tuple(column.name for column in EVENT_COLUMNS)


def nest_location(row: dict[str, Any]) -> dict[str, Any]:
    """A flat events row with its location_* columns folded into one `location` object (or None), as JSON gives it."""
    nested = {key: value for key, value in row.items() if not key.startswith("location_")}
    if row.get("location") is not None:
        nested["location"] = {
            "name": row["location"],
            **{name: row.get(f"location_{name}") for name, _, _ in LOCATION_FIELDS},
        }
    return nested


EVENT_SCHEMA = pa.schema([(column.name, column.arrow_type) for column in EVENT_COLUMNS])


def event_row(event: Event) -> dict[str, Any]:
    """`Event.to_dict()` flattened to the columns of the events table."""
    return {column.name: column.value(event) for column in EVENT_COLUMNS}


ARTICLE_SCHEMA = pa.schema(
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
        # added by migration 0006 (tacitus.enrich: tone, near-duplicates)
        ("tone", pa.float64()),
        ("duplicate_similarity", pa.float64()),
        ("duplicate_kind", pa.string()),
    ]
)

ERROR_SCHEMA = pa.schema(
    [
        ("path", pa.string()),
        ("line", pa.int64()),
        ("reason", pa.string()),
        ("message", pa.string()),
        ("run_id", pa.string()),
        ("seen_at", pa.timestamp("us")),
    ]
)


@dataclass(frozen=True)
class ArticleRow:
    """An article as ingest stores it: the record plus what ingest and the pipeline learnt."""

    article: Article
    duplicate_of: str | None = None
    sentences: int = 0
    events: int = 0
    # A duplicate's link: "exact" (same text; the default when duplicate_of is set) or "near", and its similarity.
    duplicate_kind: str | None = None
    duplicate_similarity: float | None = None
    tone: float | None = None  # the article's tone (tacitus.enrich.tone); None when not enriched


def article_row(row: ArticleRow, run_id: str | None, now: dt.datetime) -> dict[str, Any]:
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
        "tone": row.tone,
        "duplicate_similarity": row.duplicate_similarity
        if row.duplicate_similarity is not None or row.duplicate_of is None
        else 1.0,
        "duplicate_kind": row.duplicate_kind or ("exact" if row.duplicate_of else None),
    }


def error_row(error: RecordError, run_id: str | None, now: dt.datetime) -> dict[str, Any]:
    return {
        "path": error.path,
        "line": error.line,
        "reason": error.reason,
        "message": bare_message(error),
        "run_id": run_id,
        "seen_at": now,
    }


def bare_message(error: RecordError) -> str:
    """The reason text of a RecordError without the "path:line: " its message starts with."""
    where = f"{error.path}:{error.line}" if error.line is not None else error.path
    return error.message.removeprefix(f"{where}: ")
