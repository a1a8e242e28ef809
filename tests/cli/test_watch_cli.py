"""`tacitus watch`: a thin skin over tacitus.jobs.watch.watch (the fake pipeline stands in for the model)."""

from __future__ import annotations

import json

import pytest
from _fake_pipeline import FakePipeline

from tacitus.cli import app
from tacitus.cli._app import EXIT_USAGE
from tacitus.store import Store


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    pipeline = FakePipeline()
    monkeypatch.setattr("tacitus.pipeline.load_pipeline", lambda settings=None, **_: pipeline)
    return pipeline


def test_watch_once_logs_one_line_per_poll_and_prints_the_summary(runner, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Alpha rejected Beta.", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    result = runner.invoke(app, ["watch", str(inbox), "--db", str(db), "--once", "--json"])
    assert result.exit_code == 0, result.output
    polls = [line for line in result.output.splitlines() if " poll " in line]
    assert len(polls) == 1 and "1 new" in polls[0]
    summary = json.loads(result.output[result.output.index("{") :])
    assert summary["polls"] == 1 and summary["new"] == 1 and summary["stopped_by"] == "once"
    with Store(db, read_only=True) as store:
        assert store.count("events") == 1


@pytest.mark.parametrize(("args", "message"), [(["--every", "soon"], "T092"), ([], "T092")])
def test_watch_usage_errors_exit_2(runner, tmp_path, args, message):
    source = str(tmp_path / "missing") if not args else str(tmp_path)
    result = runner.invoke(app, ["watch", source, "--db", str(tmp_path / "w.duckdb"), "--once", *args])
    assert result.exit_code == EXIT_USAGE
    assert message in result.output
