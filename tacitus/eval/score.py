"""Scoring: pure functions over gold records and predicted events (no pipeline, no I/O).

Definitions (docs/eval.md has the long form):

* Event match: a gold and a predicted event of the same record match when source
  country, target country (country-level keys, see `gold.actor_key`) and CAMEO root are
  equal; a gold target of null matches only a predicted event without a coded target.
  Each event matches at most once (multiset matching), so two identical gold events
  need two predictions. The "root" level ignores the actors.
* Penta class of a root: 0 = 01-02, 1 = 03-05, 2 = 06-08, 3 = 09-13 and 16, 4 = 14-15 and 17-20.
  A sentence's predicted class is the class of its highest-confidence event (ties: the
  first in text order); a sentence with no event counts as wrong.
* Confidence bands: each predicted event is correct when it is matched (event-level
  gold) or, for class-only gold, when its class equals the sentence's gold class.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from tacitus.eval.gold import GoldEvent, GoldRecord, SeedEntry, actor_key
from tacitus.models import Actor, Event
from tacitus.resources import read_tsv

PENTA_NAMES = ("0 statement", "1 verbal coop.", "2 material coop.", "3 verbal conflict", "4 material conflict")

#: Lower edges of the confidence bands; the last band is closed at 1.0.
BAND_EDGES = (0.0, 0.4, 0.6, 0.8)

#: The row/column label for "no event" in confusion tables.
NONE = "-"


@functools.cache
def penta_of_root() -> dict[str, int]:
    """CAMEO root → 5-way class, from the packaged table ``ontology/penta_classes.tsv``."""
    return {row["root"]: int(row["penta"]) for row in read_tsv("ontology/penta_classes.tsv")}


def penta_class(cameo_root: str) -> int:
    """The 5-way class of a CAMEO root ("01"-"20")."""
    try:
        return penta_of_root()[cameo_root[:2]]
    except KeyError:
        raise ValueError(f"not a CAMEO root: {cameo_root!r}") from None


def event_actor_key(actor: Actor | None) -> str | None:
    """The country-level key of a predicted actor: its country, else its whole IGO/NGO code."""
    if actor is None:
        return None
    return actor.country or actor_key(actor.code)


def _gold_matches(gold: GoldEvent, event: Event, *, actors: bool) -> bool:
    if gold.cameo is not None:
        if gold.root != event.cameo_root:
            return False
    elif gold.plover is not None and (event.plover_type or "").upper() != gold.plover.upper():
        return False
    if not actors:
        return True
    return gold.source_key == event_actor_key(event.source) and gold.target_key == event_actor_key(event.target)


def match_events(
    gold: Sequence[GoldEvent], predicted: Sequence[Event], *, actors: bool = True
) -> list[tuple[int, int]]:
    """Pairs (gold index, predicted index) of matching events, each used at most once.

    With ``actors=False`` only the event class (CAMEO root, or PLOVER type where the gold
    event has no CAMEO code) must agree. Predictions are taken highest confidence first,
    so a duplicate low-confidence event is the one left unmatched.
    """
    order = sorted(range(len(predicted)), key=lambda i: -predicted[i].confidence)
    used: set[int] = set()
    pairs = []
    for g, gold_event in enumerate(gold):
        for p in order:
            if p not in used and _gold_matches(gold_event, predicted[p], actors=actors):
                used.add(p)
                pairs.append((g, p))
                break
    return pairs


@dataclass
class Counts:
    """True positives against predicted and gold totals, with P/R/F1."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class FieldScores:
    """How often one field of an event is right, among events whose type is right."""

    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.accuracy, 4)}


#: The fields scored one by one on type-matched pairs (`EventScores.fields`).
FIELDS = ("source", "target", "modality")


@dataclass
class EventScores:
    """Event-level scores over the records that carry an ``events`` list.

    `dyad` is the fully-right count (source, target and root all right); `root` counts the
    type alone. `fields` reads one field at a time on the pairs whose root agrees (matched
    fully first, then by root): of the events whose type is right, how many have the right
    source, target and modality. Gold events marked historical are left out, as the coder's
    historical events are (`gold_historical` counts them).
    """

    records: int = 0
    dyad: Counts = field(default_factory=Counts)  # source country, target country, root
    root: Counts = field(default_factory=Counts)  # root alone
    by_root: dict[str, Counts] = field(default_factory=dict)  # dyad-level counts per gold/predicted root
    confusion_root: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    confusion_plover: Counter[tuple[str, str]] = field(default_factory=Counter)
    matched: dict[str, set[int]] = field(default_factory=dict)  # record id → matched predicted indices
    fields: dict[str, FieldScores] = field(default_factory=lambda: {name: FieldScores() for name in FIELDS})
    gold_historical: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "dyad_root": self.dyad.to_dict(),
            "root": self.root.to_dict(),
            "fields": {name: scores.to_dict() for name, scores in self.fields.items()},
            "gold_historical_not_scored": self.gold_historical,
            "by_root": {root: counts.to_dict() for root, counts in sorted(self.by_root.items())},
            "confusion_root": _confusion_rows(self.confusion_root),
            "confusion_plover": _confusion_rows(self.confusion_plover),
        }


def _confusion_rows(confusion: Counter[tuple[str, str]]) -> list[dict[str, Any]]:
    return [{"gold": g, "predicted": p, "count": n} for (g, p), n in sorted(confusion.items())]


def score_events(
    pairs: Sequence[tuple[GoldRecord, Sequence[Event]]],
    *,
    plover_of: Callable[[str], str | None] | None = None,
) -> EventScores:
    """Event-level P/R/F1 and confusion tables over records annotated with ``events``.

    Confusion: matched events land on the diagonal; leftover gold and predicted events of
    a record are paired (same dyad first, then text order) as substitutions; what is
    still left is a miss (predicted "-") or a spurious event (gold "-").
    `plover_of` maps a CAMEO code to a PLOVER type for gold events that give only CAMEO.
    """
    scores = EventScores()
    for record, events in pairs:
        if record.events is None:
            continue
        scores.records += 1
        gold = [event for event in record.events if not event.historical]
        scores.gold_historical += len(record.events) - len(gold)
        dyad_pairs = match_events(gold, events, actors=True)
        root_pairs = match_events(gold, events, actors=False)
        scores.matched[record.id] = {p for _, p in dyad_pairs}
        for counts, found in ((scores.dyad, dyad_pairs), (scores.root, root_pairs)):
            counts.tp += len(found)
            counts.predicted += len(events)
            counts.gold += len(gold)
        for gold_event in gold:
            scores.by_root.setdefault(gold_event.root or NONE, Counts()).gold += 1
        for predicted in events:
            scores.by_root.setdefault(predicted.cameo_root, Counts()).predicted += 1
        for matched, _ in dyad_pairs:
            scores.by_root[gold[matched].root or NONE].tp += 1
        for typed_gold, typed in _typed_pairs(gold, events, dyad_pairs):
            _score_fields(scores.fields, gold[typed_gold], events[typed])
        for g, p in _align(gold, events, dyad_pairs):
            aligned_gold = gold[g] if g is not None else None
            aligned = events[p] if p is not None else None
            scores.confusion_root[(_root_label(aligned_gold), aligned.cameo_root if aligned else NONE)] += 1
            scores.confusion_plover[(_plover_label(aligned_gold, plover_of), _event_plover(aligned))] += 1
    return scores


def _typed_pairs(
    gold: Sequence[GoldEvent], events: Sequence[Event], matched: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The fully matched pairs, then pairs of the rest whose type (root) agrees."""
    used_gold, used_pred = {g for g, _ in matched}, {p for _, p in matched}
    rest_gold = [g for g in range(len(gold)) if g not in used_gold]
    rest_pred = [p for p in range(len(events)) if p not in used_pred]
    extra = match_events([gold[g] for g in rest_gold], [events[p] for p in rest_pred], actors=False)
    return list(matched) + [(rest_gold[g], rest_pred[p]) for g, p in extra]


def _score_fields(fields: dict[str, FieldScores], gold: GoldEvent, event: Event) -> None:
    checks = {
        "source": gold.source_key == event_actor_key(event.source),
        "target": gold.target_key == event_actor_key(event.target),
    }
    if gold.modality is not None:
        checks["modality"] = gold.modality == event.modality
    for name, right in checks.items():
        fields[name].total += 1
        fields[name].right += int(right)


def _align(
    gold: Sequence[GoldEvent], events: Sequence[Event], matched: list[tuple[int, int]]
) -> list[tuple[int | None, int | None]]:
    pairs: list[tuple[int | None, int | None]] = list(matched)
    left_gold = [g for g in range(len(gold)) if g not in {g for g, _ in matched}]
    left_pred = [p for p in range(len(events)) if p not in {p for _, p in matched}]
    for g in list(left_gold):
        same_dyad = [
            p
            for p in left_pred
            if gold[g].source_key == event_actor_key(events[p].source)
            and gold[g].target_key == event_actor_key(events[p].target)
        ]
        if same_dyad:
            pairs.append((g, same_dyad[0]))
            left_gold.remove(g)
            left_pred.remove(same_dyad[0])
    while left_gold and left_pred:
        pairs.append((left_gold.pop(0), left_pred.pop(0)))
    pairs.extend((g, None) for g in left_gold)
    pairs.extend((None, p) for p in left_pred)
    return pairs


def _root_label(event: GoldEvent | None) -> str:
    if event is None:
        return NONE
    return event.root or f"plover:{event.plover}"


def _plover_label(event: GoldEvent | None, plover_of: Callable[[str], str | None] | None) -> str:
    if event is None:
        return NONE
    if event.plover:
        return event.plover.upper()
    if event.cameo and plover_of is not None:
        return (plover_of(event.cameo) or "?").upper()
    return "?"


def _event_plover(event: Event | None) -> str:
    if event is None:
        return NONE
    return (event.plover_type or "?").upper()


def sentence_class(events: Sequence[Event]) -> int | None:
    """The predicted 5-way class of a sentence: the class of its highest-confidence event."""
    if not events:
        return None
    best = max(range(len(events)), key=lambda i: (events[i].confidence, -i))
    return penta_class(events[best].cameo_root)


@dataclass
class PentaScores:
    """5-way class scores over the records that carry ``penta_class``."""

    records: int = 0
    correct: int = 0
    no_event: int = 0
    per_class: dict[int, Counts] = field(default_factory=lambda: {c: Counts() for c in range(5)})
    confusion: Counter[tuple[int, int | None]] = field(default_factory=Counter)  # (gold, predicted or None)

    @property
    def accuracy(self) -> float:
        return self.correct / self.records if self.records else 0.0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the classes that occur in the gold or the predictions."""
        present = [c for c in self.per_class.values() if c.gold or c.predicted]
        return sum(c.f1 for c in present) / len(present) if present else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "records": self.records,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "no_event": self.no_event,
            "per_class": {str(c): counts.to_dict() for c, counts in self.per_class.items()},
            "confusion": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in sorted(self.confusion.items(), key=lambda kv: (kv[0][0], _sortable(kv[0][1])))
            ],
        }


def _sortable(value: int | None) -> int:
    return 99 if value is None else value


def score_penta(pairs: Sequence[tuple[GoldRecord, Sequence[Event]]]) -> PentaScores:
    """Accuracy and macro-F1 of the sentence class; a sentence with no event is a miss."""
    scores = PentaScores()
    for record, events in pairs:
        if record.penta_class is None:
            continue
        scores.records += 1
        predicted = sentence_class(events)
        gold = record.penta_class
        scores.confusion[(gold, predicted)] += 1
        scores.per_class[gold].gold += 1
        if predicted is None:
            scores.no_event += 1
            continue
        scores.per_class[predicted].predicted += 1
        if predicted == gold:
            scores.correct += 1
            scores.per_class[gold].tp += 1
    return scores


@dataclass(frozen=True)
class Band:
    """Precision of the predicted events whose confidence falls in [low, high)."""

    low: float
    high: float
    events: int
    correct: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.events if self.events else None

    @property
    def label(self) -> str:
        closing = "]" if self.high >= 1.0 else ")"
        return f"[{self.low:.1f}, {self.high:.1f}{closing}"

    def to_dict(self) -> dict[str, Any]:
        precision = self.precision
        return {
            "band": self.label,
            "low": self.low,
            "high": self.high,
            "events": self.events,
            "correct": self.correct,
            "precision": None if precision is None else round(precision, 4),
        }


def precision_at_or_above(bands: Sequence[Band]) -> list[float | None]:
    """For each band, the precision of all events at or above its lower edge.

    This is what ``--min-confidence <low>`` would keep, so it reads as a threshold dial.
    """
    out: list[float | None] = []
    for i in range(len(bands)):
        events = sum(band.events for band in bands[i:])
        correct = sum(band.correct for band in bands[i:])
        out.append(correct / events if events else None)
    return out


def band_index(confidence: float, edges: Sequence[float] = BAND_EDGES) -> int:
    """The band a confidence falls into; values outside [0, 1] go to the nearest end band."""
    index = 0
    for i, low in enumerate(edges):
        if confidence >= low:
            index = i
    return index


def confidence_bands(
    pairs: Sequence[tuple[GoldRecord, Sequence[Event]]],
    *,
    matched: dict[str, set[int]] | None = None,
    edges: Sequence[float] = BAND_EDGES,
) -> list[Band]:
    """Precision per confidence band, to show that precision rises with confidence.

    An event is correct when it is in `matched` (the dyad-level matches of its record,
    from `score_events`); for a record with only ``penta_class``, when its class equals
    the gold class. Records with neither are not counted.
    """
    matched = matched or {}
    totals = [0] * len(edges)
    correct = [0] * len(edges)
    for record, events in pairs:
        for index, event in enumerate(events):
            if record.events is not None:
                hit = index in matched.get(record.id, set())
            elif record.penta_class is not None:
                hit = penta_class(event.cameo_root) == record.penta_class
            else:
                continue
            band = band_index(event.confidence, edges)
            totals[band] += 1
            correct[band] += int(hit)
    highs = [*edges[1:], 1.0]
    return [Band(edges[i], highs[i], totals[i], correct[i]) for i in range(len(edges))]


# --- seed checks -----------------------------------------------------------------------


def entry_matches(entry: SeedEntry, event: Event) -> bool:
    """Whether one event satisfies every constraint of a seed entry."""
    source, target = event_actor_key(event.source), event_actor_key(event.target)
    c = entry.constraints
    source_code = event.source.code if event.source is not None else None
    if "source_country" in c and source != actor_key(c["source_country"]):
        return False
    if "target_country" in c and target != actor_key(c["target_country"]):
        return False
    if "source_code_contains" in c and str(c["source_code_contains"]) not in (source_code or ""):
        return False
    target_code = event.target.code if event.target is not None else None
    if "target_code_contains" in c and str(c["target_code_contains"]) not in (target_code or ""):
        return False
    if "cameo_root" in c and event.cameo_root not in [str(r).zfill(2) for r in c["cameo_root"]]:
        return False
    if "quad_class" in c and event.quad_class not in c["quad_class"]:
        return False
    if "countries_outside" in c:
        allowed = set(c["countries_outside"])
        countries = {a.country for a in (event.source, event.target) if a is not None and a.country}
        if not countries - allowed:
            return False
    same_country = (
        event.source is not None
        and event.target is not None
        and bool(event.source.country)
        and event.source.country == event.target.country
    )
    return not (c.get("same_country_dyad") and not same_country)


@dataclass(frozen=True)
class SeedCheck:
    """The outcome of one seed entry: which events satisfy it and whether that passes."""

    entry: SeedEntry
    matching: tuple[int, ...]  # indices of the events that satisfy the entry
    exempt: tuple[int, ...] = ()  # forbidden only: events that match it but meet a required/stretch entry

    @property
    def passed(self) -> bool:
        """Required/stretch: met by at least one event. Forbidden: matched by none."""
        return not self.matching if self.entry.kind == "forbidden" else bool(self.matching)

    @property
    def outcome(self) -> str:
        if self.entry.kind == "forbidden":
            return "ok" if self.passed else "VIOLATED"
        return "met" if self.passed else "NOT MET"


def check_seed(entries: Sequence[SeedEntry], events: Sequence[Event]) -> list[SeedCheck]:
    """Check each required, stretch and forbidden entry against the article's events.

    An event that meets a required or stretch entry is exempt from the forbidden entries:
    the seed itself asks for it, so a broad prohibition (a whole quad class, say) cannot
    also forbid it. Exempt events are listed in `SeedCheck.exempt`, never hidden.
    """
    wanted = {
        i
        for entry in entries
        if entry.kind != "forbidden"
        for i, event in enumerate(events)
        if entry_matches(entry, event)
    }
    checks = []
    for entry in entries:
        hits = tuple(i for i, event in enumerate(events) if entry_matches(entry, event))
        if entry.kind == "forbidden":
            checks.append(
                SeedCheck(entry, tuple(i for i in hits if i not in wanted), tuple(i for i in hits if i in wanted))
            )
        else:
            checks.append(SeedCheck(entry, hits))
    return checks
