"""Actor dictionaries: editable TSV files of patterns and the codes they resolve to.

A dictionary file is UTF-8 TSV with a header line and ``#`` comment lines::

    pattern	code	name	kind	start	end	note
    Turkey	TUR	Turkey	state
    Erdogan | Recep Tayyip Erdogan	TURGOV	Recep Tayyip Erdogan	person	2014-08-28		president

`pattern` holds one alias (or several separated by `` | ``); `start`/`end` are ISO dates,
empty = open. The shipped files under ``tacitus/data/actors/`` are loaded first, in the
order of `SHIPPED_DICTIONARIES`; user files given with ``--dict`` or
``Settings.dictionaries`` come after and *replace* every shipped row of a pattern they
define. See docs/actors.md.

The rules that combine matches test single tokens against closed-class word lists
(``data/actors/word_sets.tsv``), read here with `words`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tacitus.dates import as_date
from tacitus.errors import DictionaryError
from tacitus.resources import read_text, word_sets

COLUMNS = ("pattern", "code", "name", "kind", "start", "end", "note")

#: The dictionary kinds and what a match of each is.
KINDS = {
    "state": "a country by name",
    "demonym": "a country adjective or demonym (Turkish, Iraqis)",
    "capital": "a capital city standing for the government (Ankara said)",
    "seat": "a seat of power standing for an institution (the Kremlin, the Pentagon)",
    "person": "a named person; code holds from start to end",
    "igo": "an intergovernmental organisation",
    "group": "an armed, political or militant group",
    "org": "a company, party or other organisation",
    "agent": "a generic agent noun; code is a sector only (police -> COP)",
    "backref": "a phrase pointing back to an earlier actor (the country, the alliance)",
}

#: Targets a backref row may name in its code column: a country, an IGO or the owner's country
#: (backrefs.tsv), and the references resolved from the article's context (references.tsv): a person
#: ("he"), a plural actor ("they"), a group named by number ("the two leaders"), the issuing body ("we").
BACKREF_TARGETS = ("@state", "@igo", "@named_group", "@owner", "@person", "@plural", "@group", "@speaker")

#: The code that switches a pattern off ("fighter" is usually a jet): matched, then dropped.
NOT_AN_ACTOR = "---"

#: Shipped files, loaded in this order (later files override earlier ones for a pattern).
SHIPPED_DICTIONARIES = (
    "actors/agents_phoenix.tsv",
    "actors/agents.tsv",
    "actors/backrefs.tsv",
    "actors/references.tsv",
    "actors/groups_phoenix.tsv",
    "actors/countries.tsv",
    "actors/igos.tsv",
    "actors/groups.tsv",
    "actors/persons_phoenix.tsv",
    "actors/office_holders_2016_2026.tsv",
)

#: Named word lists the recognition rules test tokens against (columns set, word).
WORD_SETS = "actors/word_sets.tsv"


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a dictionary: a pattern, what it resolves to, and for when."""

    pattern: str
    code: str
    name: str
    kind: str
    start: dt.date | None
    end: dt.date | None
    note: str
    origin: str  # "file-stem:line", shown to users as the entry that produced a mention

    def holds_on(self, date: dt.date) -> bool:
        return (self.start is None or self.start <= date) and (self.end is None or date <= self.end)

    def to_tsv(self) -> str:
        """The entry as a line of the dictionary format (COLUMNS)."""
        dates = [d.isoformat() if d else "" for d in (self.start, self.end)]
        return "\t".join([self.pattern, self.code, self.name, self.kind, *dates, self.note])


def pick_term(entries: Sequence[Entry], date: dt.date | None) -> tuple[Entry, bool]:
    """The row of a dated pattern that holds on `date`, and whether it does.

    Latest start wins on hand-over days. Out of term: the term that ended last (the role
    held last tells the country best), else the earliest one to come. With no date: the
    open-ended row (else any row) with the latest start, counted as in term.
    """
    if date is None:
        open_ended = [e for e in entries if e.end is None]
        pool = open_ended or list(entries)
        return max(pool, key=lambda e: e.start or dt.date.min), True
    holding = [e for e in entries if e.holds_on(date)]
    if holding:
        return max(holding, key=lambda e: e.start or dt.date.min), True
    past = [e for e in entries if e.end is not None and e.end < date]
    if past:
        return max(past, key=lambda e: e.end or dt.date.min), False
    return min(entries, key=lambda e: e.start or dt.date.max), False


def words(name: str) -> frozenset[str]:
    """A word list of `WORD_SETS` by name ("locative", "name_neutral", ...), lower-case."""
    return word_sets(WORD_SETS)[name]


def strip_accents(text: str) -> str:
    """'Çavuşoğlu' -> 'Cavusoglu': lets accent-free text match accented entries and back."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.replace("ı", "i").replace("ø", "o").replace("ß", "ss").replace("ł", "l")


def parse_dictionary(text: str, *, origin: str, label: str | None = None) -> list[Entry]:
    """Parse dictionary text; raise DictionaryError naming the file, line and reason.

    `label` names the file in entry ids ("countries:12"); it defaults to the file's stem.
    """
    entries: list[Entry] = []
    header: list[str] | None = None
    stem = label or Path(origin).stem
    text = text.removeprefix("\ufeff")  # a byte-order mark from a spreadsheet export
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = [f.strip().lower() for f in fields]
            missing = [c for c in ("pattern", "code", "kind") if c not in header]
            if missing:
                expected = ", ".join(COLUMNS)
                raise DictionaryError(
                    f"{origin}:{lineno}: header must name the columns {expected}; missing {', '.join(missing)}"
                )
            continue
        if len(fields) > len(header):
            raise DictionaryError(f"{origin}:{lineno}: {len(fields)} fields but the header has {len(header)}")
        row = dict(zip(header, (f.strip() for f in fields), strict=False))
        entries.extend(_entries_from_row(row, origin=origin, stem=stem, lineno=lineno))
    if header is None and text.strip():
        raise DictionaryError(f"{origin}: no header line (expected: {chr(9).join(COLUMNS)})")
    return entries


def _entries_from_row(row: dict[str, str], *, origin: str, stem: str, lineno: int) -> list[Entry]:
    where = f"{origin}:{lineno}"
    kind = row.get("kind", "")
    code = row.get("code", "")
    if kind not in KINDS:
        raise DictionaryError(f"{where}: unknown kind '{kind}'; known: {', '.join(KINDS)}")
    if not code:
        raise DictionaryError(f"{where}: empty code")
    if kind == "backref" and code not in BACKREF_TARGETS:
        raise DictionaryError(f"{where}: a backref code must be one of {', '.join(BACKREF_TARGETS)}")
    if kind != "backref" and code != NOT_AN_ACTOR and not (code.isalnum() and code.isupper()):
        raise DictionaryError(
            f"{where}: code '{code}' must be upper-case letters/digits (e.g. TURGOV) or {NOT_AN_ACTOR}"
        )
    start = _date(row.get("start", ""), where)
    end = _date(row.get("end", ""), where)
    if start and end and end < start:
        raise DictionaryError(f"{where}: end {end} is before start {start}")
    patterns = [p.strip() for p in row.get("pattern", "").split("|") if p.strip()]
    if not patterns:
        raise DictionaryError(f"{where}: empty pattern")
    for pattern in patterns:
        if not any(ch.isalnum() for ch in pattern):
            raise DictionaryError(f"{where}: pattern '{pattern}' has no letters or digits")
    name = row.get("name", "") or patterns[0]
    return [Entry(p, code, name, kind, start, end, row.get("note", ""), f"{stem}:{lineno}") for p in patterns]


def _date(value: str, where: str) -> dt.date | None:
    return as_date(value, what=f"{where}: date", error=DictionaryError)


def pattern_key(pattern: str) -> str:
    """The case- and accent-free form two patterns must share to be 'the same pattern'."""
    return " ".join(strip_accents(pattern).lower().split())


@functools.cache
def shipped_entries() -> tuple[Entry, ...]:
    """Every row of the shipped dictionaries, later files overriding earlier ones per pattern."""
    layers = [parse_dictionary(read_text(rel), origin=rel) for rel in SHIPPED_DICTIONARIES]
    return tuple(merge_layers(layers))


def read_user_dictionary(path: Path) -> list[Entry]:
    """Entries of a user's dictionary file: TSV in our format."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DictionaryError(f"actor dictionary '{path}' not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"actor dictionary '{path}' cannot be read: {exc}") from exc
    return parse_dictionary(text, origin=str(path), label=f"user:{path.name}")


def merge_layers(layers: Iterable[Sequence[Entry]]) -> list[Entry]:
    """Stack dictionaries: a later layer that defines a pattern replaces the earlier rows holding it.

    A replaced person row goes with all its aliases: a user row for "Vladimir Putin" also retires
    the shipped row's "Vladimir V. Putin", so no stale alias of the same person survives. Other
    rows (agents, countries) lose only the patterns redefined.
    """
    merged: list[tuple[str, Entry]] = []
    for layer in layers:
        keyed = [(pattern_key(entry.pattern), entry) for entry in layer]
        keys = {key for key, _ in keyed}
        retired = {entry.origin for key, entry in merged if key in keys and entry.kind == "person"}
        merged = [(key, entry) for key, entry in merged if key not in keys and entry.origin not in retired]
        merged.extend(keyed)
    return [entry for _, entry in merged]


def load_entries(dictionaries: Sequence[Path] = ()) -> tuple[list[Entry], str]:
    """Shipped entries plus the user's files, and the suffix naming the user files' contents."""
    if not dictionaries:
        return list(shipped_entries()), ""
    digest = hashlib.sha1()
    layers: list[Sequence[Entry]] = [shipped_entries()]
    for path in dictionaries:
        path = Path(path)
        layers.append(read_user_dictionary(path))
        digest.update(path.read_bytes())
    return merge_layers(layers), f"+user.{digest.hexdigest()[:8]}"
