"""The reviewed golden truth for the coder: reading it, and comparing the coder with it.

`tests/coding/test_golden.py` documents the file format and the review rule; this module
holds the parts that the test, the ``--update-golden`` report and a reviewer at the
prompt share::

    .venv/bin/python -m tests.coding.golden          # the report, without pytest

Nothing here runs the coder except `code_case`, and nothing here writes a file: the
expected files are written by reviewers, never from the coder's output.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.eval import actor_key, read_gold
from tacitus.eval.gold import GoldRecord
from tacitus.models import Actor, Article, Event

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "coding"
CASES = sorted(GOLDEN.glob("*.jsonl"))

MODALITIES = ("asserted", "reported", "intended", "threatened")
_CAMEO = re.compile(r"^\d{2,4}$")
_WORD = re.compile(r"[\w'’-]+")


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the record's text: what it says, and where (character offsets)."""

    text: str
    start: int
    end: int
    code: str | None = None  # actor spans only

    @property
    def head(self) -> tuple[int, int]:
        """The offsets of the span's head word: its last word (spans carry no post-modifiers)."""
        words = list(_WORD.finditer(self.text))
        if not words:
            return self.start, self.end
        last = words[-1]
        return self.start + last.start(), self.start + last.end()

    @property
    def key(self) -> str | None:
        return actor_key(self.code)


@dataclass(frozen=True, slots=True)
class ExpectedEvent:
    source: Span | None
    target: Span | None
    trigger: Span
    cameo: str
    modality: str
    historical: bool


@dataclass(frozen=True, slots=True)
class ExpectedRecord:
    id: str
    events: tuple[ExpectedEvent, ...]
    known_failure: str | None = None
    note: str | None = None


def expected_path(case: Path) -> Path:
    return case.with_name(f"{case.stem}.events.json")


def _span(raw: Any, *, actor: bool) -> Span | None:
    if raw is None:
        return None
    return Span(raw["text"], raw["start"], raw["end"], raw.get("code") if actor else None)


def read_expected(case: Path) -> dict[str, ExpectedRecord]:
    """The reviewed truth of a case, by record id, in file order."""
    raw = json.loads(expected_path(case).read_text(encoding="utf-8"))
    records = {}
    for record_id, entry in raw.items():
        events = tuple(
            ExpectedEvent(
                source=_span(item["source"], actor=True),
                target=_span(item["target"], actor=True),
                trigger=Span(item["trigger"]["text"], item["trigger"]["start"], item["trigger"]["end"]),
                cameo=item["cameo"],
                modality=item["modality"],
                historical=item["historical"],
            )
            for item in entry["events"]
        )
        records[record_id] = ExpectedRecord(record_id, events, entry.get("known_failure"), entry.get("note"))
    return records


def problems(record: GoldRecord, expected: ExpectedRecord) -> list[str]:
    """What is malformed in an expected record (offsets that do not hold their text, bad codes)."""
    found = []
    for n, event in enumerate(expected.events, start=1):
        where = f"{record.id} event {n}"
        for name, span in (("source", event.source), ("target", event.target), ("trigger", event.trigger)):
            if span is None:
                continue
            if record.text[span.start : span.end] != span.text:
                found.append(f"{where}: {name} {span.text!r} is not at {span.start}:{span.end}")
            if span.code is not None and span.code != span.code.upper():
                found.append(f"{where}: {name} code {span.code!r} is not upper case")
        if not _CAMEO.match(event.cameo) or not 1 <= int(event.cameo[:2]) <= 20:
            found.append(f"{where}: cameo {event.cameo!r} is not a CAMEO code")
        if event.modality not in MODALITIES:
            found.append(f"{where}: modality {event.modality!r} is not one of {', '.join(MODALITIES)}")
        if not isinstance(event.historical, bool):
            found.append(f"{where}: historical must be true or false")
    if expected.known_failure is not None and not expected.known_failure.strip():
        found.append(f"{record.id}: known_failure is empty")
    return found


# --- comparison ------------------------------------------------------------------------


def predicted_key(actor: Actor | None) -> str | None:
    """A predicted actor's key: its country, or its whole code when it has none (as `actor_key`)."""
    if actor is None:
        return None
    return actor.country or actor_key(actor.code)


def overlaps(start: int | None, end: int | None, span: Span) -> bool:
    return start is not None and end is not None and start < span.end and span.start < end


def actor_span_matches(actor: Actor | None, span: Span) -> bool:
    """Overlaps the expected span and covers its head word."""
    if actor is None or actor.char_start is None or actor.char_end is None:
        return False
    head_start, head_end = span.head
    return (
        overlaps(actor.char_start, actor.char_end, span)
        and actor.char_start <= head_start
        and head_end <= actor.char_end
    )


def _actor_differences(name: str, expected: Span | None, actor: Actor | None) -> list[str]:
    key = predicted_key(actor)
    if (expected.key if expected else None) != key:
        return [name]
    if expected is None or actor is None:
        # No expected actor, or an expected actor the text names without a code and the
        # coder left out: nothing more to compare.
        return []
    if not actor_span_matches(actor, expected):
        return [f"{name} span"]
    return []


def differences(expected: ExpectedEvent, event: Event) -> list[str]:
    """The compared fields on which `event` differs from `expected` (empty: a match)."""
    found = _actor_differences("source", expected.source, event.source)
    found += _actor_differences("target", expected.target, event.target)
    if event.cameo[:2] != expected.cameo[:2]:
        found.append("root")
    elif not event.cameo.startswith(expected.cameo):
        found.append("code")
    if event.modality != expected.modality:
        found.append("modality")
    if event.historical != expected.historical:
        found.append("historical")
    if not overlaps(event.evidence.char_start, event.evidence.char_end, expected.trigger):
        found.append("trigger")
    return found


@dataclass
class Comparison:
    """One record: which expected events the coder produced, and what is left over."""

    matched: int = 0
    missed: list[tuple[ExpectedEvent, Event | None, list[str]]] = field(default_factory=list)
    spurious: list[Event] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missed and not self.spurious


def compare(expected: Sequence[ExpectedEvent], predicted: Sequence[Event]) -> Comparison:
    """Pair expected and predicted events one to one: exact matches first, then the closest.

    A missed expected event is reported with the predicted event that agrees with it on
    the most fields (if any is left) and the fields on which they differ.
    """
    result = Comparison()
    left = list(predicted)
    unmatched = []
    for want in expected:
        exact = next((event for event in left if not differences(want, event)), None)
        if exact is None:
            unmatched.append(want)
        else:
            left.remove(exact)
            result.matched += 1
    for want in unmatched:
        if not left:
            result.missed.append((want, None, ["no event"]))
            continue
        closest = min(left, key=lambda event: len(differences(want, event)))
        diff = differences(want, closest)
        if {"root", "source", "target"} <= set(diff):
            result.missed.append((want, None, ["no event"]))
            continue
        left.remove(closest)
        result.missed.append((want, closest, diff))
    result.spurious = left
    return result


# --- describing events -----------------------------------------------------------------


def show_expected(event: ExpectedEvent) -> str:
    def actor(span: Span | None) -> str:
        return "-" if span is None else f"{span.code or '?'} '{span.text}'@{span.start}"

    flags = " historical" if event.historical else ""
    return (
        f"{actor(event.source)} {event.cameo} {actor(event.target)} "
        f"[{event.modality}{flags}] trigger '{event.trigger.text}'@{event.trigger.start}"
    )


def show_event(event: Event) -> str:
    def actor(a: Actor | None) -> str:
        return "-" if a is None else f"{a.code or '?'} '{a.text}'@{a.char_start}"

    flags = " historical" if event.historical else ""
    return (
        f"{actor(event.source)} {event.cameo} {actor(event.target)} "
        f"[{event.modality}{flags}] trigger '{event.evidence.trigger}'@{event.evidence.char_start}"
    )


def explain(comparison: Comparison) -> list[str]:
    lines = []
    for want, got, diff in comparison.missed:
        lines.append(f"  expected {show_expected(want)}")
        lines.append(f"       got {show_event(got)}  (differs: {', '.join(diff)})" if got else "       got nothing")
    lines += [f"  spurious {show_event(event)}" for event in comparison.spurious]
    return lines


# --- running the coder and reporting ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class CaseRun:
    records: tuple[GoldRecord, ...]
    expected: dict[str, ExpectedRecord]
    predicted: tuple[tuple[Event, ...], ...]


def code_case(pipeline: Any, case: Path) -> CaseRun:
    """Code every record of a case in one `pipeline.process` call."""
    gold = read_gold(case)
    if gold.problems:
        raise ValueError("; ".join(problem.message for problem in gold.problems))
    articles = (Article(id=record.id, text=record.text, date=record.date) for record in gold.records)
    predicted = tuple(tuple(result.events) for result in pipeline.process(articles))
    return CaseRun(tuple(gold.records), read_expected(case), predicted)


@dataclass
class Tally:
    """Counts over many records: records that pass, known failures, precision and recall."""

    records: int = 0
    passing: int = 0
    known_failures: int = 0
    known_failures_passing: int = 0
    unexpected_failures: int = 0
    expected_events: int = 0
    predicted_events: int = 0
    matched_events: int = 0
    events_known_wrong: int = 0

    def add(self, expected: ExpectedRecord, comparison: Comparison, predicted: int) -> None:
        self.records += 1
        self.expected_events += len(expected.events)
        self.predicted_events += predicted
        self.matched_events += comparison.matched
        if comparison.ok:
            self.passing += 1
            self.known_failures_passing += expected.known_failure is not None
        elif expected.known_failure is not None:
            self.known_failures += 1
            self.events_known_wrong += len(comparison.missed) + len(comparison.spurious)
        else:
            self.unexpected_failures += 1

    @property
    def precision(self) -> float:
        return self.matched_events / self.predicted_events if self.predicted_events else 1.0

    @property
    def recall(self) -> float:
        return self.matched_events / self.expected_events if self.expected_events else 1.0

    def summary(self) -> str:
        return (
            f"golden records: {self.records}, passing {self.passing}, known failures {self.known_failures} "
            f"({self.events_known_wrong} events known wrong: missed, mis-coded or spurious), "
            f"unexpected failures {self.unexpected_failures}, known failures now passing "
            f"{self.known_failures_passing}; events: {self.expected_events} expected, "
            f"{self.predicted_events} predicted, {self.matched_events} matched "
            f"(precision {self.precision:.3f}, recall {self.recall:.3f})"
        )


def report(runs: Iterable[tuple[Path, CaseRun]]) -> tuple[str, Tally]:
    """The records whose output differs from the reviewed truth, for a reviewer to judge."""
    tally = Tally()
    lines = []
    for case, run in runs:
        for record, predicted in zip(run.records, run.predicted, strict=True):
            expected = run.expected[record.id]
            comparison = compare(expected.events, predicted)
            tally.add(expected, comparison, len(predicted))
            if comparison.ok and expected.known_failure is None:
                continue
            if comparison.ok:
                status = f"now passes; remove known_failure ({expected.known_failure})"
            elif expected.known_failure is not None:
                status = f"known failure: {expected.known_failure}"
            else:
                status = "NEW FAILURE"
            lines.append(f"{case.stem} / {record.id}: {status}")
            lines.append(f"  text: {record.text}")
            lines += explain(comparison)
    lines.append(tally.summary())
    return "\n".join(lines), tally


def render_expected(records: Sequence[dict[str, Any]]) -> str:
    """An expected file, one event per line so that a review diff shows each event.

    `records` are ``{"id", "events", "known_failure"?, "note"?}`` dicts with JSON-ready events.
    """
    lines = ["{"]
    for n, record in enumerate(records):
        comma = "," if n < len(records) - 1 else ""
        head = {key: record[key] for key in ("known_failure", "note") if record.get(key)}
        opening = json.dumps(head, ensure_ascii=False)[:-1]
        opening = f"{opening}, " if head else "{"
        events = record["events"]
        if not events:
            lines.append(f'  {json.dumps(record["id"])}: {opening}"events": []}}{comma}')
            continue
        lines.append(f'  {json.dumps(record["id"])}: {opening}"events": [')
        for m, event in enumerate(events):
            inner = "," if m < len(events) - 1 else ""
            lines.append(f"    {json.dumps(event, ensure_ascii=False)}{inner}")
        lines.append(f"  ]}}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main() -> None:  # pragma: no cover - a reviewer's shortcut
    from tacitus.pipeline import load_pipeline

    pipeline = load_pipeline()
    text, _ = report((case, code_case(pipeline, case)) for case in CASES)
    print(text)


if __name__ == "__main__":  # pragma: no cover
    main()
