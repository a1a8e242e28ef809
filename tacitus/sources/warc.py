"""Web archives: WARC and WARC.gz files (Common Crawl's CC-NEWS format), one article per HTML response.

    archive ─► warcio ArchiveIterator ─► response record ─► HTTP 2xx? HTML? whole? ─► pages.extract_article

The article's url is the record's WARC-Target-URI (normalised), its date the page's own publication date
when trafilatura finds one, else the crawl date (WARC-Date, also kept as ``metadata.crawl_date``).
Records are numbered from 1 in file order; that number is the `line` of every article and error, and
messages give the record's byte offset. Non-HTML responses (``not_html``), error statuses
(``http_status``) and records cut short (``truncated_record``) are reported and skipped; an archive
broken beyond repair (``broken_record``) keeps every article read before the damage. Request, metadata
and other non-response records are not articles and are passed over silently. warcio comes with the
``streams`` extra.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from tacitus.errors import RecordError
from tacitus.extras import require
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources.http import normalize_url
from tacitus.sources.pages import HTML_TYPES, extract_article
from tacitus.sources.webpage import MAX_PAGE_BYTES

__all__ = ["read_warc"]


@readers.register("warc", suffixes=(".warc", ".warc.gz"))
def read_warc(stream: BinaryIO, *, path: str) -> Iterator[Article | RecordError]:
    """Every HTML response of a WARC (plain or gzipped per record) as an article; bad records reported."""
    archive = require("warcio.archiveiterator", extra="streams")
    iterator = archive.ArchiveIterator(stream)
    records = iter(iterator)
    number = 0
    end = 0  # byte offset just after the last whole record
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001  (warcio raises many kinds; what was read is kept)
            where = f"record {number + 1} (after byte offset {end})"
            yield RecordError(f"{where}: archive is broken: {exc}", path=path, line=number + 1, reason="broken_record")
            return
        number += 1
        item = _record_article(record, iterator, path=path, number=number)
        offset, length = iterator.member_info or (end, 0)
        end = offset + length
        if item is not None:
            yield item
    left = _bytes_left(stream, end)
    if left > 4:  # more than the blank lines that may close an archive: a last record cut short
        message = f"record {number + 1} at byte offset {end}: {left:,} bytes at the end are no whole record"
        yield RecordError(message, path=path, line=number + 1, reason="truncated_record")


def _bytes_left(stream: BinaryIO, end: int) -> int:
    """Bytes of a seekable file after `end` (0 when the stream cannot tell, as standard input cannot)."""
    try:
        if not stream.seekable():
            return 0
        return max(0, stream.seek(0, 2) - end)
    except (OSError, ValueError):
        return 0


def _record_article(record: Any, iterator: Any, *, path: str, number: int) -> Article | RecordError | None:
    """The article of one record, the error saying why it is none, or None for records that are not pages."""

    def error(reason: str, message: str) -> RecordError:
        # get_record_offset reads the record to its end, so it is asked only once the body has been read.
        where = f"record {number} at byte offset {iterator.get_record_offset()}"
        return RecordError(f"{where}: {message}", path=path, line=number, reason=reason)

    if record.rec_type not in ("response", "resource"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if record.rec_type == "response":
        if record.http_headers is None:
            return error("broken_record", f"{uri} has no HTTP headers")
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return error("http_status", f"{uri} answered HTTP {status or '?'}")
        content_type = record.http_headers.get_header("Content-Type") or ""
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in HTML_TYPES:
        return error("not_html", f"{uri} is {media_type or 'of no content type'}, not an HTML page")
    try:
        payload = record.content_stream().read(MAX_PAGE_BYTES + 1)
    except Exception as exc:  # noqa: BLE001  (a damaged body costs this record only)
        return error("broken_record", f"{uri}: cannot read the body: {exc}")
    if len(payload) > MAX_PAGE_BYTES:
        return error("too_long", f"{uri} is larger than {MAX_PAGE_BYTES:,} bytes")
    missing = record.raw_stream.limit  # bytes the record's Content-Length promised but the file lacks
    if missing > 0:
        return error("truncated_record", f"{uri} is cut short ({missing:,} bytes missing)")
    crawl_date = record.rec_headers.get_header("WARC-Date")
    fallback = {
        "date": crawl_date,
        "crawl_date": crawl_date,
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
    }
    url = normalize_url(uri) if uri else None
    article = extract_article(payload, path=path, line=number, url=url, fallback=fallback)
    iterator.get_record_offset()  # reads what is left of the record, so member_info is known
    return article
