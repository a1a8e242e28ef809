"""The Dask engine: code a corpus on a cluster, then load it into the store with one writer.

    input files ─► partitions (a file, or a range of its lines) ─► Dask workers, one pipeline each
                ─► Parquet shards (events/part-NNNNN.parquet, articles/part-NNNNN.parquet)
                ─► one writer: `ingest` with the shards standing in for the pipeline ─► the store

Workers read their partitions straight from the files (a shared filesystem on a cluster), so
the driver ships a path and a line range, never text. A worker loads its model once
(`load_pipeline` is cached in its process) and writes each partition's events as a Parquet
shard with the store's event columns; its articles shard carries the same events pickled,
which the writer reads back, so no conversion has to follow each new event field. The writer
then runs the same ingest as a local run (same reading, dedup, enrichers and transactions),
taking each article's events from the shards in input order instead of coding it again, so
the same input gives the same event ids as a single-process run. Shards are loaded as their
partitions finish, while later ones are coded.

`keep_parquet` keeps the shards (a Parquet dataset of the coded events, before the store's
enrichers) instead of deleting them. Dask and distributed come with the ``scale`` extra.

DOCS: docs/scale.md
"""

from __future__ import annotations

import gzip
import pickle
import shutil
import tempfile
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacitus.config import Settings
from tacitus.errors import ConfigError, TacitusError, WorkerPoolError
from tacitus.extras import require
from tacitus.models import Article, Event
from tacitus.sources import STDIN, InputFile, expand_paths, read_inputs
from tacitus.sources.http import is_url

if TYPE_CHECKING:
    from tacitus.jobs.ingest import IngestProgress, IngestSummary
    from tacitus.pipeline import ArticleResult
    from tacitus.store import Store

__all__ = ["Partition", "ingest_dask", "partition_inputs"]

#: Lines of a JSONL file per partition: minutes of work for one worker, a few MB of Parquet.
PARTITION_LINES = 1000

#: Articles a worker codes at once inside its partition (one parse batch).
WORKER_CHUNK = 64

#: Formats whose records are lines, so that a file can be cut into line ranges.
_LINE_FORMATS = frozenset({"jsonl"})


@dataclass(frozen=True)
class Partition:
    """One unit of work: a file, or lines [first_line, end_line) of it (1-based, as in origins)."""

    index: int
    path: str
    reader: str | None
    first_line: int | None = None
    end_line: int | None = None

    def holds(self, article: Article) -> bool:
        if self.first_line is None or self.end_line is None:
            return True
        line = _origin_line(article)
        return line is not None and self.first_line <= line < self.end_line


@dataclass(frozen=True)
class ShardInfo:
    """What a worker reports about a partition it coded (the results are in the shard files)."""

    index: int
    articles: int
    events: int
    lexicon_version: str | None


def partition_inputs(inputs: Sequence[InputFile], *, lines: int = PARTITION_LINES) -> list[Partition]:
    """Cut the input files into partitions, in input order: JSONL files by line ranges, others whole."""
    partitions: list[Partition] = []
    for entry in inputs:
        if entry.path == STDIN or is_url(entry.path):
            raise ConfigError(
                f"the dask engine reads files its workers can open; '{entry.path}' is not one "
                "(use --engine local, or save it to a shared folder first)"
            )
        if entry.reader not in _LINE_FORMATS:
            partitions.append(Partition(len(partitions), entry.path, entry.reader))
            continue
        total = _count_lines(entry.path)
        for first in range(1, max(total, 1) + 1, lines):
            partitions.append(Partition(len(partitions), entry.path, entry.reader, first, first + lines))
    return partitions


def _count_lines(path: str) -> int:
    opener: Callable[[str], Any] = gzip.open if _is_gzip(path) else open
    count = 0
    last = b"\n"
    with opener(path, "rb") as handle:  # type: ignore[call-arg]
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    return count + (last != b"\n")  # a last line without its newline


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(2) == b"\x1f\x8b"


def _origin_line(article: Article) -> int | None:
    _, sep, line = (article.origin or "").rpartition(":")
    return int(line) if sep and line.isdigit() else None


# -- the worker side ---------------------------------------------------------------------


def code_partition(partition: Partition, settings: Settings, shard_dir: str) -> ShardInfo:
    """Read and code one partition on a worker; write its events and articles as Parquet shards."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from tacitus.pipeline import load_pipeline
    from tacitus.store.columns import EVENT_SCHEMA, event_row

    pipeline = load_pipeline(settings)  # cached: one model per worker process
    entry = InputFile(partition.path, partition.reader)
    articles = [item for _, item in read_inputs([entry]) if isinstance(item, Article) and partition.holds(item)]
    article_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    for start in range(0, len(articles), WORKER_CHUNK):
        for result, failure in _code_isolated(pipeline, articles[start : start + WORKER_CHUNK]):
            article_rows.append(
                {
                    "id": result.article.id,
                    "origin": result.article.origin,
                    "sentences": result.sentences,
                    "candidates": result.candidates,
                    "events": len(result.events),
                    "failure": failure,
                    # the loader's exact copy of the events (read back only by the run that wrote it)
                    "results": pickle.dumps(result.events, protocol=pickle.HIGHEST_PROTOCOL),
                }
            )
            event_rows.extend(event_row(event) for event in result.events)
    name = f"part-{partition.index:05d}.parquet"
    pq.write_table(pa.Table.from_pylist(event_rows, schema=EVENT_SCHEMA), Path(shard_dir, "events", name))
    pq.write_table(
        pa.Table.from_pylist(article_rows, schema=_ARTICLE_SHARD_SCHEMA()), Path(shard_dir, "articles", name)
    )
    return ShardInfo(partition.index, len(article_rows), len(event_rows), getattr(pipeline, "lexicon_version", None))


def _code_isolated(pipeline: Any, articles: list[Article]) -> Iterator[tuple[ArticleResult, str | None]]:
    """Results of a chunk; when the pipeline fails on it, article by article, failures noted (as ingest does)."""
    from tacitus.pipeline import ArticleResult

    try:
        yield from ((result, None) for result in list(pipeline.process(articles)))
        return
    except TacitusError:
        raise
    except Exception:  # noqa: BLE001  (isolated below)
        pass
    for article in articles:
        try:
            yield from ((result, None) for result in list(pipeline.process([article])))
        except TacitusError:
            raise
        except Exception as exc:  # noqa: BLE001  (one article must not cost the partition)
            yield ArticleResult(article), f"{type(exc).__name__}: {exc}"


def _ARTICLE_SHARD_SCHEMA() -> Any:  # noqa: N802  (a constant, built lazily so pyarrow loads only here)
    import pyarrow as pa

    return pa.schema(
        [
            ("id", pa.string()),
            ("origin", pa.string()),
            ("sentences", pa.int32()),
            ("candidates", pa.int32()),
            ("events", pa.int32()),
            ("failure", pa.string()),
            ("results", pa.binary()),
        ]
    )


# -- the writer side ---------------------------------------------------------------------


class ShardResults:
    """A pipeline stand-in for the writer: each article's result, read from the shards in input order.

    Shards are opened as the ingest reaches their partition (waiting for it if it is still
    being coded) and forgotten a few partitions later, so memory holds a few shards at most.
    """

    KEEP = 3

    def __init__(self, futures: Sequence[Any], shard_dir: Path, settings: Settings) -> None:
        self.settings = settings
        self._futures = list(futures)
        self._shard_dir = shard_dir
        self._next = 0
        self._loaded: OrderedDict[int, dict[tuple[str, str | None], ArticleResult | str]] = OrderedDict()
        self._lexicon_version: str | None = None
        self.infos: list[ShardInfo] = []

    @property
    def lexicon_version(self) -> str | None:
        if not self.infos and self._futures:
            self._load_next()
        return self._lexicon_version

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for article in articles:
            found = self._find((article.id, article.origin))
            if isinstance(found, str):
                raise RuntimeError(f"coding failed on a worker: {found}")
            found.article = article
            yield found

    def _find(self, key: tuple[str, str | None]) -> ArticleResult | str:
        while True:
            for results in self._loaded.values():
                if key in results:
                    return results[key]
            if self._next >= len(self._futures):
                raise WorkerPoolError(f"article '{key[0]}' ({key[1]}) is in no shard the workers wrote")
            self._load_next()

    def _load_next(self) -> None:
        import pyarrow.parquet as pq

        from tacitus.pipeline import ArticleResult

        try:
            info: ShardInfo = self._futures[self._next].result()
        except TacitusError:
            raise
        except Exception as exc:
            raise WorkerPoolError(f"partition {self._next} failed on the cluster: {type(exc).__name__}: {exc}") from exc
        self._next += 1
        self.infos.append(info)
        if self._lexicon_version is None:
            self._lexicon_version = info.lexicon_version
        name = f"part-{info.index:05d}.parquet"
        results: dict[tuple[str, str | None], ArticleResult | str] = {}
        for row in pq.read_table(self._shard_dir / "articles" / name).to_pylist():
            key = (row["id"], row["origin"])
            if key in results:
                continue  # the same record twice in one partition: the first copy is the one ingest codes
            if row["failure"] is not None:
                results[key] = row["failure"]
                continue
            events: list[Event] = pickle.loads(row["results"])  # noqa: S301  (written by this run's workers)
            stub = Article(id=row["id"], text="", origin=row["origin"])  # replaced by ingest's own record
            results[key] = ArticleResult(stub, events=events, sentences=row["sentences"], candidates=row["candidates"])
        self._loaded[info.index] = results
        while len(self._loaded) > self.KEEP:
            self._loaded.popitem(last=False)


def ingest_dask(
    paths: Sequence[str | Path],
    *,
    db: str | Path | Store,
    settings: Settings | None = None,
    format: str | None = None,
    progress: Callable[[IngestProgress], None] | None = None,
    chunk_size: int | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    keep_parquet: str | Path | None = None,
    partition_lines: int = PARTITION_LINES,
) -> IngestSummary:
    """`ingest` with the coding done on a Dask cluster (a LocalCluster of `workers` when no `scheduler`).

    Args:
        scheduler: the address of a running Dask scheduler ("tcp://host:8786"); its workers must
            see the input files and the shard folder at the same paths.
        keep_parquet: keep the shards in this folder (default: a temporary folder, deleted).
        workers: LocalCluster worker processes (default: settings.workers, 0 = every core).
        partition_lines: JSONL lines per partition.

    Other arguments as for `tacitus.jobs.ingest.ingest`.
    """
    from tacitus.jobs.ingest import CHUNK_SIZE, ingest
    from tacitus.jobs.parallel import resolve_workers

    started = time.perf_counter()
    distributed = require("distributed", extra="scale")
    resolved = settings or Settings.load()
    inputs, _ = expand_paths(paths, format=format)
    partitions = partition_inputs(inputs, lines=partition_lines)
    shard_dir = Path(keep_parquet) if keep_parquet is not None else Path(tempfile.mkdtemp(prefix="tacitus-shards-"))
    for folder in ("events", "articles"):
        (shard_dir / folder).mkdir(parents=True, exist_ok=True)
    cluster = None
    try:
        if scheduler is None:
            count = resolve_workers(resolved.workers if workers is None else workers)
            cluster = distributed.LocalCluster(
                n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None
            )
        with distributed.Client(scheduler or cluster, set_as_default=False) as client:
            futures = [
                client.submit(
                    code_partition, part, resolved, str(shard_dir.resolve()), key=f"tacitus-part-{part.index}"
                )
                for part in partitions
            ]
            shards = ShardResults(futures, shard_dir, resolved)
            summary = ingest(
                paths,
                db=db,
                settings=resolved,
                pipeline=shards,
                format=format,
                progress=progress,
                chunk_size=chunk_size or CHUNK_SIZE,
            )
    except OSError as exc:
        raise WorkerPoolError(f"cannot reach the Dask scheduler at '{scheduler}': {exc}") from exc
    finally:
        if cluster is not None:
            cluster.close()
        if keep_parquet is None:
            shutil.rmtree(shard_dir, ignore_errors=True)
    summary.seconds = time.perf_counter() - started
    return summary
