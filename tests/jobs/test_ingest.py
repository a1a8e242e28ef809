from __future__ import annotations

import json
from pathlib import Path

from _fake_pipeline import FakePipeline

from tacitus.jobs.ingest import IngestProgress, ingest
from tacitus.store import Store


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _table(db: Path, sql: str) -> list[tuple]:
    with Store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def test_ingest_codes_and_stores_articles_and_events(tmp_path, fake_pipeline):
    source = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "a1", "date": "2020-01-01", "text": "Alpha rejected Beta. Nothing else."},
            {"id": "a2", "date": "2020-01-02", "text": "Gamma rejected Delta. Omega rejected Sigma."},
        ],
    )
    db = tmp_path / "x.duckdb"
    summary = ingest([source], db=db, pipeline=fake_pipeline)
    assert (summary.read, summary.new, summary.duplicates, summary.events, summary.sentences) == (2, 2, 0, 3, 4)
    assert summary.ok
    assert _table(db, "SELECT id, n_sentences, n_events FROM articles ORDER BY id") == [("a1", 2, 1), ("a2", 2, 2)]
    rows = _table(
        db, "SELECT doc_id, source_code, target_code, cameo, trigger FROM events ORDER BY doc_id, trigger_start"
    )
    assert rows == [
        ("a1", "ALP", "BET", "111", "rejected"),
        ("a2", "GAM", "DEL", "111", "rejected"),
        ("a2", "OME", "SIG", "111", "rejected"),
    ]
    [(finished, summary_json)] = _table(db, "SELECT finished_at IS NOT NULL, summary FROM runs")
    assert finished and json.loads(summary_json)["new"] == 2


def test_reingest_adds_nothing(tmp_path, fake_pipeline):
    source = _jsonl(tmp_path / "a.jsonl", [{"id": f"r{i}", "text": f"Alpha rejected Beta {i}."} for i in range(5)])
    (tmp_path / "bad.jsonl").write_text("{nope\n", encoding="utf-8")
    db = tmp_path / "x.duckdb"
    first = ingest([source, tmp_path / "bad.jsonl"], db=db, pipeline=fake_pipeline)
    before = [_table(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "events", "ingest_errors")]
    second = ingest([source, tmp_path / "bad.jsonl"], db=db, pipeline=fake_pipeline)
    after = [_table(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "events", "ingest_errors")]
    assert before == after == [5, 5, 1]
    assert (first.new, second.new, second.already_present, second.events) == (5, 0, 5, 0)
    assert second.ok  # everything already present is a success
    assert len(fake_pipeline.coded) == 5  # nothing was coded twice


def test_same_text_under_another_id_is_a_duplicate_and_not_coded(tmp_path, fake_pipeline):
    text = "Alpha rejected Beta.\n\nLater the talks ended."
    first = _jsonl(tmp_path / "one.jsonl", [{"id": "orig", "text": text}, {"id": "copy1", "text": text.upper()}])
    second = _jsonl(tmp_path / "two.jsonl", [{"id": "copy2", "text": "  " + text.replace("\n\n", " ")}])
    db = tmp_path / "x.duckdb"
    s1 = ingest([first], db=db, pipeline=fake_pipeline)
    s2 = ingest([second], db=db, pipeline=fake_pipeline)
    assert (s1.new, s1.duplicates, s2.new, s2.duplicates) == (1, 1, 0, 1)
    assert fake_pipeline.coded == ["orig"]
    assert _table(db, "SELECT id, duplicate_of, n_events FROM articles ORDER BY id") == [
        ("copy1", "orig", 0),
        ("copy2", "orig", 0),
        ("orig", None, 1),
    ]
    assert _table(db, "SELECT count(*) FROM events") == [(1,)]


def test_bad_records_go_to_summary_and_table_and_the_rest_is_ingested(tmp_path, fake_pipeline):
    source = tmp_path / "mixed.jsonl"
    source.write_text(
        json.dumps({"id": "ok1", "text": "Alpha rejected Beta."})
        + "\n[1, 2]\n{broken\n"
        + json.dumps({"id": "ok2", "text": "Fine."})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.duckdb"
    summary = ingest([source], db=db, pipeline=fake_pipeline)
    assert summary.new == 2
    assert dict(summary.skipped) == {"not_an_object": 1, "malformed_json": 1}
    assert [(e.line, e.reason) for e in summary.errors] == [(2, "not_an_object"), (3, "malformed_json")]
    rows = _table(db, "SELECT path, line, reason, message FROM ingest_errors ORDER BY line")
    assert [(r[0], r[1], r[2]) for r in rows] == [(str(source), 2, "not_an_object"), (str(source), 3, "malformed_json")]
    assert rows[1][3].startswith("not valid JSON")


def test_nothing_readable_is_not_ok(tmp_path, fake_pipeline):
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    summary = ingest([tmp_path / "bin.txt"], db=tmp_path / "x.duckdb", pipeline=fake_pipeline)
    assert not summary.ok
    assert dict(summary.skipped) == {"binary": 1}


def test_chunks_are_committed_and_progress_is_reported(tmp_path, fake_pipeline):
    source = _jsonl(tmp_path / "a.jsonl", [{"id": f"c{i}", "text": f"Text number {i}."} for i in range(25)])
    updates: list[IngestProgress] = []
    summary = ingest([source], db=tmp_path / "x.duckdb", pipeline=fake_pipeline, chunk_size=10, progress=updates.append)
    assert len(updates) == 4  # once at the start, then after each of the 3 chunks
    assert updates[0].files_total == 1
    assert updates[-1].files_done == updates[-1].files_total == 1
    assert summary.new == 25


def test_front_door_ingest_is_the_function_even_after_the_job_module_is_imported(tmp_path, fake_pipeline):
    import tacitus.jobs.ingest  # noqa: F401  (a submodule import must not shadow the front door's name)

    source = _jsonl(tmp_path / "a.jsonl", [{"id": "f1", "text": "Alpha rejected Beta."}])
    summary = tacitus.ingest([source], db=tmp_path / "x.duckdb", pipeline=fake_pipeline)
    assert summary.new == 1


def test_ingest_into_an_open_store(tmp_path, fake_pipeline, store):
    source = _jsonl(tmp_path / "a.jsonl", [{"id": "s1", "text": "Alpha rejected Beta."}])
    summary = ingest([source], db=store, pipeline=fake_pipeline)
    assert summary.new == 1 and store.count("events") == 1


class _FailsOnPoison(FakePipeline):
    """Raises for any chunk that holds an article with the word POISON, like a coder bug would."""

    def process(self, articles):
        articles = list(articles)
        if any("POISON" in a.text for a in articles):
            raise RuntimeError("coder bug")
        yield from super().process(articles)


def test_an_article_the_pipeline_fails_on_is_reported_and_the_rest_stored(tmp_path):
    source = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "p1", "text": "Alpha rejected Beta."},
            {"id": "p2", "text": "POISON text."},
            {"id": "p3", "text": "Gamma rejected Delta."},
            {"id": "p4", "text": "POISON TEXT."},  # a copy of p2: waits for p2 to be coded
        ],
    )
    db = tmp_path / "x.duckdb"
    summary = ingest([source], db=db, pipeline=_FailsOnPoison())
    assert (summary.new, summary.events, dict(summary.skipped)) == (2, 2, {"pipeline_failed": 1})
    assert summary.duplicates == 0
    assert _table(db, "SELECT id FROM articles ORDER BY id") == [("p1",), ("p3",)]
    [(path, line, reason, message)] = _table(db, "SELECT path, line, reason, message FROM ingest_errors")
    assert (path, line, reason) == (str(source), 2, "pipeline_failed") and "coder bug" in message
    # not stored, so a later run (with a fixed pipeline) codes it
    again = ingest([source], db=db, pipeline=FakePipeline())
    assert (again.new, again.duplicates, again.already_present) == (1, 1, 2)


def test_same_id_with_other_text_is_reported_not_silently_skipped(tmp_path, fake_pipeline):
    first = _jsonl(tmp_path / "one.jsonl", [{"id": "1", "text": "Alpha rejected Beta."}])
    second = _jsonl(
        tmp_path / "two.jsonl",
        [{"id": "1", "text": "A different story."}, {"id": "1", "text": "Alpha rejected Beta."}],
    )
    db = tmp_path / "x.duckdb"
    ingest([first], db=db, pipeline=fake_pipeline)
    summary = ingest([second], db=db, pipeline=fake_pipeline)
    assert (summary.new, summary.already_present, dict(summary.skipped)) == (0, 1, {"id_conflict": 1})
    assert _table(db, "SELECT path, line, reason FROM ingest_errors") == [(str(second), 1, "id_conflict")]
