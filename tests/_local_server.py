"""A tiny HTTP server on 127.0.0.1 for the feed, page and watcher tests (no outside network).

Routes are set (and changed between polls) by the test; every request is counted per path, so a
test can assert how often a page, a feed or robots.txt was asked for and with which headers.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0  # seconds before answering (a slow page)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    headers: dict[str, str] = field(default_factory=dict)  # more response headers (Retry-After)


@dataclass
class LocalServer:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    headers_seen: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: no keep-alive thread outlives a test

            def do_GET(self) -> None:  # noqa: N802  (the http.server API)
                path = self.path.split("?")[0]
                server.hits[path] += 1
                server.headers_seen.append({k.lower(): v for k, v in self.headers.items()})
                route = server.routes.get(path)
                if route is None:
                    self._answer(404, "text/plain", b"not found")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag is not None and self.headers.get("If-None-Match") == route.etag:
                    self._answer(304, route.content_type, b"", etag=route.etag)
                    return
                self._answer(route.status, route.content_type, route.body, etag=route.etag, extra=route.headers)

            def _answer(
                self,
                status: int,
                content_type: str,
                body: bytes,
                etag: str | None = None,
                extra: dict[str, str] | None = None,
            ) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(body)))
                    if etag:
                        self.send_header("ETag", etag)
                    for name, value in (extra or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    if status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
                    pass

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def page(self, path: str, body: str | bytes, **options: object) -> str:
        """Serve `body` at `path` (replacing what was there); return its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(data, **options)  # type: ignore[arg-type]
        return self.url(path)

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


_WHO = ("Farmers", "Teachers", "The mayor", "Nurses", "Fishermen", "Students", "Pilots", "Judges", "Miners", "Poets")
_DID = ("discussed", "counted", "painted", "repaired", "questioned", "photographed", "measured", "sold", "planted")
_WHAT = ("the bridge", "old harbours", "wheat prices", "a museum", "the orchards", "river levels", "bus routes")


def article_html(title: str, sentences: str, *, date: str | None = None) -> str:
    """A news page trafilatura can extract: a title, an optional date and a few paragraphs."""
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    # Filler drawn per page, so two test pages are never near-duplicates of each other.
    picker = random.Random(title + sentences)
    filler = " ".join(
        f"{picker.choice(_WHO)} {picker.choice(_DID)} {picker.choice(_WHAT)} on day {picker.randint(1, 999)}."
        for _ in range(10)
    )
    return (
        f"<!doctype html><html><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
        f"<p>{sentences}</p><p>{filler}</p></article></body></html>"
    )


def rss(items: list[dict[str, str]], *, title: str = "Local Wire") -> str:
    """An RSS 2.0 feed; item keys: title, link, description, content (content:encoded), pubDate, guid."""
    parts = []
    for item in items:
        fields = "".join(
            f"<{tag}>{item[key]}</{tag}>"
            for key, tag in (("title", "title"), ("link", "link"), ("guid", "guid"), ("pubDate", "pubDate"))
            if key in item
        )
        if "description" in item:
            fields += f"<description><![CDATA[{item['description']}]]></description>"
        if "content" in item:
            fields += f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>"
        parts.append(f"<item>{fields}</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
        f"<channel><title>{title}</title><link>http://127.0.0.1/</link><description>test</description>\n"
        + "\n".join(parts)
        + "\n</channel></rss>\n"
    )
