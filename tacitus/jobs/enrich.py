"""The enrich job: run the enrichers over a stored corpus without coding anything again.

    articles (keyset pages of ENRICH_BATCH) ─► their events ─► each enricher ─► UPDATE, one transaction a page

Enrichers are listed once in `ENRICHERS` ({name: Enricher(version, run)}): geo (where the event
happened, tacitus.enrich.geo; it loads the spaCy model and parses each event sentence again from
the stored text, since a parse is not stored) and tone (tacitus.enrich.tone; no model). At ingest
the pipeline locates events and `enrich_chunk` adds tone to each chunk before it is written;
`tacitus enrich --db F` re-runs them over what is stored, e.g. after the tone lexicon or the
gazetteer changed. Event ids and codes
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
from tacitus.enrich.geo import Geolocator, merge_stamp
from tacitus.enrich.geo import stamp_entry as geo_stamp_entry
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
from tacitus.models import Actor, Article, Event, Evidence
from tacitus.store import ArticleRow, Store
from tacitus.store.columns import LOCATION_FIELDS

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
    """A stored event as an enricher reads it (`row`: its columns), and the columns it fills (`values`)."""

    row: dict[str, Any]
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def event_id(self) -> str:
        return str(self.row["event_id"])

    @property
    def doc_id(self) -> str:
        return str(self.row["doc_id"])

    @property
    def sentence(self) -> str | None:
        value = self.row.get("sentence")
        return None if value is None else str(value)

    @property
    def enrichers(self) -> str | None:
        value = self.row.get("enrichers")
        return None if value is None else str(value)

    def to_event(self) -> Event:
        """The `Event` the row was written from (what the geolocator takes)."""
        row = self.row
        date = row.get("date")
        return Event(
            event_id=row["event_id"],
            doc_id=row["doc_id"],
            date=date.isoformat() if date is not None else None,
            source=_actor(row, "source"),
            target=_actor(row, "target"),
            cameo=row["cameo"],
            cameo_root=row["cameo_root"],
            quad_class=row["quad_class"],
            goldstein=row["goldstein"],
            plover_type=row.get("plover_type"),
            plover_mode=row.get("plover_mode"),
            evidence=Evidence(
                row["sentence_index"] or 0,
                row["sentence"] or "",
                row["trigger"] or "",
                row["trigger_start"] or 0,
                row["trigger_end"] or 0,
                row["rule"] or "",
            ),
            confidence=row["confidence"],
            modality=row["modality"],
            lexicon_version=row["lexicon_version"],
            historical=bool(row.get("historical")),
            enrichers=row.get("enrichers"),
        )


def _actor(row: dict[str, Any], side: str) -> Actor | None:
    if row.get(f"{side}_text") is None and row.get(f"{side}_code") is None:
        return None
    return Actor(
        text=row.get(f"{side}_text") or "",
        code=row.get(f"{side}_code"),
        country=row.get(f"{side}_country"),
        sector=row.get(f"{side}_sector"),
        name=row.get(f"{side}_name"),
        char_start=row.get(f"{side}_char_start"),
        char_end=row.get(f"{side}_char_end"),
        country_rule=row.get(f"{side}_country_rule"),
    )


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


def _geo_page(page: EnrichPage) -> None:
    """Locate the page's events again from the stored text: the model splits, recognises and parses anew.

    Only the event sentences are parsed (as at ingest); the coder does not run, so event ids,
    codes and offsets stay as stored. Needs the spaCy model (the settings' `spacy_model`).
    """
    from tacitus.nlp import parse_sentences, split_sentences
    from tacitus.pipeline import load_pipeline

    pipeline = load_pipeline()
    geolocator = pipeline.geolocator or Geolocator()
    by_article: dict[str, list[StoredEvent]] = {}
    for stored in page.events:
        by_article.setdefault(stored.doc_id, []).append(stored)
    for article in page.articles:
        stored_events = by_article.get(article.id, [])
        if not stored_events:
            continue
        events = [stored.to_event() for stored in stored_events]
        doc = split_sentences(pipeline.nlp, article.text)
        mentions = sorted(
            pipeline.recognizer.recognize(doc, date=article.date, article=article), key=lambda m: m.char_start
        )
        # Each event sentence once, with its offset in the article (the stored sentence is its exact text).
        sentence_texts: dict[int, tuple[int, str]] = {}
        for event in events:
            evidence = event.evidence
            # the last copy of the sentence that starts at or before the trigger
            start = article.text.rfind(evidence.sentence, 0, evidence.char_start + len(evidence.sentence))
            if start < 0:
                start = max(article.text.find(evidence.sentence), 0)
            sentence_texts.setdefault(evidence.sentence_index, (start, evidence.sentence))
        indices = sorted(sentence_texts)
        parsed = parse_sentences(pipeline.nlp, (sentence_texts[i][1] for i in indices))
        sentences = {i: (sentence_texts[i][0], sentence_doc) for i, sentence_doc in zip(indices, parsed, strict=True)}
        located = geolocator.locate_article(article, events, sentences, mentions)
        for stored, event in zip(stored_events, located, strict=True):
            location = event.location
            stored.values["location"] = None if location is None else location.name
            for name, _, _ in LOCATION_FIELDS:
                stored.values[f"location_{name}"] = None if location is None else getattr(location, name)


#: The enrichers `tacitus enrich` knows, by name. Adding one is one entry.
ENRICHERS: dict[str, Enricher] = {
    "geo": Enricher(
        "geo",
        geo_stamp_entry,
        _geo_page,
        (),
        ("location", *(f"location_{name}" for name, _, _ in LOCATION_FIELDS)),
    ),
    "tone": Enricher("tone", tone_version, _tone_page, ("tone",), ("sentence_tone", "article_tone")),
}

#: Names `--only` accepts: the enrichers plus the near-duplicate index backfill.
STEPS = (*ENRICHERS, "near_duplicates")


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
    cursor = con.execute(
        "SELECT * FROM events WHERE doc_id > ? AND doc_id <= ? "
        "ORDER BY doc_id, sentence_index, trigger_start, event_id",
        [after, articles[-1].id],
    )
    names = [column[0] for column in cursor.description or ()]
    events = [StoredEvent(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]
    return EnrichPage(articles, events)


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
