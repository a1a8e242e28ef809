"""The watcher: poll feeds, folders and URLs, and code what is new into the store, every `every` seconds.

    poll ─► each source ─► what is new since the cursor (watch_seen, watch_cursors)
         ─► chunks ─► ingest_chunk (dedup, code, write) + the cursor rows, in ONE transaction
         ─► one log line ─► wait (a stop request ends the wait at once)

What "new" means per source:

* a folder: every file with a reader whose (size, mtime) was not seen (move finished files in; a file is
  read once per version);
* a feed (file or URL): every entry whose normalised link was not seen, whichever feed it came from;
  a feed URL is asked with If-None-Match / If-Modified-Since, so an unchanged feed costs one 304;
* any other URL: the page, when its text changed since the last poll.

Cursor rows commit in the same transaction as the articles they stand for (`Store.in_next_write`), so a
watcher killed at any moment (kill -9 included) resumes with no duplicate and no lost article. A page that
failed for a transient reason (timeout, 5xx) is not marked seen and is fetched again at the next poll.
SIGTERM/SIGINT (with ``handle_signals``) or `stop_event` stop it after the current chunk is committed.

The store has one writer: run the watcher in the process that writes (``tacitus watch``, or in a thread of
``tacitus serve --watch`` with the server's Store); docs/ingest.md.

Example:
    >>> stop = threading.Event()
    >>> threading.Thread(target=watch, args=(["feeds.txt"],), kwargs={"db": store, "stop_event": stop}).start()
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus._version import __version__
from tacitus.config import Settings
from tacitus.errors import FetchError, RecordError, TacitusError, WatchError
from tacitus.jobs.ingest import CHUNK_SIZE, ArticlePipeline, IngestSummary, ingest_chunk
from tacitus.models import Article
from tacitus.sources import InputFile, expand_paths, read_inputs
from tacitus.sources.feeds import entry_article, parse_feed
from tacitus.sources.http import TRANSIENT_REASONS, Fetcher, is_url, normalize_url, use_fetcher
from tacitus.sources.pages import FEED_TYPES, extract_article, read_url
from tacitus.store import Store

__all__ = ["PollSummary", "WatchSummary", "parse_every", "watch"]

logger = logging.getLogger("tacitus.watch")

_UNITS = {"s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_every(value: str | float) -> float:
    """Seconds in a poll interval: ``90`` or ``"90"`` (seconds), ``"30s"``, ``"15m"``, ``"1h"``, ``"1d"``."""
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _EVERY.match(value)
        if match is None:
            raise WatchError(f"cannot read the poll interval '{value}'; write e.g. 30s, 15m, 1h")
        seconds = float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]
    if seconds <= 0:
        raise WatchError(f"the poll interval must be positive, not {value!r}")
    return seconds


@dataclass
class PollSummary:
    """What one poll did; `line()` is the one line the watcher logs for it."""

    poll: int
    started_at: dt.datetime
    sources: int
    counts: IngestSummary
    seconds: float = 0.0
    stopped: bool = False  # cut short by a stop request (the rest waits for the next run)

    def line(self) -> str:
        c = self.counts
        skipped = sum(c.skipped.values())
        reasons = ", ".join(f"{reason} {n}" for reason, n in sorted(c.skipped.items()))
        text = (
            f"{self.started_at:%Y-%m-%dT%H:%M:%SZ} poll {self.poll}: {self.sources} sources, {c.read} read, "
            f"{c.new} new, {c.duplicates} duplicates, {c.already_present} already stored, {c.events} events, "
            f"{skipped} skipped{f' ({reasons})' if reasons else ''}, {self.seconds:.2f} s"
        )
        return text + (" (stopped)" if self.stopped else "")


@dataclass
class WatchSummary:
    """What a watcher did from start to stop."""

    db: str
    polls: int = 0
    new: int = 0
    events: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    stopped_by: str = ""  # "once", "max_polls", "stop" (signal or stop_event)

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "polls": self.polls,
            "new": self.new,
            "events": self.events,
            "skipped": dict(sorted(self.skipped.items())),
            "stopped_by": self.stopped_by,
        }


@dataclass(frozen=True)
class _Source:
    given: str  # as the user wrote it: the key of its cursor
    kind: str  # "url", "folder", "feed_file", "file"
    reader: str | None = None


@dataclass(frozen=True)
class _Seen:
    """Mark `item` done (with `fingerprint`) when the chunk holding its records commits."""

    item: str
    fingerprint: str | None
    source: str


@dataclass(frozen=True)
class _Cursor:
    """Save `state` as the source's cursor when the chunk holding its last records commits."""

    source: str
    state: dict[str, Any]


_Element = Article | RecordError | _Seen | _Cursor


def watch(
    sources: Sequence[str | Path],
    *,
    db: str | Path | Store,
    every: str | float = "15m",
    once: bool = False,
    max_polls: int | None = None,
    settings: Settings | None = None,
    pipeline: ArticlePipeline | None = None,
    fetcher: Fetcher | None = None,
    stop_event: threading.Event | None = None,
    on_poll: Callable[[PollSummary], None] | None = None,
    handle_signals: bool = False,
    chunk_size: int = CHUNK_SIZE,
) -> WatchSummary:
    """Poll `sources` until stopped, coding what is new into `db`; each poll commits chunk by chunk.

    Args:
        sources: feed or page URLs, feed files (.rss .atom .xml), folders (new files), other files.
        db: the DuckDB file (created when missing) or an open Store (e.g. the server's, from a thread).
        every: time between the starts of two polls: seconds or "30s", "15m", "1h".
        once: poll once and return (cron jobs, tests).
        max_polls: stop after this many polls.
        settings, pipeline: as for `ingest`; the pipeline is loaded once.
        fetcher: the HTTP client (timeouts, retries, robots.txt, rate limit); a default `Fetcher()` if None.
        stop_event: set it (from any thread) to stop after the current chunk.
        on_poll: called with each poll's summary; by default the line is logged to logger "tacitus.watch".
        handle_signals: SIGTERM and SIGINT set the stop event (main thread only; the CLI sets it).
        chunk_size: articles per transaction.

    Raises:
        WatchError [T092]: a bad `every` or a source that is neither an existing path nor a URL.
    """
    interval = parse_every(every)
    if not sources:
        raise WatchError("nothing to watch: give feeds, folders, files or URLs")
    watched = [_classify(str(source)) for source in sources]
    stop = stop_event or threading.Event()
    limit = 1 if once else max_polls
    if pipeline is None:
        from tacitus.pipeline import load_pipeline

        pipeline = load_pipeline(settings)
    # Read once: ingest_chunk would otherwise load the settings file again for every chunk.
    settings = settings or getattr(pipeline, "settings", None) or Settings.load()
    report = on_poll or (lambda poll: logger.info(poll.line()))
    own_fetcher = fetcher is None
    client = fetcher or Fetcher()
    with contextlib.ExitStack() as stack:
        store = db if isinstance(db, Store) else stack.enter_context(Store(db))
        if own_fetcher:
            stack.callback(client.close)
        stack.enter_context(_stop_on_signals(stop, handle_signals))
        stack.enter_context(use_fetcher(client))
        poller = _Poller(store, watched, pipeline, client, settings, stop, chunk_size)
        result = WatchSummary(db=str(store.path))
        while True:
            started = time.monotonic()
            poll = poller.poll(result.polls + 1)
            result.polls += 1
            result.new += poll.counts.new
            result.events += poll.counts.events
            result.skipped.update(poll.counts.skipped)
            report(poll)
            if stop.is_set():
                result.stopped_by = "stop"
                break
            if limit is not None and result.polls >= limit:
                result.stopped_by = "once" if once else "max_polls"
                break
            _wait(stop, started + interval)
            if stop.is_set():
                result.stopped_by = "stop"
                break
    return result


def _classify(source: str) -> _Source:
    if is_url(source):
        return _Source(source, "url")
    path = Path(source)
    if path.is_dir():
        return _Source(source, "folder")
    if path.is_file():
        inputs, _ = expand_paths([path])
        reader = inputs[0].reader
        if reader is None:
            raise WatchError(f"no reader for '{source}'; watch feeds, folders, URLs or files Tacitus can read")
        return _Source(source, "feed_file" if reader == "feed" else "file", reader)
    raise WatchError(f"'{source}' is neither an existing file or folder nor an http(s) URL")


def _wait(stop: threading.Event, until: float) -> None:
    """Sleep until `until` (monotonic) in short slices, so a stop request is seen within a second."""
    while not stop.is_set():
        left = until - time.monotonic()
        if left <= 0:
            return
        stop.wait(min(left, 1.0))


@contextlib.contextmanager
def _stop_on_signals(stop: threading.Event, enabled: bool) -> Iterator[None]:
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = (signal.SIGTERM, signal.SIGINT)
    previous = {sig: signal.getsignal(sig) for sig in caught}

    def request_stop(signum: int, frame: object) -> None:
        logger.info("signal %s: stopping after the current chunk", signal.Signals(signum).name)
        stop.set()

    for sig in caught:
        signal.signal(sig, request_stop)
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


class _Poller:
    """One watcher's state between polls: the store, the sources, the pipeline and the HTTP client."""

    def __init__(
        self,
        store: Store,
        sources: list[_Source],
        pipeline: ArticlePipeline,
        fetcher: Fetcher,
        settings: Settings | None,
        stop: threading.Event,
        chunk_size: int,
    ) -> None:
        self.store = store
        self.sources = sources
        self.pipeline = pipeline
        self.fetcher = fetcher
        self.settings = settings
        self.stop = stop
        self.chunk_size = chunk_size
        self._this_poll: set[str] = set()  # items done in this poll, not yet committed

    def poll(self, number: int) -> PollSummary:
        """One pass over every source; chunks commit as they fill, the last one at the end."""
        began = time.perf_counter()
        counts = IngestSummary(db=str(self.store.path), files=len(self.sources))
        poll = PollSummary(number, dt.datetime.now(dt.UTC).replace(tzinfo=None), len(self.sources), counts)
        run_id = self.store.start_run(
            [f"watch:{source.given}" for source in self.sources],
            tacitus_version=__version__,
            lexicon_version=getattr(self.pipeline, "lexicon_version", None),
        )
        items: list[Article | RecordError] = []
        marks: list[_Seen | _Cursor] = []
        self._this_poll = set()

        def flush() -> None:
            if not items and not marks:
                return
            done = list(marks)
            self.store.in_next_write(lambda con: _record(con, done))
            ingest_chunk(
                self.store, list(items), pipeline=self.pipeline, summary=counts, run_id=run_id, settings=self.settings
            )
            items.clear()
            marks.clear()

        for source in self.sources:
            for element in self._guarded(source):
                if isinstance(element, _Seen | _Cursor):
                    marks.append(element)
                else:
                    if len(items) >= self.chunk_size:  # flushed before the next item, so marks travel with theirs
                        flush()
                    items.append(element)
                if self.stop.is_set():
                    poll.stopped = True
                    break
            if poll.stopped:
                break
        flush()
        poll.seconds = counts.seconds = time.perf_counter() - began
        self.store.finish_run(run_id, {**counts.to_dict(), "poll": number, "stopped": poll.stopped})
        return poll

    # -- what is new, per kind of source ----------------------------------------------

    def _guarded(self, source: _Source) -> Iterator[_Element]:
        """The source's elements; a failure that is not Tacitus's own is reported and costs this source only."""
        try:
            yield from self._elements(source)
        except TacitusError:
            raise  # a missing extra, a store that cannot be written: every source would fail alike
        except Exception as exc:  # noqa: BLE001  (one broken source must not stop the watcher)
            message = f"polling failed: {type(exc).__name__}: {exc}"
            yield RecordError(message, path=source.given, line=None, reason="unreadable")

    def _elements(self, source: _Source) -> Iterator[_Element]:
        if source.kind == "folder":
            inputs, _ = expand_paths([source.given])
            yield from self._files(source, inputs)
        elif source.kind == "file":
            yield from self._files(source, [InputFile(source.given, source.reader)])
        elif source.kind == "feed_file":
            yield from self._feed_file(source)
        else:
            yield from self._url(source)

    def _files(self, source: _Source, inputs: list[InputFile]) -> Iterator[_Element]:
        keys = {entry.path: "file:" + str(Path(entry.path).resolve()) for entry in inputs}
        seen = self._seen(list(keys.values()))
        for entry in inputs:
            key = keys[entry.path]
            fingerprint = _file_fingerprint(entry.path)
            if fingerprint is None or seen.get(key) == fingerprint or key in self._this_poll:
                continue
            self._this_poll.add(key)
            for _, item in read_inputs([entry]):
                yield item
            yield _Seen(key, fingerprint, source.given)

    def _feed_file(self, source: _Source) -> Iterator[_Element]:
        fingerprint = _file_fingerprint(source.given)
        if fingerprint is None or self._cursor(source).get("fingerprint") == fingerprint:
            return
        data = Path(source.given).read_bytes()
        transient = yield from self._feed_entries(source, data)
        yield _Cursor(source.given, {} if transient else {"fingerprint": fingerprint})

    def _url(self, source: _Source) -> Iterator[_Element]:
        cursor = self._cursor(source)
        try:
            page = self.fetcher.fetch(source.given, etag=cursor.get("etag"), last_modified=cursor.get("last_modified"))
        except FetchError as exc:
            yield RecordError(exc.detail, path=source.given, line=None, reason=exc.reason)
            return
        state = {key: value for key, value in (("etag", page.etag), ("last_modified", page.last_modified)) if value}
        if page.status == 304:
            yield _Cursor(source.given, cursor)
            return
        if page.media_type in FEED_TYPES or page.media_type.endswith("+xml"):
            transient = yield from self._feed_entries(source, page.content)
            yield _Cursor(source.given, {} if transient else state)
        elif page.media_type in ("text/html", "application/xhtml+xml"):
            key = normalize_url(page.final_url)
            article = extract_article(page.content, path=source.given, line=None, url=key)
            fingerprint = article.content_hash if isinstance(article, Article) else None
            if fingerprint is None or self._seen([key]).get(key) != fingerprint:
                yield article
                yield _Seen(key, fingerprint, source.given)
            yield _Cursor(source.given, state)
        else:  # a file served over HTTP (JSONL, CSV, ...): its reader decides, by content type or suffix
            yield from read_url(source.given, fetcher=self.fetcher)
            yield _Cursor(source.given, state)

    def _feed_entries(self, source: _Source, data: bytes) -> Generator[_Element, None, bool]:
        """The new entries of one feed; returns True when one failed transiently (keep the cursor open)."""
        entries, error = parse_feed(data, path=source.given)
        if error is not None:
            yield error
        seen = self._seen([entry.key for entry in entries])
        transient = False
        for entry in entries:
            if entry.key in seen or entry.key in self._this_poll:
                continue
            item = entry_article(entry, path=source.given, fetcher=self.fetcher)
            yield item
            if isinstance(item, RecordError) and item.reason in TRANSIENT_REASONS:
                transient = True  # not marked seen: fetched again next poll
                continue
            self._this_poll.add(entry.key)
            yield _Seen(entry.key, None, source.given)
            if self.stop.is_set():
                return True  # the rest of the feed waits for the next run
        return transient

    # -- the cursor in the store --------------------------------------------------------

    def _seen(self, items: list[str]) -> dict[str, str | None]:
        """item → fingerprint for those of `items` already done."""
        if not items:
            return {}
        rows = self.store.con.execute(
            "SELECT item, fingerprint FROM watch_seen WHERE item IN (SELECT unnest(?::VARCHAR[]))", [items]
        ).fetchall()
        return {item: fingerprint for item, fingerprint in rows}

    def _cursor(self, source: _Source) -> dict[str, Any]:
        row = self.store.con.execute("SELECT state FROM watch_cursors WHERE source = ?", [source.given]).fetchone()
        if row is None or row[0] is None:
            return {}
        state = json.loads(row[0])
        return state if isinstance(state, dict) else {}


def _record(con: Any, marks: list[_Seen | _Cursor]) -> None:
    """Write the cursor rows of one chunk (runs inside that chunk's transaction)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    seen = {mark.item: mark for mark in marks if isinstance(mark, _Seen)}
    cursors = {mark.source: mark for mark in marks if isinstance(mark, _Cursor)}
    if seen:
        con.executemany(
            "INSERT OR REPLACE INTO watch_seen (item, fingerprint, source, seen_at) VALUES (?, ?, ?, ?)",
            [[m.item, m.fingerprint, m.source, now] for m in seen.values()],
        )
    if cursors:
        con.executemany(
            "INSERT OR REPLACE INTO watch_cursors (source, state, polled_at) VALUES (?, ?, ?)",
            [[m.source, json.dumps(m.state, sort_keys=True), now] for m in cursors.values()],
        )


def _file_fingerprint(path: str) -> str | None:
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return f"{stat.st_size}:{stat.st_mtime_ns}"
