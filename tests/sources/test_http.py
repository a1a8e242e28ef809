"""The polite HTTP client: user agent, bounded retries with backoff, timeouts, robots.txt, rate limit, URLs.

Marked `network`, but the only server is the one each test starts on 127.0.0.1, so plain `make test` runs them.
"""

from __future__ import annotations

import pytest
from _local_server import LocalServer

from tacitus._version import __version__
from tacitus.errors import FetchError
from tacitus.sources.http import USER_AGENT, Fetcher, normalize_url

pytestmark = pytest.mark.network


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("HTTP://Example.COM/News/A?b=2&a=1#top", "http://example.com/News/A?a=1&b=2"),
        ("https://example.com:443/x", "https://example.com/x"),
        ("http://example.com:8080", "http://example.com:8080/"),
        ("https://example.com/x?utm_source=rss&utm_medium=feed&id=7&fbclid=abc", "https://example.com/x?id=7"),
        ("https://example.com/x?UTM_Campaign=z", "https://example.com/x"),
        ("https://example.com/a%20b?q=a+b", "https://example.com/a%20b?q=a+b"),
    ],
)
def test_normalize_url(given, expected):
    assert normalize_url(given) == expected


def test_normalized_urls_are_stable():
    url = "https://Example.com/x?b=1&utm_term=q&a=2#frag"
    assert normalize_url(normalize_url(url)) == normalize_url(url)


def _fetcher(**options) -> Fetcher:
    defaults = {"timeout": 0.5, "retries": 2, "backoff": 0.0, "min_interval": 0.0}
    return Fetcher(**{**defaults, **options})


def test_fetch_sends_the_tacitus_user_agent():
    with LocalServer() as server, _fetcher() as fetcher:
        url = server.page("/a", "<html>hi</html>")
        page = fetcher.fetch(url)
    assert page.status == 200 and page.content == b"<html>hi</html>" and page.media_type == "text/html"
    agents = {headers["user-agent"] for headers in server.headers_seen}
    assert agents == {USER_AGENT}
    assert f"Tacitus/{__version__}" in USER_AGENT


def test_server_error_is_retried_with_exponential_bounded_backoff_then_reported():
    sleeps: list[float] = []
    with LocalServer() as server, _fetcher(retries=4, backoff=0.1, max_backoff=0.3, sleep=sleeps.append) as fetcher:
        url = server.page("/broken", "oops", status=500)
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
    assert server.hits["/broken"] == 5  # one try and four retries
    assert sleeps == [0.1, 0.2, 0.3, 0.3]  # doubled each time, capped at max_backoff
    assert caught.value.reason == "server_error" and caught.value.transient
    assert "HTTP 500" in str(caught.value) and "5 attempts" in str(caught.value)


def test_a_retry_that_succeeds_returns_the_page():
    with LocalServer() as server, _fetcher(retries=2) as fetcher:
        url = server.page("/flaky", "down", status=503)
        original = fetcher._get

        def heal_after_first(target, headers):
            try:
                return original(target, headers)
            finally:
                if target.endswith("/flaky"):
                    server.page("/flaky", "<html>up</html>")

        fetcher._get = heal_after_first  # type: ignore[method-assign]
        page = fetcher.fetch(url)
    assert page.content == b"<html>up</html>"
    assert server.hits["/flaky"] == 2


def _heal_after(server: LocalServer, fetcher: Fetcher, path: str, hits: int) -> None:
    """Serve a page at `path` once it has been asked for `hits` times."""
    original = fetcher._get

    def get(target, headers):  # type: ignore[no-untyped-def]
        try:
            return original(target, headers)
        finally:
            if target.endswith(path) and server.hits[path] >= hits:
                server.page(path, "<html>up</html>")

    fetcher._get = get  # type: ignore[method-assign]


def test_retry_after_in_seconds_is_waited_instead_of_the_shorter_backoff():
    sleeps: list[float] = []
    with LocalServer() as server, _fetcher(retries=3, backoff=0.5, sleep=sleeps.append) as fetcher:
        url = server.page("/busy", "slow down", status=429, headers={"Retry-After": "7"})
        _heal_after(server, fetcher, "/busy", hits=2)
        page = fetcher.fetch(url)
    assert page.content == b"<html>up</html>" and server.hits["/busy"] == 3
    assert sleeps == [7.0, 7.0]  # the server's 7 s, not the backoff's 0.5 and 1.0


def test_retry_after_as_a_past_http_date_falls_back_to_the_backoff():
    sleeps: list[float] = []
    with LocalServer() as server, _fetcher(retries=1, backoff=0.25, sleep=sleeps.append) as fetcher:
        url = server.page("/down", "maintenance", status=503, headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"})
        _heal_after(server, fetcher, "/down", hits=1)
        page = fetcher.fetch(url)
    assert page.content == b"<html>up</html>" and sleeps == [0.25]


def test_retry_after_beyond_the_limit_gives_up_at_once_for_the_next_poll():
    sleeps: list[float] = []
    with LocalServer() as server, _fetcher(retries=5, max_retry_after=60, sleep=sleeps.append) as fetcher:
        url = server.page("/later", "come back in an hour", status=429, headers={"Retry-After": "3600"})
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
    assert server.hits["/later"] == 1 and sleeps == []  # no hour-long wait, no hammering either
    assert caught.value.transient and caught.value.reason == "server_error"
    assert "Retry-After 3600 s" in str(caught.value) and "1 attempts" in str(caught.value)


def test_client_error_is_not_retried():
    with LocalServer() as server, _fetcher(retries=3) as fetcher:
        url = server.page("/gone", "gone", status=404)
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
    assert server.hits["/gone"] == 1
    assert caught.value.reason == "http_error" and not caught.value.transient


def test_slow_page_times_out():
    with LocalServer() as server, _fetcher(timeout=0.2, retries=1) as fetcher:
        url = server.page("/slow", "<html>late</html>", delay=1.0)
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
    assert caught.value.reason == "timeout" and caught.value.transient
    assert server.hits["/slow"] == 2


def test_connection_refused_is_a_transient_connection_error():
    with LocalServer() as server:
        url = server.url("/nothing")
    with _fetcher(retries=0) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)  # the server is gone
    assert caught.value.reason == "connection" and caught.value.transient


def test_robots_txt_that_forbids_is_obeyed_and_read_once_per_host():
    with LocalServer() as server, _fetcher() as fetcher:
        server.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        open_url = server.page("/public/1", "<html>ok</html>")
        closed_url = server.page("/private/1", "<html>secret</html>")
        assert fetcher.fetch(open_url).status == 200
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(closed_url)
        fetcher.fetch(open_url)
    assert caught.value.reason == "robots_forbidden" and not caught.value.transient
    assert server.hits["/private/1"] == 0
    assert server.hits["/robots.txt"] == 1


def test_robots_rules_for_tacitus_by_name():
    with LocalServer() as server, _fetcher() as fetcher:
        server.page(
            "/robots.txt", "User-agent: Tacitus\nDisallow: /\n\nUser-agent: *\nAllow: /\n", content_type="text/plain"
        )
        url = server.page("/a", "<html>a</html>")
        with pytest.raises(FetchError, match="robots.txt forbids"):
            fetcher.fetch(url)
        with Fetcher(user_agent="OtherBot/1.0", min_interval=0) as other:
            assert other.allowed(url)


def test_missing_robots_allows_everything_and_unreachable_robots_forbids():
    with LocalServer() as server, _fetcher(retries=0) as fetcher:
        url = server.page("/a", "<html>a</html>")  # /robots.txt answers 404
        assert fetcher.fetch(url).status == 200
    with LocalServer() as server, _fetcher(retries=0) as fetcher:
        server.page("/robots.txt", "error", status=500)
        url = server.page("/a", "<html>a</html>")
        with pytest.raises(FetchError) as caught:
            fetcher.fetch(url)
        assert caught.value.reason == "robots_unreachable" and caught.value.transient
        assert server.hits["/a"] == 0


def test_rate_limit_spaces_requests_to_one_host_only():
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(round(seconds, 6))

    fetcher = Fetcher(min_interval=2.0, clock=lambda: now[0], sleep=sleep)
    fetcher._wait_turn("http://a.example/1")
    fetcher._wait_turn("http://a.example/2")
    fetcher._wait_turn("http://b.example/1")  # another host: its own turn
    fetcher._wait_turn("http://A.example/3")
    assert slept == [2.0, 4.0]
    now[0] += 10
    fetcher._wait_turn("http://a.example/4")  # the host's slots have passed
    assert slept == [2.0, 4.0]


def test_conditional_get_gets_304():
    with LocalServer() as server, _fetcher() as fetcher:
        url = server.page("/feed", "<rss/>", content_type="application/rss+xml", etag='"v1"')
        first = fetcher.fetch(url)
        second = fetcher.fetch(url, etag=first.etag)
    assert first.status == 200 and first.etag == '"v1"'
    assert second.status == 304 and second.content == b""
