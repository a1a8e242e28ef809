"""Every core: worker processes, each with its own pipeline, coding articles streamed to them in chunks.

    articles ─► chunks of `task_size` ─► worker processes (spawned; each builds its pipeline once)
             ─► results handed back in input order; at most `max_in_flight` chunks out at a time

A pipeline is a stack of Python objects over a spaCy model that holds the GIL, so the only
way to use more than one core is more than one process. Each worker loads the model and the
lexicons once, when it starts, and then codes whole chunks: an article's events depend on
that article alone (a chunk only batches the parse, and the parse of a sentence does not
depend on its batch), so the results are the ones a single process gives, event for event.
Memory stays flat because articles are read lazily and no more than `max_in_flight` chunks
are in the workers' hands or waiting to be handed back at any moment.

A pool is started only for more than `LOCAL_LIMIT` articles: a small input is coded in this
process, where starting workers would cost more than it saves.

Example:
    >>> with open_pipeline(settings, workers=4) as pipeline:
    ...     for result in pipeline.process(articles):
    ...         print(result.article.id, len(result.events))

DOCS: docs/scale.md
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from itertools import chain, islice
from types import TracebackType
from typing import TYPE_CHECKING, Any, Protocol

from tacitus.config import Settings
from tacitus.errors import WorkerPoolError
from tacitus.models import Article

if TYPE_CHECKING:
    from tacitus.pipeline import ArticleResult

__all__ = ["ArticlePipeline", "ParallelPipeline", "Prefetched", "available_cores", "open_pipeline", "resolve_workers"]

#: Articles a worker codes per task. Small, so that the workers finish a stretch of input
#: together (with 16, two workers coding 100 articles left one idle for a sixth of the time at the
#: end); four articles still give the parser a full batch (about 60 candidate sentences).
TASK_SIZE = 4

#: Tasks out per worker (being coded, queued, or done and waiting for their turn in input order):
#: enough queued work that a worker never waits while the caller is busy with earlier results.
IN_FLIGHT_PER_WORKER = 8

#: An input of at most this many articles is coded in this process when no workers are running:
#: starting them (a model load each) would cost more than it saves.
LOCAL_LIMIT = 16


class ArticlePipeline(Protocol):
    """What the pool needs from a pipeline (tacitus.pipeline.Pipeline, or a stand-in in tests)."""

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]: ...


PipelineFactory = Callable[[], ArticlePipeline]


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and Slurm set), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS and Windows have no affinity call
        return max(1, os.cpu_count() or 1)


def resolve_workers(workers: int | None) -> int:
    """The number of worker processes to use: `workers`, or every available core for 0 or None."""
    if workers is None or workers <= 0:
        return available_cores()
    return workers


def _load_pipeline(settings: Settings) -> ArticlePipeline:
    from tacitus.pipeline import load_pipeline

    return load_pipeline(settings)


# -- the worker side (module-level, so that spawned processes can import it) -------------

_worker_pipeline: ArticlePipeline | None = None


def _start_worker(factory: PipelineFactory) -> None:
    global _worker_pipeline
    _worker_pipeline = factory()
    # The model, lexicons and gazetteer live as long as the worker: frozen (out of the collector's
    # reach), they are not traversed again by every older-generation collection. The collector then
    # takes 0.18 s instead of 0.74 s per 100 articles, 4% of the CPU; what is coded does not change.
    gc.collect()
    gc.freeze()


def _code_chunk(articles: list[Article]) -> list[ArticleResult]:
    if _worker_pipeline is None:  # pragma: no cover  (the initializer always runs first)
        raise WorkerPoolError("a worker was given articles before its pipeline was built")
    return list(_worker_pipeline.process(articles))


def _lexicon_version() -> str | None:
    return getattr(_worker_pipeline, "lexicon_version", None)


# -- the parent side ---------------------------------------------------------------------


class ParallelPipeline:
    """A pipeline that codes on `workers` processes; results come back in input order.

    It has the shape of `tacitus.pipeline.Pipeline` that the jobs use (`process`,
    `lexicon_version`, `settings`), so `ingest` and `code_file` run unchanged on it.
    Close it (or use it as a context manager) to stop the workers.

    Args:
        settings: the settings every worker builds its pipeline from.
        workers: worker processes (0 or None: every available core).
        factory: builds a worker's pipeline (default: `load_pipeline(settings)`); it must be
            picklable, e.g. a module-level function or class.
        task_size: articles per task.
        max_in_flight: tasks handed out and not yet given back (default: `IN_FLIGHT_PER_WORKER` per worker).
        local_limit: inputs of at most this many articles are coded in this process while no
            workers run.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        workers: int | None = None,
        factory: PipelineFactory | None = None,
        task_size: int = TASK_SIZE,
        max_in_flight: int | None = None,
        local_limit: int = LOCAL_LIMIT,
    ) -> None:
        self.settings = settings or Settings.load()
        self.workers = resolve_workers(workers)
        self.task_size = max(1, task_size)
        self.max_in_flight = max_in_flight or IN_FLIGHT_PER_WORKER * self.workers
        self.local_limit = local_limit
        self._factory: PipelineFactory = factory or functools.partial(_load_pipeline, self.settings)
        self._executor: ProcessPoolExecutor | None = None
        self._local: ArticlePipeline | None = None
        self._lexicon_version: str | None = None
        self._version_known = False

    @property
    def batch_articles(self) -> int:
        """Articles to hand over at once so that every worker has work: callers that batch use at least this."""
        return self.task_size * self.max_in_flight

    @property
    def started(self) -> bool:
        """Whether worker processes have been started."""
        return self._executor is not None

    @property
    def lexicon_version(self) -> str | None:
        """The lexicon version the workers stamp on events (asked of a worker, or of the local pipeline)."""
        if not self._version_known:
            if self._executor is not None:
                self._lexicon_version = self._result(self._executor.submit(_lexicon_version))
            else:
                self._lexicon_version = getattr(self._local_pipeline(), "lexicon_version", None)
            self._version_known = True
        return self._lexicon_version

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        """Code `articles`, yielding one result per article in input order."""
        iterator = iter(articles)
        head = list(islice(iterator, self.local_limit + 1))
        if not head:
            return
        if len(head) <= self.local_limit and self._executor is None:
            yield from self._local_pipeline().process(head)  # a few articles: not worth starting workers
            return
        executor = self._start()
        pending: deque[Future[list[ArticleResult]]] = deque()
        for chunk in _chunks(chain(head, iterator), self.task_size):
            pending.append(executor.submit(_code_chunk, chunk))
            if len(pending) >= self.max_in_flight:
                yield from self._result(pending.popleft())
        while pending:
            yield from self._result(pending.popleft())

    def prefetch(self, articles: Sequence[Article]) -> Prefetched | None:
        """Start coding `articles` on the workers now and return at once; None when there are too few.

        For a caller with work of its own between batches (ingest writes a chunk while the
        workers code the next): `Prefetched.results()` collects the results in input order.
        An input of at most `local_limit` articles, while no workers run, is not prefetched
        (`process` codes it here when asked).
        """
        if not articles or (len(articles) <= self.local_limit and self._executor is None):
            return None
        executor = self._start()
        futures = [executor.submit(_code_chunk, chunk) for chunk in _chunks(iter(articles), self.task_size)]
        return Prefetched(self, futures)

    def close(self) -> None:
        """Stop the workers (pending work is cancelled); the pipeline can start them again."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ParallelPipeline:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # spawn, not fork: the parent may hold DuckDB and thread pools that must not be copied mid-state
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(self._factory,),
            )
        return self._executor

    def _local_pipeline(self) -> ArticlePipeline:
        if self._local is None:
            self._local = self._factory()
        return self._local

    def _result(self, future: Future[Any]) -> Any:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            self._executor = None
            raise WorkerPoolError(
                "a worker process died (out of memory, or killed); "
                "rerun the same command to resume, with fewer --workers if memory is short"
            ) from exc


class Prefetched:
    """Articles handed to the workers by `ParallelPipeline.prefetch`, being coded."""

    def __init__(self, pool: ParallelPipeline, futures: list[Future[list[ArticleResult]]]) -> None:
        self._pool = pool
        self._futures = futures

    def results(self) -> list[ArticleResult]:
        """Every result, in input order, once the workers are done; a task's error is raised here."""
        return [result for future in self._futures for result in self._pool._result(future)]


def _chunks(articles: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(articles, size)):
        yield chunk


@contextmanager
def open_pipeline(
    settings: Settings | None = None,
    *,
    workers: int | None = None,
    factory: PipelineFactory | None = None,
) -> Iterator[ArticlePipeline]:
    """The pipeline for `workers` processes: the cached in-process one for 1, a `ParallelPipeline` otherwise.

    `workers` defaults to `settings.workers` (0: every available core). The pool is stopped
    when the block ends.
    """
    resolved = settings or Settings.load()
    count = resolve_workers(resolved.workers if workers is None else workers)
    if count <= 1:
        yield factory() if factory is not None else _load_pipeline(resolved)
        return
    with ParallelPipeline(resolved, workers=count, factory=factory) as pipeline:
        yield pipeline
