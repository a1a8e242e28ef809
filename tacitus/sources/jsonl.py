"""JSON Lines, plain or gzipped: one article object per line.

Lines are read with a byte limit, so a 50 MB line is skipped in pieces (and reported as
``too_long``) instead of being held in memory.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources._bytes import GZIP_MAGIC, buffered, looks_binary, sniff
from tacitus.sources.records import MAX_ARTICLE_BYTES, make_article

#: A JSON line may escape every character (\uXXXX), so allow more bytes than for plain text.
MAX_LINE_BYTES = MAX_ARTICLE_BYTES * 2


@readers.register("jsonl", suffixes=(".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz"))
def read_jsonl(stream: BinaryIO, *, path: str) -> Iterator[Article | RecordError]:
    """Articles from JSON objects with id, date, source, title, url, text (others kept as metadata)."""
    raw = buffered(stream)
    if sniff(raw).startswith(GZIP_MAGIC):
        raw = buffered(gzip.GzipFile(fileobj=raw))  # type: ignore[arg-type]
    try:
        sample = sniff(raw)
    except (OSError, EOFError, zlib.error) as exc:
        yield RecordError(f"cannot decompress: {exc}", path=path, line=None, reason="corrupt_gzip")
        return
    if looks_binary(sample):
        yield RecordError("file is binary, not JSON lines", path=path, line=None, reason="binary")
        return
    yield from _lines(raw, path)


def _lines(raw: io.BufferedReader, path: str) -> Iterator[Article | RecordError]:
    lineno = 0
    while True:
        lineno += 1
        try:
            line = raw.readline(MAX_LINE_BYTES + 1)
            if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
                total = len(line) + _skip_rest_of_line(raw)
                yield RecordError(
                    f"line has {total:,} bytes; the limit is {MAX_LINE_BYTES:,}",
                    path=path,
                    line=lineno,
                    reason="too_long",
                )
                continue
        except (OSError, EOFError, zlib.error) as exc:
            yield RecordError(f"cannot read further: {exc}", path=path, line=lineno, reason="corrupt_gzip")
            return
        if not line:
            return
        if lineno == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield RecordError(
                f"not UTF-8 ({exc.reason} at byte {exc.start})", path=path, line=lineno, reason="undecodable"
            )
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield RecordError(
                f"not valid JSON ({exc.msg}, column {exc.colno})", path=path, line=lineno, reason="malformed_json"
            )
            continue
        if not isinstance(record, dict):
            yield RecordError(
                f"expected a JSON object, got {type(record).__name__}", path=path, line=lineno, reason="not_an_object"
            )
            continue
        yield make_article(record, path=path, line=lineno)


def _skip_rest_of_line(raw: io.BufferedReader) -> int:
    skipped = 0
    while True:
        piece = raw.readline(1 << 20)
        skipped += len(piece)
        if not piece or piece.endswith(b"\n"):
            return skipped
