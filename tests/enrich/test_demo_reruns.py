"""The shipped demo re-runs: regenerated exactly from ids and recipes, and linked to their first copies at ingest."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from _fake_pipeline import FakePipeline

from tacitus.jobs.ingest import ingest
from tacitus.store import Store

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "demo"
sys.path.insert(0, str(REPO / "tools"))

import eval_near_duplicates  # noqa: E402


def test_the_demo_reruns_are_what_the_recipes_make(tmp_path):
    out = tmp_path / "reruns.jsonl"
    eval_near_duplicates.write_demo_reruns(out)
    assert out.read_text(encoding="utf-8") == (DEMO / "demo_reruns.jsonl").read_text(encoding="utf-8")


@pytest.mark.slow
def test_make_demo_links_the_reruns_to_their_originals(tmp_path):
    pipeline = FakePipeline()
    db = tmp_path / "demo.duckdb"
    summary = ingest([DEMO / "demo_corpus.jsonl", DEMO / "demo_reruns.jsonl"], db=db, pipeline=pipeline)
    with Store(db, read_only=True) as store:
        links = store.con.execute(
            "SELECT id, duplicate_of, duplicate_kind FROM articles WHERE duplicate_of IS NOT NULL ORDER BY id"
        ).fetchall()
    # every link goes from a re-run to the article it was made from
    assert links and all(rerun == f"rerun-{original}-{rerun.rsplit('-', 1)[1]}" for rerun, original, _ in links)
    assert {kind for _, _, kind in links} == {"near"}
    assert summary.near_duplicates == len(links) >= 5
    assert not {rerun for rerun, _, _ in links} & set(pipeline.coded)
