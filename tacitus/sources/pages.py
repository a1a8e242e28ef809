"""Web pages by URL: fetch politely (`http.Fetcher`), keep only HTML, extract the main text with trafilatura.

    URL ─► Fetcher.fetch ─► HTML? ─► trafilatura (text, title, date, site) ─► make_article
                          └► a feed? ─► feeds.read_feed_bytes      else ─► RecordError not_html

`read_url` is what `tacitus ingest https://...` runs; `extract_article` is shared with the feed and
WARC readers so a page gives the same text whichever way it arrives. Failures are `RecordError`s
(reasons in docs/ingest.md), never raised.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import urlsplit

from tacitus.errors import FetchError, MissingExtraError, RecordError
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources.http import Fetcher, current_fetcher, normalize_url
from tacitus.sources.records import make_article

__all__ = ["FEED_TYPES", "HTML_TYPES", "extract_article", "fetch_page", "read_url"]

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"}
)


def extract_article(
    html: bytes,
    *,
    path: str,
    line: int | None,
    url: str | None = None,
    fallback: Mapping[str, Any] | None = None,
) -> Article | RecordError:
    """The article of one HTML page: main text, title, date and site by trafilatura.

    `url` (normalised) replaces the page's own canonical link; `fallback` fills fields the page
    lacks (a feed entry's title and date, a WARC record's crawl date) and adds metadata.
    """
    import trafilatura  # slow to import: only when a page is read

    extracted = trafilatura.extract(html, output_format="json", with_metadata=True, include_comments=False, url=url)
    if not extracted:
        return RecordError("no article text found in the page", path=path, line=line, reason="empty_text")
    page = json.loads(extracted)
    record: dict[str, Any] = {
        "text": page.get("text") or page.get("raw_text"),
        "title": page.get("title"),
        "date": page.get("date"),
        "source": page.get("sitename") or page.get("hostname"),
        "url": url or page.get("source") or page.get("url"),
    }
    for key in ("author", "hostname", "language"):
        if page.get(key):
            record[key] = page[key]
    for key, value in (fallback or {}).items():
        if value is not None and record.get(key) is None:
            record[key] = value
    return make_article({k: v for k, v in record.items() if v is not None}, path=path, line=line)


def fetch_page(
    url: str,
    *,
    fetcher: Fetcher | None = None,
    path: str | None = None,
    line: int | None = None,
    fallback: Mapping[str, Any] | None = None,
) -> Article | RecordError:
    """The article at `url`, or the RecordError saying why not (fetch failure, not HTML, no text)."""
    where = path or url
    try:
        page = (fetcher or current_fetcher()).fetch(url)
    except FetchError as exc:
        return RecordError(exc.detail, path=where, line=line, reason=exc.reason)
    if not _is_html(page):
        return _not_html(page.url, page.media_type, where, line)
    return extract_article(page.content, path=where, line=line, url=normalize_url(page.final_url), fallback=fallback)


def read_url(url: str, *, format: str | None = None, fetcher: Fetcher | None = None) -> Iterator[Article | RecordError]:
    """Every article at `url`: a page gives one, a feed one per entry, another format its reader's records.

    The reader is `format` when given, else chosen by the Content-Type (HTML, RSS/Atom/XML), else by the
    URL's suffix; anything else is reported as ``not_html`` and skipped.
    """
    try:
        yield from _read_url(url, format, fetcher or current_fetcher())
    except MissingExtraError:
        raise  # not about this URL: every other one would fail the same way
    except Exception as exc:  # noqa: BLE001  (one URL must not stop the run)
        yield RecordError(f"reading failed: {type(exc).__name__}: {exc}", path=url, line=None, reason="unreadable")


def _read_url(url: str, format: str | None, fetcher: Fetcher) -> Iterator[Article | RecordError]:
    try:
        page = fetcher.fetch(url)
    except FetchError as exc:
        yield RecordError(exc.detail, path=url, line=None, reason=exc.reason)
        return
    reader = format or _reader_for(page)
    if reader == "html":
        yield extract_article(page.content, path=url, line=None, url=normalize_url(page.final_url))
    elif reader == "feed":
        from tacitus.sources.feeds import read_feed_bytes

        yield from read_feed_bytes(page.content, path=url, fetcher=fetcher)
    elif reader is not None:
        yield from readers.get(reader)(io.BytesIO(page.content), path=url)
    else:
        yield _not_html(url, page.media_type, url, None)


def _reader_for(page: Any) -> str | None:
    media_type = page.media_type
    if _is_html(page):
        return "html"
    if media_type in FEED_TYPES or media_type.endswith("+xml"):
        return "feed"
    entry = readers.for_suffix(urlsplit(page.final_url).path)
    if entry is not None and media_type in ("", "application/octet-stream", "text/plain", "application/gzip"):
        return entry.name
    return None


def _is_html(page: Any) -> bool:
    """HTML by its Content-Type, or by its first bytes when the server sent none."""
    if page.media_type in HTML_TYPES:
        return True
    head = page.content[:512].lstrip().lower()
    return not page.media_type and head.startswith((b"<!doctype html", b"<html"))


def _not_html(url: str, media_type: str, path: str, line: int | None) -> RecordError:
    shown = media_type or "no content type"
    return RecordError(f"{url} is {shown}, not an HTML page", path=path, line=line, reason="not_html")
