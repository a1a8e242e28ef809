"""The only module that reads the data files shipped under `tacitus/data/`.

Every lexicon, dictionary and code table is a TSV/JSONL file listed in
`data/MANIFEST.tsv` (path, source, licence, version). Other modules ask for a file by
its path relative to `data/` and get text or rows; they never open package files
themselves. `lexicon_version()` is stamped on every event so output can be traced to
the exact data that produced it.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from tacitus.errors import ResourceError

_PACKAGE = "tacitus"


def data_file(relative: str) -> Path:
    """The path of a packaged data file, e.g. ``data_file("ontology/cameo_eventcodes.tsv")``."""
    path = _packaged(relative)
    if not path.is_file():
        raise ResourceError(f"packaged data file 'data/{relative}' is missing; reinstall tacitus")
    return path


def data_folder(relative: str) -> Path:
    """The path of a packaged folder of data files, e.g. ``data_folder("parser")`` (a spaCy pipeline)."""
    path = _packaged(relative)
    if not path.is_dir():
        raise ResourceError(f"packaged data folder 'data/{relative}' is missing; reinstall tacitus")
    return path


def _packaged(relative: str) -> Path:
    return Path(str(resources.files(_PACKAGE).joinpath("data", *relative.split("/"))))


def read_text(relative: str) -> str:
    """The text of a packaged data file."""
    return data_file(relative).read_text(encoding="utf-8")


def read_tsv(relative: str | Path) -> list[dict[str, str]]:
    """Rows of a TSV file with a header line; lines starting with '#' are comments.

    Accepts a packaged path ("ontology/x.tsv") or a user's own file (a Path).
    """
    path = relative if isinstance(relative, Path) else data_file(relative)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResourceError(f"cannot read '{path}': {exc}") from exc
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for lineno, row in enumerate(reader, start=2):
        if None in row:
            raise ResourceError(f"{path}: data line {lineno} has more fields than the header")
        rows.append({k: (v or "") for k, v in row.items()})
    return rows


def read_jsonl(relative: str | Path) -> Iterator[dict[str, Any]]:
    """Records of a JSONL file; blank lines and lines starting with '#' are skipped."""
    path = relative if isinstance(relative, Path) else data_file(relative)
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            stripped = line.strip()
            if not stripped or stripped.startswith("#"):
                continue
            try:
                record = json.loads(stripped)
            except json.JSONDecodeError as exc:
                raise ResourceError(f"{path}:{lineno}: not valid JSON ({exc.msg})") from exc
            if not isinstance(record, dict):
                raise ResourceError(f"{path}:{lineno}: expected a JSON object")
            yield record


@functools.cache
def word_sets(relative: str) -> dict[str, frozenset[str]]:
    """Named word lists from a packaged TSV with the columns ``set`` and ``word``.

    The closed-class words rules need (time words, pronouns, speech forms, ...) live in
    such files, not in code, so they are versioned and hashed like every other lexicon.
    Words are lower-cased; a set with no rows is absent.
    """
    sets: dict[str, set[str]] = {}
    for row in read_tsv(relative):
        name, word = row.get("set", "").strip(), row.get("word", "").strip().lower()
        if not name or not word:
            raise ResourceError(f"data/{relative}: every row needs a 'set' and a 'word' ({row})")
        sets.setdefault(name, set()).add(word)
    return {name: frozenset(words) for name, words in sets.items()}


@functools.cache
def manifest() -> list[dict[str, str]]:
    """The rows of data/MANIFEST.tsv: path, source, licence, version, sha256, generator."""
    return read_tsv("MANIFEST.tsv")


@functools.cache
def lexicon_version() -> str:
    """Version of the shipped lexicons: the data release plus a digest of the files.

    The digest changes whenever any packaged data file changes, so two runs with the
    same version string used the same dictionaries and patterns.
    """
    release = read_text("VERSION").strip()
    digest = hashlib.sha1()
    for row in manifest():
        digest.update(row["path"].encode())
        digest.update(row["sha256"].encode())
    return f"{release}+{digest.hexdigest()[:8]}"


def file_sha256(path: Path) -> str:
    """sha256 of a file, as recorded in MANIFEST.tsv."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
