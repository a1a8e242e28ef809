"""Writers for `Store.export`: parquet, jsonl, csv and GDELT 2.0 event files.

Every writer consumes an Arrow record-batch reader, so an export of any size runs in
constant memory. The GDELT writer fills the columns Tacitus knows and leaves the others
empty (docs/schema.md lists which); its column names and order come from the packaged
table `data/ontology/gdelt2_event_columns.tsv`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from tacitus.errors import StoreError
from tacitus.resources import read_tsv


@functools.cache
def gdelt_columns() -> tuple[str, ...]:
    """The 61 GDELT 2.0 event-table column names, in file order."""
    rows = sorted(read_tsv("ontology/gdelt2_event_columns.tsv"), key=lambda row: int(row["position"]))
    return tuple(row["name"] for row in rows)


def global_event_id(event_id: str) -> int:
    """A stable positive 60-bit integer for GDELT's GlobalEventID, from our hex event id."""
    return int(event_id[:15], 16)


def gdelt_row(event: dict[str, Any]) -> dict[str, Any]:
    """One events-table row (plus article_url, article_ingested_at) as a GDELT 2.0 record."""
    row: dict[str, Any] = dict.fromkeys(gdelt_columns(), "")
    date: dt.date | None = event.get("date")
    row["GlobalEventID"] = global_event_id(event["event_id"])
    if date is not None:
        row["Day"] = date.strftime("%Y%m%d")
        row["MonthYear"] = date.strftime("%Y%m")
        row["Year"] = date.year
        row["FractionDate"] = f"{date.year + (date.month * 30 + date.day) / 365:.4f}"
    for prefix, side in (("Actor1", "source"), ("Actor2", "target")):
        code = event.get(f"{side}_code")
        if not code and not event.get(f"{side}_text"):
            continue
        row[f"{prefix}Code"] = code or ""
        name = event.get(f"{side}_name") or event.get(f"{side}_text") or ""
        row[f"{prefix}Name"] = name.upper()
        row[f"{prefix}CountryCode"] = event.get(f"{side}_country") or ""
        row[f"{prefix}Type1Code"] = event.get(f"{side}_sector") or ""
        if code and code.startswith("IGO") and len(code) >= 6:
            row[f"{prefix}KnownGroupCode"] = code[-3:]  # IGOWSTNAT → NAT, IGOUNO → UNO
    cameo = event["cameo"]
    row["IsRootEvent"] = 1 if event.get("sentence_index") == 0 else 0
    row["EventCode"] = cameo
    row["EventBaseCode"] = cameo[:3]
    row["EventRootCode"] = event["cameo_root"]
    row["QuadClass"] = event.get("quad_class") if event.get("quad_class") is not None else ""
    row["GoldsteinScale"] = event.get("goldstein") if event.get("goldstein") is not None else ""
    row["NumMentions"] = row["NumSources"] = row["NumArticles"] = 1
    added: dt.datetime | None = event.get("article_ingested_at")
    row["DATEADDED"] = added.strftime("%Y%m%d%H%M%S") if added else ""
    row["SOURCEURL"] = event.get("article_url") or event["doc_id"]
    return row


def write_export(reader: pa.RecordBatchReader, out: Path, format: str) -> int:
    """Stream `reader` into `out` in `format`; return the number of rows written."""
    try:
        if format == "parquet":
            return _write_batches(pq.ParquetWriter, reader, out)
        if format == "csv":
            return _write_batches(pacsv.CSVWriter, reader, out)
        if format == "jsonl":
            return _write_jsonl(reader, out)
        return _write_gdelt(reader, out)
    except OSError as exc:
        raise StoreError(f"cannot write export '{out}': {exc}") from exc


def _write_batches(writer_class: Any, reader: pa.RecordBatchReader, out: Path) -> int:
    """Stream Arrow batches into a Parquet or CSV writer; returns the rows written."""
    written = 0
    with writer_class(out, reader.schema) as writer:
        for batch in reader:
            writer.write_batch(batch)
            written += batch.num_rows
    return written


def _write_jsonl(reader: pa.RecordBatchReader, out: Path) -> int:
    written = 0
    with out.open("w", encoding="utf-8") as handle:
        for batch in reader:
            for record in batch.to_pylist():
                handle.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
                written += 1
    return written


def _write_gdelt(reader: pa.RecordBatchReader, out: Path) -> int:
    written = 0
    columns = gdelt_columns()
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=columns, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
        )
        for batch in reader:
            for record in batch.to_pylist():
                writer.writerow({k: _no_tabs(v) for k, v in gdelt_row(record).items()})
                written += 1
    return written


def _no_tabs(value: Any) -> Any:
    """GDELT files have no quoting: tabs and newlines inside a value would break the row."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _json_default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
