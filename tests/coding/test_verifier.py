"""The event verifier: named features of an event, weights read as data, a logistic score."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tacitus.coding.verifier import (
    BIAS,
    RAW_STEPS,
    event_features,
    explain,
    score,
    verified_confidence,
    verifier_weights,
)
from tacitus.models import Actor, Article, Event, Evidence

REPO = Path(__file__).resolve().parents[2]


def _event(*, target: Actor | None, rule: str = "criticize.v", confidence: float = 0.7) -> Event:
    return Event(
        event_id="e",
        doc_id="d",
        date="2024-05-02",
        source=Actor("Kenya", "KEN", "KEN", None, "Kenya", 0, 5, "country.phrase"),
        target=target,
        cameo="111",
        cameo_root="11",
        quad_class=3,
        goldstein=-2.0,
        plover_type=None,
        plover_mode=None,
        evidence=Evidence(0, "Kenya criticized Uganda.", "criticized", 6, 16, rule),
        confidence=confidence,
        modality="asserted",
        lexicon_version="test",
    )


UGANDA = Actor("Uganda", "UGA", "UGA", None, "Uganda", 17, 23, "country.phrase")


def test_features_name_what_kind_of_event_it_is() -> None:
    features = event_features(_event(target=UGANDA))
    assert {"root:11", "modality:asserted", "source:state", "target:state", "same_country:False"} <= set(features)
    assert "derived:none" in features
    # the raw score 0.7 reaches every step up to 0.7 and none above: a weight per step, summed
    assert {f for f in features if f.startswith("raw>=")} == {f"raw>={s}" for s in RAW_STEPS if s <= 0.7}
    assert "raw>=0.75" not in features and "raw>=0.3" in features
    derived = event_features(_event(target=UGANDA, rule="reject:refuse+meet.v"))
    assert "derived:reject" in derived and "derived:none" not in derived


def test_features_see_no_target_and_an_uncoded_one() -> None:
    assert "target:none" in event_features(_event(target=None))
    uncoded = Actor("the protesters", None, None, None, None, 17, 31)
    assert "target:uncoded" in event_features(_event(target=uncoded))


def test_score_is_the_logistic_of_bias_plus_weights() -> None:
    weights = {BIAS: 0.0, "a": 2.0, "b": -1.0}
    assert score([], weights) == pytest.approx(0.5)
    assert score(["a"], weights) > score([], weights) > score(["b"], weights)
    assert score(["a", "unknown"], weights) == pytest.approx(score(["a"], weights))


def test_shipped_weights_give_a_deterministic_probability_and_its_explanation() -> None:
    weights = verifier_weights()
    assert BIAS in weights and len(weights) > 10
    event = _event(target=UGANDA)
    first, second = verified_confidence(event), verified_confidence(event)
    assert 0.0 < first < 1.0 and first == second
    terms = explain(event)
    assert BIAS in {name for name, _ in terms} and "root:11" in {name for name, _ in terms}
    assert [abs(w) for _, w in terms] == sorted((abs(w) for _, w in terms), reverse=True)
    assert score([name for name, _ in terms if name != BIAS], weights) == pytest.approx(first, abs=1e-3)


@pytest.mark.model
def test_the_pipeline_reports_the_verifier_confidence_of_the_raw_event() -> None:
    from tacitus.pipeline import load_pipeline

    article = Article(id="t", text="Kenya strongly criticized Uganda on Monday.", date=dt.date(2024, 5, 2))
    raw = load_pipeline(calibrate=False).code_article(article).events
    verified = load_pipeline().code_article(article).events
    assert raw and [e.event_id for e in raw] == [e.event_id for e in verified]
    assert [verified_confidence(e) for e in raw] == [e.confidence for e in verified]
    assert replace(raw[0], confidence=verified[0].confidence) == verified[0]


@pytest.mark.slow
@pytest.mark.model
def test_training_reproduces_the_shipped_weights(shared_dir: Path) -> None:
    # the dev split reads ../shared/corpora; the same code and data must give the same file
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "train_verifier.py"), "--check", "--no-cv"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
