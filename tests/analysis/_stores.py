"""Stores built for the analysis tests: articles and events written straight into the tables.

Only the columns the analysis reads are filled, so the tests do not depend on how the coder
builds an `Event`; the schema itself comes from the real migrations (`Store`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from tacitus.store import Store

#: CAMEO code → (QuadClass, Goldstein) for the codes the tests use.
CODES = {
    "042": (1, 1.9),
    "057": (1, 8.0),
    "071": (2, 7.4),
    "111": (3, -2.0),
    "130": (3, -4.4),
    "1384": (3, -7.0),
    "152": (4, -7.2),
    "163": (4, -8.0),
    "190": (4, -10.0),
    "193": (4, -10.0),
}


@dataclass
class Ev:
    """One event to write: `doc` must be an article written with it."""

    doc: str
    date: dt.date
    source: str
    target: str | None
    cameo: str = "190"
    confidence: float = 0.8
    modality: str = "asserted"
    historical: bool = False
    sentence: str = "Troops attacked the town."
    cluster: str | None = None


class StoreBuilder:
    """Collects articles and events, then writes them into a fresh store."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.articles: list[tuple[str, dt.date | None, str, str]] = []
        self.events: list[Ev] = []

    def article(self, doc: str, date: dt.date | None, *, title: str = "A title", source: str = "Wire") -> str:
        self.articles.append((doc, date, title, source))
        return doc

    def event(self, *args: object, **kwargs: object) -> None:
        self.events.append(Ev(*args, **kwargs))  # type: ignore[arg-type]

    def build(self, *, clusters: bool = False) -> Path:
        with Store(self.path) as store:
            con = store.con
            if clusters:
                con.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS cluster_id VARCHAR")
            now = dt.datetime(2024, 1, 1)
            if self.articles:
                # one registered frame per table: executemany inserts row by row, seconds for a few thousand
                _insert(
                    con,
                    "articles",
                    ("id", "date", "source", "title", "content_hash", "text", "ingested_at"),
                    [(doc, date, source, title, f"h-{doc}", "text", now) for doc, date, title, source in self.articles],
                )
            rows = []
            for i, ev in enumerate(self.events):
                quad, goldstein = CODES[ev.cameo]
                rows.append(
                    (
                        f"e{i:07d}",
                        ev.doc,
                        ev.date,
                        ev.source[:3],
                        ev.source,
                        ev.target[:3] if ev.target else None,
                        ev.target,
                        ev.cameo,
                        ev.cameo[:2],
                        quad,
                        goldstein,
                        ev.confidence,
                        ev.modality,
                        ev.historical,
                        ev.sentence,
                        i,
                    )
                )
            if rows:
                _insert(
                    con,
                    "events",
                    (
                        "event_id", "doc_id", "date", "source_country", "source_code", "target_country",
                        "target_code", "cameo", "cameo_root", "quad_class", "goldstein", "confidence", "modality",
                        "historical", "sentence", "sentence_index",
                    ),
                    rows,
                )  # fmt: skip
            if clusters:
                for i, ev in enumerate(self.events):
                    if ev.cluster:
                        con.execute("UPDATE events SET cluster_id = ? WHERE event_id = ?", [ev.cluster, f"e{i:07d}"])
        return self.path


def _insert(con: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    frame = pd.DataFrame.from_records(rows, columns=list(columns))
    con.register("_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM _rows")
    finally:
        con.unregister("_rows")


MONDAY = dt.date(2021, 1, 4)


def week(n: int, day: int = 1) -> dt.date:
    """A date in the n-th week after MONDAY (day 0 = Monday)."""
    return MONDAY + dt.timedelta(days=7 * n + day)


def weekly_store(
    path: Path,
    counts: list[int],
    *,
    dyad: tuple[str, str] = ("RUS", "UKR"),
    articles_per_week: int = 10,
    cameo: str = "190",
    background: bool = True,
) -> Path:
    """`counts[n]` events of `dyad` in week n, each from its own article (at least `articles_per_week` a week).

    With `background`, one unrelated USA-CAN cooperation event a week keeps other units present.
    """
    builder = StoreBuilder(path)
    for n, count in enumerate(counts):
        for a in range(max(articles_per_week, count)):
            doc = builder.article(f"w{n}a{a}", week(n, a % 7), title=f"Week {n} story {a}", source=f"Paper{a % 3}")
            if a < count:
                builder.event(doc, week(n, a % 7), dyad[0], dyad[1], cameo, sentence=f"Attack {a} in week {n}.")
        if background:
            builder.event(f"w{n}a0", week(n), "USA", "CAN", "042")
    return builder.build()
