"""SQL for an `EventFilter`: the only place filter criteria become a WHERE clause.

Every value travels as a query parameter; only the fixed fragments below are joined into
SQL text. Events come back in one order everywhere (date, article, sentence, trigger, id),
so paging and exports are deterministic.
"""

from __future__ import annotations

from typing import Any

from tacitus.filters import NOT_CURRENT_MODALITIES, EventFilter

#: The order of events in every query and export.
EVENT_ORDER = "events.date NULLS LAST, events.doc_id, events.sentence_index, events.trigger_start, events.event_id"


def _side_clause(side: str, value: str) -> tuple[str, list[Any]]:
    """A source/target criterion: the country equals `value` or the actor code starts with it."""
    if side == "source":
        return "(events.source_country = ? OR starts_with(events.source_code, ?))", [value, value]
    return "(events.target_country = ? OR starts_with(events.target_code, ?))", [value, value]


#: Great-circle (haversine) distance in km from (?, ?) to the event's point, at most ?; the mean
#: earth radius is 6371.0088 km. Events without coordinates (country or region level) never match.
_NEAR = (
    "(events.location_lat IS NOT NULL AND 2 * 6371.0088 * asin(sqrt(least(1.0, "
    "pow(sin(radians(events.location_lat - ?) / 2), 2) + cos(radians(?)) * cos(radians(events.location_lat)) "
    "* pow(sin(radians(events.location_lon - ?) / 2), 2)))) <= ?)"
)


def where_clause(criteria: EventFilter) -> tuple[str, list[Any]]:
    """`(" WHERE ...", params)` for `criteria` ("" when it holds none)."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(clause: str, values: list[Any]) -> None:
        clauses.append(clause)
        params.extend(values)

    if criteria.source:
        add(*_side_clause("source", criteria.source))
    if criteria.target:
        add(*_side_clause("target", criteria.target))
    if criteria.dyad:
        first, second = criteria.dyad
        forward_source, p1 = _side_clause("source", first)
        forward_target, p2 = _side_clause("target", second)
        if criteria.undirected:
            back_source, p3 = _side_clause("source", second)
            back_target, p4 = _side_clause("target", first)
            add(f"(({forward_source} AND {forward_target}) OR ({back_source} AND {back_target}))", p1 + p2 + p3 + p4)
        else:
            add(f"({forward_source} AND {forward_target})", p1 + p2)
    if criteria.since:
        add("events.date >= ?", [criteria.since])
    if criteria.until:
        add("events.date <= ?", [criteria.until])
    if criteria.cameo:
        add("(" + " OR ".join("starts_with(events.cameo, ?)" for _ in criteria.cameo) + ")", list(criteria.cameo))
    if criteria.min_confidence > 0:
        add("events.confidence >= ?", [criteria.min_confidence])
    if criteria.current_only:
        marks = ", ".join("?" for _ in NOT_CURRENT_MODALITIES)
        add(
            f"NOT coalesce(events.historical, false) AND events.modality NOT IN ({marks})", list(NOT_CURRENT_MODALITIES)
        )
    if criteria.near is not None:
        lat, lon, km = criteria.near
        add(_NEAR, [lat, lat, lon, km])
    if criteria.place is not None:
        add("(lower(events.location) = lower(?) OR events.location_country = upper(?))", [criteria.place] * 2)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def events_query(criteria: EventFilter, *, columns: str = "events.*", joins: str = "") -> tuple[str, list[Any]]:
    """The SELECT for the events matching `criteria`, in the store's order, paged."""
    where, params = where_clause(criteria)
    sql = f"SELECT {columns} FROM events{joins}{where} ORDER BY {EVENT_ORDER}"
    if criteria.limit is not None:
        sql += " LIMIT ?"
        params.append(criteria.limit)
    if criteria.offset:
        sql += " OFFSET ?"
        params.append(criteria.offset)
    return sql, params
