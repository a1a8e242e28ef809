"""The code job: events of a file (or stdin) without storing, the library side of `tacitus code`.

Input is read by `tacitus.sources.read_articles` (a .txt article with its dateline stripped, JSONL with
one ``{id, text, date?}`` per line, ...), so `tacitus code` and `tacitus ingest` read files
the same way. Bad records are handed to `on_error` and skipped; the run goes on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from tacitus.config import Settings
from tacitus.dates import as_date
from tacitus.errors import ConfigError, RecordError
from tacitus.jobs.parallel import open_pipeline
from tacitus.models import Article, Event
from tacitus.sources import read_articles


def code_file(
    source: str | Path,
    *,
    date: dt.date | str | None = None,
    require_dyad: bool = False,
    min_confidence: float = 0.0,
    dictionaries: Sequence[Path] = (),
    lexicons: Sequence[Path] = (),
    on_error: Callable[[RecordError], None] | None = None,
    settings: Settings | None = None,
    workers: int | None = None,
) -> Iterator[Event]:
    """Events of every article in `source` ("-" for stdin), in input order.

    Args:
        date: the date of articles that carry none (ISO string or date).
        require_dyad: drop events whose source or target is missing or uncoded.
        min_confidence: drop events below this confidence.
        dictionaries: user actor dictionaries, on top of the shipped ones.
        lexicons: user event lexicons (docs/lexicon.md), on top of the shipped ones.
        on_error: called with each bad record (file, line, reason); it is skipped.
        workers: processes coding articles (default: settings.workers, 0 = every core; docs/scale.md).
    """
    default_date = as_date(date, what="--date", error=ConfigError)
    resolved = settings or Settings.load(
        require_dyad=require_dyad,
        min_confidence=min_confidence,
        dictionaries=tuple(dictionaries) or None,
        lexicons=tuple(lexicons) or None,
    )

    def articles() -> Iterator[Article]:
        for item in read_articles([str(source)]):
            if isinstance(item, RecordError):
                if on_error is not None:
                    on_error(item)
                continue
            yield item if item.date or default_date is None else replace(item, date=default_date)

    with open_pipeline(resolved, workers=workers) as pipeline:
        for result in pipeline.process(articles()):
            yield from result.events
