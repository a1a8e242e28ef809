"""`EventFilter`: which stored events a query wants, as one typed, validated value.

The store turns it into SQL (`tacitus.store.queries`), the CLI builds it from its options,
and the HTTP API will build it from query parameters: the filters are spelled out here
once, with their checks, and nowhere else.

    >>> EventFilter.parse(dyad="TUR-USA", since="2019-01-01", cameo="12")
    EventFilter(source=None, target=None, dyad=('TUR', 'USA'), ...)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from tacitus.dates import as_date
from tacitus.errors import FilterError

#: Modalities of events that did not (yet) happen; `EventFilter(current_only=True)` leaves them out.
NOT_CURRENT_MODALITIES = ("hypothetical", "negated")


@dataclass(frozen=True)
class EventFilter:
    """Every given criterion must hold; None (or the default) means "any".

    Attributes:
        source, target: a country (``TUR``) or an actor-code prefix (``TURGOV``) of that side.
        dyad: (source, target); both directions match when `undirected`.
        since, until: inclusive event dates.
        cameo: CAMEO code prefixes, any of which matches (``("12", "0411")``).
        min_confidence: events below this confidence are left out.
        current_only: leave out historical events and those that did not happen
            (hypothetical, negated), as time series and alerts want.
        near: (lat, lon, km): events located within km kilometres of the point (great-circle
            distance); events placed only at country or region level have no point and never match.
        place: a location name (case-insensitive: "Kabul") or ISO3 country code ("AFG") of the event.
        limit, offset: paging, in the store's order (date, article, position).
    """

    source: str | None = None
    target: str | None = None
    dyad: tuple[str, str] | None = None
    undirected: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    cameo: tuple[str, ...] = ()
    min_confidence: float = 0.0
    current_only: bool = False
    near: tuple[float, float, float] | None = None
    place: str | None = None
    limit: int | None = None
    offset: int = 0

    @classmethod
    def parse(
        cls,
        *,
        source: str | None = None,
        target: str | None = None,
        dyad: str | None = None,
        undirected: bool = False,
        since: str | dt.date | None = None,
        until: str | dt.date | None = None,
        cameo: str | Sequence[str] | None = None,
        min_confidence: float | None = None,
        current_only: bool = False,
        near: str | Sequence[float] | None = None,
        place: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
    ) -> EventFilter:
        """A filter from user-given values (CLI options, query parameters), checked.

        Raises:
            FilterError [T030]: a value that is not what its criterion takes; the message
                names the criterion as the CLI spells it (``--dyad``).
        """
        codes = (cameo,) if isinstance(cameo, str) else tuple(cameo or ())
        return cls(
            source=_actor("source", source) if source else None,
            target=_actor("target", target) if target else None,
            dyad=_dyad(dyad) if dyad else None,
            undirected=bool(undirected),
            since=as_date(since, what="--since", error=FilterError),
            until=as_date(until, what="--until", error=FilterError),
            cameo=tuple(_cameo(code) for code in codes if code.strip()),
            min_confidence=_confidence(min_confidence),
            current_only=bool(current_only),
            near=_near(near) if near is not None and near != "" else None,
            place=_place(place) if place is not None else None,
            limit=_count("limit", limit),
            offset=_count("offset", offset) or 0,
        )

    def with_paging(self, *, limit: int | None, offset: int = 0) -> EventFilter:
        """The same criteria, another page."""
        return replace(self, limit=_count("limit", limit), offset=_count("offset", offset) or 0)

    def to_dict(self) -> dict[str, Any]:
        """The criteria that are set, JSON-ready (for logs, alerts and API echoes)."""
        values: dict[str, Any] = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value == field.default:
                continue
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif field.name == "dyad":
                value = "-".join(value)
            elif field.name == "near":
                value = ",".join(f"{number:g}" for number in value)
            elif isinstance(value, tuple):
                value = list(value)
            values[field.name] = value
        return values


def _actor(name: str, value: str) -> str:
    cleaned = value.strip().upper()
    if not cleaned.isalnum() or not cleaned.isascii():
        raise FilterError(f"--{name} '{value}' is not an actor code or country such as TUR or TURGOV")
    return cleaned


def _dyad(value: str) -> tuple[str, str]:
    first, sep, second = value.partition("-")
    if not sep or not first.strip() or not second.strip():
        raise FilterError(f"--dyad '{value}' should look like TUR-USA (source-target)")
    return _actor("dyad", first), _actor("dyad", second)


def _cameo(value: str) -> str:
    code = value.strip()
    if not code.isdigit() or not code.isascii() or len(code) > 4:
        raise FilterError(f"--cameo '{value}' is not a CAMEO code prefix such as 12 or 0411")
    return code


def _confidence(value: float | None) -> float:
    if value is None:
        return 0.0
    number = float(value)
    if not 0.0 <= number <= 1.0:
        raise FilterError(f"--min-confidence must be between 0 and 1, not {value}")
    return number


def _near(value: str | Sequence[float]) -> tuple[float, float, float]:
    """The checked (lat, lon, km) of "LAT,LON,KM" or of three numbers."""
    parts = value.split(",") if isinstance(value, str) else list(value)
    hint = f"--near '{value if isinstance(value, str) else ','.join(map(str, value))}'"
    if len(parts) != 3:
        raise FilterError(f"{hint} should look like LAT,LON,KM, e.g. 34.53,69.17,50")
    try:
        lat, lon, km = (float(part) for part in parts)
    except (TypeError, ValueError) as exc:
        raise FilterError(f"{hint}: LAT, LON and KM must be numbers, e.g. 34.53,69.17,50") from exc
    if not -90.0 <= lat <= 90.0:
        raise FilterError(f"{hint}: latitude must be between -90 and 90, not {lat:g}")
    if not -180.0 <= lon <= 180.0:
        raise FilterError(f"{hint}: longitude must be between -180 and 180, not {lon:g}")
    if not 0.0 < km <= 20_040.0:  # half the earth's circumference: anything farther is everywhere
        raise FilterError(f"{hint}: the radius must be more than 0 and at most 20040 km, not {km:g}")
    return lat, lon, km


def _place(value: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise FilterError("--place needs a place name such as Kabul or a country code such as AFG")
    return cleaned


def _count(name: str, value: int | None) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FilterError(f"--{name} must be 0 or more, not {value}")
    return value
