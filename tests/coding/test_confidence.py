"""The confidence formula: prior × evidence factors from data/lexicon/confidence.tsv, clamped."""

from __future__ import annotations

import pytest

from tacitus.coding.confidence import (
    FACTORS,
    RoleEvidence,
    bounded,
    event_confidence,
    unparsed_confidence,
    weights,
)

DIRECT = RoleEvidence(coded=True, direct=True, distance=1)


def score(prior: float = 0.8, **overrides):  # type: ignore[no-untyped-def]
    args = {"factor": 1.0, "cameo": "190", "modality": "asserted", "derived": False, "source": DIRECT, "target": None}
    return event_confidence(prior, **{**args, **overrides})


def test_every_factor_is_in_the_data_file_and_each_factor_is_at_most_one():
    table = weights()
    assert set(FACTORS) <= set(table)
    assert all(0.0 < table[name] <= 1.0 for name in FACTORS if name != "far_tokens")


def test_a_fully_supported_asserted_event_keeps_its_prior():
    assert score(0.8) == 0.8
    assert score(0.8, target=DIRECT) == 0.8


def test_evidence_factors_multiply():
    uncoded_fallback = RoleEvidence(coded=False, direct=False, distance=1)
    assert score(0.8, source=uncoded_fallback) == pytest.approx(round(0.8 * 0.7 * 0.7, 3))
    assert score(0.8, modality="reported") == pytest.approx(round(0.8 * 0.85, 3))
    assert score(0.8, modality="negated") == pytest.approx(round(0.8 * 0.3, 3))
    assert score(0.8, cameo="19", derived=True) == pytest.approx(round(0.8 * 0.9 * 0.95, 3))
    far = RoleEvidence(coded=True, direct=True, distance=13)
    assert score(0.8, source=far) == pytest.approx(round(0.8 * 0.9, 3))
    assert score(0.8, source=RoleEvidence(coded=True, direct=True, distance=12)) == 0.8  # 12 tokens is not far


def test_confidence_is_clamped_and_rounded():
    assert bounded(1.5) == 0.99
    assert bounded(0.0) == 0.01
    assert bounded(0.12345) == 0.123
    assert unparsed_confidence(0.55) == round(0.55 * 0.9, 3)
