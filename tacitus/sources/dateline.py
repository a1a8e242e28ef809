"""Leading datelines: ``WASHINGTON (Reuters) -`` is metadata, not the first sentence.

A dateline is recognised only at the very start of an article and only in the shapes
wire services use, ending in a dash; anything else is left alone, because eating a real
first sentence would lose events. Recognised shapes (docs/ingest.md):

    date 2019-04-03 (Bloomberg) -- text            ISO date, optional source
    WASHINGTON (Reuters) - text                    upper-case place, source
    KABUL, Afghanistan (AP) — text                 place with region, source
    Kabul, Afghanistan (AP) — text                 mixed-case place only when a source follows
    LONDON — text                                  upper-case place alone (4+ letters, no abbreviation)
    Jan. 5, 2019 (AFP) - text                      month-name date, source
    BEIRUT, March 3 (Reuters) - text               place and date (a date without year is kept raw)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tacitus.dates import parse_date

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_UPPER_WORD = r"[A-Z][A-Z'.\-]*[A-Z.]"
_TITLE_WORD = r"[A-Z][A-Za-z'.\-]*"
_SOURCE = r"[A-Za-z][A-Za-z0-9.&'/ \-]{0,38}[A-Za-z0-9.]"
# One dash: "--", an em or en dash, or a hyphen with a space on both sides.
_DASH = r"(?:[ ]*(?:--|\u2014|\u2013)\s*|[ ]+-\s+)"

# Inside a dateline only spaces separate words: a line break means the dateline has ended.
_DATELINE = re.compile(
    rf"""
    \A\s*
    (?:date[ ]+(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})[ ]*)?
    (?:
        (?P<place>{_UPPER_WORD}(?:[ ]+{_UPPER_WORD}){{0,3}}|{_TITLE_WORD}(?:[ ]+{_TITLE_WORD}){{0,2}})
        (?:,[ ]*(?P<region>{_TITLE_WORD}(?:[ ]+{_TITLE_WORD}){{0,2}}))??
    )??
    (?:,?[ ]*(?P<month>{_MONTH})[ ]+(?P<day>\d{{1,2}})(?:,[ ]*(?P<year>\d{{4}}))?)?
    [ ]*(?:\((?P<source>{_SOURCE})\))?
    (?P<dash>{_DASH})
    (?=[A-Z0-9"'\u201c\u2018(])
    """,
    re.VERBOSE,
)

#: Upper-case words that open an article without being a place.
_NOT_PLACES = frozenset(
    {
        "BREAKING",
        "UPDATE",
        "UPDATED",
        "EXCLUSIVE",
        "ANALYSIS",
        "OPINION",
        "EDITORIAL",
        "COMMENTARY",
        "WATCH",
        "VIDEO",
        "LIVE",
        "URGENT",
        "FLASH",
        "REFILE",
        "CORRECTED",
        "CORRECTION",
        "NOTE",
        "FILE",
        "FINAL",
        "PHOTO",
        "PHOTOS",
        "UPDATES",
        "LISTEN",
        "READ",
        "SPONSORED",
    }
)


#: Mixed-case openings that start a sentence rather than name a place.
_NOT_PLACE_STARTS = frozenset(
    {"The", "A", "An", "In", "At", "On", "By", "For", "From", "With", "Mr", "Mrs", "Ms", "Dr", "President", "Officials"}
)


@dataclass(frozen=True)
class Dateline:
    """What a dateline said, and where the article text starts after it."""

    date: dt.date | None
    source: str | None
    place: str | None
    raw: str  # the dateline as written, without the trailing dash
    end: int  # offset in the original text where the article proper begins


def parse_dateline(text: str) -> Dateline | None:
    """The dateline at the start of `text`, or None when there is none (or any doubt)."""
    match = _DATELINE.match(text[:300])
    if match is None:
        return None
    iso, place, region, source = match["iso"], match["place"], match["region"], match["source"]
    month = match["month"]
    if not (iso or place or month):
        return None
    if place:
        upper = place == place.upper()
        first_word = place.split()[0].strip(".,'-")
        if first_word in _NOT_PLACES:
            return None
        if not upper and (not source or first_word in _NOT_PLACE_STARTS):
            return None  # "Turkey — the alliance's ..." and "In Paris (France) — ..." stay sentences
        # "LONDON — " alone: only plain words of 4+ letters ("U.S. — China talks" is a sentence)
        weak = "." in place or sum(c.isalpha() for c in place) < 4
        if upper and not (source or iso or month) and weak:
            return None
    elif month and not (source or iso):
        return None
    date = _date(iso, month, match["day"], match["year"])
    full_place = f"{place}, {region}" if place and region else place
    raw = text[: match.start("dash")].strip()
    return Dateline(date=date, source=source.strip() if source else None, place=full_place, raw=raw, end=match.end())


def split_dateline(text: str) -> tuple[Dateline | None, str]:
    """`text` without its leading dateline, and the dateline (None when there is none)."""
    dateline = parse_dateline(text)
    if dateline is None:
        return None, text
    return dateline, text[dateline.end :]


def _date(iso: str | None, month: str | None, day: str | None, year: str | None) -> dt.date | None:
    try:
        if iso:
            return parse_date(iso)
        if month and day and year:
            return dt.date(int(year), _MONTHS[month[:3].lower()], int(day))
    except ValueError:
        return None
    return None
