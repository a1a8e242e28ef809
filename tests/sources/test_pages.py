"""Web pages by URL: HTML becomes an article, anything else is reported and skipped; `ingest` takes URLs."""

from __future__ import annotations

import pytest
from _local_server import LocalServer, article_html, rss

from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.sources import read_articles
from tacitus.sources.http import Fetcher, use_fetcher
from tacitus.sources.pages import fetch_page, read_url

pytestmark = pytest.mark.network


@pytest.fixture
def fetcher():
    with Fetcher(timeout=0.5, retries=1, backoff=0.0, min_interval=0.0) as client:
        yield client


def test_html_page_becomes_an_article_with_a_normalised_url(fetcher):
    with LocalServer() as server:
        url = server.page("/news/1", article_html("Talks stall", "Alpha rejected Beta on Monday.", date="2024-05-06"))
        [article] = list(read_url(url + "?utm_source=feed#top", fetcher=fetcher))
    assert isinstance(article, Article)
    assert article.text.startswith("Talks stall") or "Alpha rejected Beta on Monday." in article.text
    assert "Alpha rejected Beta on Monday." in article.text
    assert article.url == url  # tracking parameter and fragment dropped
    assert article.title == "Talks stall"
    assert str(article.date) == "2024-05-06"


def test_a_page_that_is_not_html_is_reported_and_skipped(fetcher):
    with LocalServer() as server:
        url = server.page("/report.pdf", b"%PDF-1.4 binary", content_type="application/pdf")
        [error] = list(read_url(url, fetcher=fetcher))
        assert isinstance(fetch_page(url, fetcher=fetcher), RecordError)
    assert isinstance(error, RecordError)
    assert error.reason == "not_html" and error.path == url and "application/pdf" in str(error)


def test_fetch_failures_become_record_errors_with_their_reason(fetcher):
    with LocalServer() as server:
        server.page("/robots.txt", "User-agent: *\nDisallow: /closed\n", content_type="text/plain")
        server.page("/closed", "<html>x</html>")
        server.page("/broken", "<html>x</html>", status=500)
        server.page("/slow", "<html>x</html>", delay=1.0)
        errors = {
            path: next(read_url(server.url(path), fetcher=fetcher))
            for path in ("/closed", "/missing", "/broken", "/slow")
        }
    assert all(isinstance(error, RecordError) for error in errors.values())
    assert {path: error.reason for path, error in errors.items()} == {
        "/closed": "robots_forbidden",
        "/missing": "http_error",
        "/broken": "server_error",
        "/slow": "timeout",
    }
    assert errors["/missing"].path.endswith("/missing") and "HTTP 404" in str(errors["/missing"])


def test_a_feed_url_gives_one_article_per_entry(fetcher):
    with LocalServer() as server:
        feed = rss(
            [
                {"title": "One", "link": "http://127.0.0.1/one", "content": "<p>Alpha rejected Beta.</p>"},
                {"title": "Two", "link": "http://127.0.0.1/two", "content": "<p>Gamma rejected Delta.</p>"},
            ]
        )
        url = server.page("/feed", feed, content_type="application/rss+xml")
        items = list(read_url(url, fetcher=fetcher))
    assert [item.title for item in items if isinstance(item, Article)] == ["One", "Two"]


def test_read_articles_and_ingest_accept_urls(tmp_path, fake_pipeline, fetcher):
    from tacitus.jobs.ingest import ingest

    with LocalServer() as server, use_fetcher(fetcher):
        url = server.page("/a", article_html("A", "Alpha rejected Beta in the capital."))
        other = server.page("/b.png", b"\x89PNG", content_type="image/png")
        items = list(read_articles([url, other]))
        summary = ingest([url, other], db=tmp_path / "t.duckdb", pipeline=fake_pipeline)
    assert [type(item).__name__ for item in items] == ["Article", "RecordError"]
    assert summary.new == 1 and summary.events == 1 and dict(summary.skipped) == {"not_html": 1}


def test_a_missing_streams_extra_stops_the_run_with_the_pip_hint(monkeypatch):
    from tacitus.errors import MissingExtraError

    def missing(module, *, extra):
        raise MissingExtraError(f"'{module}' is not installed; pip install 'tacitus[{extra}]'")

    monkeypatch.setattr("tacitus.sources.http.require", missing)
    with Fetcher(min_interval=0.0) as fresh, pytest.raises(MissingExtraError, match=r"tacitus\[streams\]"):
        list(read_url("http://127.0.0.1:9/page", fetcher=fresh))
