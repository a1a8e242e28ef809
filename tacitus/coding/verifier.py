"""The event verifier: a small learned model of how often an event like this one is fully right.

The coder's raw score (`confidence.py`: a rule's prior times evidence factors) is a guess
written by hand. The verifier replaces it with what real news says: a logistic model over a
few dozen coarse features of the coded event (its CAMEO root, modality, how its code was
derived, what kind of source and target it has, where their countries came from, whether
it sits in a quote or a question, the steps of the raw score it reaches), trained with thinc on the
real-news dev split (`make train`, `tools/train_verifier.py`), the test split never read.

The weights are data, ``tacitus/data/lexicon/verifier.tsv`` (feature, weight), so an
event's confidence can be explained term by term (`explain`), and the same input and data
version always give the same number.
"""

from __future__ import annotations

import functools
import math

from tacitus.errors import ResourceError
from tacitus.models import Actor, Event
from tacitus.resources import read_tsv

_PATH = "lexicon/verifier.tsv"
BIAS = "bias"
#: Raw-score steps the verifier sees the hand-written score through: one feature per step the score
#: reaches, so each step's weight adds to the ones below it (a monotone map can be learned)
RAW_STEPS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8)
QUOTE_MARKS = ('"', "\u201c", "\u201d")


def event_features(event: Event) -> list[str]:
    """The coarse, named features of an event the verifier weighs (no words of the text itself)."""
    rule = event.evidence.rule
    steps = rule.split("+")
    base = steps[-1]
    sentence = event.evidence.sentence
    quoted = any(mark in sentence for mark in QUOTE_MARKS)
    features = [
        f"root:{event.cameo_root}",
        f"specific:{len(event.cameo) > 2}",
        f"modality:{event.modality}",
        f"trigger:{'noun' if base.endswith('.n') else 'verb'}",
        f"question:{'?' in sentence}",
        f"quoted:{quoted}",
        f"long:{len(sentence) > 200}",
    ]
    features += [f"raw>={step}" for step in RAW_STEPS if event.confidence >= step]
    features += [f"derived:{step.split(':')[0]}" for step in steps[:-1]] or ["derived:none"]
    features += _actor_features("source", event.source)
    features += _actor_features("target", event.target)
    if event.source is not None and event.target is not None and event.source.country:
        features.append(f"same_country:{event.source.country == event.target.country}")
    return features


def _actor_features(side: str, actor: Actor | None) -> list[str]:
    if actor is None:
        return [f"{side}:none"]
    if actor.code is None:
        return [f"{side}:uncoded"]
    kind = "international" if actor.country is None else ("state" if actor.sector is None else "sector")
    return [f"{side}:{kind}", f"{side}_country:{_rule_kind(actor.country_rule)}"]


def _rule_kind(country_rule: str | None) -> str:
    """Whether a country came from the actor's own words or from the context (docs/actors.md)."""
    if country_rule is None:
        return "none"
    return "phrase" if country_rule == "country.phrase" else "context"


@functools.cache
def verifier_weights() -> dict[str, float]:
    """The packaged weights: feature -> weight, with the bias under ``bias``."""
    weights: dict[str, float] = {}
    for row in read_tsv(_PATH):
        try:
            weights[row["feature"]] = float(row["weight"])
        except (KeyError, ValueError):
            raise ResourceError(f"data/{_PATH}: every row needs a 'feature' and a numeric 'weight' ({row})") from None
    if BIAS not in weights:
        raise ResourceError(f"data/{_PATH}: the '{BIAS}' row is missing")
    return weights


def score(features: list[str], weights: dict[str, float]) -> float:
    """The chance an event with these features is fully right: the logistic of bias plus weights."""
    total = weights[BIAS] + sum(weights.get(name, 0.0) for name in features)
    return 1.0 / (1.0 + math.exp(-total))


def verified_confidence(event: Event) -> float:
    """The verifier's confidence for an event that still carries the coder's raw score."""
    return round(score(event_features(event), verifier_weights()), 3)


def explain(event: Event) -> list[tuple[str, float]]:
    """The terms behind an event's verified confidence, largest effect first (bias included)."""
    weights = verifier_weights()
    terms = [(BIAS, weights[BIAS])] + [(name, weights.get(name, 0.0)) for name in event_features(event)]
    return sorted(terms, key=lambda term: -abs(term[1]))
