"""The real-news gold files: well formed, split by article, and pointing at the right sentences."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tacitus.eval.gold import read_gold
from tacitus.models import Article
from tacitus.sources import read_articles

GOLD = Path(__file__).resolve().parents[2] / "gold" / "realnews"
SPLITS = ("dev", "test")


def _raw_file(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _raw(split: str) -> list[dict]:
    return _raw_file(GOLD / f"{split}.jsonl")


@pytest.mark.parametrize("split", SPLITS)
def test_every_record_reads_cleanly_and_belongs_to_its_split(split: str) -> None:
    gold = read_gold(GOLD / f"{split}.jsonl")
    assert not gold.problems, [p.message for p in gold.problems[:3]]
    drawn = [
        row
        for sample in ("sample.jsonl", *(f"sample-r{n}.jsonl" for n in range(2, 6)))
        for row in _raw_file(GOLD / sample)
    ]
    assert sorted(record.id for record in gold.records) == sorted(row["id"] for row in drawn if row["split"] == split)
    assert {record.split for record in gold.records} == {split}
    assert all(record.span is not None and record.events is not None for record in gold.records)


def test_no_article_has_sentences_in_both_splits() -> None:
    dev, test = ({(r["corpus"], r["doc_id"]) for r in _raw(split)} for split in SPLITS)
    assert dev and test and not dev & test


@pytest.mark.parametrize("split", SPLITS)
def test_only_demo_records_carry_text(split: str) -> None:
    for record in _raw(split):
        if record["corpus"] == "demo":
            continue
        flat = json.dumps(record)
        assert '"text"' not in flat and "note" not in record, record["id"]


def _articles(path: Path, wanted: set[str]) -> dict[str, Article]:
    return {item.id: item for item in read_articles([path]) if isinstance(item, Article) and item.id in wanted}


def _check_sentences(records: list[dict], articles: dict[str, Article]) -> None:
    for record in records:
        text = articles[record["doc_id"]].text[record["start"] : record["end"]]
        assert hashlib.sha1(text.encode()).hexdigest()[: len(record["sha1"])] == record["sha1"], record["id"]
        if "text" in record:
            assert record["text"] == text
        for event in record["events"]:
            for role in ("source", "target", "trigger"):
                span = event.get(role)
                if isinstance(span, dict) and span.get("start") is not None:
                    assert record["start"] <= span["start"] < span["end"] <= record["end"], (record["id"], role)


def test_demo_records_point_at_their_sentences_in_the_shipped_corpus() -> None:
    records = [r for split in SPLITS for r in _raw(split) if r["corpus"] == "demo"]
    corpus = Path(__file__).resolve().parents[2] / "demo" / "demo_corpus.jsonl"
    _check_sentences(records, _articles(corpus, {r["doc_id"] for r in records}))


@pytest.mark.shared
def test_corpora_records_point_at_their_sentences_in_shared(shared_dir: Path) -> None:
    listing = json.loads((GOLD / "corpora.json").read_text(encoding="utf-8"))
    for corpus in ("allsides_political_news", "insightcrime_news"):
        records = [r for split in SPLITS for r in _raw(split) if r["corpus"] == corpus]
        assert records
        _check_sentences(records, _articles(GOLD / listing[corpus], {r["doc_id"] for r in records}))


def test_the_agreement_files_cover_the_same_hundred_sentences() -> None:
    first, second = (read_gold(GOLD / "agreement" / f"{name}.jsonl") for name in ("first_pass", "second_pass"))
    assert not first.problems and not second.problems
    assert sorted(r.id for r in first.records) == sorted(r.id for r in second.records)
    assert len(first.records) == 100
