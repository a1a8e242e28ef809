"""Evaluation: score the coder against gold files and the seed story.

    >>> from tacitus.jobs.evaluate import evaluate
    >>> report = evaluate("tests/golden/coding/root12_reject.jsonl")
    >>> report.events.dyad.f1

Readers live in `gold`, pure scoring functions in `score`, the report and its tables in
`report`; running the coder over a gold file is a job (`tacitus.jobs.evaluate`). See docs/eval.md.
"""

from tacitus.errors import GoldFileError, SeedFormatError
from tacitus.eval.gold import (
    GoldEvent,
    GoldFile,
    GoldProblem,
    GoldRecord,
    SeedSpec,
    actor_key,
    read_gold,
    read_seed,
)
from tacitus.eval.report import EvalReport, build_report, compact_event, plover_of, render_tables
from tacitus.eval.score import check_seed, confidence_bands, match_events, penta_class, score_events, score_penta

__all__ = [
    "EvalReport",
    "GoldEvent",
    "GoldFile",
    "GoldFileError",
    "GoldProblem",
    "GoldRecord",
    "SeedFormatError",
    "SeedSpec",
    "actor_key",
    "build_report",
    "check_seed",
    "compact_event",
    "confidence_bands",
    "match_events",
    "penta_class",
    "plover_of",
    "read_gold",
    "read_seed",
    "render_tables",
    "score_events",
    "score_penta",
]
