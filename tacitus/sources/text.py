"""Plain-text files: one article per file, a leading dateline becomes date/source/place."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources._bytes import decode, looks_binary
from tacitus.sources.records import MAX_ARTICLE_BYTES, make_article


@readers.register("txt", suffixes=(".txt",))
def read_text(stream: BinaryIO, *, path: str) -> Iterator[Article | RecordError]:
    """The one article of a text file; its id is the hash of its text."""
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        yield RecordError(f"file is larger than {MAX_ARTICLE_BYTES:,} bytes", path=path, line=None, reason="too_long")
        return
    if looks_binary(data[:8192]):
        yield RecordError("file is binary, not text", path=path, line=None, reason="binary")
        return
    text, encoding = decode(data)
    record = {"text": text}
    if encoding != "utf-8-sig":
        record["encoding"] = encoding
    article = make_article(record, path=path, line=None, fields={"text": "text"})
    yield article
