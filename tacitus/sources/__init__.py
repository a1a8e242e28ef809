"""Sources: every way articles come in, and the one path that reads them.

    paths ─► expand_paths (folders searched, a reader chosen per file) ─► reader ─► Article | RecordError

A reader is ``read(stream, *, path) -> Iterator[Article | RecordError]``, registered in
`tacitus.registry.readers` with its file suffixes (one module per format: `jsonl`,
`delimited`, `text`, `webpage`); third-party readers register the same way through the
``tacitus.readers`` entry-point group. Every record goes through `records.make_article`,
so ids, dates, datelines and bad records are handled alike whatever the format.

`read_articles` is the only way Tacitus reads input: `tacitus ingest`, `tacitus code`,
`tacitus actors` and `tacitus eval` all call it, so the same file gives the same text and
the same character offsets everywhere. Bad records are yielded, never raised.

Example:
    >>> for item in read_articles(["news/"]):
    ...     print(item.id if isinstance(item, Article) else item)
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from tacitus.errors import InputError, RecordError
from tacitus.models import Article
from tacitus.registry import readers
from tacitus.sources._bytes import GZIP_MAGIC, buffered, sniff
from tacitus.sources.http import is_url

__all__ = ["STDIN", "InputFile", "expand_paths", "read_articles", "read_inputs"]

STDIN = "-"


@dataclass(frozen=True)
class InputFile:
    """One input to read: a path (or "-") and the registered reader for it (None: no reader)."""

    path: str  # as reported: the path given, or a file found under a given folder
    reader: str | None


def expand_paths(paths: Sequence[str | Path], *, format: str | None = None) -> tuple[list[InputFile], int]:
    """The input files named by `paths` (folders searched recursively), and how many were ignored.

    Raises InputError for a path that does not exist, before anything is read.
    """
    inputs: list[InputFile] = []
    ignored = 0
    if format is not None:
        readers.get(format)  # fails early on an unknown format name
    for given in paths:
        name = str(given)
        if name == STDIN or is_url(name):  # a URL's reader is chosen when it is fetched (sources.pages)
            inputs.append(InputFile(name, format))
            continue
        path = Path(name)
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                if not found.is_file() or any(part.startswith(".") for part in found.relative_to(path).parts):
                    continue
                entry = readers.for_suffix(found.name)
                if entry is None and format is None:
                    ignored += 1
                    continue
                inputs.append(InputFile(str(found), format or (entry.name if entry else None)))
        elif path.exists():
            entry = readers.for_suffix(path.name)
            inputs.append(InputFile(name, format or (entry.name if entry else None)))
        else:
            raise InputError(f"input '{name}' does not exist")
    return inputs, ignored


def read_articles(paths: Sequence[str | Path], *, format: str | None = None) -> Iterator[Article | RecordError]:
    """Every article and bad record of `paths`, in order, streaming (no store, no pipeline)."""
    inputs, _ = expand_paths(paths, format=format)
    for _, item in read_inputs(inputs):
        yield item


def read_inputs(inputs: list[InputFile]) -> Iterator[tuple[int, Article | RecordError]]:
    """(index of the file, item) for every item of every input file."""
    for index, entry in enumerate(inputs):
        for item in _read_one(entry):
            yield index, item


def _read_one(entry: InputFile) -> Iterator[Article | RecordError]:
    if entry.path == STDIN:
        stream = buffered(sys.stdin.buffer)
        reader_name = entry.reader or _sniff_format(stream)
        yield from _run_reader(reader_name, stream, STDIN)
        return
    if is_url(entry.path):
        from tacitus.sources.pages import read_url

        yield from read_url(entry.path, format=entry.reader)
        return
    if entry.reader is None:
        yield RecordError(
            f"no reader for this file type; known: {', '.join(_known_suffixes())}",
            path=entry.path,
            line=None,
            reason="unsupported_format",
        )
        return
    try:
        handle = open(entry.path, "rb")  # noqa: SIM115  (closed below, after the generator finishes)
    except OSError as exc:
        yield RecordError(f"cannot open: {exc.strerror}", path=entry.path, line=None, reason="unreadable")
        return
    with handle:
        yield from _run_reader(entry.reader, handle, entry.path)


def _run_reader(name: str, stream: BinaryIO, path: str) -> Iterator[Article | RecordError]:
    reader = readers.get(name)
    try:
        yield from reader(stream, path=path)
    except Exception as exc:  # noqa: BLE001  (a reader failure must not lose the other files)
        yield RecordError(f"reader '{name}' failed: {exc}", path=path, line=None, reason="unreadable")


def _sniff_format(stream: io.BufferedReader) -> str:
    """Standard input's format from its first bytes: gzip or '{' → jsonl, '<' → html, else txt."""
    head = sniff(stream)
    if head.startswith(GZIP_MAGIC) or head.lstrip().startswith(b"{"):
        return "jsonl"
    if head.lstrip().startswith(b"<"):
        return "html"
    return "txt"


def _known_suffixes() -> list[str]:
    readers.load_plugins()
    return sorted({suffix for entry in readers.entries.values() for suffix in entry.suffixes})
