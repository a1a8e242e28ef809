"""The watcher: new feed items between polls, folders, transient failures, the cursor, stopping."""

from __future__ import annotations

import threading
import time

import pytest
from _local_server import LocalServer, article_html, rss

from tacitus.errors import WatchError
from tacitus.jobs.watch import parse_every, watch
from tacitus.sources.http import Fetcher
from tacitus.store import Store

pytestmark = pytest.mark.network


@pytest.fixture
def fetcher():
    with Fetcher(timeout=0.5, retries=1, backoff=0.0, min_interval=0.0) as client:
        yield client


def _story(server: LocalServer, n: int) -> dict[str, str]:
    """A summary-only feed item whose page the watcher must fetch; the fake coder finds one event in it."""
    name = "".join(chr(97 + int(d)) for d in str(n))
    url = server.page(f"/story/{n}", article_html(f"Story {n}", f"Land{name} rejected Other{name} in round {n}."))
    return {"title": f"Story {n}", "link": url, "description": f"Teaser {n}.", "guid": f"s{n}"}


def _articles(store: Store) -> list[tuple]:
    return store.con.execute("SELECT id, url, title FROM articles ORDER BY url").fetchall()


@pytest.mark.parametrize(
    ("given", "seconds"), [("15m", 900.0), ("30s", 30.0), ("1h", 3600.0), ("90", 90.0), (2.5, 2.5), ("1.5M", 90.0)]
)
def test_parse_every(given, seconds):
    assert parse_every(given) == seconds


@pytest.mark.parametrize("given", ["soon", "0", "-5m", "15 minutes", ""])
def test_parse_every_rejects_what_it_cannot_read(given):
    with pytest.raises(WatchError, match="T092"):
        parse_every(given)


def test_unknown_source_is_a_watch_error(tmp_path, store, fake_pipeline):
    with pytest.raises(WatchError, match="neither an existing file or folder nor an http"):
        watch([str(tmp_path / "nowhere")], db=store, once=True, pipeline=fake_pipeline)


def test_feed_with_new_items_between_polls(store, fake_pipeline, fetcher):
    polls = []
    with LocalServer() as server:
        items = [_story(server, 1), _story(server, 2)]
        feed_url = server.page("/feed", rss(items), content_type="application/rss+xml")
        first = watch([feed_url], db=store, once=True, pipeline=fake_pipeline, fetcher=fetcher, on_poll=polls.append)
        assert [row[2] for row in _articles(store)] == ["Story 1", "Story 2"]

        items.insert(0, _story(server, 3))  # a new item on top, as feeds do
        server.page("/feed", rss(items), content_type="application/rss+xml")
        second = watch([feed_url], db=store, once=True, pipeline=fake_pipeline, fetcher=fetcher, on_poll=polls.append)
    assert [row[2] for row in _articles(store)] == ["Story 1", "Story 2", "Story 3"]
    assert (first.new, second.new) == (2, 1) and second.events == 1
    assert [server.hits[f"/story/{n}"] for n in (1, 2, 3)] == [1, 1, 1]  # a seen entry is never fetched again
    assert store.count("events") == 3
    seen = store.con.execute("SELECT item FROM watch_seen ORDER BY item").fetchall()
    assert [row[0] for row in seen] == [server.url(f"/story/{n}") for n in (1, 2, 3)]
    assert " poll 1: 1 sources, 2 read, 2 new," in polls[0].line()
    assert " 1 new," in polls[1].line() and polls[1].line().count("\n") == 0


def test_unchanged_feed_costs_one_conditional_request(store, fake_pipeline, fetcher):
    with LocalServer() as server:
        feed_url = server.page("/feed", rss([_story(server, 1)]), content_type="application/rss+xml", etag='"v1"')
        watch([feed_url], db=store, max_polls=3, every=0.01, pipeline=fake_pipeline, fetcher=fetcher)
        conditional = [h.get("if-none-match") for h in server.headers_seen if h.get("if-none-match")]
    assert server.hits["/feed"] == 3 and conditional == ['"v1"', '"v1"']
    assert store.count("articles") == 1


def test_transient_page_failure_is_retried_at_the_next_poll(store, fake_pipeline, fetcher):
    with LocalServer() as server:
        story = _story(server, 7)
        body = server.routes["/story/7"].body
        server.page("/story/7", "down", status=503)
        feed_url = server.page("/feed", rss([story]), content_type="application/rss+xml", etag='"same"')
        first = watch([feed_url], db=store, once=True, pipeline=fake_pipeline, fetcher=fetcher)
        assert first.new == 0 and first.skipped == {"server_error": 1}
        server.page("/story/7", body)
        second = watch([feed_url], db=store, once=True, pipeline=fake_pipeline, fetcher=fetcher)
    assert second.new == 1 and [row[2] for row in _articles(store)] == ["Story 7"]
    errors = store.con.execute("SELECT path, line, reason FROM ingest_errors").fetchall()
    assert errors == [(feed_url, 1, "server_error")]


def test_folder_new_files_are_read_once(tmp_path, store, fake_pipeline):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Alpha rejected Beta.", encoding="utf-8")
    first = watch([inbox], db=store, once=True, pipeline=fake_pipeline)
    (inbox / "b.jsonl").write_text('{"id": "b1", "text": "Gamma rejected Delta."}\n{"broken\n', encoding="utf-8")
    second = watch([inbox], db=store, once=True, pipeline=fake_pipeline)
    third = watch([inbox], db=store, once=True, pipeline=fake_pipeline)
    assert (first.new, second.new, third.new) == (1, 1, 0)
    assert second.skipped == {"malformed_json": 1} and third.skipped == {}
    assert fake_pipeline.coded.count("b1") == 1
    assert store.count("articles") == 2


def test_stop_event_stops_a_watcher_thread_between_polls(tmp_path, fake_pipeline):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Alpha rejected Beta.", encoding="utf-8")
    stop = threading.Event()
    polls = []
    with Store(tmp_path / "w.duckdb") as store:
        kwargs = {"db": store, "every": "1h", "pipeline": fake_pipeline, "stop_event": stop, "on_poll": polls.append}
        result = {}
        thread = threading.Thread(target=lambda: result.update(summary=watch([inbox], **kwargs)))
        thread.start()
        deadline = time.monotonic() + 20
        while not polls and time.monotonic() < deadline:
            time.sleep(0.02)
        stop.set()
        thread.join(timeout=5)
        assert not thread.is_alive()
        assert result["summary"].stopped_by == "stop" and result["summary"].polls == 1
        assert store.count("articles") == 1


def test_a_source_that_crashes_is_reported_and_the_others_still_polled(tmp_path, store, fake_pipeline, monkeypatch):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Alpha rejected Beta.", encoding="utf-8")
    feed = tmp_path / "wire.xml"
    feed.write_text(rss([{"title": "t", "description": "Gamma rejected Delta."}]), encoding="utf-8")

    def explode(data, *, path):
        raise RuntimeError("parser bug")

    monkeypatch.setattr("tacitus.jobs.watch.parse_feed", explode)
    summary = watch([feed, inbox], db=store, once=True, pipeline=fake_pipeline)
    assert summary.new == 1 and summary.skipped == {"unreadable": 1}
    [(path, reason, message)] = store.con.execute("SELECT path, reason, message FROM ingest_errors").fetchall()
    assert path == str(feed) and reason == "unreadable" and "RuntimeError: parser bug" in message
