"""`evaluate()` end to end with the real pipeline (skipped without the spaCy model)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tacitus.eval import read_seed
from tacitus.jobs.evaluate import evaluate, read_seed_article


@pytest.mark.model
def test_evaluate_scores_every_record_with_the_pipeline(pipeline: Any, tmp_path: Path) -> None:
    records = [
        {
            "id": "a",
            "text": "Chile rejected Peru's proposal on Tuesday.",
            "date": "2021-05-04",
            "events": [{"source": "CHL", "target": "PER", "cameo": "12"}],
            "penta_class": 3,
        },
        {"id": "b", "text": "The weather in Lima was mild.", "events": [], "penta_class": 0},
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    report = evaluate(path)
    assert report.records == 2
    assert report.events is not None and report.events.dyad.gold == 1
    assert report.penta is not None and report.penta.records == 2
    assert report.predicted_events == sum(len(d["predicted"]) for d in report.details)
    assert report.meta["lexicon_version"] == pipeline.lexicon_version
    assert "| level |" in report.to_markdown()


@pytest.mark.model
@pytest.mark.shared
def test_seed_story_is_read_with_its_dateline_and_checked(pipeline: Any, shared_dir: Path) -> None:
    spec = read_seed(shared_dir / "seed" / "expected_events.json")
    article = read_seed_article(spec)
    assert article.date is not None and article.date.isoformat() == "2019-04-03"
    report = evaluate(spec.path)
    assert report.kind == "seed"
    assert [check.entry.id for check in report.seed or []] == ["R1", "R2", "R3", "R4", "S1", "F1", "F2", "F3"]
    assert report.predicted_events == len(report.seed_events)
