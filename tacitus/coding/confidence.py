"""How sure the coder is of an event: the rule's prior times evidence factors.

The formula is here; its numbers are data (``tacitus/data/lexicon/confidence.tsv``, one
row per factor with a note), so re-weighting is a reviewed data change that also moves
the lexicon version stamped on every event. docs/events.md explains the factors and the
precision each confidence band reaches on the devset.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tacitus.errors import ResourceError
from tacitus.resources import read_tsv

_PATH = "lexicon/confidence.tsv"
FACTORS = (
    "uncoded_source",
    "indirect_source",
    "no_source",
    "uncoded_target",
    "indirect_target",
    "root_only",
    "asserted",
    "reported",
    "intended",
    "threatened",
    "unasserted",
    "derived",
    "far_actor",
    "far_tokens",
    "nominal_reference",
    "statement_with_event",
    "unparsed",
    "floor",
    "ceiling",
)


@dataclass(frozen=True, slots=True)
class RoleEvidence:
    """What the confidence needs to know about a source or target."""

    coded: bool  # the actor has a code, not only its text
    direct: bool  # found through a dependency link, not a fallback
    distance: int  # tokens between the actor and the trigger


@functools.cache
def weights() -> dict[str, float]:
    """The factors of ``confidence.tsv`` by name; every name in `FACTORS` must be there."""
    found: dict[str, float] = {}
    for row in read_tsv(_PATH):
        name = row.get("factor", "").strip()
        try:
            found[name] = float(row.get("value", ""))
        except ValueError:
            raise ResourceError(f"data/{_PATH}: '{name}' needs a number, not '{row.get('value')}'") from None
    missing = [name for name in FACTORS if name not in found]
    if missing:
        raise ResourceError(f"data/{_PATH}: missing factor(s) {', '.join(missing)}")
    return found


def event_confidence(
    prior: float,
    *,
    factor: float,
    cameo: str,
    modality: str,
    derived: bool,
    source: RoleEvidence | None,
    target: RoleEvidence | None,
) -> float:
    """Rule prior × evidence factors, clamped and rounded to 3 places.

    Args:
        prior: the rule's prior (a governing verb's own entry may have raised it).
        factor: an extra factor the coder set (a mentioned nominal event, a statement with coded content).
        cameo: the event code; a bare 2-digit root is less specific.
        modality: asserted / reported / intended / threatened; anything else is unasserted.
        derived: the code was derived through a governing verb.
        source: the source's evidence, None for an event whose doer the sentence does not name.
        target: the target's evidence, None for an event without one.
    """
    w = weights()
    score = prior * factor
    if source is None:
        score *= w["no_source"]
    else:
        score *= 1.0 if source.coded else w["uncoded_source"]
        if not source.direct:
            score *= w["indirect_source"]
    if target is not None:
        score *= 1.0 if target.coded else w["uncoded_target"]
        if not target.direct:
            score *= w["indirect_target"]
    if len(cameo) == 2:
        score *= w["root_only"]
    score *= w[modality] if modality in ("asserted", "reported", "intended", "threatened") else w["unasserted"]
    if derived:
        score *= w["derived"]
    for role in (source, target):
        if role is not None and role.distance > w["far_tokens"]:
            score *= w["far_actor"]
    return bounded(score)


def unparsed_confidence(prior: float) -> float:
    """Confidence of a lone statement coded without a parse (its speaker found by adjacency)."""
    return bounded(prior * weights()["unparsed"])


def bounded(score: float) -> float:
    """`score` clamped to [floor, ceiling] and rounded to 3 places."""
    w = weights()
    return round(max(w["floor"], min(w["ceiling"], score)), 3)
