"""The ingest job: read articles, code them and store articles and events in DuckDB.

    paths ─► readers (one per format, streaming) ─► dedup against the store
          ─► pipeline.process (chunks) ─► Store.write_chunk (one transaction per chunk)

Nothing here holds more than two chunks in memory (on workers, one being written while the
next is coded). Bad records never stop a run: readers
yield `RecordError`s, which are counted, returned in the summary and stored in the
`ingest_errors` table. Re-running the same command adds nothing, and a run killed at
any point resumes cleanly, because each chunk is committed whole and articles already
stored are skipped before they reach the pipeline. Formats and reasons: docs/ingest.md.

Example:
    >>> summary = tacitus.ingest(["news/"], db="events.duckdb")
    >>> summary.new, summary.events
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tacitus._version import __version__
from tacitus.analysis.clusters import update_clusters
from tacitus.config import Settings
from tacitus.errors import ConfigError, RecordError, TacitusError
from tacitus.jobs.enrich import enrich_chunk, link_near_duplicates
from tacitus.models import Article
from tacitus.sources import InputFile, expand_paths, read_inputs
from tacitus.store import ArticleRow, Store, bare_message

if TYPE_CHECKING:
    from tacitus.jobs.parallel import Prefetched
    from tacitus.pipeline import ArticleResult

__all__ = ["IngestProgress", "IngestSummary", "ingest", "ingest_chunk"]

#: Articles (and bad records) per transaction: a killed run loses at most one chunk of work.
CHUNK_SIZE = 128

#: Bad records kept in the summary object; all of them go to the ingest_errors table.
MAX_ERRORS_IN_SUMMARY = 1000


class ArticlePipeline(Protocol):
    """What ingest needs from a pipeline (tacitus.pipeline.Pipeline, or a stand-in in tests)."""

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]: ...


@dataclass
class IngestSummary:
    """What an ingest run did. `ok` is False when nothing at all could be ingested."""

    db: str
    files: int = 0
    read: int = 0  # good articles read
    new: int = 0  # stored and coded now
    duplicates: int = 0  # same text as a stored article under another id: stored, not coded
    near_duplicates: int = 0  # of those, near-copies (tacitus.enrich.near_duplicates) rather than exact ones
    already_present: int = 0  # id already in the store (a re-run): nothing done
    skipped: Counter[str] = field(default_factory=Counter)  # bad records by reason
    ignored_files: int = 0  # files in folders with no reader for their suffix
    invalid_dates: int = 0  # articles kept with date None because their date was unreadable
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0
    errors: list[RecordError] = field(default_factory=list)  # the first MAX_ERRORS_IN_SUMMARY

    @property
    def ok(self) -> bool:
        return self.read > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "db": self.db,
            "files": self.files,
            "read": self.read,
            "new": self.new,
            "duplicates": self.duplicates,
            "near_duplicates": self.near_duplicates,
            "already_present": self.already_present,
            "skipped": dict(sorted(self.skipped.items())),
            "ignored_files": self.ignored_files,
            "invalid_dates": self.invalid_dates,
            "sentences": self.sentences,
            "events": self.events,
            "seconds": round(self.seconds, 3),
            "errors": [
                {"path": e.path, "line": e.line, "reason": e.reason, "message": bare_message(e)} for e in self.errors
            ],
        }


@dataclass(frozen=True)
class IngestProgress:
    """Passed to the `progress` callback once at the start and after every committed chunk."""

    files_done: int
    files_total: int
    summary: IngestSummary


def ingest(
    paths: Sequence[str | Path],
    *,
    db: str | Path | Store,
    settings: Settings | None = None,
    pipeline: ArticlePipeline | None = None,
    format: str | None = None,
    progress: Callable[[IngestProgress], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
    workers: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    keep_parquet: str | Path | None = None,
) -> IngestSummary:
    """Read `paths`, code every new article and store articles, events and bad records in `db`.

    Args:
        paths: files, folders (searched recursively) or "-" for standard input.
        db: the DuckDB file (created when missing) or an open Store.
        settings: pipeline settings; defaults to Settings.load().
        pipeline: the pipeline to code with; defaults to load_pipeline(settings).
        format: a reader name (jsonl, txt, csv, tsv, html) forcing the format of every input.
        progress: called after each committed chunk (the CLI draws its progress bar from it).
        chunk_size: articles per transaction.
        workers: processes coding articles (default: settings.workers, 0 = every core; docs/scale.md).
        engine: "local" (this machine's cores) or "dask" (a Dask cluster; docs/scale.md).
        scheduler: the Dask scheduler's address (engine "dask"; default: a LocalCluster).
        keep_parquet: a folder where the Dask workers' Parquet shards are kept (engine "dask").

    Returns:
        The run's IngestSummary; `summary.ok` is False when nothing could be read.
    """
    if engine == "dask":
        from tacitus.jobs.dask_engine import ingest_dask

        return ingest_dask(
            paths,
            db=db,
            settings=settings,
            format=format,
            progress=progress,
            chunk_size=chunk_size,
            workers=workers,
            scheduler=scheduler,
            keep_parquet=keep_parquet,
        )
    if engine != "local":
        raise ConfigError(f"unknown engine '{engine}'; known: local, dask")
    started = time.perf_counter()
    inputs, ignored = expand_paths(paths, format=format)
    with ExitStack() as cleanup:
        if pipeline is None:
            from tacitus.jobs.parallel import open_pipeline

            pipeline = cleanup.enter_context(open_pipeline(settings, workers=workers))  # stopped at the end
            chunk_size = max(chunk_size, getattr(pipeline, "batch_articles", 0))  # work for every worker
        # The enrichers' switches (tone, near_duplicates): the pipeline's own settings when none are given.
        settings = settings or getattr(pipeline, "settings", None) or Settings.load()
        if isinstance(db, Store):
            return _ingest_into(db, inputs, ignored, pipeline, progress, chunk_size, started, paths, settings)
        with Store(db) as store:
            return _ingest_into(store, inputs, ignored, pipeline, progress, chunk_size, started, paths, settings)


def _ingest_into(
    store: Store,
    inputs: list[InputFile],
    ignored: int,
    pipeline: ArticlePipeline,
    progress: Callable[[IngestProgress], None] | None,
    chunk_size: int,
    started: float,
    paths: Sequence[str | Path],
    settings: Settings,
) -> IngestSummary:
    summary = IngestSummary(db=str(store.path), files=len(inputs), ignored_files=ignored)
    run_id = store.start_run(
        [str(p) for p in paths],
        tacitus_version=__version__,
        lexicon_version=getattr(pipeline, "lexicon_version", None),
    )
    files_done = 0
    chunk: list[Article | RecordError] = []
    waiting: tuple[list[Article | RecordError], Prefetched | None, int] | None = None  # read, not yet written
    if progress is not None:
        progress(IngestProgress(0, len(inputs), summary))

    def flush(items: list[Article | RecordError], prefetched: Prefetched | None, files: int) -> None:
        _ingest_chunk(store, items, pipeline, summary, run_id, settings, prefetched)
        summary.seconds = time.perf_counter() - started
        if progress is not None:
            progress(IngestProgress(files, len(inputs), summary))

    # On workers, a chunk is handed to them as soon as it is read, and the one before it is
    # written while they code it: the parent's store work no longer leaves them waiting.
    for file_index, item in read_inputs(inputs):
        if file_index > files_done:
            files_done = file_index
        chunk.append(item)
        if len(chunk) >= chunk_size:
            prefetched = _prefetch(store, pipeline, chunk)
            if waiting is not None:
                flush(*waiting)
            waiting, chunk = (chunk, prefetched, files_done), []
    prefetched = _prefetch(store, pipeline, chunk)
    if waiting is not None:
        flush(*waiting)
    flush(chunk, prefetched, len(inputs))
    summary.seconds = time.perf_counter() - started
    store.finish_run(run_id, summary.to_dict())
    return summary


def _prefetch(store: Store, pipeline: ArticlePipeline, items: list[Article | RecordError]) -> Prefetched | None:
    """Hand a chunk's likely-new articles to the workers before the chunk ahead of it is written.

    Which articles are new is settled only after that write (`_ingest_chunk`), so this is a
    guess from the store as it is now: ids and texts already stored, and repeats within the
    chunk, are left out. A guess that codes too much wastes only work (the extra results are
    dropped); an article it left out is coded when its chunk is written. Coding does not read
    the store, so the events are those of coding the chunk then.
    """
    prefetch = getattr(pipeline, "prefetch", None)
    if prefetch is None:
        return None  # one process: nothing to overlap with
    articles = [item for item in items if isinstance(item, Article)]
    present = store.hashes_by_id(article.id for article in articles)
    stored = store.originals_by_hash(article.content_hash for article in articles)
    seen: set[str] = set()
    likely: list[Article] = []
    for article in articles:
        if article.id in present or article.content_hash in stored or article.content_hash in seen:
            continue
        seen.add(article.content_hash)
        likely.append(article)
    result: Prefetched | None = prefetch(likely)
    return result


def _code(
    pipeline: ArticlePipeline, articles: list[Article], prefetched: Prefetched | None = None
) -> tuple[list[ArticleResult], list[RecordError]]:
    """Code a chunk (taking what `prefetched` coded already); on failure, article by article to find the culprit.

    An article the pipeline cannot code is reported (reason ``pipeline_failed``) and not stored,
    so a later run with a fixed pipeline codes it. Tacitus's own errors (a missing model, a bad
    dictionary) are not about one article and still stop the run.
    """
    if prefetched is not None:
        try:
            done = {(r.article.id, r.article.content_hash): r for r in prefetched.results()}
        except TacitusError:
            raise
        except Exception:  # noqa: BLE001  (a failing article: coded again below, where it is isolated)
            done = {}
        rest, rest_failures = _code(pipeline, [a for a in articles if (a.id, a.content_hash) not in done])
        coded = {(r.article.id, r.article.content_hash): r for r in rest}
        coded.update(done)
        return [coded[key] for a in articles if (key := (a.id, a.content_hash)) in coded], rest_failures
    if not articles:
        return [], []
    try:
        return list(pipeline.process(articles)), []
    except TacitusError:
        raise
    except Exception:  # noqa: BLE001  (isolate the article below; its error is reported there)
        pass
    results: list[ArticleResult] = []
    failures: list[RecordError] = []
    for article in articles:
        try:
            results.extend(pipeline.process([article]))
        except TacitusError:
            raise
        except Exception as exc:  # noqa: BLE001  (one article must not cost the run)
            path, line = _split_origin(article.origin or article.id)
            message = f"article '{article.id}' could not be coded: {type(exc).__name__}: {exc}"
            failures.append(RecordError(message, path=path, line=line, reason="pipeline_failed"))
    return results, failures


def _id_conflict(article: Article) -> RecordError:
    """Same id, different text: not the same article again, so say so instead of skipping silently."""
    path, line = _split_origin(article.origin or article.id)
    return RecordError(
        f"id '{article.id}' is already stored with a different text; give the articles distinct ids",
        path=path,
        line=line,
        reason="id_conflict",
    )


def _split_origin(origin: str) -> tuple[str, int | None]:
    path, sep, line = origin.rpartition(":")
    if sep and line.isdigit():
        return path, int(line)
    return origin, None


def _ingest_chunk(
    store: Store,
    items: list[Article | RecordError],
    pipeline: ArticlePipeline,
    summary: IngestSummary,
    run_id: str,
    settings: Settings,
    prefetched: Prefetched | None = None,
) -> None:
    """Dedup one chunk against the store, code what is new, write it all in one transaction."""
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, RecordError)]
    for error in errors:
        summary.skipped[error.reason] += 1
        if len(summary.errors) < MAX_ERRORS_IN_SUMMARY:
            summary.errors.append(error)
    summary.read += len(articles)
    summary.invalid_dates += sum(1 for a in articles if "invalid_date" in a.metadata)

    present = store.hashes_by_id(a.id for a in articles)
    originals = store.originals_by_hash(a.content_hash for a in articles)
    to_code: list[Article] = []
    duplicates: list[ArticleRow] = []
    for article in articles:
        content_hash = article.content_hash
        if article.id in present:
            if present[article.id] == content_hash:
                summary.already_present += 1
            else:
                errors.append(_id_conflict(article))
                summary.skipped["id_conflict"] += 1
                if len(summary.errors) < MAX_ERRORS_IN_SUMMARY:
                    summary.errors.append(errors[-1])
            continue
        present[article.id] = content_hash
        if content_hash in originals:
            duplicates.append(ArticleRow(article, duplicate_of=originals[content_hash]))
        else:
            originals[content_hash] = article.id
            to_code.append(article)
    # Near-copies of a stored (or earlier) story are linked like exact ones, not coded (docs/enrich.md).
    to_code, near = link_near_duplicates(store, to_code, settings)
    duplicates.extend(near)

    rows: list[ArticleRow] = []
    events = []
    results, failures = _code(pipeline, to_code, prefetched)
    for result in results:
        rows.append(ArticleRow(result.article, sentences=result.sentences, events=len(result.events)))
        events.extend(result.events)
        summary.sentences += result.sentences
    if failures:
        # A copy of an article that could not be coded waits for its original's next run.
        coded = {result.article.id for result in results}
        failed = {article.id for article in to_code} - coded
        duplicates = [row for row in duplicates if row.duplicate_of not in failed]
    for failure in failures:
        summary.skipped[failure.reason] += 1
        if len(summary.errors) < MAX_ERRORS_IN_SUMMARY:
            summary.errors.append(failure)
    article_rows, events = enrich_chunk(rows + duplicates, events, settings)  # tone (docs/enrich.md)
    store.write_chunk(article_rows, events, errors + failures, run_id=run_id)
    # Reports of one happening share a cluster; copies count as its mentions (docs/analysis.md).
    update_clusters(store, [row.article.id for row in article_rows])
    summary.new += len(rows)
    summary.duplicates += len(duplicates)
    summary.near_duplicates += sum(1 for row in duplicates if row.duplicate_kind == "near")
    summary.events += len(events)


def ingest_chunk(
    store: Store,
    items: list[Article | RecordError],
    *,
    pipeline: ArticlePipeline,
    summary: IngestSummary,
    run_id: str,
    settings: Settings | None = None,
) -> None:
    """Dedup, code and store one chunk of read items in one transaction, exactly as `ingest` does.

    For drivers that read their own items (the watcher, tacitus.jobs.watch); statements queued with
    `Store.in_next_write` commit in the same transaction.
    """
    settings = settings or getattr(pipeline, "settings", None) or Settings.load()
    _ingest_chunk(store, items, pipeline, summary, run_id, settings)
