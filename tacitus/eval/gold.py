"""Readers for the two gold formats the evaluator scores against.

Gold JSONL (docs/eval.md), one record a line::

    {"id": "g1", "text": "...", "date": "2019-04-03",
     "events": [{"source": "TUR", "target": "USA", "cameo": "12"}], "penta_class": 3}

or a sentence of an article, by reference (the real-news gold: the text of articles that
may not be redistributed stays where it is, and the record names it)::

    {"id": "rn-1", "corpus": "allsides_political_news", "doc_id": "oLGa...", "start": 120,
     "end": 250, "sha1": "da855948e619", "events": [{"source": {"code": "TURGOV",
     "start": 120, "end": 126}, "target": null, "cameo": "1211", "modality": "asserted",
     "historical": false}]}

`date`, `events` and `penta_class` are optional; a record without `events` is not scored
at event level, one without `penta_class` not at class level. Blank lines and lines
starting with ``#`` are skipped. A bad line is reported (file, line, reason) and
skipped, so one typo does not throw away a 1,000-line annotation effort.

Seed JSON (``../shared/seed/expected_events.json``): one article with ``required``,
``stretch`` and ``forbidden`` entries, checked event by event (see `tacitus.eval.score`).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tacitus.dates import as_date, parse_date
from tacitus.errors import GoldFileError, SeedFormatError

#: The stable code of a skipped gold line, as in ``[T052] gold.jsonl:7: ...``.
BAD_LINE_CODE = "T052"

_CAMEO = re.compile(r"^\d{2,4}$")
#: Actor-code prefixes that are not countries (IGOs, NGOs, companies, international militarized
#: groups such as IMGMUSALQ): the whole code is the "country" of the actor.
NON_COUNTRY_PREFIXES = ("IGO", "NGO", "MNC", "IMG")


#: How sure a gold event is that it happened (the values annotators use, docs/annotation.md).
GOLD_MODALITIES = ("asserted", "reported", "intended", "threatened")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One hand-coded event: who did what to whom, at country level, and optionally where in the text.

    Spans are character offsets into the record's article (or its text); `historical`
    events are background, left out of scoring like the coder's historical events.
    """

    source: str | None
    target: str | None
    cameo: str | None = None
    plover: str | None = None
    modality: str | None = None
    historical: bool = False
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    trigger_span: tuple[int, int] | None = None

    @property
    def root(self) -> str | None:
        return None if self.cameo is None else self.cameo[:2]

    @property
    def source_key(self) -> str | None:
        return actor_key(self.source)

    @property
    def target_key(self) -> str | None:
        return actor_key(self.target)


@dataclass(frozen=True, slots=True)
class ArticleSpan:
    """Where a by-reference record's sentence is: an article of a named corpus, and its characters."""

    corpus: str
    doc_id: str
    start: int
    end: int
    sha1: str | None = None  # of the sentence text, to catch an article that changed


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One annotated text: a sentence or a short multi-sentence passage.

    A by-reference record (`span` set) has no text of its own until the eval job reads its
    article; its events' spans are article offsets.
    """

    id: str
    text: str
    date: dt.date | None = None
    events: tuple[GoldEvent, ...] | None = None  # None: not annotated at event level
    penta_class: int | None = None
    line: int | None = None
    span: ArticleSpan | None = None
    split: str | None = None
    round: int = 1  # the annotation round that drew the sentence (docs/annotation.md, "Rounds")


@dataclass(frozen=True, slots=True)
class GoldProblem:
    """A gold line that was skipped, and why (reported, never raised)."""

    path: str
    line: int
    reason: str  # machine-friendly: malformed_json, missing_text, bad_cameo, ...
    detail: str

    @property
    def message(self) -> str:
        return f"[{BAD_LINE_CODE}] {self.path}:{self.line}: {self.detail}"


@dataclass
class GoldFile:
    """The usable records of a gold file and the lines that were skipped."""

    path: Path
    records: list[GoldRecord] = field(default_factory=list)
    problems: list[GoldProblem] = field(default_factory=list)


def actor_key(code: str | None) -> str | None:
    """The country-level key of an actor code: "USAGOV" → "USA", "IGOWSTNAT" stays whole.

    Gold files may name a bare ISO3 country or a full CAMEO actor code; both are compared
    at country level, except for IGOs, NGOs, companies and international militarized
    groups without a country, which only match their whole code.
    """
    if not code:
        return None
    code = code.strip().upper()
    if code.startswith(NON_COUNTRY_PREFIXES):
        return code
    return code[:3]


def read_gold(path: str | Path) -> GoldFile:
    """Read a gold JSONL file; bad lines become `GoldProblem`s, an unreadable file raises."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            lines = handle.readlines()
    except FileNotFoundError as exc:
        raise GoldFileError(f"gold file '{path}' not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"gold file '{path}' cannot be read: {exc}") from exc

    gold = GoldFile(path)
    seen: set[str] = set()
    for lineno, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            record = _parse_record(stripped, lineno)
        except _BadLine as bad:
            gold.problems.append(GoldProblem(str(path), lineno, bad.reason, bad.detail))
            continue
        if record.id in seen:
            gold.problems.append(GoldProblem(str(path), lineno, "duplicate_id", f"id '{record.id}' already used"))
            continue
        seen.add(record.id)
        gold.records.append(record)
    return gold


class _BadLine(Exception):
    """Internal: one gold line cannot be used (caught in `read_gold`, never escapes)."""

    def __init__(self, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _parse_record(line: str, lineno: int) -> GoldRecord:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as exc:
        raise _BadLine("malformed_json", f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(raw, dict):
        raise _BadLine("not_an_object", "expected a JSON object")
    record_id = raw.get("id")
    if isinstance(record_id, int) and not isinstance(record_id, bool):
        record_id = str(record_id)
    if not isinstance(record_id, str) or not record_id.strip():
        raise _BadLine("missing_id", "'id' is missing or not a string")
    span = _parse_span(raw, record_id) if "doc_id" in raw else None
    text = raw.get("text")
    if span is not None and text is None:
        text = ""  # read from the article by the eval job
    elif not isinstance(text, str) or not text.strip():
        raise _BadLine("missing_text", f"record '{record_id}': 'text' is missing or empty")
    split = raw.get("split")
    drawn = raw.get("round", 1)
    return GoldRecord(
        id=record_id,
        text=text,
        date=_parse_date(raw.get("date"), record_id),
        events=_parse_events(raw["events"], record_id) if "events" in raw else None,
        penta_class=_parse_penta(raw.get("penta_class"), record_id),
        line=lineno,
        span=span,
        split=split if isinstance(split, str) else None,
        round=drawn if isinstance(drawn, int) and not isinstance(drawn, bool) else 1,
    )


def _parse_date(value: Any, record_id: str) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        raise _BadLine("bad_date", f"record '{record_id}': 'date' {value!r} is not a date such as 2019-04-03") from None


def _parse_span(raw: dict[str, Any], record_id: str) -> ArticleSpan:
    corpus, doc_id, start, end = raw.get("corpus"), raw.get("doc_id"), raw.get("start"), raw.get("end")
    if not isinstance(corpus, str) or not isinstance(doc_id, str) or not corpus or not doc_id:
        raise _BadLine("bad_span", f"record '{record_id}': a record by reference needs 'corpus' and 'doc_id'")
    offsets = _pair(start, end)
    if offsets is None:
        raise _BadLine("bad_span", f"record '{record_id}': 'start' and 'end' must be offsets with start < end")
    sha1 = raw.get("sha1")
    return ArticleSpan(corpus, doc_id, *offsets, sha1 if isinstance(sha1, str) else None)


def _pair(start: Any, end: Any) -> tuple[int, int] | None:
    """(start, end) when both are character offsets and start < end, else None."""
    if not all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in (start, end)):
        return None
    return (start, end) if start < end else None


def _parse_penta(value: Any, record_id: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 4:
        return value
    raise _BadLine("bad_penta_class", f"record '{record_id}': 'penta_class' must be an integer 0-4, got {value!r}")


def _parse_events(value: Any, record_id: str) -> tuple[GoldEvent, ...]:
    if not isinstance(value, list):
        raise _BadLine("bad_events", f"record '{record_id}': 'events' must be a list")
    events = []
    for number, item in enumerate(value, start=1):
        where = f"record '{record_id}' event {number}"
        if not isinstance(item, dict):
            raise _BadLine("bad_events", f"{where}: expected an object")
        if "source" not in item:
            raise _BadLine("bad_events", f"{where}: 'source' is missing (null when the text names none)")
        source, source_span = _parse_actor(item["source"], f"{where}: 'source'")
        target, target_span = _parse_actor(item.get("target"), f"{where}: 'target'")
        cameo, plover = item.get("cameo"), item.get("plover")
        if cameo is not None:
            cameo = str(cameo)
            if not _CAMEO.match(cameo) or not 1 <= int(cameo[:2]) <= 20:
                raise _BadLine("bad_cameo", f"{where}: 'cameo' {cameo!r} is not a CAMEO code (2-4 digits, root 01-20)")
        if plover is not None and (not isinstance(plover, str) or not plover.strip()):
            raise _BadLine("bad_events", f"{where}: 'plover' must be a PLOVER event type")
        if cameo is None and plover is None:
            raise _BadLine("bad_events", f"{where}: give 'cameo' or 'plover'")
        modality = item.get("modality")
        if modality is not None and modality not in GOLD_MODALITIES:
            raise _BadLine("bad_events", f"{where}: 'modality' must be one of {', '.join(GOLD_MODALITIES)}")
        trigger = item.get("trigger")
        events.append(
            GoldEvent(
                source,
                target,
                cameo,
                plover,
                modality=modality,
                historical=item.get("historical") is True,
                source_span=source_span,
                target_span=target_span,
                trigger_span=_span_of(trigger) if isinstance(trigger, dict) else None,
            )
        )
    return tuple(events)


def _parse_actor(value: Any, where: str) -> tuple[str | None, tuple[int, int] | None]:
    """An actor given as a code ("USAGOV"), as an object with a code and a span, or null."""
    if isinstance(value, dict):
        code = value.get("code")
        if code is not None and (not isinstance(code, str) or not code.strip()):
            raise _BadLine("bad_events", f"{where}: 'code' must be an actor code or null")
        return (code.strip().upper() if code else None), _span_of(value)
    if value is None:
        return None, None
    if not isinstance(value, str) or not value.strip():
        raise _BadLine("bad_events", f"{where} must be an actor code such as 'TUR' or 'USAGOV', or null")
    return value.strip().upper(), None


def _span_of(value: dict[str, Any]) -> tuple[int, int] | None:
    return _pair(value.get("start"), value.get("end"))


# --- seed format -----------------------------------------------------------------------

#: The constraints a seed entry may carry; every one given must hold for an event to match.
SEED_CONSTRAINTS = (
    "source_country",
    "target_country",
    "source_code_contains",
    "target_code_contains",
    "cameo_root",
    "quad_class",
    "countries_outside",
    "same_country_dyad",
)


@dataclass(frozen=True, slots=True)
class SeedEntry:
    """One required, stretch or forbidden expectation of a seed file."""

    id: str
    kind: str  # required | stretch | forbidden
    constraints: dict[str, Any]
    why: str = ""
    sentence_hint: str = ""


@dataclass(frozen=True, slots=True)
class SeedSpec:
    """A seed file: the article it describes and what coding it must (not) yield."""

    path: Path
    article: Path
    article_date: dt.date | None
    entries: tuple[SeedEntry, ...]
    max_events: int | None = None


def is_seed_file(path: str | Path) -> bool:
    """A ``.json`` file (not JSONL) is a seed file; gold files are JSONL."""
    return Path(path).suffix.lower() == ".json"


def read_seed(path: str | Path) -> SeedSpec:
    """Read a seed JSON; the article is the file named by ``article``, beside it."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise GoldFileError(f"seed file '{path}' not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldFileError(f"seed file '{path}' cannot be read: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise SeedFormatError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("article"), str):
        raise SeedFormatError(
            f"{path}: a .json file is read as a seed file and needs 'article' (the .txt beside it); "
            "gold files are JSONL (.jsonl), one record per line"
        )
    entries: list[SeedEntry] = []
    for kind in ("required", "stretch", "forbidden"):
        items = raw.get(kind, [])
        if not isinstance(items, list):
            raise SeedFormatError(f"{path}: '{kind}' must be a list")
        for number, item in enumerate(items, start=1):
            entries.append(_seed_entry(item, kind, number, path))
    if not entries:
        raise SeedFormatError(f"{path}: no 'required', 'stretch' or 'forbidden' entries")
    date = as_date(raw.get("article_date"), what=f"{path}: 'article_date'", error=SeedFormatError)
    max_events = raw.get("max_events")
    return SeedSpec(
        path=path,
        article=path.parent / raw["article"],
        article_date=date,
        entries=tuple(entries),
        max_events=max_events if isinstance(max_events, int) else None,
    )


def _seed_entry(item: Any, kind: str, number: int, path: Path) -> SeedEntry:
    if not isinstance(item, dict):
        raise SeedFormatError(f"{path}: {kind} entry {number} must be an object")
    constraints = {key: item[key] for key in SEED_CONSTRAINTS if key in item}
    if not constraints:
        raise SeedFormatError(
            f"{path}: {kind} entry {item.get('id', number)} has none of {', '.join(SEED_CONSTRAINTS)}"
        )
    for key in ("cameo_root", "quad_class", "countries_outside"):
        if key in constraints and not isinstance(constraints[key], list):
            raise SeedFormatError(f"{path}: {kind} entry {item.get('id', number)}: '{key}' must be a list")
    return SeedEntry(
        id=str(item.get("id", f"{kind}{number}")),
        kind=kind,
        constraints=constraints,
        why=str(item.get("why", "")),
        sentence_hint=str(item.get("sentence_hint", "")),
    )
