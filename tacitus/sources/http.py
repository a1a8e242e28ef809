"""Polite HTTP for feeds and pages: one client with a user agent, timeouts, bounded retries, robots.txt and a
per-host rate limit, plus the URL normalisation used to recognise a page already seen.

    Fetcher.fetch(url) ─► robots.txt allows? (cached per host) ─► wait for the host's turn
                       ─► GET (retries with exponential backoff on timeouts, connection errors, 429, 5xx) ─► Page

httpx comes with the ``streams`` extra and is imported on first use. Failures raise `FetchError` with a
machine-friendly ``reason`` and ``transient`` (worth retrying at the next poll); readers turn it into a
`RecordError`, so one bad URL never stops a run. Parameters and defaults: docs/ingest.md.

Example:
    >>> with Fetcher(min_interval=0.5) as fetcher:
    ...     page = fetcher.fetch("https://example.org/news/1")
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from tacitus._version import __version__
from tacitus.errors import FetchError
from tacitus.extras import require

if TYPE_CHECKING:
    import urllib.robotparser

__all__ = [
    "TRANSIENT_REASONS",
    "USER_AGENT",
    "Fetcher",
    "Page",
    "current_fetcher",
    "is_url",
    "normalize_url",
    "use_fetcher",
]

#: Sent with every request, so site owners can see who is asking and write robots.txt rules for "Tacitus".
USER_AGENT = f"Tacitus/{__version__} (political event coding from news; python-httpx)"

#: Query parameters that only track the reader; two URLs differing only in them are the same page.
TRACKING_PARAMS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl"}
)
TRACKING_PREFIXES = ("utm_",)

#: FetchError / RecordError reasons that may succeed at the next try (the watcher retries them next poll).
TRANSIENT_REASONS = frozenset({"timeout", "connection", "server_error", "robots_unreachable"})

#: Bytes read from one response at most (a page of MAX_ARTICLE_CHARS text fits easily).
MAX_RESPONSE_BYTES = 16 * 1024 * 1024

_DEFAULT_PORTS = {"http": 80, "https": 443}


def is_url(text: str) -> bool:
    """True for an http(s) URL (what `tacitus ingest` and `tacitus watch` fetch instead of opening)."""
    return text[:8].lower().startswith(("http://", "https://"))


def normalize_url(url: str) -> str:
    """The canonical form of `url`, so the same page is recognised however it was linked.

    Lower-cases scheme and host, drops the default port, the fragment and tracking parameters
    (``utm_*``, ``fbclid``, ``gclid``, ...), sorts the query and gives an empty path as ``/``.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    if port is not None and _DEFAULT_PORTS.get(scheme) != port:
        netloc += f":{port}"
    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if key.lower() not in TRACKING_PARAMS and not key.lower().startswith(TRACKING_PREFIXES)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


@dataclass(frozen=True)
class Page:
    """One fetched response. `status` 304 (not modified) comes with empty content."""

    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    content: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def media_type(self) -> str:
        """The content type without parameters, lower-cased (``text/html``)."""
        return self.content_type.split(";")[0].strip().lower()


@dataclass
class _Robots:
    parser: urllib.robotparser.RobotFileParser | None  # None: unreachable, nothing may be fetched
    fetched_at: float
    ttl: float
    failure: FetchError | None = None  # why it is unreachable


@dataclass
class Fetcher:
    """An HTTP client that behaves: identifies itself, waits its turn per host, obeys robots.txt, gives up.

    Args:
        timeout: seconds for connecting and for each read.
        retries: extra attempts after a transient failure (timeout, connection error, 429, 5xx).
        backoff: seconds before the first retry; doubled each time, never more than `max_backoff`.
        max_retry_after: the longest wait a 429 or 503's Retry-After header is granted: a shorter
            one is waited (instead of the backoff, when longer); a longer one ends the fetch at once
            as a transient failure, for the next poll.
        min_interval: seconds between two requests to the same host (robots.txt Crawl-delay raises it).
        user_agent: the User-Agent header; robots.txt rules for "Tacitus" apply to it.
        respect_robots: check robots.txt before every page (cached per host for `robots_ttl` seconds).
        transport: an httpx transport (tests use httpx.MockTransport).
    """

    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0
    min_interval: float = 1.0
    user_agent: str = USER_AGENT
    respect_robots: bool = True
    robots_ttl: float = 3600.0
    max_bytes: int = MAX_RESPONSE_BYTES
    transport: Any = None
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _client: Any = field(default=None, init=False, repr=False)
    _robots: dict[str, _Robots] = field(default_factory=dict, init=False, repr=False)
    _next_slot: dict[str, float] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    # -- lifecycle -----------------------------------------------------------------------

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def _http(self) -> Any:
        if self._client is None:
            httpx = require("httpx", extra="streams")
            self._client = httpx.Client(
                timeout=httpx.Timeout(self.timeout),
                headers={"User-Agent": self.user_agent},
                follow_redirects=True,
                transport=self.transport,
            )
        return self._client

    # -- fetching ------------------------------------------------------------------------

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Page:
        """GET `url` (conditionally when `etag`/`last_modified` are given); raise FetchError on failure."""
        if self.respect_robots:
            self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        attempt = 0
        while True:
            try:
                return self._get(url, headers)
            except FetchError as exc:
                if not exc.transient:
                    raise
                asked = exc.retry_after if isinstance(exc, _RetryLater) else None
                if attempt >= self.retries or (asked is not None and asked > self.max_retry_after):
                    raise FetchError(
                        f"{exc.detail} (gave up after {attempt + 1} attempts)",
                        url=url,
                        reason=exc.reason,
                        transient=True,
                    ) from exc
            delay = min(self.max_backoff, self.backoff * 2**attempt)
            self.sleep(delay if asked is None else max(delay, asked))
            attempt += 1

    def _get(self, url: str, headers: dict[str, str]) -> Page:
        """One GET, read up to max_bytes; transient failures come back as FetchError(transient=True)."""
        httpx = require("httpx", extra="streams")
        self._wait_turn(url)
        try:
            with self._http().stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status in (429, 503):
                    raise _RetryLater(status, url, _retry_after(response.headers.get("retry-after"), time.time()))
                if status == 429 or status >= 500:
                    raise FetchError(f"HTTP {status}", url=url, reason="server_error", transient=True)
                if status >= 400:
                    raise FetchError(f"HTTP {status}", url=url, reason="http_error")
                body = bytearray()
                for piece in response.iter_bytes():
                    body += piece
                    if len(body) > self.max_bytes:
                        raise FetchError(
                            f"response is larger than {self.max_bytes:,} bytes", url=url, reason="too_large"
                        )
                return Page(
                    url=url,
                    final_url=str(response.url),
                    status=status,
                    content_type=response.headers.get("content-type", ""),
                    content=bytes(body),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {self.timeout:g} s", url=url, reason="timeout", transient=True) from exc
        except httpx.HTTPError as exc:  # connection refused, DNS failure, broken transfer, bad URL
            raise FetchError(f"{type(exc).__name__}: {exc}", url=url, reason="connection", transient=True) from exc

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host's next slot: at most one request per `min_interval` (or Crawl-delay) per host."""
        host = _origin(url)
        interval = self.min_interval
        robots = self._robots.get(host)
        if robots is not None and robots.parser is not None:
            delay = robots.parser.crawl_delay(self.user_agent)
            if delay:
                interval = max(interval, float(delay))
        with self._lock:
            now = self.clock()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + interval
        if slot > now:
            self.sleep(slot - now)

    # -- robots.txt ----------------------------------------------------------------------

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets this user agent fetch `url` (raises FetchError when it cannot be read)."""
        robots = self._robots_for(url)
        if robots.parser is None:
            failure = robots.failure
            detail = failure.detail if failure else "no answer"
            # A host that is down says so (timeout, connection); one whose robots.txt fails (5xx) forbids all.
            reason = failure.reason if failure and failure.reason in ("timeout", "connection") else "robots_unreachable"
            raise FetchError(f"robots.txt could not be read: {detail}", url=url, reason=reason)
        return robots.parser.can_fetch(self.user_agent, url)

    def _check_robots(self, url: str) -> None:
        try:
            allowed = self.allowed(url)
        except FetchError as exc:
            raise FetchError(exc.detail, url=url, reason=exc.reason, transient=True) from exc
        if not allowed:
            raise FetchError("robots.txt forbids this page to Tacitus", url=url, reason="robots_forbidden")

    def _robots_for(self, url: str) -> _Robots:
        """robots.txt of the URL's host, fetched once per `robots_ttl` (RFC 9309: 4xx allows all, 5xx forbids)."""
        import urllib.robotparser  # imports urllib.request: only when a page is fetched

        origin = _origin(url)
        cached = self._robots.get(origin)
        if cached is not None and self.clock() - cached.fetched_at < cached.ttl:
            return cached
        parser: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser(origin + "/robots.txt")
        ttl = self.robots_ttl
        failure: FetchError | None = None
        try:
            page = self._get(origin + "/robots.txt", {})
            parser.parse(page.content.decode("utf-8", errors="replace").splitlines())  # type: ignore[union-attr]
        except FetchError as exc:
            if exc.reason == "http_error":  # 4xx: no robots.txt, everything allowed
                parser.allow_all = True  # type: ignore[union-attr]
                parser.modified()  # type: ignore[union-attr]
            else:  # 5xx, timeout, no connection: nothing allowed, ask again soon
                parser = None
                failure = exc
                ttl = min(self.robots_ttl, 60.0)
        robots = _Robots(parser, self.clock(), ttl, failure)
        self._robots[origin] = robots
        return robots


class _RetryLater(FetchError):
    """A 429 or 503, with the wait its Retry-After header asks for (None: no usable header)."""

    def __init__(self, status: int, url: str, retry_after: float | None) -> None:
        asked = "" if retry_after is None else f" (Retry-After {retry_after:g} s)"
        super().__init__(f"HTTP {status}{asked}", url=url, reason="server_error", transient=True)
        self.retry_after = retry_after


def _retry_after(value: str | None, now: float) -> float | None:
    """Seconds a Retry-After header asks for: delay-seconds or an HTTP date (RFC 9110 10.2.3); None if unreadable."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - now)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


# -- the fetcher readers use -------------------------------------------------------------

_current: contextvars.ContextVar[Fetcher | None] = contextvars.ContextVar("tacitus_fetcher", default=None)
_default: Fetcher | None = None
_default_lock = threading.Lock()


def current_fetcher() -> Fetcher:
    """The fetcher readers use: the one set by `use_fetcher` in this context, else a process-wide default."""
    fetcher = _current.get()
    if fetcher is not None:
        return fetcher
    global _default
    with _default_lock:
        if _default is None:
            _default = Fetcher()
        return _default


@contextlib.contextmanager
def use_fetcher(fetcher: Fetcher) -> Iterator[Fetcher]:
    """Make `fetcher` the one readers use inside this block (this thread/context only)."""
    token = _current.set(fetcher)
    try:
        yield fetcher
    finally:
        _current.reset(token)
