"""The Dask engine: partitions cover the input once, and a LocalCluster run stores what one process stores."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from tacitus.config import DEFAULT_SPACY_MODEL, Settings
from tacitus.errors import ConfigError
from tacitus.jobs.dask_engine import partition_inputs
from tacitus.jobs.ingest import ingest
from tacitus.models import Article
from tacitus.nlp import model_installed
from tacitus.sources import InputFile, expand_paths, read_inputs
from tacitus.store import Store
from tacitus.store.columns import EVENT_COLUMN_NAMES

DEMO = Path(__file__).resolve().parents[2] / "demo" / "demo_corpus.jsonl"


def _jsonl(path: Path, count: int, *, newline_at_end: bool = True) -> Path:
    lines = [json.dumps({"id": f"n{i}", "text": f"Alpha rejected Beta {i}."}) for i in range(count)]
    data = "\n".join(lines) + ("\n" if newline_at_end else "")
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(data.encode()))
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "newline_at_end"), [("a.jsonl", True), ("b.jsonl", False), ("c.jsonl.gz", True)])
def test_line_partitions_hold_every_article_once_in_order(tmp_path, name, newline_at_end):
    source = _jsonl(tmp_path / name, 25, newline_at_end=newline_at_end)
    inputs, _ = expand_paths([source])
    partitions = partition_inputs(inputs, lines=10)
    assert [(p.first_line, p.end_line) for p in partitions] == [(1, 11), (11, 21), (21, 31)]
    articles = [item for _, item in read_inputs(inputs) if isinstance(item, Article)]
    covered = [a.id for p in partitions for a in articles if p.holds(a)]
    assert covered == [a.id for a in articles] and len(covered) == 25


def test_files_that_are_not_line_records_are_one_partition_each(tmp_path):
    (tmp_path / "one.txt").write_text("Alpha rejected Beta.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Gamma rejected Delta.", encoding="utf-8")
    inputs, _ = expand_paths([tmp_path])
    partitions = partition_inputs(inputs)
    assert [(Path(p.path).name, p.first_line, p.index) for p in partitions] == [
        ("one.txt", None, 0),
        ("two.txt", None, 1),
    ]


def test_stdin_cannot_be_partitioned():
    with pytest.raises(ConfigError, match="dask engine reads files"):
        partition_inputs([InputFile("-", "jsonl")])


@pytest.mark.dask
@pytest.mark.model
@pytest.mark.slow
def test_local_cluster_of_two_workers_stores_what_one_process_stores(tmp_path):
    pytest.importorskip("distributed")
    if not model_installed(DEFAULT_SPACY_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_SPACY_MODEL} is not installed")
    source = tmp_path / "demo200.jsonl"
    source.write_text("".join(DEMO.read_text(encoding="utf-8").splitlines(keepends=True)[:200]), encoding="utf-8")
    shards = tmp_path / "shards"
    dask_db, local_db = tmp_path / "dask.duckdb", tmp_path / "local.duckdb"
    summary = ingest(
        [source],
        db=dask_db,
        settings=Settings.load(workers=2),
        engine="dask",
        keep_parquet=shards,
        chunk_size=64,
    )
    ingest([source], db=local_db, settings=Settings.load(workers=1), chunk_size=64)
    assert summary.new == 200

    def tables(db: Path) -> tuple[list[tuple], list[tuple]]:
        # Row order in DuckDB is not insertion order, and cluster ids follow it: compare by event id.
        columns = ", ".join(c for c in EVENT_COLUMN_NAMES if c not in ("enrichers", "cluster_id"))
        with Store(db, read_only=True) as store:
            events = store.con.execute(f"SELECT {columns} FROM events ORDER BY event_id").fetchall()
            articles = store.con.execute("SELECT id, n_sentences, n_events, tone FROM articles ORDER BY id").fetchall()
        return events, articles

    local = tables(local_db)
    assert len(local[0]) > 100
    assert tables(dask_db) == local  # same event ids, same rows
    import pyarrow.parquet as pq

    kept = pq.read_table(shards / "events").num_rows
    assert kept == len(local[0]) == summary.events
