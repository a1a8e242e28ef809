"""HTML pages: the main text, title and date extracted by trafilatura (no network)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources._bytes import looks_binary
from tacitus.sources.records import MAX_ARTICLE_BYTES, make_article

#: Markup can be several times the size of the text it holds.
MAX_PAGE_BYTES = MAX_ARTICLE_BYTES * 4


@readers.register("html", suffixes=(".html", ".htm"))
def read_html(stream: BinaryIO, *, path: str) -> Iterator[Article | RecordError]:
    """The article of one HTML page; its id is the hash of the extracted text."""
    data = stream.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        yield RecordError(f"page is larger than {MAX_PAGE_BYTES:,} bytes", path=path, line=None, reason="too_long")
        return
    if looks_binary(data[:8192]):
        yield RecordError("file is binary, not HTML", path=path, line=None, reason="binary")
        return
    import trafilatura  # slow to import: only when a page is read

    extracted = trafilatura.extract(data, output_format="json", with_metadata=True, include_comments=False)
    if not extracted:
        yield RecordError("no article text found in the page", path=path, line=None, reason="empty_text")
        return
    page = json.loads(extracted)
    record = {
        "text": page.get("text") or page.get("raw_text"),
        "title": page.get("title"),
        "date": page.get("date"),
        "source": page.get("sitename") or page.get("hostname"),
        "url": page.get("source") or page.get("url"),
    }
    for key in ("author", "hostname", "categories", "tags", "language"):
        if page.get(key):
            record[key] = page[key]
    yield make_article({k: v for k, v in record.items() if v is not None}, path=path, line=None)
