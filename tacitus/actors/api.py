"""`find_actors` and `find_actors_in`: the library functions behind ``tacitus actors``."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tacitus.actors.recognizer import ActorRecognizer
from tacitus.config import Settings
from tacitus.errors import InputError, RecordError
from tacitus.models import ActorMention, as_date
from tacitus.nlp import load_nlp, split_sentences


@functools.cache
def recognizer_for(model: str, dictionaries: tuple[Path, ...] = ()) -> ActorRecognizer:
    """One recognizer per model and dictionary set (building one compiles every pattern)."""
    return ActorRecognizer(load_nlp(model), dictionaries=dictionaries)


def find_actors(
    text: str,
    *,
    date: dt.date | str | None = None,
    dictionaries: Sequence[Path | str] = (),
    settings: Settings | None = None,
) -> list[ActorMention]:
    """The actors in `text` (a sentence or a whole article), resolved as of `date`.

    Example:
        >>> [m.code for m in find_actors("Turkish pilots met U.S. officials.", date="2019-04-03")]
        ['TURMIL', 'USAGOV']
    """
    settings = settings or Settings.load()
    date = as_date(date)
    paths = tuple(Path(p) for p in (*settings.dictionaries, *dictionaries))
    recognizer = recognizer_for(settings.spacy_model, paths)
    return recognizer.recognize(split_sentences(recognizer.nlp, text), date=date)


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
    """Actors for each document of `source`: a JSONL file of {id, text, date?}, a .txt file, or text itself.

    A JSONL record that cannot be read is yielded with its `error` (file, line, reason) and the
    rest of the file is still read. `date` applies to documents that carry no date of their own.
    """
    path = Path(source) if isinstance(source, Path) or _looks_like_path(source) else None
    if path is None:
        yield DocumentActors(
            "text", str(source), find_actors(str(source), date=date, dictionaries=dictionaries, settings=settings)
        )
        return
    if not path.is_file():
        raise InputError(f"input file '{path}' not found")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        yield from _jsonl_actors(path, date=date, dictionaries=dictionaries, settings=settings)
        return
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"input file '{path}' cannot be read: {exc}") from exc
    yield DocumentActors(path.stem, text, find_actors(text, date=date, dictionaries=dictionaries, settings=settings))


def _looks_like_path(source: str) -> bool:
    """A one-line argument naming an existing file, or ending like one of our inputs (then 'not found' if absent)."""
    if "\n" in source or "\x00" in source or len(source) > 1024:
        return False
    if source.lower().endswith((".jsonl", ".ndjson", ".txt")):
        return True
    try:
        return Path(source).is_file()
    except OSError:  # not a usable file name ("File name too long"): it is text
        return False


def _jsonl_actors(
    path: Path, *, date: dt.date | str | None, dictionaries: Sequence[Path | str], settings: Settings | None
) -> Iterator[DocumentActors]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for lineno, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            doc_id = f"{path.stem}:{lineno}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                error = RecordError(f"not valid JSON ({exc.msg})", path=str(path), line=lineno, reason="malformed_json")
                yield DocumentActors(doc_id, "", [], error)
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                error = RecordError(
                    "expected an object with a string 'text'", path=str(path), line=lineno, reason="missing_text"
                )
                yield DocumentActors(doc_id, "", [], error)
                continue
            doc_id = str(record.get("id") or doc_id)
            try:
                mentions = find_actors(
                    record["text"], date=record.get("date") or date, dictionaries=dictionaries, settings=settings
                )
            except InputError as exc:
                error = RecordError(exc.message, path=str(path), line=lineno, reason="bad_date")
                yield DocumentActors(doc_id, record["text"], [], error)
                continue
            yield DocumentActors(doc_id, record["text"], mentions)
