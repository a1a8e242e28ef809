"""`tacitus enrich`: the enrichers re-run over a stored corpus; nothing is coded again."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _fake_pipeline import FakePipeline

from tacitus.config import Settings
from tacitus.enrich.tone import tone, tone_version
from tacitus.errors import InputError, StoreError
from tacitus.jobs.enrich import ENRICHERS, enrich, merge_stamp
from tacitus.jobs.ingest import ingest
from tacitus.store import Store

STORY = (
    "Alpha rejected Beta. Officials in Alpha condemned the attack on the border post, which killed two guards. "
    "The two governments later welcomed the offer of mediation and praised the peaceful mood of the talks. "
    "Gamma rejected Delta. Delegates from both sides said the meeting had been constructive and useful, "
    "and that a second round would follow in the capital within a month."
)
RAID = "Omega rejected Sigma after a deadly raid."


def _ingest(tmp_path: Path, settings: Settings, pipeline: FakePipeline) -> Path:
    source = tmp_path / "a.jsonl"
    source.write_text(
        json.dumps({"id": "s1", "date": "2024-01-02", "text": STORY})
        + "\n"
        + json.dumps({"id": "s2", "date": "2024-01-02", "text": RAID})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "x.duckdb"
    ingest([source], db=db, pipeline=pipeline, settings=settings)
    return db


def _events(db: Path) -> list[tuple]:
    with Store(db, read_only=True) as store:
        return store.con.execute(
            "SELECT event_id, doc_id, sentence, sentence_tone, article_tone, enrichers FROM events ORDER BY event_id"
        ).fetchall()


def _article_tones(db: Path) -> dict[str, float | None]:
    with Store(db, read_only=True) as store:
        return dict(store.con.execute("SELECT id, tone FROM articles").fetchall())


def test_ingest_stamps_tone_on_articles_and_events(tmp_path):
    db = _ingest(tmp_path, Settings(), FakePipeline())
    tones = _article_tones(db)
    assert tones["s1"] == tone(STORY).tone
    for _, doc_id, sentence, sentence_tone, article_tone, enrichers in _events(db):
        assert sentence_tone == tone(sentence).tone
        assert article_tone == tones[doc_id]
        assert tone_version() in enrichers.split(";")
    # the raid sentence is negative, the story's article tone is its own
    assert tones["s2"] is not None and tones["s2"] < 0


def test_tone_can_be_switched_off_and_enrich_fills_it_without_recoding(tmp_path):
    pipeline = FakePipeline()
    db = _ingest(tmp_path, Settings(tone=False), pipeline)
    before = _events(db)
    assert before and all(row[3] is None and row[4] is None and row[5] is None for row in before)
    assert set(_article_tones(db).values()) == {None}

    summary = enrich(db, only=["tone"], batch_size=1)  # one article a page: exercises the paging
    after = _events(db)
    assert [row[:3] for row in after] == [row[:3] for row in before]  # same events, same ids
    assert pipeline.coded == ["s1", "s2"]  # coded once, at ingest
    assert (summary.articles, summary.events) == (2, len(before))
    tones = _article_tones(db)
    assert tones == {"s1": tone(STORY).tone, "s2": tone(RAID).tone}
    for _, doc_id, sentence, sentence_tone, article_tone, enrichers in after:
        assert sentence_tone == tone(sentence).tone
        assert article_tone == tones[doc_id]
        assert enrichers == tone_version()


def test_enrich_twice_changes_nothing(tmp_path):
    db = _ingest(tmp_path, Settings(), FakePipeline())
    enrich(db, only=["tone", "near_duplicates"])
    once = _events(db)
    enrich(db, only=["tone"])
    assert _events(db) == once


def test_enrich_indexes_originals_missing_from_the_band_index(tmp_path):
    db = _ingest(tmp_path, Settings(near_duplicates=False), FakePipeline())
    with Store(db) as store:
        assert store.con.execute("SELECT count(*) FROM article_bands").fetchone() == (0,)
        summary = enrich(store, only=["near_duplicates"])
        indexed = store.con.execute("SELECT DISTINCT article_id FROM article_bands").fetchall()
    assert summary.indexed == 1  # s2 is too short to index
    assert indexed == [("s1",)]


def test_unknown_enricher_and_missing_store_are_clear_errors(tmp_path):
    with pytest.raises(InputError, match="unknown enricher 'colour'"):
        enrich(tmp_path / "x.duckdb", only=["colour"])
    with pytest.raises(StoreError, match="no event store"):
        enrich(tmp_path / "missing.duckdb")


def test_merge_stamp_replaces_the_same_enricher_and_keeps_others():
    assert merge_stamp(None, "tone@1") == "tone@1"
    assert merge_stamp("geo@a;tone@1", "tone@2") == "geo@a;tone@2"
    assert merge_stamp("tone@2", "geo@b") == "geo@b;tone@2"
    assert "tone" in ENRICHERS


@pytest.mark.model
@pytest.mark.slow
def test_enrich_geo_locates_stored_events_again_without_recoding(tmp_path, pipeline):
    """Locations wiped from a store come back from the stored text, with the same event ids."""
    source = tmp_path / "news.jsonl"
    source.write_text(
        json.dumps(
            {
                "id": "g1",
                "date": "2022-03-01",
                "text": "Russian troops shelled the city of Kharkiv on Tuesday. "
                "The German chancellor met the French president in Paris to discuss sanctions against Russia.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "g.duckdb"
    ingest([source], db=db, pipeline=pipeline)
    query = "SELECT event_id, location, location_country, location_feature FROM events ORDER BY event_id"
    with Store(db) as store:
        before = store.con.execute(query).fetchall()
        assert any(row[1] is not None for row in before), before
        store.con.execute("UPDATE events SET location = NULL, location_country = NULL, location_feature = NULL")
        summary = enrich(store, only=["geo"])
        after = store.con.execute(query).fetchall()
        stamps = [row[0] for row in store.con.execute("SELECT enrichers FROM events").fetchall()]
    assert summary.events == len(before)
    assert after == before
    assert all("geo@" in stamp and "tone@" in stamp for stamp in stamps)


def test_the_switches_come_from_a_config_file(tmp_path):
    config = tmp_path / "tacitus.toml"
    config.write_text('[tacitus]\ntone = false\nnear_duplicates = "no"\n', encoding="utf-8")
    settings = Settings.load(config)
    assert (settings.tone, settings.near_duplicates) == (False, False)
    assert (Settings.load().tone, Settings.load().near_duplicates) == (True, True)
    db = _ingest(tmp_path, settings, FakePipeline())
    assert set(_article_tones(db).values()) == {None}
