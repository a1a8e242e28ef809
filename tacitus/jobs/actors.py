"""The actors job: the actors of each document of a file (or of a text), behind ``tacitus actors``.

Files are read by `tacitus.sources.read_articles`, like every other command, so the
offsets `tacitus actors` prints are the offsets the events of `tacitus code` carry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tacitus.config import Settings
from tacitus.dates import as_date
from tacitus.errors import ConfigError, InputError, RecordError
from tacitus.models import ActorMention, Article
from tacitus.pipeline import find_actors
from tacitus.sources import read_articles

__all__ = ["DocumentActors", "find_actors_in"]


@dataclass(frozen=True)
class DocumentActors:
    """The actors of one input document, or the reason it could not be read."""

    doc_id: str
    text: str
    mentions: list[ActorMention]
    error: RecordError | None = None


def find_actors_in(
    source: str | Path,
    *,
    date: dt.date | str | None = None,
    dictionaries: Sequence[Path | str] = (),
    settings: Settings | None = None,
) -> Iterator[DocumentActors]:
    """Actors for each document of `source`: any input file `tacitus ingest` reads, or text itself.

    A record that cannot be read is yielded with its `error` (file, line, reason) and the rest
    of the file is still read. `date` applies to documents that carry no date of their own.
    """
    default_date = as_date(date, what="--date", error=ConfigError)
    if not (isinstance(source, Path) or _looks_like_path(source)):
        mentions = find_actors(str(source), date=default_date, dictionaries=dictionaries, settings=settings)
        yield DocumentActors("text", str(source), mentions)
        return
    if not Path(source).is_file():
        raise InputError(f"input file '{source}' not found")
    for item in read_articles([source]):
        if isinstance(item, RecordError):
            yield DocumentActors(item.path if item.line is None else f"{item.path}:{item.line}", "", [], item)
            continue
        yield _document(item, default_date, dictionaries, settings)


def _document(
    article: Article, default_date: dt.date | None, dictionaries: Sequence[Path | str], settings: Settings | None
) -> DocumentActors:
    date = article.date or default_date
    mentions = find_actors(article.text, date=date, dictionaries=dictionaries, settings=settings)
    return DocumentActors(article.id, article.text, mentions)


def _looks_like_path(source: str) -> bool:
    """A one-line argument naming an existing file, or ending like one of our inputs (then 'not found' if absent)."""
    if "\n" in source or "\x00" in source or len(source) > 1024:
        return False
    if source.lower().endswith((".jsonl", ".jsonl.gz", ".ndjson", ".txt", ".csv", ".tsv", ".html", ".htm")):
        return True
    try:
        return Path(source).is_file()
    except OSError:  # not a usable file name ("File name too long"): it is text
        return False
