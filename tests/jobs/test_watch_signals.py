"""The watcher as a process: kill -9 mid-poll then a restart equals a clean run; SIGTERM stops it cleanly.

The watcher runs in a subprocess with the fake pipeline (no spaCy model); the feed and its pages are
served by the test itself on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from _local_server import LocalServer, article_html, rss

from tacitus.store import Store

HERE = Path(__file__).parent.parent  # tests/, where _fake_pipeline.py lives

pytestmark = [pytest.mark.network, pytest.mark.slow]

SCRIPT = """
import sys, time
sys.path.insert(0, {here!r})
from _fake_pipeline import FakePipeline
from tacitus.jobs.watch import watch
from tacitus.sources.http import Fetcher

class SlowPipeline(FakePipeline):
    def process(self, articles):
        yield from super().process(articles)
        print("coded", len(self.coded), flush=True)
        time.sleep({pause})  # a chunk coded, not yet committed: where the parent strikes

sources = {sources!r}
fetcher = Fetcher(timeout=5, retries=1, backoff=0, min_interval=0)
summary = watch(sources, db=sys.argv[1], every={every!r}, once={once}, pipeline=SlowPipeline(), fetcher=fetcher,
                chunk_size=4, handle_signals=True, on_poll=lambda poll: print(poll.line(), flush=True))
print("done", summary.stopped_by, summary.polls, summary.new, flush=True)
"""


def _script(tmp_path: Path, sources: list[str], *, once: bool, every: str = "1h", pause: float = 0.05) -> Path:
    script = tmp_path / "run_watch.py"
    text = SCRIPT.format(here=str(HERE), sources=sources, once=once, every=every, pause=pause)
    script.write_text(text, encoding="utf-8")
    return script


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        con = store.con
        return {
            "articles": con.execute(
                "SELECT id, url, title, content_hash, duplicate_of, n_events, text FROM articles ORDER BY id"
            ).fetchall(),
            "events": con.execute(
                "SELECT event_id, doc_id, source_code, target_code FROM events ORDER BY 1"
            ).fetchall(),
            "seen": con.execute("SELECT item, fingerprint FROM watch_seen ORDER BY item").fetchall(),
        }


def _run(script: Path, db: Path) -> str:
    done = subprocess.run([sys.executable, str(script), str(db)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _serve_feed(server: LocalServer, n: int) -> str:
    items = []
    for i in range(n):
        name = "".join(chr(97 + int(d)) for d in str(i))
        link = server.page(f"/s/{i}", article_html(f"Item {i}", f"Land{name} rejected Other{name} at meeting {i}."))
        items.append({"title": f"Item {i}", "link": link, "description": f"Teaser {i}."})
    return server.page("/feed.xml", rss(items), content_type="application/rss+xml")


def test_kill_9_mid_poll_then_restart_equals_a_clean_run(tmp_path):
    with LocalServer() as server:
        feed_url = _serve_feed(server, 40)
        script = _script(tmp_path, [feed_url], once=True)
        clean_db = tmp_path / "clean.duckdb"
        _run(script, clean_db)
        clean = _snapshot(clean_db)

        killed_db = tmp_path / "killed.duckdb"
        with subprocess.Popen(
            [sys.executable, str(script), str(killed_db)], stdout=subprocess.PIPE, text=True
        ) as process:
            for line in process.stdout:  # type: ignore[union-attr]
                if line.startswith("coded") and int(line.split()[1]) >= 14:
                    os.kill(process.pid, signal.SIGKILL)
                    break
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL, "the watcher finished before it could be killed"
        partial = _snapshot(killed_db)
        assert 0 < len(partial["articles"]) < len(clean["articles"])
        assert len(partial["seen"]) == len(partial["articles"])  # the cursor committed with its articles

        _run(script, killed_db)
    resumed = _snapshot(killed_db)
    assert resumed == clean
    assert len(clean["articles"]) == 40 and len(clean["events"]) == 40
    assert len({row[1] for row in clean["articles"]}) == 40  # one article per URL: no duplicate


def test_sigterm_finishes_the_chunk_and_exits_cleanly(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = []
    for i in range(40):
        name = "".join(chr(97 + int(d)) for d in str(i))
        lines.append(json.dumps({"id": f"n{i}", "text": f"Land{name} rejected Other{name}. Meeting {i}."}))
    (inbox / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = _script(tmp_path, [str(inbox)], once=False, every="1h", pause=0.2)
    db = tmp_path / "w.duckdb"
    with subprocess.Popen(
        [sys.executable, str(script), str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as process:
        for line in process.stdout:  # type: ignore[union-attr]
            if line.startswith("coded"):
                process.send_signal(signal.SIGTERM)
                break
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert "(stopped)" in out and "done stop 1" in out
    with Store(db, read_only=True) as store:
        stored = store.count("articles")
        unfinished = store.con.execute("SELECT count(*) FROM runs WHERE finished_at IS NULL").fetchone()[0]
    assert 0 < stored < 40  # stopped mid-file, what was read is committed
    assert unfinished == 0  # the poll's run was closed

    rerun = _script(tmp_path, [str(inbox)], once=True)
    _run(rerun, db)
    with Store(db, read_only=True) as store:
        ids = [row[0] for row in store.con.execute("SELECT id FROM articles").fetchall()]
    assert sorted(ids) == sorted(f"n{i}" for i in range(40))
