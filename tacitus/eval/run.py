"""`evaluate(path)`: run the coder over a gold or seed file and score what it found.

This is the impure half (it loads the pipeline and reads the seed article); the scoring
itself lives in `tacitus.eval.score` and `tacitus.eval.report`, as pure functions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacitus.config import Settings
from tacitus.errors import ResourceError
from tacitus.eval.gold import GoldFileError, SeedSpec, is_seed_file, read_gold, read_seed
from tacitus.eval.report import EvalReport, build_report, current_events
from tacitus.eval.score import check_seed
from tacitus.models import Article

if TYPE_CHECKING:
    from tacitus.pipeline import Pipeline


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
    pipeline = _pipeline(settings)
    articles = (Article(id=record.id, text=record.text, date=record.date) for record in gold.records)
    predicted = [result.events for result in pipeline.process(articles)]
    return build_report(path, gold, predicted, plover_of=plover_mapping(), meta=_meta(pipeline))


def evaluate_seed(spec: SeedSpec, *, settings: Settings | None = None) -> EvalReport:
    """Code the seed article and check each required, stretch and forbidden entry."""
    article = read_seed_article(spec)
    pipeline = _pipeline(settings)
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
    """The seed article through the ingest reader for its suffix (which parses the dateline).

    Falls back to the raw text dated by the seed's ``article_date`` when no reader is
    registered for the suffix.
    """
    from tacitus.errors import InputError
    from tacitus.registry import readers

    if not spec.article.is_file():
        raise GoldFileError(f"seed article '{spec.article}' (named in '{spec.path}') not found")
    entry = readers.for_suffix(spec.article.name)
    if entry is not None:
        try:
            with spec.article.open("rb") as stream:
                items = list(entry.func(stream, path=str(spec.article)))
        except InputError as exc:
            raise GoldFileError(f"seed article '{spec.article}' cannot be read: {exc}") from exc
        for item in items:
            if isinstance(item, InputError):  # readers yield bad records instead of raising them
                raise GoldFileError(f"seed article '{spec.article}' cannot be read: {item}")
            if isinstance(item, Article):
                return item if item.date is not None or spec.article_date is None else _with_date(item, spec)
    text = spec.article.read_text(encoding="utf-8")
    return Article(id=spec.article.stem, text=text, date=spec.article_date)


def _with_date(article: Article, spec: SeedSpec) -> Article:
    return replace(article, date=spec.article_date)


def plover_mapping() -> Callable[[str], str | None] | None:
    """CAMEO code → PLOVER type from the packaged mapping table, or None where it is not shipped."""
    from tacitus.resources import read_tsv

    try:
        rows = read_tsv("ontology/plover_cameo_mapping.tsv")
    except (ResourceError, OSError):
        return None
    table = {row.get("cameo_code", ""): row.get("plover_event", "") for row in rows}

    def plover_of(cameo: str) -> str | None:
        for length in (len(cameo), 3, 2):
            value = table.get(cameo[:length])
            if value:
                return None if value == "dropped" else value
        return None

    return plover_of


def _with_overrides(settings: Settings | None, **overrides: Any) -> Settings | None:
    """`settings` (or the loaded defaults) with the given, non-empty overrides applied."""
    given = {key: value for key, value in overrides.items() if value is not None and value != ()}
    if "dictionaries" in given:
        given["dictionaries"] = tuple(Path(item) for item in given["dictionaries"])
    if not given:
        return settings
    return replace(settings or Settings.load(), **given)


def _pipeline(settings: Settings | None) -> Pipeline:
    from tacitus.pipeline import load_pipeline

    return load_pipeline(settings)


def _meta(pipeline: Pipeline) -> dict[str, str]:
    return {"spacy_model": pipeline.settings.spacy_model, "lexicon_version": pipeline.lexicon_version}
