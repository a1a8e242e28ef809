"""Files → ingest (real pipeline) → DuckDB → query and export, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from tacitus.cli import app
from tacitus.store import Store

pytestmark = pytest.mark.model

STORY = (
    "ANKARA (Reuters) - Turkey rejected U.S. pressure to cancel the purchase on Wednesday.\n\n"
    "Germany criticized Russia over the detention of a journalist."
)


def _inputs(folder: Path) -> Path:
    folder.mkdir()
    (folder / "wire.txt").write_text(STORY, encoding="utf-8")
    records = [
        {
            "id": "j1",
            "date": "2019-05-02",
            "source": "Example Times",
            "text": "France accused Iran of plotting an attack.",
        },
        {"id": "j2", "date": "2019-05-02", "text": STORY.split(" - ", 1)[1]},  # the wire story's text again
        {"id": "j3", "date": "2019-05-03", "text": "The weather was mild and the markets were quiet."},
    ]
    (folder / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records) + "{broken\n", encoding="utf-8")
    return folder


def test_files_to_store_to_exports(nlp, runner, tmp_path):
    folder = _inputs(tmp_path / "in")
    db = tmp_path / "events.duckdb"
    result = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["new"], summary["duplicates"], summary["skipped"]) == (
        4,
        3,
        1,
        {"malformed_json": 1},
    )
    assert summary["events"] >= 2

    with Store(db, read_only=True) as store:
        wire = store.con.execute(
            "SELECT id, source, place, text FROM articles WHERE origin LIKE '%wire.txt'"
        ).fetchall()
        [(wire_id, source, place, text)] = wire
        assert (source, place) == ("Reuters", "ANKARA") and text.startswith("Turkey rejected")
        # feed.jsonl sorts before wire.txt, so j2 is the original and the wire copy its duplicate
        assert store.con.execute("SELECT duplicate_of, n_events FROM articles WHERE id = ?", [wire_id]).fetchall() == [
            ("j2", 0)
        ]
        events = store.events()
        texts = dict(store.con.execute("SELECT id, text FROM articles").fetchall())
    assert set(events["doc_id"]) <= {"j2", "j1"}  # duplicates and eventless texts give none
    for row in events.itertuples():
        article = texts[row.doc_id]  # every event traces back to its characters
        assert article[row.trigger_start : row.trigger_end] == row.trigger
        assert row.sentence in article
        assert article[row.source_char_start : row.source_char_end] == row.source_text
    tur_usa = events[(events.source_country == "TUR") & (events.target_country == "USA")]
    assert len(tur_usa) >= 1 and tur_usa.iloc[0]["cameo"].startswith("12")

    again = runner.invoke(app, ["ingest", str(folder), "--db", str(db), "--json"])
    assert json.loads(again.stdout)["new"] == 0

    parquet, gdelt = tmp_path / "e.parquet", tmp_path / "e.tsv"
    assert runner.invoke(app, ["export", str(parquet), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", str(gdelt), "--db", str(db), "--format", "gdelt"]).exit_code == 0
    assert duckdb.sql(f"SELECT count(*) FROM '{parquet}'").fetchall() == [(len(events),)]
    rows = [line.split("\t") for line in gdelt.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(events) and {len(r) for r in rows} == {61}

    listed = runner.invoke(app, ["events", "--db", str(db), "--dyad", "TUR-USA", "--format", "jsonl"])
    assert listed.exit_code == 0 and len(listed.stdout.splitlines()) == len(tur_usa)
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--format", "json"]).stdout)
    assert stats["events"] == len(events) and stats["duplicates"] == 1


@pytest.mark.shared
def test_seed_story_dateline_and_events(nlp, shared_dir, tmp_path):
    import tacitus

    seed = shared_dir / "seed" / "bloomberg-2019-04-03-turkey-nato.txt"
    summary = tacitus.ingest([seed], db=tmp_path / "seed.duckdb")
    assert summary.new == 1 and summary.events > 0
    with Store(tmp_path / "seed.duckdb", read_only=True) as store:
        [(date, source, text)] = store.con.execute("SELECT date, source, text FROM articles").fetchall()
    assert (date.isoformat(), source) == ("2019-04-03", "Bloomberg")
    assert text.startswith("Tensions between Turkey and NATO")
