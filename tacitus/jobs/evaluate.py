"""The eval job: run the coder over a gold or seed file and score what it found.

This is the impure half (it loads the pipeline and reads the seed article); reading gold
files and scoring live in `tacitus.eval`, as pure functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from tacitus.config import Settings
from tacitus.errors import GoldFileError, RecordError
from tacitus.eval.gold import SeedSpec, is_seed_file, read_gold, read_seed
from tacitus.eval.report import EvalReport, build_report, current_events, plover_of
from tacitus.eval.score import check_seed
from tacitus.models import Article
from tacitus.pipeline import Pipeline, load_pipeline
from tacitus.sources import read_articles


def evaluate(
    path: str | Path,
    *,
    settings: Settings | None = None,
    min_confidence: float | None = None,
    require_dyad: bool | None = None,
    dictionaries: Sequence[str | Path] | None = None,
) -> EvalReport:
    """Code every record of a gold JSONL file (or a seed article) and score the events.

    Args:
        path: a gold JSONL file (docs/eval.md) or a seed ``.json`` with its article beside it.
        settings: pipeline settings; defaults as for `tacitus code`.
        min_confidence, require_dyad, dictionaries: override those settings, as the options
            of `tacitus code` do, so a threshold can be scored before it is used.

    Returns:
        An `EvalReport` (tables via `tacitus.eval.render_tables`, `.to_dict()`, `.to_markdown()`).

    Raises:
        GoldFileError [T051]: the file is missing, unreadable or has no usable record.
        SeedFormatError [T053]: a seed file does not have the documented shape.
    """
    path = Path(path)
    settings = _with_overrides(
        settings, min_confidence=min_confidence, require_dyad=require_dyad, dictionaries=dictionaries
    )
    if is_seed_file(path):
        return evaluate_seed(read_seed(path), settings=settings)
    gold = read_gold(path)
    if not gold.records:
        reasons = "; ".join(problem.message for problem in gold.problems[:3])
        raise GoldFileError(f"gold file '{path}' has no usable record" + (f" ({reasons})" if reasons else ""))
    pipeline = load_pipeline(settings)
    articles = (Article(id=record.id, text=record.text, date=record.date) for record in gold.records)
    predicted = [result.events for result in pipeline.process(articles)]
    return build_report(path, gold, predicted, plover_of=plover_of, meta=_meta(pipeline))


def evaluate_seed(spec: SeedSpec, *, settings: Settings | None = None) -> EvalReport:
    """Code the seed article and check each required, stretch and forbidden entry."""
    article = read_seed_article(spec)
    pipeline = load_pipeline(settings)
    coded = pipeline.code_article(article).events
    events = current_events(coded)
    return EvalReport(
        path=str(spec.path),
        kind="seed",
        records=1,
        predicted_events=len(events),
        no_event=0 if events else 1,
        historical=len(coded) - len(events),
        seed=check_seed(spec.entries, events),
        seed_events=list(events),
        max_events=spec.max_events,
        meta=_meta(pipeline),
    )


def read_seed_article(spec: SeedSpec) -> Article:
    """The seed article, read like any input (`tacitus.sources.read_articles`: the dateline is parsed).

    The seed's ``article_date`` dates an article whose text carries no date.
    """
    if not spec.article.is_file():
        raise GoldFileError(f"seed article '{spec.article}' (named in '{spec.path}') not found")
    for item in read_articles([spec.article]):
        if isinstance(item, RecordError):
            raise GoldFileError(f"seed article '{spec.article}' cannot be read: {item}")
        return item if item.date is not None or spec.article_date is None else replace(item, date=spec.article_date)
    raise GoldFileError(f"seed article '{spec.article}' holds no article")


def _with_overrides(settings: Settings | None, **overrides: Any) -> Settings | None:
    """`settings` (or the loaded defaults) with the given, non-empty overrides applied."""
    given = {key: value for key, value in overrides.items() if value is not None and value != ()}
    if "dictionaries" in given:
        given["dictionaries"] = tuple(Path(item) for item in given["dictionaries"])
    if not given:
        return settings
    return replace(settings or Settings.load(), **given)


def _meta(pipeline: Pipeline) -> dict[str, str]:
    return {"spacy_model": pipeline.settings.spacy_model, "lexicon_version": pipeline.lexicon_version}
