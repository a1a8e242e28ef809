"""Convert PETRARCH/TABARI-format dictionaries (the Phoenix files) into Tacitus TSV rows.

The PETRARCH format: an entry line in capitals with ``_`` between words, ``+SYNONYM``
lines, then ``[CODE]`` or ``[CODE DATE-DATE]`` brackets (``>YYMMDD`` from, ``<YYMMDD``
until; six- or eight-digit dates); ``[~SEC]`` codes are agents (sector only); ``#``
starts a comment; ``!SET! = A, B`` defines a substitution set and ``{PLURAL}`` lists
plural forms. PETRARCH matches word stems; Tacitus matches whole tokens (plus plurals
of agent nouns), so stems such as ``MINIST`` are expanded where we know them and other
stems may need a hand edit after import. See docs/actors.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tacitus.actors.dictionary import COLUMNS, Entry
from tacitus.errors import DictionaryError

_CODE = re.compile(r"\[([^\]]*)\]")
_SUBSTITUTION = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_KNOWN_STEMS = {"MINIST": ("MINISTER", "MINISTRY")}


@dataclass
class PetrarchEntry:
    """One PETRARCH entry: its patterns and its (code, start, end) terms."""

    patterns: list[str]
    terms: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)
    origin: str = ""
    comment: str = ""


@dataclass
class PetrarchImport:
    """What `import_petrarch` made: the rows, and the codes it skipped with file, line and reason."""

    rows: list[Entry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def to_tsv(self, *, header_lines: Sequence[str] = ()) -> str:
        return write_tsv(self.rows, header_lines=header_lines)


def import_petrarch(paths: Sequence[Path | str]) -> PetrarchImport:
    """Read PETRARCH-format dictionary files and convert them to Tacitus's TSV rows.

    Entries whose only code is PETRARCH's null code ``[---]`` are left out; a code with a
    malformed date is skipped and reported in `PetrarchImport.skipped` ("file:line: reason"),
    as real dictionaries carry a few. A file that cannot be read raises DictionaryError.
    """
    result = PetrarchImport()
    rows = result.rows
    for raw_path in paths:
        path = Path(raw_path)
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            raise DictionaryError(f"PETRARCH dictionary '{path}' not found") from None
        except OSError as exc:
            raise DictionaryError(f"PETRARCH dictionary '{path}' cannot be read: {exc}") from exc
        for entry in parse_petrarch(text, origin=str(path), skipped=result.skipped):
            rows.extend(_rows(entry, source=path.name))
    return result


def write_tsv(rows: Iterable[Entry], *, header_lines: Sequence[str] = ()) -> str:
    """Rows as a Tacitus dictionary file, with optional ``# ...`` header lines."""
    lines = [f"# {h}" if not h.startswith("#") else h for h in header_lines]
    lines.append("\t".join(COLUMNS))
    lines.extend(row.to_tsv() for row in rows)
    return "\n".join(lines) + "\n"


def parse_petrarch(text: str, *, origin: str, skipped: list[str] | None = None) -> Iterator[PetrarchEntry]:
    """The entries of one PETRARCH file, in order; bad codes are noted in `skipped`."""
    substitutions: dict[str, list[str]] = {}
    current: PetrarchEntry | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        line, _, comment = raw.partition("#")
        stripped = line.strip()
        if not stripped:
            continue
        where = f"{origin}:{lineno}"
        sub = _SUBSTITUTION.match(stripped)
        if sub:
            substitutions[sub.group(1)] = [w.strip() for w in sub.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(stripped)
        words = _CODE.sub(" ", stripped).strip()
        if stripped.startswith("+"):
            if current is not None:
                current.patterns.extend(_expand(words[1:], substitutions))
        elif words:
            if current is not None and current.terms:
                yield current
            current = PetrarchEntry(_expand(words, substitutions), origin=where, comment=comment.strip())
        if codes and current is not None:
            for code in codes:
                try:
                    term = _term(code, where)
                except DictionaryError as exc:
                    if skipped is None:
                        raise
                    skipped.append(exc.message)
                    continue
                if term is not None:
                    current.terms.append(term)
    if current is not None and current.terms:
        yield current


def _expand(words: str, substitutions: dict[str, list[str]]) -> list[str]:
    """PETRARCH pattern text -> plain phrases (substitution sets and {plurals} expanded)."""
    plural = re.findall(r"\{([^}]*)\}", words)
    words = re.sub(r"\{[^}]*\}", " ", words)
    forms = [words]
    for name, options in substitutions.items():
        forms = (
            [f.replace(name, option) for f in forms for option in options] if any(name in f for f in forms) else forms
        )
    forms += [p for p in plural if p.strip()]
    phrases: list[str] = []
    for form in forms:
        phrase = " ".join(form.replace("_", " ").split())
        for stem, full in _KNOWN_STEMS.items():
            if re.search(rf"\b{stem}\b", phrase):
                phrases.extend(re.sub(rf"\b{stem}\b", word, phrase) for word in full)
                break
        else:
            if phrase:
                phrases.append(phrase)
    return phrases


def _term(code_text: str, where: str) -> tuple[str, dt.date | None, dt.date | None] | None:
    parts = code_text.split(None, 1)
    if not parts:
        return None
    code = parts[0].strip()
    if code.startswith("---") or not re.fullmatch(r"~?[A-Z0-9]+", code):
        return None
    when = parts[1].replace(" ", "") if len(parts) > 1 else ""
    start = end = None
    if when.startswith(">"):
        start = _petrarch_date(when[1:], where)
    elif when.startswith("<"):
        end = _petrarch_date(when[1:], where)
    elif "-" in when:
        first, _, second = when.partition("-")
        start, end = _petrarch_date(first, where), _petrarch_date(second, where)
    elif when:
        start = _petrarch_date(when, where)
    return code, start, end


def _petrarch_date(text: str, where: str) -> dt.date | None:
    """YYMMDD (years 00-30 are 20xx) or YYYYMMDD; malformed dates are a DictionaryError."""
    digits = text.strip()
    try:
        if len(digits) == 6:
            year = int(digits[:2])
            year += 2000 if year <= 30 else 1900
            return dt.date(year, int(digits[2:4]), int(digits[4:6]))
        if len(digits) == 8:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        pass
    raise DictionaryError(f"{where}: '{text}' is not a PETRARCH date (YYMMDD or YYYYMMDD)")


def _rows(entry: PetrarchEntry, *, source: str) -> Iterator[Entry]:
    agent = all(code.startswith("~") for code, _, _ in entry.terms)
    patterns = _unique(_surface(p, agent=agent) for p in entry.patterns)
    if not patterns:
        return
    name = patterns[0]
    dated = any(start or end for _, start, end in entry.terms)
    for code, start, end in entry.terms:
        clean = code.lstrip("~")
        if start and end and end < start:
            start, end = end, start
        yield Entry(
            " | ".join(patterns),
            clean,
            name,
            _kind(clean, agent, dated),
            start,
            end,
            note=f"phoenix {source}",
            origin=f"petrarch:{source}",
        )


def _surface(pattern: str, *, agent: bool) -> str:
    """Agents lower-case; names title-case, except short acronyms (US, UN) which stay upper."""
    if agent:
        return pattern.lower()
    words = pattern.split()
    if len(words) == 1 and len(pattern) <= 4 and pattern.isalpha():
        return pattern
    return " ".join(_title_word(w, first=i == 0) for i, w in enumerate(words))


_SMALL_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "de", "al", "el", "bin", "ibn", "da", "du", "la", "le"}
)


def _title_word(word: str, *, first: bool) -> str:
    """NATIONAL -> National, (AAIA) -> (AAIA), AL-QAEDA -> Al-Qaeda, OF -> of."""
    if word.startswith("(") or "." in word:
        return word
    low = word.lower()
    if low in _SMALL_WORDS and not first:
        return low
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _kind(code: str, agent: bool, dated: bool) -> str:
    """A best guess users may edit: dated entries are people, IGO codes IGOs, bare countries states."""
    if agent:
        return "agent"
    if dated:
        return "person"
    if code.startswith("IGO"):
        return "igo"
    if len(code) == 3:
        return "state"
    return "group"


def _unique(items: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return list(seen)
