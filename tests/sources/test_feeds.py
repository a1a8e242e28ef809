"""RSS/Atom feeds: entries become articles (full text from the feed or the page), malformed feeds are reported."""

from __future__ import annotations

import pytest
from _local_server import LocalServer, article_html, rss

from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.sources import read_articles
from tacitus.sources.feeds import parse_feed
from tacitus.sources.http import Fetcher, use_fetcher

pytestmark = pytest.mark.network

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title><id>urn:desk</id><updated>2024-03-02T10:00:00Z</updated>
  <entry>
    <title>Ministers meet</title><id>urn:desk:1</id>
    <link href="https://news.example/ministers?utm_campaign=x"/>
    <updated>2024-03-02T09:00:00Z</updated>
    <content type="html">&lt;p&gt;Norway rejected Sweden's offer.&lt;/p&gt;&lt;p&gt;Talks go on.&lt;/p&gt;</content>
  </entry>
</feed>
"""


@pytest.fixture
def fetcher():
    with Fetcher(timeout=0.5, retries=1, backoff=0.0, min_interval=0.0) as client, use_fetcher(client):
        yield client


def test_feed_entries_with_full_text_need_no_fetch(tmp_path):
    path = tmp_path / "desk.atom"
    path.write_text(ATOM, encoding="utf-8")
    [article] = list(read_articles([path]))
    assert isinstance(article, Article)
    assert article.text == "Norway rejected Sweden's offer.\n\nTalks go on."
    assert article.title == "Ministers meet" and article.source == "Atom Desk"
    assert article.url == "https://news.example/ministers"
    assert str(article.date) == "2024-03-02"
    assert article.metadata["text_from"] == "content" and article.metadata["entry_id"] == "urn:desk:1"
    assert article.origin == f"{path}:1"


def test_summary_only_entries_fetch_their_page(tmp_path, fetcher):
    with LocalServer() as server:
        page = server.page("/story", article_html("Page title", "Alpha rejected Beta at the border."))
        feed = rss(
            [
                {
                    "title": "Feed title",
                    "link": page,
                    "description": "A short teaser.",
                    "pubDate": "Mon, 04 Mar 2024 08:00:00 GMT",
                },
            ]
        )
        path = tmp_path / "wire.xml"
        path.write_text(feed, encoding="utf-8")
        [article] = list(read_articles([path]))
    assert isinstance(article, Article)
    assert "Alpha rejected Beta at the border." in article.text and "teaser" not in article.text
    assert article.metadata["text_from"] == "page"
    assert str(article.date) == "2024-03-04"  # the page has no date: the feed's
    assert server.hits["/story"] == 1


def test_page_refused_for_good_falls_back_to_the_summary_but_a_transient_failure_is_reported(tmp_path, fetcher):
    with LocalServer() as server:
        server.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        closed = server.page("/private/story", article_html("x", "Never fetched."))
        broken = server.page("/broken", "error", status=500)
        feed = rss(
            [
                {"title": "Closed", "link": closed, "description": "Gamma rejected Delta, the summary says."},
                {"title": "Broken", "link": broken, "description": "Epsilon rejected Zeta."},
            ]
        )
        path = tmp_path / "wire.rss"
        path.write_text(feed, encoding="utf-8")
        closed_item, broken_item = list(read_articles([path]))
    assert isinstance(closed_item, Article)
    assert closed_item.text == "Gamma rejected Delta, the summary says."
    assert closed_item.metadata["text_from"] == "summary" and closed_item.metadata["page_error"] == "robots_forbidden"
    assert server.hits["/private/story"] == 0
    assert isinstance(broken_item, RecordError)
    assert broken_item.reason == "server_error" and broken_item.path == str(path) and broken_item.line == 2


def test_malformed_feed_is_reported_with_file_line_and_reason_and_recovered_entries_kept(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Wire</title>\n'
        "<item><title>Tom & Jerry</title><description>Alpha rejected Beta.</description></item>\n"
        "<item><title>Cut",
        encoding="utf-8",
    )
    items = list(read_articles([path]))
    errors = [item for item in items if isinstance(item, RecordError)]
    articles = [item for item in items if isinstance(item, Article)]
    assert errors[0].reason == "malformed_feed" and errors[0].path == str(path)
    assert errors[0].line == 3 and "not well-formed" in str(errors[0])
    assert [a.text for a in articles] == ["Alpha rejected Beta."]


def test_a_file_that_is_no_feed_is_reported_not_fatal(tmp_path):
    junk = tmp_path / "notes.xml"
    junk.write_text("just some words, no markup at all\n", encoding="utf-8")
    good = tmp_path / "good.atom"
    good.write_text(ATOM, encoding="utf-8")
    items = list(read_articles([junk, good]))
    assert isinstance(items[0], RecordError) and items[0].reason == "not_a_feed" and items[0].path == str(junk)
    assert isinstance(items[1], Article)


def test_entry_keys_are_normalised_links_else_guids():
    feed = rss(
        [
            {"title": "a", "link": "HTTP://Example.com/a?utm_source=rss", "description": "x"},
            {"title": "b", "guid": "tag:b", "description": "y"},
            {"title": "c", "description": "z"},
        ]
    ).encode()
    entries, error = parse_feed(feed, path="f")
    assert error is None
    assert [e.key for e in entries][:2] == ["http://example.com/a", "guid:tag:b"]
    assert entries[2].key.startswith("entry:")
    assert parse_feed(feed, path="f")[0][2].key == entries[2].key  # stable
