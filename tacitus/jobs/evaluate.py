"""The eval job: run the coder over a gold or seed file and score what it found.

This is the impure half (it loads the pipeline, reads the seed article and the articles
that by-reference gold records point into); reading gold files and scoring live in
`tacitus.eval`, as pure functions.

A by-reference record names a sentence of an article (corpus, doc_id, start, end). The
whole article is coded, once, with the same pipeline as `tacitus ingest`, so the coder
has the context it has in real use (the dateline, earlier actors); the record's events
are those whose trigger lies inside the sentence. Where a corpus is found is said by a
``corpora.json`` beside the gold file (name → path relative to it) or by `corpora`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from tacitus.config import Settings
from tacitus.errors import GoldFileError, RecordError
from tacitus.eval.gold import (
    ArticleSpan,
    GoldEvent,
    GoldFile,
    GoldProblem,
    GoldRecord,
    SeedSpec,
    is_seed_file,
    read_gold,
    read_seed,
)
from tacitus.eval.report import EvalReport, build_report, current_events, plover_of
from tacitus.eval.score import check_seed, match_events
from tacitus.models import Article, Event
from tacitus.pipeline import Pipeline, load_pipeline
from tacitus.sources import read_articles


def evaluate(
    path: str | Path,
    *,
    settings: Settings | None = None,
    min_confidence: float | None = None,
    require_dyad: bool | None = None,
    dictionaries: Sequence[str | Path] | None = None,
    corpora: Mapping[str, str | Path] | None = None,
    split: str | None = None,
) -> EvalReport:
    """Code every record of a gold JSONL file (or a seed article) and score the events.

    Args:
        path: a gold JSONL file (docs/eval.md) or a seed ``.json`` with its article beside it.
        settings: pipeline settings; defaults as for `tacitus code`.
        min_confidence, require_dyad, dictionaries: override those settings, as the options
            of `tacitus code` do, so a threshold can be scored before it is used.
        corpora: corpus name → article file, for by-reference records (on top of the
            ``corpora.json`` beside the gold file). Records whose corpus is not there are
            skipped and reported (``corpus_absent``), the rest is scored.
        split: score only the records of this split ("dev", "test").

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
    if split is not None:
        gold.records = [record for record in gold.records if record.split == split]
    articles = _resolve_articles(gold, _corpora(path, corpora))
    if not gold.records:
        reasons = "; ".join(problem.message for problem in gold.problems[:3])
        raise GoldFileError(f"gold file '{path}' has no usable record" + (f" ({reasons})" if reasons else ""))
    pipeline = load_pipeline(settings)
    predicted = _predict(pipeline, gold.records, articles)
    return build_report(path, gold, predicted, plover_of=plover_of, meta=_meta(pipeline))


@dataclass(frozen=True)
class ScoredRecord:
    """One gold record with the coder's current events for it and which of them match the gold."""

    record: GoldRecord
    gold: list[GoldEvent]  # the record's events, historical ones left out as the report leaves them
    predicted: list[Event]  # the coder's current (not historical) events in the record's sentence
    right: list[tuple[int, int]]  # (gold, predicted) pairs fully right: source, target and root
    typed: list[tuple[int, int]]  # (gold, predicted) pairs of the right root, whatever the actors


def scored_records(
    path: str | Path, pipeline: Pipeline, *, split: str | None = None, rounds: Sequence[int] | None = None
) -> list[ScoredRecord]:
    """Code a gold file's records (of `split` and annotation `rounds`) and match each record's events.

    The event-level view behind `evaluate`'s figures, for the tools that look at single
    events: the error listing (tools/realnews_errors.py) and the verifier's training data.
    """
    gold = read_gold(path)
    gold.records = [
        record
        for record in gold.records
        if (split is None or record.split == split) and (rounds is None or record.round in rounds)
    ]
    articles = _resolve_articles(gold, _corpora(Path(path), None))
    scored = []
    for record, events in zip(gold.records, _predict(pipeline, gold.records, articles), strict=True):
        current = current_events(events)
        golds = [g for g in record.events or () if not g.historical]
        scored.append(
            ScoredRecord(
                record,
                golds,
                current,
                match_events(golds, current, actors=True),
                match_events(golds, current, actors=False),
            )
        )
    return scored


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


def _corpora(path: Path, given: Mapping[str, str | Path] | None) -> dict[str, Path]:
    """Corpus name → article file: the ``corpora.json`` beside the gold file, then `given`."""
    found: dict[str, Path] = {}
    listing = path.parent / "corpora.json"
    if listing.is_file():
        try:
            names = json.loads(listing.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise GoldFileError(f"'{listing}' cannot be read: {exc}") from exc
        found.update({str(name): path.parent / str(file) for name, file in names.items()})
    found.update({name: Path(file) for name, file in (given or {}).items()})
    return found


def _resolve_articles(gold: GoldFile, corpora: Mapping[str, Path]) -> dict[str, Article]:
    """Read the articles by-reference records point into; records that cannot be resolved become problems.

    Each corpus file is streamed once and only the articles named are kept, so a gold file
    over a corpus of millions of articles costs the memory of its own articles.
    """
    wanted: dict[str, set[str]] = {}
    for record in gold.records:
        if record.span is not None:
            wanted.setdefault(record.span.corpus, set()).add(record.span.doc_id)
    articles: dict[str, Article] = {}
    for corpus, ids in wanted.items():
        file = corpora.get(corpus)
        if file is None or not file.exists():
            continue
        for item in read_articles([file]):
            if isinstance(item, Article) and item.id in ids:
                articles[_key(corpus, item.id)] = item
    kept: list[GoldRecord] = []
    for record in gold.records:
        if record.span is None:
            kept.append(record)
            continue
        problem = _resolve_problem(record, record.span, corpora, articles)
        if problem is not None:
            gold.problems.append(GoldProblem(str(gold.path), record.line or 0, *problem))
            continue
        article = articles[_key(record.span.corpus, record.span.doc_id)]
        text = article.text[record.span.start : record.span.end]
        kept.append(replace(record, text=text, date=record.date or article.date))
    gold.records = kept
    return articles


def _resolve_problem(
    record: GoldRecord, span: ArticleSpan, corpora: Mapping[str, Path], articles: Mapping[str, Article]
) -> tuple[str, str] | None:
    """(reason, detail) when the by-reference record `record` (at `span`) cannot be scored, else None."""
    file = corpora.get(span.corpus)
    if file is None or not file.exists():
        return "corpus_absent", f"record '{record.id}': corpus '{span.corpus}' is not available ({file or 'no path'})"
    article = articles.get(_key(span.corpus, span.doc_id))
    if article is None:
        return "article_absent", f"record '{record.id}': article '{span.doc_id}' is not in {file}"
    text = article.text[span.start : span.end]
    if span.end > len(article.text) or (
        span.sha1 and hashlib.sha1(text.encode()).hexdigest()[: len(span.sha1)] != span.sha1
    ):
        return (
            "text_mismatch",
            f"record '{record.id}': the article's text at {span.start}-{span.end} is not the annotated sentence",
        )
    if record.text and record.text != text:
        return (
            "text_mismatch",
            f"record '{record.id}': 'text' differs from the article's text at {span.start}-{span.end}",
        )
    return None


def _key(corpus: str, doc_id: str) -> str:
    return f"{corpus}\x1f{doc_id}"


def _predict(pipeline: Pipeline, records: Sequence[GoldRecord], articles: Mapping[str, Article]) -> list[list[Event]]:
    """One event list per record: plain records coded as they are, by-reference ones in their article."""
    texts: dict[str, Article] = {}
    for record in records:
        if record.span is None:
            texts[record.id] = Article(id=record.id, text=record.text, date=record.date)
        else:
            key = _key(record.span.corpus, record.span.doc_id)
            texts[key] = articles[key]
    coded = {key: result.events for key, result in zip(texts, pipeline.process(texts.values()), strict=True)}
    predicted: list[list[Event]] = []
    for record in records:
        if record.span is None:
            predicted.append(coded[record.id])
            continue
        span = record.span
        events: Iterable[Event] = coded[_key(span.corpus, span.doc_id)]
        predicted.append([e for e in events if span.start <= e.evidence.char_start < span.end])
    return predicted
