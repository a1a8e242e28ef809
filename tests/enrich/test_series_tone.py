"""`tacitus series` carries the mean tone of the period's event sentences (tone_mean)."""

from __future__ import annotations

import json
import math

import pytest
from _fake_pipeline import FakePipeline

from tacitus.analysis.series import series
from tacitus.config import Settings
from tacitus.enrich.tone import tone
from tacitus.jobs.ingest import ingest

SENTENCES = {
    "2024-01-01": "Alpha rejected Beta in a brutal and violent dispute.",
    "2024-01-03": "Alpha rejected Beta, but praised the peaceful talks.",
    "2024-01-09": "Alpha rejected Beta and welcomed a fruitful, friendly agreement.",
}


def _store(tmp_path, settings: Settings):  # type: ignore[no-untyped-def]
    source = tmp_path / "a.jsonl"
    source.write_text(
        "".join(json.dumps({"id": f"d{i}", "date": d, "text": t}) + "\n" for i, (d, t) in enumerate(SENTENCES.items())),
        encoding="utf-8",
    )
    db = tmp_path / "x.duckdb"
    ingest([source], db=db, pipeline=FakePipeline(), settings=settings)
    return db


def test_tone_mean_is_the_mean_sentence_tone_per_period(tmp_path):
    frame = series(_store(tmp_path, Settings()), dyad="ALP-BET", by="week")
    first, second = frame.iloc[0], frame.iloc[1]
    # The fake coder's event sentence is the article's first sentence.
    week_one = [tone(SENTENCES["2024-01-01"]).tone, tone(SENTENCES["2024-01-03"]).tone]
    assert first["events"] == 2
    assert first["tone_mean"] == pytest.approx(sum(week_one) / 2)
    assert second["tone_mean"] == pytest.approx(tone(SENTENCES["2024-01-09"]).tone)
    assert second["tone_mean"] > first["tone_mean"]


def test_tone_mean_is_missing_where_tone_is_off(tmp_path):
    frame = series(_store(tmp_path, Settings(tone=False)), dyad="ALP-BET", by="week")
    assert list(frame["events"]) == [2, 1]
    assert all(math.isnan(value) for value in frame["tone_mean"])


def test_the_gdelt_export_gives_the_article_tone_as_avgtone(tmp_path):
    from tacitus.store import Store
    from tacitus.store.exporters import gdelt_columns

    db = _store(tmp_path, Settings())
    out = tmp_path / "events.tsv"
    with Store(db, read_only=True) as store:
        assert store.export(out, format="gdelt") == 3
    column = gdelt_columns().index("AvgTone")
    tones = sorted(float(line.split("\t")[column]) for line in out.read_text(encoding="utf-8").splitlines())
    assert tones == pytest.approx(sorted(tone(text).tone for text in SENTENCES.values()))
