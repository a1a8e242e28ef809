"""Near-duplicates: MinHash estimates Jaccard, and a re-run wire story is linked at ingest, not coded again."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from _fake_pipeline import FakePipeline

from tacitus.config import Settings
from tacitus.enrich.near_duplicates import (
    BANDS,
    THRESHOLD,
    MinHasher,
    containment,
    estimate_jaccard,
    jaccard,
    shingles,
)
from tacitus.jobs.ingest import ingest
from tacitus.store import Store

# A wire story written for these tests; "Alpha rejected Beta." is what the fake pipeline codes.
WIRE = (
    "Alpha rejected Beta. The foreign ministry of Alpha said on Monday that the proposal sent by Beta last week "
    "did not answer its concerns about the shared river and the dams planned upstream. Officials in the capital "
    "told reporters that talks would resume only after the technical committee had met again. Beta's envoy, who "
    "arrived late on Sunday, declined to comment before a meeting with the prime minister. Farmers along the "
    "river have protested for weeks against lower water levels, and the regional governor asked both sides to "
    "settle the matter before the planting season begins in the spring."
)
# The same story as another outlet re-ran it: new headline line, last sentence cut, two words changed.
RERUN = (
    "River row deepens. "
    + WIRE.replace("on Monday", "on Monday evening").replace("told reporters", "told journalists").rsplit(". ", 1)[0]
    + "."
)
# Same actors, same topic, same day: another story, which must stay apart.
OTHER = (
    "Alpha rejected Beta. A second round of negotiations over the river ended without a joint statement, "
    "diplomats from both delegations said late on Monday. Engineers from Beta presented new figures on the "
    "reservoir's capacity, but the Alpha side asked for an independent survey of the flow downstream. A "
    "spokeswoman for the water agency said the data would be published next month. Opposition lawmakers in "
    "Alpha called for a parliamentary debate on the dispute, and farmers' unions announced a march for Friday."
)


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _articles(db: Path) -> dict[str, tuple]:
    with Store(db, read_only=True) as store:
        rows = store.con.execute(
            "SELECT id, duplicate_of, duplicate_kind, duplicate_similarity, n_events FROM articles"
        ).fetchall()
    return {row[0]: row[1:] for row in rows}


def _event_docs(db: Path) -> list[str]:
    with Store(db, read_only=True) as store:
        return [row[0] for row in store.con.execute("SELECT doc_id FROM events ORDER BY doc_id").fetchall()]


def test_minhash_estimates_jaccard():
    hasher = MinHasher()  # the shipped 120 functions: standard error at most 0.046
    rng = np.random.default_rng(7)
    universe = np.unique(rng.integers(0, 2**63, size=5000, dtype=np.uint64))
    for shared in (0, 200, 500, 800, 1000):
        a = universe[:1000]
        b = np.concatenate([universe[1000 - shared : 1000], universe[2000 : 2000 + 1000 - shared]])
        b = np.unique(b)
        exact = jaccard(a, b)
        estimate = estimate_jaccard(hasher.signature(a), hasher.signature(b))
        assert estimate == pytest.approx(exact, abs=0.1), (shared, exact, estimate)


def test_band_keys_are_equal_for_equal_sets_and_rarely_shared_for_unrelated_ones():
    hasher = MinHasher()
    same = shingles(WIRE)
    assert np.array_equal(hasher.band_keys(hasher.signature(same)), hasher.band_keys(hasher.signature(same.copy())))
    shared = np.intersect1d(
        hasher.band_keys(hasher.signature(shingles(WIRE))), hasher.band_keys(hasher.signature(shingles(OTHER)))
    )
    assert len(shared) == 0


def test_shingles_ignore_case_punctuation_and_spacing():
    assert np.array_equal(shingles("Alpha rejected Beta, on Monday!"), shingles("alpha  rejected beta on monday"))
    assert len(shingles("one two three four five six")) == 2
    assert len(shingles("too short")) == 1


def test_containment_is_one_for_a_trimmed_copy_and_low_for_another_story():
    trimmed = WIRE.rsplit(". ", 2)[0] + "."
    assert containment(shingles(WIRE), shingles(trimmed)) == 1.0
    assert jaccard(shingles(WIRE), shingles(trimmed)) < 1.0
    assert containment(shingles(WIRE), shingles(RERUN)) >= THRESHOLD
    assert containment(shingles(WIRE), shingles(OTHER)) < 0.1


def test_a_rerun_wire_story_is_linked_not_coded_and_another_story_stays_apart(tmp_path):
    pipeline = FakePipeline()
    source = _jsonl(
        tmp_path / "day.jsonl",
        [
            {"id": "wire", "date": "2024-03-04", "text": WIRE},
            {"id": "rerun", "date": "2024-03-04", "text": RERUN},
            {"id": "other", "date": "2024-03-04", "text": OTHER},
        ],
    )
    db = tmp_path / "x.duckdb"
    summary = ingest([source], db=db, pipeline=pipeline)
    assert pipeline.coded == ["wire", "other"]
    assert (summary.new, summary.duplicates, summary.near_duplicates) == (2, 1, 1)
    articles = _articles(db)
    duplicate_of, kind, similarity, n_events = articles["rerun"]
    assert (duplicate_of, kind, n_events) == ("wire", "near", 0)
    assert THRESHOLD <= similarity < 1.0
    assert similarity == pytest.approx(containment(shingles(WIRE), shingles(RERUN)), abs=1e-4)
    assert articles["other"][:2] == (None, None)
    assert _event_docs(db) == ["other", "wire"]  # one event each; the re-run adds none


def test_exact_duplicates_say_exact(tmp_path):
    source = _jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": WIRE}, {"id": "b", "text": WIRE.upper()}])
    db = tmp_path / "x.duckdb"
    ingest([source], db=db, pipeline=FakePipeline())
    assert _articles(db)["b"][:3] == ("a", "exact", 1.0)


def test_the_index_persists_across_ingest_runs(tmp_path):
    db = tmp_path / "x.duckdb"
    first = FakePipeline()
    ingest([_jsonl(tmp_path / "monday.jsonl", [{"id": "wire", "text": WIRE}])], db=db, pipeline=first)
    with Store(db, read_only=True) as store:
        bands = store.con.execute("SELECT count(*), count(DISTINCT article_id) FROM article_bands").fetchone()
    assert bands == (BANDS, 1)
    second = FakePipeline()
    summary = ingest(
        [_jsonl(tmp_path / "tuesday.jsonl", [{"id": "rerun", "text": RERUN}, {"id": "other", "text": OTHER}])],
        db=db,
        pipeline=second,
    )
    assert second.coded == ["other"]
    assert summary.near_duplicates == 1
    assert _articles(db)["rerun"][:2] == ("wire", "near")
    with Store(db, read_only=True) as store:  # only originals are indexed
        indexed = {row[0] for row in store.con.execute("SELECT DISTINCT article_id FROM article_bands").fetchall()}
    assert indexed == {"wire", "other"}


def test_near_duplicates_can_be_switched_off(tmp_path):
    pipeline = FakePipeline()
    source = _jsonl(tmp_path / "day.jsonl", [{"id": "wire", "text": WIRE}, {"id": "rerun", "text": RERUN}])
    db = tmp_path / "x.duckdb"
    summary = ingest([source], db=db, pipeline=pipeline, settings=Settings(near_duplicates=False))
    assert pipeline.coded == ["wire", "rerun"]
    assert summary.near_duplicates == 0
    assert _articles(db)["rerun"][:2] == (None, None)


def test_candidates_are_capped_and_the_best_copy_wins(tmp_path):
    from tacitus.enrich.near_duplicates import MAX_CANDIDATES, _prepare, _stored_candidates
    from tacitus.jobs.enrich import enrich
    from tacitus.models import Article

    # MAX_CANDIDATES + 5 versions of one story, stored as originals (near-duplicates off), then indexed
    versions = [WIRE.replace("Monday", f"day {i}").replace("spring", f"season {i}") for i in range(MAX_CANDIDATES + 5)]
    source = _jsonl(tmp_path / "v.jsonl", [{"id": f"v{i:02d}", "text": t} for i, t in enumerate(versions)])
    db = tmp_path / "x.duckdb"
    ingest([source], db=db, pipeline=FakePipeline(), settings=Settings(near_duplicates=False))
    with Store(db) as store:
        assert enrich(store, only=["near_duplicates"]).indexed == len(versions)
        prepared = _prepare([Article(id="new", text=versions[7])], MinHasher())
        found = _stored_candidates(store.con, prepared)
    assert 0 < len(found[0]) <= MAX_CANDIDATES
    assert "v07" in {article_id for article_id, _ in found[0]}  # the identical text shares every band


def test_a_linked_rerun_is_a_further_mention_of_its_first_copys_cluster(tmp_path):
    source = _jsonl(
        tmp_path / "a.jsonl",
        [
            {"id": "wire", "date": "2024-03-04", "source": "Wire", "text": WIRE},
            {"id": "rerun", "date": "2024-03-05", "source": "Other Daily", "text": RERUN},
        ],
    )
    db = tmp_path / "x.duckdb"
    ingest([source], db=db, pipeline=FakePipeline())
    with Store(db, read_only=True) as store:
        clusters = store.con.execute("SELECT n_events, n_mentions, n_articles, n_sources FROM clusters").fetchall()
    assert clusters == [(1, 2, 2, 2)]  # one coded event, reported by both outlets


def test_the_ingest_command_reports_near_copies(tmp_path, runner, monkeypatch):
    from tacitus.cli import app

    pipeline = FakePipeline()
    monkeypatch.setattr("tacitus.pipeline.load_pipeline", lambda settings=None, **_: pipeline)
    source = _jsonl(tmp_path / "day.jsonl", [{"id": "wire", "text": WIRE}, {"id": "rerun", "text": RERUN}])
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", str(source), "--db", str(db), "--json", "--workers", "1"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["duplicates"], summary["near_duplicates"]) == (1, 1, 1)
    result = runner.invoke(app, ["ingest", str(source), "--db", str(tmp_path / "y.duckdb"), "--workers", "1"])
    assert "of the duplicates, near copies" in result.output
