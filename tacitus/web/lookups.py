"""What the API and the dashboard look up besides filtered event lists: one event with its
article, the highlights of its sentence, actors by name, and the versions of what runs.

Event lists always go through `Store.events` (`EventFilter` → `tacitus.store.queries`); the
lookups here are by primary key or by name, each one parameterised SQL. Every value returned
is JSON-ready (dates as ISO strings, no NaN).
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
import math
import platform
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from tacitus._version import __version__
from tacitus.errors import NotFoundError
from tacitus.filters import EventFilter
from tacitus.store import Store

#: Longest actor search text accepted.
MAX_QUERY_CHARS = 100
#: Article metadata the API shows (the text comes separately, only on the event page).
ARTICLE_FIELDS = ("id", "date", "source", "title", "url", "place", "origin", "duplicate_of", "n_sentences", "n_events")


def json_value(value: Any) -> Any:
    """A value as JSON carries it: ISO dates, plain numbers (numpy's too), None for NaN and NaT."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if getattr(value, "ndim", None) == 0 and hasattr(value, "item"):  # a numpy scalar
        return json_value(value.item())
    if value != value:  # NaT, the one value not equal to itself here
        return None
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: json_value(value) for key, value in row.items()}


def _fetch_dicts(store: Store, sql: str, params: Sequence[Any]) -> list[dict[str, Any]]:
    cursor = store.con.execute(sql, list(params))
    names = [d[0] for d in cursor.description or []]
    return [json_row(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


def event_by_id(store: Store, event_id: str) -> dict[str, Any]:
    """The stored event `event_id` (every column); NotFoundError [T072] when there is none."""
    rows = _fetch_dicts(store, "SELECT * FROM events WHERE event_id = ?", [event_id])
    if not rows:
        raise NotFoundError(f"no event '{event_id}' in this store")
    return rows[0]


def article_by_id(store: Store, doc_id: str, *, with_text: bool = False) -> dict[str, Any] | None:
    """The article `doc_id`: its metadata, and its text when asked."""
    fields = ", ".join((*ARTICLE_FIELDS, "text") if with_text else ARTICLE_FIELDS)
    rows = _fetch_dicts(store, f"SELECT {fields} FROM articles WHERE id = ?", [doc_id])  # fixed column names
    return rows[0] if rows else None


def duplicates_of(store: Store, doc_id: str, *, limit: int = 50) -> list[dict[str, Any]]:
    """Articles stored as exact copies of `doc_id` (the same text from another outlet or feed)."""
    fields = ", ".join(ARTICLE_FIELDS)
    return _fetch_dicts(
        store, f"SELECT {fields} FROM articles WHERE duplicate_of = ? ORDER BY date, id LIMIT ?", [doc_id, limit]
    )


def articles_for(store: Store, doc_ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """doc_id → title, source, url, date and text, for a page of events (their highlights and links)."""
    wanted = sorted(set(doc_ids))
    if not wanted:
        return {}
    rows = _fetch_dicts(
        store, "SELECT id, title, source, url, date, text FROM articles WHERE list_contains(?, id)", [wanted]
    )
    return {row["id"]: row for row in rows}


def events_by_ids(store: Store, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The stored events with these ids, in the order given (an alert's strongest first); unknown ids skipped."""
    wanted = [str(e) for e in event_ids]
    if not wanted:
        return []
    rows = _fetch_dicts(store, "SELECT * FROM events WHERE list_contains(?, event_id)", [wanted])
    by_id = {row["event_id"]: row for row in rows}
    return [by_id[e] for e in dict.fromkeys(wanted) if e in by_id]


def last_event_date(store: Store, criteria: EventFilter) -> dt.date | None:
    """The date of the last event matching `criteria` (the store's own WHERE clause for the filter)."""
    from tacitus.store.queries import where_clause

    where, params = where_clause(criteria)
    row = store.con.execute(f"SELECT max(events.date) FROM events{where}", params).fetchone()
    return row[0] if row and row[0] else None


def has_table(store: Store, table: str) -> bool:
    """Whether the store has `table` (tables other migrations add)."""
    row = store.con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()
    return bool(row and row[0])


def cluster_row(store: Store, cluster_id: str) -> dict[str, Any] | None:
    """The `clusters` table's row for `cluster_id`, when the store has that table."""
    rows = _fetch_dicts(store, "SELECT * FROM clusters WHERE cluster_id = ?", [cluster_id])
    return rows[0] if rows else None


def has_column(store: Store, table: str, column: str) -> bool:
    """Whether the store's `table` has `column` (features other migrations add)."""
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.columns WHERE table_name = ? AND column_name = ?", [table, column]
    ).fetchone()
    return bool(row and row[0])


# -- highlights ------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A highlighted part of a sentence: `role` is source, target or trigger; offsets in the sentence."""

    role: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "start": self.start, "end": self.end, "text": self.text}


def sentence_start(article_text: str | None, sentence: str, anchor: int | None) -> int | None:
    """Where `sentence` starts in the article: the occurrence holding `anchor` (the trigger), else the first."""
    if not article_text or not sentence:
        return None
    first: int | None = None
    position = article_text.find(sentence)
    while position != -1:
        if anchor is None or position <= anchor < position + len(sentence):
            return position
        if first is None:
            first = position
        position = article_text.find(sentence, position + 1)
    return first


def sentence_spans(event: dict[str, Any], article_text: str | None) -> list[Span]:
    """Source, target and trigger of `event` as spans of its sentence, from the stored article offsets.

    Offsets are stored relative to the article text; the sentence's own start is found in
    that text. When the sentence cannot be found (an article re-ingested with other text),
    each part is looked up by its words in the sentence instead. Overlapping spans keep
    the first (trigger, then source, then target).
    """
    sentence = event.get("sentence") or ""
    offset = sentence_start(article_text, sentence, event.get("trigger_start"))
    wanted = (
        ("trigger", event.get("trigger"), event.get("trigger_start"), event.get("trigger_end")),
        ("source", event.get("source_text"), event.get("source_char_start"), event.get("source_char_end")),
        ("target", event.get("target_text"), event.get("target_char_start"), event.get("target_char_end")),
    )
    spans: list[Span] = []
    for role, words, start, end in wanted:
        span: tuple[int, int] | None = None
        if offset is not None and isinstance(start, int) and isinstance(end, int):
            local_start, local_end = start - offset, end - offset
            if 0 <= local_start < local_end <= len(sentence):
                span = (local_start, local_end)
        if span is None and words:
            found = sentence.find(words)
            if found != -1:
                span = (found, found + len(words))
        if span is None or any(s.start < span[1] and span[0] < s.end for s in spans):
            continue
        spans.append(Span(role, span[0], span[1], sentence[span[0] : span[1]]))
    return sorted(spans, key=lambda s: s.start)


def segments(sentence: str, spans: Sequence[Span]) -> list[tuple[str, str | None]]:
    """The sentence cut into (text, role) pieces, role None between highlights, for the HTML."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for span in sorted(spans, key=lambda s: s.start):
        if span.start > cursor:
            pieces.append((sentence[cursor : span.start], None))
        pieces.append((sentence[span.start : span.end], span.role))
        cursor = span.end
    if cursor < len(sentence):
        pieces.append((sentence[cursor:], None))
    return pieces


# -- actors ----------------------------------------------------------------------------


def search_actors(store: Store, query: str, *, limit: int = 20) -> list[dict[str, Any]]:
    """Actors seen in stored events whose code starts with, or whose name or words contain, `query`.

    Each with its country, the name it is most often given, and how many events it is the
    source and the target of; the most frequent first. An empty query lists the most frequent.
    """
    text = query.strip()
    code = text.upper()
    needle = text.lower()
    return _fetch_dicts(
        store,
        """
        WITH sides AS (
            SELECT source_code AS code, source_country AS country, coalesce(source_name, source_text) AS name,
                   source_text AS words, 1 AS as_source, 0 AS as_target
            FROM events WHERE source_code IS NOT NULL
            UNION ALL
            SELECT target_code, target_country, coalesce(target_name, target_text), target_text, 0, 1
            FROM events WHERE target_code IS NOT NULL
        )
        SELECT code, any_value(country) AS country, mode(name) AS name,
               sum(as_source)::INTEGER AS as_source, sum(as_target)::INTEGER AS as_target,
               count(*)::INTEGER AS events
        FROM sides
        WHERE ? = '' OR starts_with(code, ?) OR contains(lower(name), ?) OR contains(lower(words), ?)
        GROUP BY code
        ORDER BY events DESC, code
        LIMIT ?
        """,
        [needle, code, needle, needle, limit],
    )


# -- versions --------------------------------------------------------------------------


def _installed(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def versions(store: Store) -> dict[str, Any]:
    """Package, spaCy model, lexicon and schema versions (datasette's /-/versions).

    The spaCy model is named from the settings and its version read from the installed
    package's metadata, so asking does not load spaCy.
    """
    import duckdb

    from tacitus.config import Settings
    from tacitus.resources import lexicon_version
    from tacitus.store.migrations import schema_version

    model = Settings.load().spacy_model
    stored = store.con.execute(
        "SELECT lexicon_version, count(*) AS n FROM events GROUP BY lexicon_version ORDER BY n DESC LIMIT 10"
    ).fetchall()
    return {
        "tacitus": __version__,
        "spacy_model": {"name": model, "version": _model_version(model)},
        "spacy": _installed("spacy"),
        "lexicon": lexicon_version(),
        "schema": schema_version(store.con),
        "stored_lexicons": [{"lexicon_version": v, "events": int(n)} for v, n in stored],
        "python": platform.python_version(),
        "duckdb": duckdb.__version__,
        "fastapi": _installed("fastapi"),
        "uvicorn": _installed("uvicorn"),
    }


def _model_version(model: str) -> str | None:
    """The shipped parser's version from its meta.json, else the installed package's."""
    from tacitus.config import FAST_SPACY_MODEL
    from tacitus.resources import read_text

    if model == FAST_SPACY_MODEL:
        return str(json.loads(read_text("parser/meta.json"))["version"])
    return _installed(model) or _installed(model.replace("_", "-"))
