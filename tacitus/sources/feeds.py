"""RSS and Atom feeds (files or URLs): one article per entry, the full page fetched when the entry has none.

    feed bytes ─► feedparser ─► entries ─► content:encoded? ─► its text
                                       └► else fetch the link (pages.fetch_page) ─► trafilatura text
                                          └► page refused for good (robots, 4xx, not HTML)? ─► the summary

An entry keeps the feed's title, link and date where the page lacks them; its id is the hash of its
text, so the same story from two feeds is stored once. A malformed feed is reported (file, line,
reason ``malformed_feed``) and whatever entries feedparser could recover are still read. A page that
fails for a transient reason (timeout, 5xx) is reported and not replaced by the summary, so the
watcher can fetch it at its next poll. feedparser comes with the ``streams`` extra.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any, BinaryIO

from tacitus.errors import RecordError
from tacitus.extras import require
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources.http import TRANSIENT_REASONS, Fetcher, current_fetcher, is_url, normalize_url
from tacitus.sources.pages import fetch_page
from tacitus.sources.records import MAX_ARTICLE_BYTES, make_article

__all__ = ["FeedEntry", "entry_article", "parse_feed", "read_feed", "read_feed_bytes"]

#: A feed file larger than this is not read (feeds are small; this is a guard, not a limit in practice).
MAX_FEED_BYTES = MAX_ARTICLE_BYTES * 4


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed, as much as the watcher needs to decide whether it is new before fetching anything."""

    index: int  # 1-based position in the feed: the `line` of its records
    key: str  # the normalised link, else the guid, else a hash of title and summary: what "seen" means
    link: str | None
    guid: str | None
    title: str | None
    date: str | None
    summary: str | None  # plain text
    content: str | None  # plain text of content:encoded / atom:content, when the feed carries the full text
    feed_title: str | None


def parse_feed(data: bytes, *, path: str) -> tuple[list[FeedEntry], RecordError | None]:
    """The entries of a feed and, when the XML is malformed or is no feed at all, the error saying where and why."""
    feedparser = require("feedparser", extra="streams")
    parsed = feedparser.parse(data)
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    error: RecordError | None = None
    if problem is not None and (_is_xml_error(problem) or not parsed.entries):
        line = problem.getLineNumber() if hasattr(problem, "getLineNumber") else None
        reason = "malformed_feed" if parsed.get("version") or parsed.entries else "not_a_feed"
        kept = f"; {len(parsed.entries)} entries recovered" if parsed.entries else ""
        error = RecordError(f"feed XML is malformed: {problem}{kept}", path=path, line=line, reason=reason)
    elif not parsed.get("version") and not parsed.entries:
        error = RecordError("not an RSS or Atom feed", path=path, line=None, reason="not_a_feed")
    feed_title = parsed.feed.get("title") if parsed.get("feed") else None
    return [_entry(index, raw, feed_title) for index, raw in enumerate(parsed.entries, start=1)], error


def entry_article(entry: FeedEntry, *, path: str, fetcher: Fetcher | None = None) -> Article | RecordError:
    """The article of one entry: its own full text, else its page, else (page refused for good) its summary."""
    fallback = {"title": entry.title, "date": entry.date, "source": entry.feed_title}
    metadata = {"feed": path, "entry_id": entry.guid}
    if entry.content:
        return _article(entry, entry.content, "content", path, metadata)
    if entry.link:
        fetched = fetch_page(
            entry.link, fetcher=fetcher or current_fetcher(), path=path, line=entry.index, fallback=fallback
        )
        if isinstance(fetched, Article):
            fetched.metadata.update({**metadata, "text_from": "page"})
            return fetched
        if fetched.reason in TRANSIENT_REASONS or not entry.summary:
            return fetched
        metadata["page_error"] = fetched.reason
    if entry.summary:
        return _article(entry, entry.summary, "summary", path, metadata)
    return RecordError(
        "feed entry has no text, no summary and no link", path=path, line=entry.index, reason="missing_text"
    )


def read_feed_bytes(data: bytes, *, path: str, fetcher: Fetcher | None = None) -> Iterator[Article | RecordError]:
    """Every entry of the feed in `data` as an article (or the error saying why not); the feed's own error first."""
    entries, error = parse_feed(data, path=path)
    if error is not None:
        yield error
    for entry in entries:
        yield entry_article(entry, path=path, fetcher=fetcher)


@readers.register("feed", suffixes=(".rss", ".atom", ".xml"))
def read_feed(stream: BinaryIO, *, path: str) -> Iterator[Article | RecordError]:
    """An RSS/Atom file: one article per entry (pages fetched with `http.current_fetcher()`)."""
    data = stream.read(MAX_FEED_BYTES + 1)
    if len(data) > MAX_FEED_BYTES:
        yield RecordError(f"feed is larger than {MAX_FEED_BYTES:,} bytes", path=path, line=None, reason="too_long")
        return
    yield from read_feed_bytes(data, path=path)


def _is_xml_error(problem: BaseException) -> bool:
    import xml.sax

    return isinstance(problem, xml.sax.SAXException)


def _entry(index: int, raw: Any, feed_title: str | None) -> FeedEntry:
    link = raw.get("link") or None
    if link is not None and not is_url(link):  # feedparser turns a permalink guid such as "tag:x" into the link
        link = None
    guid = raw.get("id") or None
    title = _text(raw.get("title"))
    summary = _text(raw.get("summary"))
    contents = [item.get("value") for item in raw.get("content") or [] if item.get("value")]
    content = _text("\n".join(contents)) if contents else None
    if link:
        key = normalize_url(link)
    elif guid:
        key = f"guid:{guid}"
    else:
        key = "entry:" + hashlib.sha1(f"{title}\n{summary}".encode()).hexdigest()[:20]
    return FeedEntry(
        index=index,
        key=key,
        link=normalize_url(link) if link else None,
        guid=guid,
        title=title,
        date=raw.get("published") or raw.get("updated") or None,
        summary=summary,
        content=content,
        feed_title=feed_title,
    )


def _article(entry: FeedEntry, text: str, text_from: str, path: str, metadata: dict[str, Any]) -> Article | RecordError:
    record = {
        "text": text,
        "title": entry.title,
        "date": entry.date,
        "url": entry.link,
        "source": entry.feed_title,
        **{key: value for key, value in metadata.items() if value is not None},
        "text_from": text_from,
    }
    return make_article({k: v for k, v in record.items() if v is not None}, path=path, line=entry.index)


class _TextOnly(HTMLParser):
    """Plain text of an HTML fragment: tags dropped, block elements become line breaks."""

    BLOCKS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _text(value: str | None) -> str | None:
    """Plain text of a feed field (which may hold HTML), blank lines collapsed; None when empty."""
    if not value:
        return None
    if "<" in value:
        parser = _TextOnly()
        parser.feed(value)
        parser.close()
        value = "".join(parser.parts)
    else:
        value = html.unescape(value)
    lines = [" ".join(line.split()) for line in value.splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text or None
