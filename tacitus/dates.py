"""The one date parser: every date Tacitus reads (input records, options, gold files, stores) comes through here.

`parse_date` takes what news data carries (ISO dates and datetimes, ``YYYYMMDD``, RFC 2822
feed dates) and raises ValueError for anything else; it never guesses and never returns
None for text it could not read. `as_date` is the same for user-given values, raising a
`TacitusError` that names the option.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

from tacitus.errors import InputError, TacitusError

_COMPACT_DATE = re.compile(r"^\d{8}$")


def parse_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime, an ISO date/datetime, ``YYYYMMDD`` or an RFC 2822 string.

    None and "" give None; anything else that is not a date raises ValueError.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    text = value.strip()
    if _COMPACT_DATE.match(text):
        try:
            return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
        except ValueError:
            raise ValueError(f"not a date: {value!r}") from None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {value!r}") from None


def as_date(value: Any, *, what: str = "date", error: type[TacitusError] = InputError) -> dt.date | None:
    """`parse_date` for a value a user gave; `what` names it in the `error` raised."""
    try:
        return parse_date(value)
    except ValueError:
        raise error(f"{what} '{value}' is not an ISO date such as 2019-04-03") from None


#: A year as news text names it: "in 2017", "the 1990s" (its first four digits), "2019-20".
_NAMED_YEAR = re.compile(r"(?<![\d.,$])(19[5-9]\d|20\d\d)(?!\d|[.,]\d)")


def year_written(text: str) -> dt.date | None:
    """When an undated article was most likely written: the 31 December of the year it names most often.

    Only to tell background from news ("in 2012" is history in a 2017 report): news names its own
    year more often than any other, a target year ("by 2030") or an anniversary rarely. Ties go to
    the later year. None when the text names no year.
    """
    counts: dict[int, int] = {}
    for match in _NAMED_YEAR.finditer(text):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    year = max(counts, key=lambda y: (counts[y], y))
    return dt.date(year, 12, 31)
