"""Exports: DuckDB writes the file itself (COPY), so memory stays flat whatever the store's size.

Formats: ``parquet``, ``jsonl`` and ``csv`` hold the events table's columns
(`columns.EVENT_COLUMNS`, in that order; JSONL and Parquet fold the location_* columns into one
``location`` object, as `Event.to_dict` gives it, CSV keeps them flat); ``gdelt`` is a GDELT 2.0 event file: its 61
columns in GDELT's order (from the packaged table `data/ontology/gdelt2_event_columns.tsv`),
tab-separated, no header, no quoting. The GDELT columns Tacitus knows are computed in SQL
(`GDELT_EXPRESSIONS`); the others stay empty (docs/schema.md lists which).
"""

from __future__ import annotations

import contextlib
import functools
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tacitus.errors import FilterError, StoreError
from tacitus.filters import EventFilter
from tacitus.resources import read_tsv
from tacitus.store.columns import EVENT_COLUMN_NAMES, LOCATION_FIELDS
from tacitus.store.queries import events_query

EXPORT_FORMATS = ("parquet", "jsonl", "csv", "gdelt")

_COPY_OPTIONS = {
    "parquet": "FORMAT PARQUET, COMPRESSION ZSTD",
    "jsonl": "FORMAT JSON",
    "csv": "FORMAT CSV, HEADER true",
    # GDELT files have no header and no quoting: values are cleaned of tabs and newlines below.
    "gdelt": "FORMAT CSV, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE ''",
}

#: Memory DuckDB may use for an export's sort before it spills to a temporary folder. Measured
#: (benchmarks/bench_export.py): with 512MB DuckDB alone peaks at 581 MB for 3 million events
#: and 618 MB for 10 million (2.6 GB for 3 million unbounded); 256MB runs out of memory in the
#: final merge of a 10-million-row sort on two threads.
EXPORT_MEMORY_LIMIT = "512MB"
#: Text writers buffer large blocks per thread: JSONL of 10 million events runs out of memory
#: at 512MB on two threads and peaks at 591 MB on one, in about the same time.
SINGLE_THREADED = frozenset({"jsonl", "csv", "gdelt"})


def _clean(expression: str) -> str:
    """A text value with its whitespace runs (tabs, newlines) folded to one space."""
    return f"regexp_replace({expression}, '\\s+', ' ', 'g')"


def _actor_columns(prefix: str, side: str) -> dict[str, str]:
    present = f"({side}_code IS NOT NULL OR {side}_text IS NOT NULL)"
    name = _clean(f"upper(coalesce({side}_name, {side}_text, ''))")
    return {
        f"{prefix}Code": f"CASE WHEN {present} THEN coalesce({side}_code, '') END",
        f"{prefix}Name": f"CASE WHEN {present} THEN {name} END",
        f"{prefix}CountryCode": f"CASE WHEN {present} THEN coalesce({side}_country, '') END",
        f"{prefix}Type1Code": f"CASE WHEN {present} THEN coalesce({side}_sector, '') END",
        # IGOWSTNAT → NAT, IGOUNO → UNO
        f"{prefix}KnownGroupCode": f"CASE WHEN {side}_code LIKE 'IGO%' AND length({side}_code) >= 6 "
        f"THEN right({side}_code, 3) END",
    }


#: GDELT column → SQL expression over the events table joined with its article (alias a).
GDELT_EXPRESSIONS: dict[str, str] = {
    # a stable positive 60-bit integer from our hex event id
    "GlobalEventID": "CAST('0x' || left(event_id, 15) AS UBIGINT)",
    "Day": "strftime(events.date, '%Y%m%d')",
    "MonthYear": "strftime(events.date, '%Y%m')",
    "Year": "year(events.date)",
    "FractionDate": "printf('%.4f', year(events.date) + (month(events.date) * 30 + day(events.date)) / 365)",
    **_actor_columns("Actor1", "source"),
    **_actor_columns("Actor2", "target"),
    "IsRootEvent": "CASE WHEN sentence_index = 0 THEN 1 ELSE 0 END",
    "EventCode": "cameo",
    "EventBaseCode": "left(cameo, 3)",
    "EventRootCode": "cameo_root",
    "QuadClass": "quad_class",
    "GoldsteinScale": "goldstein",
    "NumMentions": "1",
    "NumSources": "1",
    "NumArticles": "1",
    # GDELT's mean tone of the documents that mention the event: here its one article's (tacitus.enrich.tone)
    "AvgTone": "events.article_tone",
    "DATEADDED": "strftime(a.ingested_at, '%Y%m%d%H%M%S')",
    "SOURCEURL": _clean("coalesce(a.url, events.doc_id)"),
    # Where the event happened (tacitus.enrich.geo): FIPS 10-4 country codes and "City, State, Country"
    # names as GDELT writes them, through data/geo/gdelt_codes.tsv (joined as gc, US states as gs).
    "ActionGeo_Type": "CASE events.location_feature WHEN 'country' THEN 1 "
    "WHEN 'adm1' THEN CASE WHEN events.location_country = 'USA' THEN 2 ELSE 5 END "
    "WHEN 'city' THEN CASE WHEN events.location_country = 'USA' THEN 3 ELSE 4 END END",
    "ActionGeo_FullName": "CASE WHEN events.location_feature IS NOT NULL THEN "
    + _clean(
        "concat_ws(', ', CASE WHEN events.location_feature <> 'country' THEN events.location END, "
        "CASE WHEN events.location_feature = 'city' THEN gs.name END, coalesce(gc.name, events.location_country))"
    )
    + " END",
    "ActionGeo_CountryCode": "gc.fips",
    "ActionGeo_ADM1Code": "CASE WHEN events.location_feature = 'country' THEN gc.fips "
    "WHEN events.location_adm1 IS NOT NULL THEN gc.fips || split_part(events.location_adm1, '.', 2) END",
    "ActionGeo_Lat": "events.location_lat",
    "ActionGeo_Long": "events.location_lon",
    # GDELT: GNS/GNIS ids for places, the FIPS code for countries; ours are GeoNames ids (docs/schema.md)
    "ActionGeo_FeatureID": "CASE WHEN events.location_feature = 'country' THEN gc.fips "
    "ELSE CAST(events.location_geonameid AS VARCHAR) END",
}

#: The registered table of FIPS codes and names the GDELT export joins (`_geo_codes`).
_GEO_CODES = "_tacitus_geo_codes"


@functools.cache
def gdelt_columns() -> tuple[str, ...]:
    """The 61 GDELT 2.0 event-table column names, in file order."""
    rows = sorted(read_tsv("ontology/gdelt2_event_columns.tsv"), key=lambda row: int(row["position"]))
    return tuple(row["name"] for row in rows)


def _select(format: str) -> tuple[str, str]:
    """(the SELECT list, the joins) of an export in `format`."""
    if format == "csv":
        return ", ".join(f"events.{name}" for name in EVENT_COLUMN_NAMES), ""
    if format != "gdelt":  # JSON and Parquet nest the location as the object of docs/events.md
        return ", ".join(_nested(name) for name in EVENT_COLUMN_NAMES if name not in _LOCATION_PARTS), ""
    select = ", ".join(f'{GDELT_EXPRESSIONS.get(name, "NULL")} AS "{name}"' for name in gdelt_columns())
    return select, (
        " LEFT JOIN articles a ON a.id = events.doc_id"
        f" LEFT JOIN {_GEO_CODES} gc ON gc.kind = 'country' AND gc.code = events.location_country"
        f" LEFT JOIN {_GEO_CODES} gs ON gs.kind = 'us_state' AND gs.code = events.location_adm1"
    )


#: The flat location columns that JSON and Parquet exports fold into one `location` object.
_LOCATION_PARTS = frozenset(f"location_{name}" for name, _, _ in LOCATION_FIELDS)


def _nested(name: str) -> str:
    if name != "location":
        return f"events.{name}"
    fields = ", ".join(
        ["name := events.location", *(f"{part} := events.location_{part}" for part, _, _ in LOCATION_FIELDS)]
    )
    return f"CASE WHEN events.location IS NULL THEN NULL ELSE struct_pack({fields}) END AS location"


@functools.cache
def _geo_codes() -> pa.Table:
    rows = read_tsv("geo/gdelt_codes.tsv")
    return pa.table({key: [row[key] or None for row in rows] for key in ("kind", "code", "fips", "name")})


def _quoted_path(path: Path) -> str:
    """A file path as an SQL string literal (COPY takes no parameter for its target)."""
    return "'" + str(path).replace("'", "''") + "'"


def write_export(con: duckdb.DuckDBPyConnection, criteria: EventFilter, out: Path, format: str) -> int:
    """Write the events matching `criteria` to `out` in `format`; return how many were written."""
    if format not in EXPORT_FORMATS:
        raise FilterError(f"unknown export format '{format}'; choose one of {', '.join(EXPORT_FORMATS)}")
    columns, joins = _select(format)
    query, params = events_query(criteria, columns=columns, joins=joins)
    sql = f"COPY ({query}) TO {_quoted_path(out)} ({_COPY_OPTIONS[format]})"
    if format == "gdelt":
        con.register(_GEO_CODES, _geo_codes())
    try:
        with _bounded_memory(con, spill=out.parent, single_thread=format in SINGLE_THREADED):
            row = con.execute(sql, params).fetchone()
    except (duckdb.Error, OSError) as exc:
        raise StoreError(f"cannot write export '{out}': {exc}") from exc
    finally:
        if format == "gdelt":
            con.unregister(_GEO_CODES)
    return int(row[0]) if row else 0


@contextlib.contextmanager
def _bounded_memory(con: duckdb.DuckDBPyConnection, *, spill: Path, single_thread: bool) -> Iterator[None]:
    """Cap DuckDB's memory (and threads) and give it a folder to spill the sort to, then put all back.

    A store opened read-only has no spill folder of its own; without one the sort stays in
    memory whatever the limit. The folder is made beside the export and removed after it.
    """
    previous = {name: _setting(con, name) for name in ("memory_limit", "temp_directory", "threads")}
    with tempfile.TemporaryDirectory(prefix=".tacitus-spill-", dir=spill) as folder:
        con.execute(f"SET memory_limit = '{EXPORT_MEMORY_LIMIT}'")
        if single_thread:
            con.execute("SET threads = 1")
        with contextlib.suppress(duckdb.Error):  # once a connection has spilled, its folder is fixed
            con.execute(f"SET temp_directory = {_quoted_path(Path(folder))}")
        try:
            yield
        finally:
            con.execute(f"SET memory_limit = '{previous['memory_limit']}'")
            con.execute(f"SET threads = {int(previous['threads'])}")
            with contextlib.suppress(duckdb.Error):
                con.execute(f"SET temp_directory = {_quoted_path(Path(previous['temp_directory'] or ''))}")


def _setting(con: duckdb.DuckDBPyConnection, name: str) -> Any:
    row = con.execute("SELECT current_setting(?)", [name]).fetchone()
    return row[0] if row else None
