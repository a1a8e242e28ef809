"""`tacitus enrich --db F [--only ...]`: a thin skin over tacitus.jobs.enrich.enrich."""

from __future__ import annotations

import json

from _fake_pipeline import FakePipeline

from tacitus.cli import app
from tacitus.config import Settings
from tacitus.jobs.ingest import ingest
from tacitus.store import Store


def test_enrich_cli_fills_tone_and_reports_json(tmp_path, runner):
    source = tmp_path / "a.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Alpha rejected Beta in a bitter dispute."}) + "\n")
    db = tmp_path / "x.duckdb"
    ingest([source], db=db, pipeline=FakePipeline(), settings=Settings(tone=False))
    result = runner.invoke(app, ["enrich", "--db", str(db), "--only", "tone", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["articles"], summary["events"], summary["enrichers"]) == (1, 1, ["tone"])
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT sentence_tone < 0 FROM events").fetchone() == (True,)


def test_enrich_cli_unknown_enricher_is_a_usage_error(tmp_path, runner):
    db = tmp_path / "x.duckdb"
    Store(db).close()
    result = runner.invoke(app, ["enrich", "--db", str(db), "--only", "colour"])
    assert result.exit_code == 2
    assert "unknown enricher 'colour'" in result.output
