"""The eval job on by-reference gold: sentences of articles read from a corpus, scored in context."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest
from eval.helpers import event  # tests/ is on sys.path (tests/conftest.py)

from tacitus.errors import GoldFileError
from tacitus.jobs import evaluate as evaluate_module
from tacitus.jobs.evaluate import evaluate
from tacitus.models import Article, Evidence

ARTICLE = "Ankara rejected the demand. Later, Russian jets struck Kharkiv. Turkey also rejected talks."
#: What the stand-in coder finds in the article, by trigger word: (source, target, cameo, modality).
FOUND = {
    "rejected": ("TURGOV", "USA", "120", "asserted"),
    "struck": ("RUS", "UKR", "190", "asserted"),
}


class ContextPipeline:
    """Codes a whole article; each trigger word found anywhere becomes an event at its offset."""

    settings = SimpleNamespace(spacy_model="fake_model")
    lexicon_version = "test+0000"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def process(self, articles: Iterable[Article]) -> Iterator[SimpleNamespace]:
        for article in articles:
            self.seen.append(article.id)
            events = []
            for word, (source, target, cameo, modality) in FOUND.items():
                start = article.text.find(word)
                while start >= 0:
                    coded = event(source, target, cameo, doc_id=article.id, trigger=word)
                    evidence = Evidence(0, "", word, start, start + len(word), "test.rule")
                    events.append(replace(coded, evidence=evidence, modality=modality, event_id=f"{word}{start}"))
                    start = article.text.find(word, start + 1)
            yield SimpleNamespace(article=article, events=events)


@pytest.fixture
def pipeline(monkeypatch: pytest.MonkeyPatch) -> ContextPipeline:
    fake = ContextPipeline()
    monkeypatch.setattr(evaluate_module, "load_pipeline", lambda settings: fake)
    return fake


def _sentence(text: str) -> tuple[int, int, str]:
    start = ARTICLE.index(text)
    return start, start + len(text), hashlib.sha1(text.encode()).hexdigest()[:12]


def _record(rid: str, sentence: str, events: list[dict], **extra: object) -> dict:
    start, end, sha1 = _sentence(sentence)
    return {
        "id": rid,
        "corpus": "news",
        "doc_id": "a1",
        "start": start,
        "end": end,
        "sha1": sha1,
        "events": events,
        **extra,
    }


def _write(tmp_path: Path, records: list[dict], *, corpus: bool = True) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    if corpus:
        (tmp_path / "news.jsonl").write_text(json.dumps({"id": "a1", "text": ARTICLE, "date": "2022-03-01"}) + "\n")
        (folder / "corpora.json").write_text(json.dumps({"news": "../news.jsonl"}))
    gold = folder / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return gold


def test_each_sentence_gets_only_the_events_of_its_own_span_and_the_article_is_coded_once(tmp_path, pipeline):
    records = [
        _record(
            "s1",
            "Ankara rejected the demand.",
            [
                {
                    "source": {"code": "TURGOV", "start": 0, "end": 6},
                    "target": "USA",
                    "cameo": "12",
                    "modality": "asserted",
                }
            ],
        ),
        _record(
            "s2",
            "Later, Russian jets struck Kharkiv.",
            [{"source": "RUS", "target": "UKR", "cameo": "19", "modality": "reported"}],
        ),
        _record("s3", "Turkey also rejected talks.", []),
    ]
    report = evaluate(_write(tmp_path, records))
    assert pipeline.seen == ["a1"]
    assert report.records == 3 and report.predicted_events == 3
    assert (report.events.dyad.tp, report.events.dyad.predicted, report.events.dyad.gold) == (2, 3, 2)
    fields = report.events.fields
    assert (fields["source"].right, fields["source"].total) == (2, 2)
    assert (fields["modality"].right, fields["modality"].total) == (1, 2)  # asserted where gold says reported


def test_gold_historical_events_are_left_out_and_counted(tmp_path, pipeline):
    background = {"source": "TUR", "target": "USA", "cameo": "12", "historical": True}
    report = evaluate(_write(tmp_path, [_record("s1", "Ankara rejected the demand.", [background])]))
    assert report.events.gold_historical == 1
    assert (report.events.dyad.gold, report.events.dyad.predicted) == (0, 1)


def test_records_whose_corpus_is_absent_are_reported_and_the_rest_is_scored(tmp_path, pipeline):
    plain = {
        "id": "p1",
        "text": "Russian jets struck Kharkiv.",
        "events": [{"source": "RUS", "target": "UKR", "cameo": "19"}],
    }
    gold = _write(tmp_path, [_record("s1", "Ankara rejected the demand.", []), plain], corpus=False)
    report = evaluate(gold)
    assert report.records == 1 and report.events.dyad.tp == 1
    assert [p.reason for p in report.skipped] == ["corpus_absent"]


def test_a_changed_article_is_caught_by_the_sentence_hash(tmp_path, pipeline):
    record = _record("s1", "Ankara rejected the demand.", [])
    record["sha1"] = "000000000000"
    with pytest.raises(GoldFileError, match="no usable record"):
        evaluate(_write(tmp_path, [record]))


def test_split_keeps_only_that_split(tmp_path, pipeline):
    records = [
        _record("s1", "Ankara rejected the demand.", [], split="dev"),
        _record("s2", "Later, Russian jets struck Kharkiv.", [], split="test"),
    ]
    report = evaluate(_write(tmp_path, records), split="test")
    assert report.records == 1 and report.details[0]["id"] == "s2"


def test_corpus_paths_can_be_given_instead_of_a_corpora_file(tmp_path, pipeline):
    gold = _write(tmp_path, [_record("s1", "Ankara rejected the demand.", [])], corpus=False)
    (tmp_path / "elsewhere.jsonl").write_text(json.dumps({"id": "a1", "text": ARTICLE}) + "\n")
    report = evaluate(gold, corpora={"news": tmp_path / "elsewhere.jsonl"})
    assert report.records == 1 and not report.skipped
