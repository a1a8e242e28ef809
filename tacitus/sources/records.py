"""Turn one input record (a JSON object, a CSV row, an extracted page) into an `Article`.

Every reader goes through `make_article`, so ids, dates, datelines, size limits and bad
records are handled the same way whatever the format. Bad records come back as
`RecordError` values, never raised, so a reader can report them and go on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from tacitus.dates import parse_date
from tacitus.errors import RecordError
from tacitus.models import MAX_ARTICLE_CHARS, Article
from tacitus.sources.dateline import split_dateline

#: Field names recognised in JSONL keys and CSV headers (lower-cased), first match wins.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext", "full_text", "story"),
    "id": ("id", "doc_id", "article_id", "docid", "uid", "guid"),
    "date": ("date", "published", "publish_date", "published_at", "pub_date", "date_publish", "datetime", "timestamp"),
    "title": ("title", "headline"),
    "source": ("source", "publisher", "outlet", "site_name", "sitename"),
    "url": ("url", "link", "source_url"),
    "place": ("place", "dateline"),
}

#: Input bytes read per article at most; longer ones cannot fit MAX_ARTICLE_CHARS characters.
MAX_ARTICLE_BYTES = MAX_ARTICLE_CHARS * 4


def find_fields(names: list[str]) -> dict[str, str]:
    """Which of `names` (JSON keys, CSV headers) holds each known field."""
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(name.strip().lower(), name)
    found: dict[str, str] = {}
    for field, aliases in FIELD_ALIASES.items():
        for alias in aliases:
            if alias in by_lower:
                found[field] = by_lower[alias]
                break
    return found


def content_id(text: str) -> str:
    """The id of an article without one: a hash of its normalised text (same as content_hash)."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:20]


def make_article(
    record: Mapping[str, Any],
    *,
    path: str,
    line: int | None,
    fields: Mapping[str, str] | None = None,
) -> Article | RecordError:
    """An Article from `record`, or the RecordError saying why it cannot be one.

    The text's leading dateline is removed and fills date, source and place where the
    record has none. Every field that is not a known one is kept in `metadata`. An
    unparseable date does not lose the article: date becomes None and the raw value is
    kept as ``metadata["invalid_date"]``.
    """
    fields = fields if fields is not None else find_fields(list(record))
    where = f"{path}:{line}" if line is not None else path

    def error(reason: str, message: str) -> RecordError:
        return RecordError(message, path=path, line=line, reason=reason)

    text_key = fields.get("text")
    if text_key is None or record.get(text_key) is None:
        return error("missing_text", "record has no text field (text, body, content or article)")
    text = record[text_key]
    if not isinstance(text, str):
        return error("missing_text", f"text field '{text_key}' is a {type(text).__name__}, not a string")
    if len(text) > MAX_ARTICLE_CHARS:
        return error("too_long", f"text has {len(text):,} characters; the limit is {MAX_ARTICLE_CHARS:,}")
    dateline, text = split_dateline(text)
    text = text.strip("\ufeff")
    if not text.strip():
        return error("empty_text", "text is empty")

    def value(field: str) -> str | None:
        key = fields.get(field)
        raw = record.get(key) if key else None
        if raw is None:
            return None
        cleaned = str(raw).strip()
        return cleaned or None

    known_keys = set(fields.values())
    metadata = {key: val for key, val in record.items() if key not in known_keys}
    try:
        date = parse_date(record.get(fields["date"])) if "date" in fields else None
    except ValueError:
        date = None
        metadata["invalid_date"] = str(record.get(fields["date"]))
    source, place = value("source"), value("place")
    if dateline is not None:
        date = date or dateline.date
        source = source or dateline.source
        place = place or dateline.place
        metadata["dateline"] = dateline.raw
    return Article(
        id=value("id") or content_id(text),
        text=text,
        date=date,
        source=source,
        title=value("title"),
        url=value("url"),
        place=place,
        metadata=metadata,
        origin=where,
    )
