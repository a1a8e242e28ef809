from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tacitus.cli import app
from tacitus.cli._app import EXIT_NOTHING_INGESTED, EXIT_USAGE

sys.path.insert(0, str(Path(__file__).parents[1] / "ingest"))
from _fake_pipeline import FakePipeline  # noqa: E402


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch):
    pipeline = FakePipeline()
    monkeypatch.setattr("tacitus.pipeline.load_pipeline", lambda settings=None, **_: pipeline)
    return pipeline


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "news.jsonl"
    path.write_text(
        json.dumps({"id": "n1", "date": "2020-03-01", "text": "Alpha rejected Beta."})
        + "\n{oops\n"
        + json.dumps({"id": "n2", "date": "2020-03-02", "text": "Gamma rejected Delta. Calm followed."})
        + "\n",
        encoding="utf-8",
    )
    return path


def test_ingest_prints_a_summary_and_reports_bad_lines(runner, tmp_path):
    corpus = _corpus(tmp_path)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 0, result.output
    assert "new (coded)" in result.output
    assert "skipped: malformed_json" in result.output
    assert f"{corpus}:2 [malformed_json]" in result.output


def test_ingest_json_summary_and_rerun(runner, tmp_path):
    corpus, db = _corpus(tmp_path), tmp_path / "x.duckdb"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--json"])
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db), "--json"])
    assert first.exit_code == second.exit_code == 0
    one, two = json.loads(first.stdout), json.loads(second.stdout)
    assert (one["new"], one["events"], one["skipped"]) == (2, 2, {"malformed_json": 1})
    assert (two["new"], two["already_present"], two["events"]) == (0, 2, 0)


def test_ingest_stdin(runner, tmp_path):
    data = json.dumps({"id": "s1", "text": "Alpha rejected Beta."}) + "\n"
    result = runner.invoke(app, ["ingest", "-", "--db", str(tmp_path / "x.duckdb"), "--json"], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new"] == 1


def test_nothing_ingested_exits_1(runner, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n[1]\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(bad), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == EXIT_NOTHING_INGESTED
    assert "nothing could be ingested" in result.output


def test_missing_input_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path / "absent.jsonl"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == EXIT_USAGE
    assert "[T020]" in result.output and "absent.jsonl" in result.output
    assert not (tmp_path / "x.duckdb").exists()


def test_unknown_format_is_a_usage_error(runner, tmp_path):
    corpus = _corpus(tmp_path)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "x.duckdb"), "--format", "docx"])
    assert result.exit_code == EXIT_USAGE
    assert "docx" in result.output
