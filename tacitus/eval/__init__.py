"""Evaluation: score the coder against gold files and the seed story.

    >>> from tacitus.eval import evaluate
    >>> report = evaluate("tests/golden/coding/root12_reject.jsonl")
    >>> report.events.dyad.f1

Readers live in `gold`, pure scoring functions in `score`, the report and its tables in
`report`; `evaluate` is the only part that runs the pipeline. See docs/eval.md.
"""

from tacitus.eval.gold import (
    GoldEvent,
    GoldFile,
    GoldFileError,
    GoldProblem,
    GoldRecord,
    SeedFormatError,
    SeedSpec,
    actor_key,
    read_gold,
    read_seed,
)
from tacitus.eval.report import EvalReport, build_report, compact_event, render_tables
from tacitus.eval.run import evaluate, evaluate_seed, plover_mapping, read_seed_article
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
    "evaluate",
    "evaluate_seed",
    "match_events",
    "penta_class",
    "plover_mapping",
    "read_gold",
    "read_seed",
    "read_seed_article",
    "render_tables",
    "score_events",
    "score_penta",
]
