from __future__ import annotations

import csv
import datetime as dt
import io
import json

import duckdb
import pytest

from tacitus.cli import app
from tacitus.cli._app import EXIT_USAGE
from tacitus.models import Actor, Article, Event, Evidence, make_event_id
from tacitus.store import ArticleRow, Store


def _event(doc: str, date: str, src: str, tgt: str, cameo: str) -> Event:
    return Event(
        event_id=make_event_id(doc, 0, 5, src, tgt, cameo, "v"),
        doc_id=doc,
        date=date,
        source=Actor(src, src, src, None, src, 0, 3),
        target=Actor(tgt, tgt, tgt, None, tgt, 10, 13),
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=1,
        goldstein=1.0,
        plover_type=None,
        plover_mode=None,
        evidence=Evidence(0, "A sentence.", "met", 5, 8, "r"),
        confidence=0.7,
        modality="asserted",
        lexicon_version="v",
    )


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "q.duckdb"
    with Store(path) as store:
        store.write_chunk(
            [
                ArticleRow(Article(id="a", text="x", date=dt.date(2018, 1, 1)), events=2),
                ArticleRow(Article(id="b", text="y", date=dt.date(2018, 1, 2)), events=1),
            ],
            [
                _event("a", "2018-01-01", "FRA", "DEU", "042"),
                _event("a", "2018-01-01", "DEU", "FRA", "036"),
                _event("b", "2018-01-02", "FRA", "ITA", "042"),
            ],
        )
    return path


def test_events_jsonl_with_filters(runner, db):
    result = runner.invoke(app, ["events", "--db", str(db), "--source", "FRA", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc_id"], r["target_code"], r["cameo"], r["date"]) for r in rows] == [
        ("a", "DEU", "042", "2018-01-01"),
        ("b", "ITA", "042", "2018-01-02"),
    ]


def test_events_dyad_directed_and_undirected(runner, db):
    directed = runner.invoke(app, ["events", "--db", str(db), "--dyad", "DEU-FRA", "--format", "csv"])
    both = runner.invoke(app, ["events", "--db", str(db), "--dyad", "DEU-FRA", "--undirected", "--format", "csv"])
    assert len(list(csv.DictReader(io.StringIO(directed.stdout)))) == 1
    assert len(list(csv.DictReader(io.StringIO(both.stdout)))) == 2


def test_events_table(runner, db):
    result = runner.invoke(app, ["events", "--db", str(db), "--cameo", "04", "--until", "2018-01-01"])
    assert result.exit_code == 0
    assert "042" in result.stdout and "DEU" in result.stdout and "036" not in result.stdout


def test_events_bad_date_is_a_usage_error(runner, db):
    result = runner.invoke(app, ["events", "--db", str(db), "--since", "01/02/2018"])
    assert result.exit_code == EXIT_USAGE
    assert "[T030]" in result.output


def test_events_missing_store(runner, tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == EXIT_USAGE and "[T040]" in result.output


def test_export_parquet_and_gdelt(runner, db, tmp_path):
    out = tmp_path / "e.parquet"
    result = runner.invoke(app, ["export", str(out), "--db", str(db), "--format", "parquet"])
    assert result.exit_code == 0 and "wrote 3 events" in result.output
    assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall() == [(3,)]
    gdelt = tmp_path / "e.tsv"
    result = runner.invoke(app, ["export", str(gdelt), "--db", str(db), "--format", "gdelt", "--source", "DEU"])
    assert result.exit_code == 0, result.output
    lines = gdelt.read_text(encoding="utf-8").splitlines()
    assert result.exit_code == 0 and len(lines) == 1 and len(lines[0].split("\t")) == 61


def test_stats_json_and_table(runner, db):
    result = runner.invoke(app, ["stats", "--db", str(db), "--format", "json"])
    stats = json.loads(result.stdout)
    assert (stats["articles"], stats["events"]) == (2, 3)
    assert stats["top_event_codes"][0] == {"cameo": "042", "events": 2}
    table = runner.invoke(app, ["stats", "--db", str(db)])
    assert table.exit_code == 0 and "FRA-DEU" in table.stdout and "2018-01-02" in table.stdout


def test_events_table_with_evidence_shows_the_sentence(runner, db):
    plain = runner.invoke(app, ["events", "--db", str(db), "--dyad", "FRA-ITA"])
    with_evidence = runner.invoke(app, ["events", "--db", str(db), "--dyad", "FRA-ITA", "--evidence"])
    assert with_evidence.exit_code == 0, with_evidence.output
    assert "A sentence." in with_evidence.stdout and "A sentence." not in plain.stdout


def test_stats_by_month(runner, db):
    result = runner.invoke(app, ["stats", "--db", str(db), "--by", "month", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["per_month"] == [{"date": "2018-01-01", "articles": 2, "events": 3}]


def test_events_current_only_min_confidence_and_several_cameo_prefixes(runner, tmp_path):
    from dataclasses import replace

    path = tmp_path / "f.duckdb"
    kept = _event("a", "2018-01-01", "FRA", "DEU", "042")
    old = replace(_event("a", "2018-01-01", "FRA", "ITA", "190"), historical=True)
    weak = replace(_event("a", "2018-01-01", "FRA", "ESP", "111"), confidence=0.2)
    with Store(path) as store:
        store.write_chunk([ArticleRow(Article(id="a", text="x", date=dt.date(2018, 1, 1)))], [kept, old, weak])

    def targets(*options: str) -> list[str]:
        result = runner.invoke(app, ["events", "--db", str(path), "--format", "jsonl", *options])
        assert result.exit_code == 0, result.output
        return sorted(json.loads(line)["target_code"] for line in result.stdout.splitlines())

    assert targets() == ["DEU", "ESP", "ITA"]
    assert targets("--current-only") == ["DEU", "ESP"]
    assert targets("--min-confidence", "0.5") == ["DEU", "ITA"]
    assert targets("--cameo", "04", "--cameo", "19") == ["DEU", "ITA"]
    bad = runner.invoke(app, ["events", "--db", str(path), "--min-confidence", "2"])
    assert bad.exit_code == EXIT_USAGE and "[T030]" in bad.output
