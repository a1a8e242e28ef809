"""CSV and TSV files with a header row naming the columns (text/body/content/article, id, date, ...)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from typing import BinaryIO

from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources._bytes import buffered, guess_encoding, looks_binary, sniff
from tacitus.sources.records import FIELD_ALIASES, MAX_ARTICLE_BYTES, find_fields, make_article


@readers.register("csv", suffixes=(".csv",))
def read_csv(stream: BinaryIO, *, path: str) -> Iterator[Article | RecordError]:
    """Articles from the rows of a comma-separated file."""
    return _read_delimited(stream, path=path, delimiter=",")


@readers.register("tsv", suffixes=(".tsv",))
def read_tsv(stream: BinaryIO, *, path: str) -> Iterator[Article | RecordError]:
    """Articles from the rows of a tab-separated file."""
    return _read_delimited(stream, path=path, delimiter="\t")


def _read_delimited(stream: BinaryIO, *, path: str, delimiter: str) -> Iterator[Article | RecordError]:
    # News texts are long: the default 128 KiB field limit would reject real articles.
    csv.field_size_limit(max(csv.field_size_limit(), min(sys.maxsize, MAX_ARTICLE_BYTES)))
    raw = buffered(stream)
    sample = sniff(raw)
    if looks_binary(sample):
        yield RecordError("file is binary, not CSV", path=path, line=None, reason="binary")
        return
    text = io.TextIOWrapper(raw, encoding=guess_encoding(sample), errors="replace", newline="")
    try:
        yield from _rows(text, path=path, delimiter=delimiter)
    finally:
        text.detach()  # the caller owns the file; the wrapper must not close it when collected


def _rows(text: io.TextIOWrapper, *, path: str, delimiter: str) -> Iterator[Article | RecordError]:
    rows = csv.reader(text, delimiter=delimiter)
    try:
        header = next(rows)
    except StopIteration:
        yield RecordError("file is empty", path=path, line=None, reason="empty_file")
        return
    except csv.Error as exc:
        yield RecordError(f"cannot read the header: {exc}", path=path, line=1, reason="malformed_csv")
        return
    fields = find_fields(header)
    if "text" not in fields:
        names = ", ".join(FIELD_ALIASES["text"])
        yield RecordError(
            f"no text column (looked for {names}; found {', '.join(header)[:200]})",
            path=path,
            line=1,
            reason="no_text_column",
        )
        return
    last_line = rows.line_num
    while True:
        start = last_line + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            reason = "too_long" if "field larger" in str(exc) else "malformed_csv"
            yield RecordError(str(exc), path=path, line=start, reason=reason)
            last_line = rows.line_num
            continue
        last_line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        record = dict(zip(header, row, strict=False))
        yield make_article(record, path=path, line=start, fields=fields)
