"""The worker pool: results in input order, the same as one process gives, failures isolated, small input local."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from _fake_pipeline import FakePipeline

sys.path.insert(0, str(Path(__file__).parent))

from _parallel_fakes import PidPipeline, PoisonPipeline  # noqa: E402

from tacitus.config import DEFAULT_SPACY_MODEL, Settings  # noqa: E402
from tacitus.jobs.code import code_file  # noqa: E402
from tacitus.jobs.ingest import ingest  # noqa: E402
from tacitus.jobs.parallel import ParallelPipeline, available_cores, open_pipeline, resolve_workers  # noqa: E402
from tacitus.models import Article  # noqa: E402
from tacitus.nlp import model_installed  # noqa: E402

DEMO = Path(__file__).resolve().parents[2] / "demo" / "demo_corpus.jsonl"
NAMES = ["Alpha", "Beta", "Gamma", "Delta", "Omega", "Sigma", "Kappa"]


def _articles(count: int) -> list[Article]:
    """Articles of different lengths, so that chunks finish out of order."""
    return [
        Article(
            id=f"a{i:03d}",
            text=" ".join(f"{NAMES[(i + k) % 7]} rejected {NAMES[(i + k + 1) % 7]}." for k in range(1 + i % 5)),
        )
        for i in range(count)
    ]


def _summary(results) -> list[tuple[str, int, list[str]]]:  # type: ignore[no-untyped-def]
    return [(r.article.id, r.sentences, [e.event_id for e in r.events]) for r in results]


def test_results_come_back_in_input_order_and_equal_one_process():
    articles = _articles(41)
    with ParallelPipeline(workers=2, factory=PidPipeline, task_size=3, max_in_flight=4) as pool:
        results = list(pool.process(iter(articles)))
        assert pool.started
    assert _summary(results) == _summary(FakePipeline().process(articles))
    assert os.getpid() not in {pid for r in results for pid in r.mentions}  # coded by the workers, not here


def test_one_chunk_is_coded_here_without_starting_workers():
    with ParallelPipeline(workers=2, factory=FakePipeline, task_size=8) as pool:
        results = list(pool.process(_articles(8)))
        assert not pool.started
        assert list(pool.process([])) == []
    assert [r.article.id for r in results] == [a.id for a in _articles(8)]


def test_workers_start_only_above_the_local_limit_whatever_the_task_size():
    with ParallelPipeline(workers=2, factory=PidPipeline, task_size=2, local_limit=6) as pool:
        few = list(pool.process(_articles(6)))
        assert not pool.started  # three tasks' worth, but too few articles to pay for starting workers
        many = list(pool.process(_articles(7)))
        assert pool.started
    assert {pid for r in few for pid in r.mentions} == {os.getpid()}
    assert os.getpid() not in {pid for r in many for pid in r.mentions}
    assert _summary(many) == _summary(FakePipeline().process(_articles(7)))


def test_a_failing_article_costs_only_itself_in_ingest(tmp_path):
    records = [{"id": a.id, "text": a.text} for a in _articles(30)]
    records[17]["text"] = "POISON rejected Alpha."
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with ParallelPipeline(workers=2, factory=PoisonPipeline, task_size=4) as pool:
        summary = ingest([source], db=tmp_path / "x.duckdb", pipeline=pool)
    assert (summary.new, dict(summary.skipped)) == (29, {"pipeline_failed": 1})
    assert "a017" in summary.errors[0].message and "cannot code poison" in summary.errors[0].message


def test_workers_resolve_to_every_core_by_default():
    assert resolve_workers(0) == resolve_workers(None) == available_cores() >= 1
    assert resolve_workers(3) == 3
    with open_pipeline(Settings.load(workers=1), factory=FakePipeline) as one:
        assert isinstance(one, FakePipeline)  # one worker: no pool at all
    with open_pipeline(Settings.load(workers=1), workers=2, factory=FakePipeline) as two:
        assert isinstance(two, ParallelPipeline) and two.workers == 2


def _model() -> None:
    if not model_installed(DEFAULT_SPACY_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_SPACY_MODEL} is not installed")


@pytest.mark.model
@pytest.mark.slow
def test_two_workers_code_what_one_process_codes_byte_for_byte(tmp_path):
    _model()
    source = tmp_path / "demo20.jsonl"
    source.write_text("".join(DEMO.read_text(encoding="utf-8").splitlines(keepends=True)[:20]), encoding="utf-8")
    outputs = [
        [json.dumps(event.to_dict(), ensure_ascii=False) for event in code_file(source, workers=workers)]
        for workers in (1, 2)
    ]
    assert len(outputs[0]) > 20, "the demo articles hold events"
    assert outputs[1] == outputs[0]  # same events, same ids, same order


def _stored(db: Path) -> tuple[list[tuple], list[tuple]]:  # type: ignore[type-arg]
    from tacitus.store import Store

    with Store(db, read_only=True) as store:
        articles = store.con.execute("SELECT id, duplicate_of, n_events FROM articles ORDER BY id").fetchall()
        events = store.con.execute("SELECT event_id, doc_id FROM events ORDER BY event_id").fetchall()
    return articles, events


def test_ingest_on_workers_codes_the_next_chunk_while_writing_and_stores_what_one_process_does(tmp_path):
    records = [{"id": a.id, "text": a.text} for a in _articles(40)]
    records[25]["text"] = records[3]["text"]  # a copy in a later chunk: stored as a duplicate, not coded
    records[33] = dict(records[30])  # the same record again, in the same chunk
    records[38]["text"] = "POISON rejected Alpha."  # fails on a worker: isolated, as in one process
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    one = ingest([source], db=tmp_path / "one.duckdb", pipeline=PoisonPipeline(), chunk_size=8)
    with ParallelPipeline(workers=2, factory=PoisonPipeline, task_size=2, local_limit=2) as pool:
        two = ingest([source], db=tmp_path / "two.duckdb", pipeline=pool, chunk_size=8)
        again = ingest([source], db=tmp_path / "two.duckdb", pipeline=pool, chunk_size=8)

    def counts(summary):  # type: ignore[no-untyped-def]
        return summary.new, summary.duplicates, summary.already_present, summary.events, dict(summary.skipped)

    assert counts(two) == counts(one)
    assert one.duplicates >= 2 and one.already_present == 1 and one.skipped == {"pipeline_failed": 1}
    assert _stored(tmp_path / "two.duckdb") == _stored(tmp_path / "one.duckdb")
    assert (again.new, again.already_present, again.skipped) == (0, len(records) - 1, {"pipeline_failed": 1})


def test_prefetched_results_are_the_processed_ones_in_order():
    articles = _articles(11)
    with ParallelPipeline(workers=2, factory=PidPipeline, task_size=3, local_limit=4) as pool:
        assert pool.prefetch(articles[:4]) is None  # too few to start workers for
        prefetched = pool.prefetch(articles)
        assert prefetched is not None and pool.started
        results = prefetched.results()
    assert _summary(results) == _summary(FakePipeline().process(articles))
