"""The enrich job: run the enrichers over a stored corpus without coding anything again.

    articles (keyset pages of ENRICH_BATCH) ─► their events ─► each enricher ─► UPDATE, one transaction a page

Enrichers are listed once in `ENRICHERS` ({name: Enricher(version, run)}); ingest runs the
same code on each chunk before it is written (`enrich_chunk`), and `tacitus enrich --db F`
re-runs them over what is stored, e.g. after the tone lexicon changed. Event ids and codes
never change here: enrichers only fill their own columns and add "name@version" to the
event's `enrichers` stamp. Near-duplicates are an ingest-time decision (`link_near_duplicates`):
a near-copy is never coded, so re-linking a stored corpus would mean un-coding it; the
`near_duplicates` step of this job only indexes stored originals that have no band keys yet
(stores made before migration 0006), so later ingests can link to them.

Example:
    >>> summary = tacitus.jobs.enrich.enrich("events.duckdb", only=["tone"])
    >>> summary.events
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.config import Settings
from tacitus.enrich.near_duplicates import (
    MIN_SHINGLES,
    NEAR_DUPLICATES_VERSION,
    MinHasher,
    find_near_duplicates,
    index_articles,
    shingles,
)
from tacitus.enrich.tone import tone, tone_version
from tacitus.errors import InputError, StoreError
from tacitus.models import Article, Event
from tacitus.store import ArticleRow, Store

__all__ = [
    "ENRICHERS",
    "EnrichSummary",
    "Enricher",
    "enrich",
    "enrich_chunk",
    "link_near_duplicates",
    "merge_stamp",
]

#: Articles per page (and per transaction) of `tacitus enrich`.
ENRICH_BATCH = 2000


@dataclass
class StoredEvent:
    """What an enricher may read of a stored event, and the columns it fills (`values`)."""

    event_id: str
    doc_id: str
    sentence: str | None
    sentence_index: int | None
    enrichers: str | None
    values: dict[str, Any] = field(default_factory=dict)


@dataclass
class EnrichPage:
    """A page of stored articles and their events; enrichers fill `article_values` and each event's `values`."""

    articles: list[Article]
    events: list[StoredEvent]
    article_values: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class Enricher:
    """An enricher as `tacitus enrich` runs it: its data version and what it does to a page."""

    name: str
    version: Callable[[], str]
    run: Callable[[EnrichPage], None]
    article_columns: tuple[str, ...] = ()
    event_columns: tuple[str, ...] = ()


def _tone_page(page: EnrichPage) -> None:
    article_tones = {article.id: tone(article.text).tone for article in page.articles}
    for article_id, value in article_tones.items():
        page.article_values.setdefault(article_id, {})["tone"] = value
    for event in page.events:
        event.values["sentence_tone"] = tone(event.sentence).tone
        event.values["article_tone"] = article_tones.get(event.doc_id)


#: The enrichers `tacitus enrich` knows, by name. Adding one is one entry.
ENRICHERS: dict[str, Enricher] = {
    "tone": Enricher("tone", tone_version, _tone_page, ("tone",), ("sentence_tone", "article_tone")),
}

#: Names `--only` accepts: the enrichers plus the near-duplicate index backfill.
STEPS = (*ENRICHERS, "near_duplicates")


def merge_stamp(stamp: str | None, entry: str) -> str:
    """`stamp` ("geo@x;tone@y") with `entry`'s enricher set to `entry`'s version, sorted by name."""
    name = entry.partition("@")[0]
    kept = [part for part in (stamp or "").split(";") if part and part.partition("@")[0] != name]
    return ";".join(sorted([*kept, entry]))


# -- at ingest ---------------------------------------------------------------------------


def link_near_duplicates(
    store: Store, articles: list[Article], settings: Settings
) -> tuple[list[Article], list[ArticleRow]]:
    """Split new originals into those to code and near-copies of a stored (or earlier) story.

    The band keys of the ones to code go into the store's index now, before they are coded,
    so a run killed after this chunk is written has them indexed (keys of an article that
    never gets stored point nowhere and are ignored by the lookup).
    """
    if not settings.near_duplicates or not articles:
        return articles, []
    found, originals = find_near_duplicates(store.con, articles)
    index_articles(store.con, originals)
    linked = {item.article_id: item for item in found}
    rows = [
        ArticleRow(
            article,
            duplicate_of=linked[article.id].duplicate_of,
            duplicate_kind="near",
            duplicate_similarity=linked[article.id].similarity,
        )
        for article in articles
        if article.id in linked
    ]
    return [article for article in articles if article.id not in linked], rows


def enrich_chunk(
    rows: Sequence[ArticleRow], events: Sequence[Event], settings: Settings
) -> tuple[list[ArticleRow], list[Event]]:
    """Ingest's hook: the chunk's article rows and events with the in-memory enrichers applied."""
    if not settings.tone:
        return list(rows), list(events)
    article_tones = {row.article.id: tone(row.article.text).tone for row in rows}
    stamp = tone_version()
    enriched = [
        replace(
            event,
            sentence_tone=tone(event.evidence.sentence).tone,
            article_tone=article_tones.get(event.doc_id),
            enrichers=merge_stamp(event.enrichers, stamp),
        )
        for event in events
    ]
    return [replace(row, tone=article_tones[row.article.id]) for row in rows], enriched


# -- over a stored corpus ----------------------------------------------------------------


@dataclass
class EnrichSummary:
    """What `enrich` did."""

    db: str
    enrichers: list[str]
    articles: int = 0
    events: int = 0
    indexed: int = 0  # originals added to the near-duplicate index
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "enrichers": self.enrichers,
            "versions": self.versions,
            "articles": self.articles,
            "events": self.events,
            "indexed": self.indexed,
            "seconds": round(self.seconds, 3),
        }


def enrich(
    db: str | Path | Store,
    *,
    only: Iterable[str] | None = None,
    batch_size: int = ENRICH_BATCH,
) -> EnrichSummary:
    """Re-run the enrichers over every stored article and event; nothing is coded again.

    Args:
        db: the event store (must exist) or an open Store.
        only: enricher names to run (default: all of `STEPS`).
        batch_size: articles per page and transaction.

    Raises:
        InputError [T0..]: an unknown enricher name.
        StoreError [T040]: no store at `db`, or it cannot be written.
    """
    names = _names(only)
    if isinstance(db, Store):
        return _enrich_store(db, names, batch_size)
    path = Path(db)
    if not path.is_file():
        raise StoreError(f"no event store at '{path}' (create one with `tacitus ingest ... --db {path}`)")
    with Store(path) as store:
        return _enrich_store(store, names, batch_size)


def _names(only: Iterable[str] | None) -> list[str]:
    if only is None:
        return list(STEPS)
    names = [name.strip() for name in only if name.strip()]
    unknown = [name for name in names if name not in STEPS]
    if unknown:
        raise InputError(f"unknown enricher {', '.join(map(repr, unknown))}; known: {', '.join(STEPS)}")
    if not names:
        raise InputError(f"no enricher named; known: {', '.join(STEPS)}")
    return list(dict.fromkeys(names))


def _enrich_store(store: Store, names: list[str], batch_size: int) -> EnrichSummary:
    started = time.perf_counter()
    summary = EnrichSummary(db=str(store.path), enrichers=names)
    enrichers = [ENRICHERS[name] for name in names if name in ENRICHERS]
    stamps = {enricher.name: enricher.version() for enricher in enrichers}
    summary.versions = dict(stamps)
    if enrichers:
        after = ""
        while page := _read_page(store.con, after, batch_size):
            for enricher in enrichers:
                enricher.run(page)
            for event in page.events:
                stamp = event.enrichers
                for enricher in enrichers:
                    stamp = merge_stamp(stamp, stamps[enricher.name])
                event.values["enrichers"] = stamp
            _write_page(store, page, enrichers)
            summary.articles += len(page.articles)
            summary.events += len(page.events)
            after = page.articles[-1].id
    if "near_duplicates" in names:
        summary.versions["near_duplicates"] = NEAR_DUPLICATES_VERSION
        summary.indexed = _index_unindexed(store, batch_size)
    summary.seconds = time.perf_counter() - started
    return summary


def _read_page(con: duckdb.DuckDBPyConnection, after: str, limit: int) -> EnrichPage | None:
    """The next page of articles by id (keyset paging: memory stays one page), with their events."""
    rows = con.execute(
        "SELECT id, text, date, source, title, url, place FROM articles WHERE id > ? ORDER BY id LIMIT ?",
        [after, limit],
    ).fetchall()
    if not rows:
        return None
    articles = [Article(id=r[0], text=r[1], date=r[2], source=r[3], title=r[4], url=r[5], place=r[6]) for r in rows]
    events = con.execute(
        """
        SELECT e.event_id, e.doc_id, e.sentence, e.sentence_index, e.enrichers
        FROM events e WHERE e.doc_id > ? AND e.doc_id <= ? ORDER BY e.doc_id, e.event_id
        """,
        [after, articles[-1].id],
    ).fetchall()
    return EnrichPage(articles, [StoredEvent(*row) for row in events])


def _write_page(store: Store, page: EnrichPage, enrichers: list[Enricher]) -> None:
    """One transaction: the page's article columns, then its event columns."""
    article_columns = [c for e in enrichers for c in e.article_columns]
    event_columns = [c for e in enrichers for c in e.event_columns] + ["enrichers"]
    con = store.con
    try:
        con.execute("BEGIN TRANSACTION")
        if article_columns and page.article_values:
            ids = list(page.article_values)
            table = pa.table({"id": ids, **{c: [page.article_values[i].get(c) for i in ids] for c in article_columns}})
            _update(con, "articles", "id", table, article_columns)
        if page.events:
            table = pa.table(
                {
                    "event_id": [e.event_id for e in page.events],
                    **{c: [e.values.get(c) for e in page.events] for c in event_columns},
                }
            )
            _update(con, "events", "event_id", table, event_columns)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"cannot write enrichments to '{store.path}': {exc}") from exc


def _update(con: duckdb.DuckDBPyConnection, table: str, key: str, values: pa.Table, columns: list[str]) -> None:
    # Table and column names come from ENRICHERS (code), never from user input.
    assignments = ", ".join(f"{c} = u.{c}" for c in columns)
    con.register("_tacitus_enrich", values)
    try:
        con.execute(f"UPDATE {table} SET {assignments} FROM _tacitus_enrich u WHERE {table}.{key} = u.{key}")
    finally:
        con.unregister("_tacitus_enrich")


def _index_unindexed(store: Store, batch_size: int) -> int:
    """Add stored originals with no band keys to the near-duplicate index (stores made before 0006)."""
    hasher = MinHasher()
    indexed = 0
    after = ""
    while True:
        rows = store.con.execute(
            """
            SELECT a.id, a.text FROM articles a
            WHERE a.duplicate_of IS NULL AND a.id > ?
              AND NOT EXISTS (SELECT 1 FROM article_bands b WHERE b.article_id = a.id)
            ORDER BY a.id LIMIT ?
            """,
            [after, batch_size],
        ).fetchall()
        if not rows:
            return indexed
        keys = []
        for article_id, text in rows:
            found = shingles(text)
            if len(found) >= MIN_SHINGLES:
                keys.append((article_id, hasher.band_keys(hasher.signature(found))))
        index_articles(store.con, keys)
        indexed += len(keys)
        after = rows[-1][0]
