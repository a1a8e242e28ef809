"""`tacitus cluster --db F [--rebuild]`: a thin skin over tacitus.analysis.clusters.cluster."""

from __future__ import annotations

import json

from _fake_pipeline import FakePipeline

from tacitus.cli import app
from tacitus.jobs.ingest import ingest
from tacitus.store import Store

_ARTICLES = [
    {"id": "a", "date": "2020-05-01", "source": "Wire", "text": "Alpha rejected Beta."},
    {"id": "b", "date": "2020-05-01", "source": "Daily", "text": "Yesterday Alpha rejected Beta."},
    {"id": "c", "date": "2020-05-01", "source": "Post", "text": "Gamma rejected Delta."},
]


def test_cluster_cli_catches_up_an_unclustered_store_and_rebuilds(tmp_path, runner):
    source = tmp_path / "a.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in _ARTICLES), encoding="utf-8")
    db = tmp_path / "x.duckdb"
    ingest([source], db=db, pipeline=FakePipeline())
    with Store(db) as store:
        clustered = store.con.execute("SELECT event_id, cluster_id FROM events ORDER BY event_id").fetchall()
        store.con.execute("UPDATE events SET cluster_id = NULL")
        store.con.execute("DELETE FROM clusters")

    result = runner.invoke(app, ["cluster", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["events"], summary["joined"], summary["new_clusters"], summary["clusters"]) == (3, 1, 2, 2)
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT event_id, cluster_id FROM events ORDER BY event_id").fetchall() == clustered

    rebuilt = runner.invoke(app, ["cluster", "--db", str(db), "--rebuild"])
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "3 events clustered now" in rebuilt.stdout and "2 clusters in all" in rebuilt.stdout


def test_cluster_cli_without_a_store_is_an_error_and_creates_none(tmp_path, runner):
    missing = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["cluster", "--db", str(missing)])
    assert result.exit_code == 2
    assert "[T040]" in result.output and "no event store" in result.output
    assert not missing.exists()
