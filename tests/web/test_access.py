"""The server's hold on the store: read-only, queries capped in time, and live data from a writer
in the same process (docs/serve.md)."""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from pathlib import Path

import duckdb
import pytest
from _fake_pipeline import FakePipeline
from conftest import build_store, client_class

from tacitus.errors import QueryTimeoutError, StoreError
from tacitus.store import Store
from tacitus.web import create_app
from tacitus.web.access import StoreAccess


def test_a_path_is_opened_read_only(web_db):
    access = StoreAccess(web_db)
    try:
        with access.reader() as store, pytest.raises(duckdb.Error, match="(?i)read-only"):
            store.con.execute("CREATE TABLE intruder (x INTEGER)")
        assert not access.shared
    finally:
        access.close()


def test_a_request_store_has_everything_a_store_has(web_db):
    access = StoreAccess(web_db)
    try:
        with access.reader() as view:
            assert set(vars(access.store)) <= set(vars(view))
            assert view.con is not access.store.con and view.read_only
            assert view.events(limit=1, as_arrow=True).num_rows == 1
    finally:
        access.close()


def test_another_process_can_read_while_the_server_reads(web_db):
    access = StoreAccess(web_db)
    try:
        with Store(web_db, read_only=True) as other:
            assert other.count("events") > 0
    finally:
        access.close()


def test_a_query_past_the_time_cap_is_stopped(web_db):
    access = StoreAccess(web_db, query_timeout=0.3)
    started = time.perf_counter()
    try:
        with pytest.raises(QueryTimeoutError, match=r"\[T073\]"), access.reader() as store:
            store.con.execute("SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3").fetchone()
    finally:
        access.close()
    assert time.perf_counter() - started < 10
    # the cursor of the next request is not affected
    access = StoreAccess(web_db, query_timeout=5)
    try:
        with access.reader() as store:
            assert store.count("events") > 0
    finally:
        access.close()


def test_a_timeout_answers_503_with_its_code(web_db, monkeypatch):
    from tacitus.web import views

    app = create_app(web_db, query_timeout=0.3)
    client = client_class()(app, raise_server_exceptions=False)

    def slow(store, **_):  # type: ignore[no-untyped-def]
        store.con.execute("SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3").fetchone()

    monkeypatch.setattr(views, "overview", slow)
    answer = client.get("/api/overview")
    assert answer.status_code == 503 and answer.json()["error"] == "T073"


def test_no_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        create_app(tmp_path / "missing.duckdb")
    with pytest.raises(StoreError, match="timeout"):
        StoreAccess(tmp_path / "missing.duckdb", query_timeout=0)


def _count(client) -> int:  # type: ignore[no-untyped-def]
    url = "/api/events?limit=500"
    total = 0
    while url:
        body = client.get(url).json()
        total += body["count"]
        url = body["next"]
    return total


@pytest.mark.slow
def test_live_data_from_an_ingest_sharing_the_store(tmp_path):
    """An ingest thread writes through the server's Store, chunk by chunk; the server keeps answering
    and shows each committed chunk."""
    from tacitus.jobs.ingest import ingest

    db = tmp_path / "live.duckdb"
    source = tmp_path / "new.jsonl"
    source.write_text(
        "".join(
            json.dumps({"id": f"n{i}", "date": "2023-01-02", "text": f"Alpha rejected Beta {i}."}) + "\n"
            for i in range(160)
        ),
        encoding="utf-8",
    )
    with Store(db) as store:
        client = client_class()(create_app(store), raise_server_exceptions=False)
        assert _count(client) == 0
        writer = threading.Thread(
            target=ingest, args=([source],), kwargs={"db": store, "pipeline": FakePipeline(), "chunk_size": 20}
        )
        writer.start()
        seen: list[int] = []
        while writer.is_alive():
            answer = client.get("/api/stats")
            assert answer.status_code == 200
            seen.append(answer.json()["events"])
        writer.join()
        final = _count(client)
    assert final == 160
    assert seen == sorted(seen)  # the server never sees a chunk vanish
    assert all(n % 20 == 0 for n in seen)  # only whole chunks: each commit is atomic


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("tacitus.jobs.watch") is None, reason="this build has no watcher")
def test_live_data_from_the_watcher_in_the_server_process(tmp_path):
    """`tacitus serve --watch FOLDER`: new files dropped in the folder show up within a minute."""
    from tacitus.web.server import watching

    db = build_store(tmp_path, alerts=False)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    with watching(db, [str(inbox)], every="1s", pipeline=FakePipeline()) as store:
        client = client_class()(create_app(store), raise_server_exceptions=False)
        before = client.get("/api/stats").json()["events"]
        (inbox / "fresh.jsonl").write_text(
            "".join(
                json.dumps({"id": f"fresh-{i}", "date": "2022-09-01", "text": f"Gamma rejected Beta on day {i}."})
                + "\n"
                for i in range(5)
            ),
            encoding="utf-8",
        )
        deadline = time.monotonic() + 60
        after = before
        while time.monotonic() < deadline and after < before + 5:
            answer = client.get("/api/events", params={"source": "GAM", "target": "BET"})
            assert answer.status_code == 200
            after = before + answer.json()["count"]
            time.sleep(0.2)
        assert after == before + 5
        assert client.get("/-/versions").json()["live"] is True
    assert Path(db).is_file()
