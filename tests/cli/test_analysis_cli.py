"""`tacitus series`, `alerts`, `index` and `plot`: every format, and errors as exit code 2."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "analysis"))

from _stores import week, weekly_store  # noqa: E402

from tacitus.analysis.series import DEFAULT_MIN_CONFIDENCE, SERIES_COLUMNS  # noqa: E402
from tacitus.cli import app  # noqa: E402
from tacitus.cli._app import EXIT_USAGE  # noqa: E402
from tacitus.cli.analysis import DEFAULT_MIN_CONFIDENCE as CLI_DEFAULT  # noqa: E402


@pytest.fixture(scope="module")
def db(tmp_path_factory):  # type: ignore[no-untyped-def]
    return weekly_store(tmp_path_factory.mktemp("cli") / "c.duckdb", [1] * 20 + [12, 1])


def test_cli_default_confidence_is_the_library_one() -> None:
    assert CLI_DEFAULT == DEFAULT_MIN_CONFIDENCE


def test_series_formats(runner, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    args = ["series", "--db", str(db), "--dyad", "UKR-RUS", "--undirected"]
    jsonl = runner.invoke(app, [*args, "--format", "jsonl"])
    assert jsonl.exit_code == 0, jsonl.output
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert len(rows) == 22 and list(rows[0]) == list(SERIES_COLUMNS)
    assert rows[20]["period"] == week(20, 0).isoformat() and rows[20]["events"] == 12
    as_csv = runner.invoke(app, [*args, "--format", "csv", "--by", "month"])
    table = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert sum(int(r["events"]) for r in table) == 33
    out = tmp_path / "s.parquet"
    parquet = runner.invoke(app, [*args, "--format", "parquet", "--out", str(out)])
    assert parquet.exit_code == 0, parquet.output
    assert pd.read_parquet(out)["events"].sum() == 33
    shown = runner.invoke(app, [*args])
    assert shown.exit_code == 0 and "clusters" in shown.stdout
    actor = runner.invoke(app, ["series", "--db", str(db), "--actor", "UKR", "-f", "jsonl"])
    assert sum(json.loads(line)["events"] for line in actor.stdout.splitlines()) == 33


def test_series_errors(runner, db) -> None:  # type: ignore[no-untyped-def]
    parquet = runner.invoke(app, ["series", "--db", str(db), "--format", "parquet"])
    assert parquet.exit_code == EXIT_USAGE and "--out" in parquet.output
    both = runner.invoke(app, ["series", "--db", str(db), "--dyad", "A-B", "--actor", "A"])
    assert both.exit_code == EXIT_USAGE and "T060" in both.output


def test_alerts_jsonl_table_and_stored(runner, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    copy = tmp_path / "a.duckdb"
    copy.write_bytes(db.read_bytes())
    result = runner.invoke(app, ["alerts", "--db", str(copy), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    alerts = [json.loads(line) for line in result.stdout.splitlines()]
    assert alerts and alerts[0]["dyad"] == "RUS-UKR" and alerts[0]["period_start"] == week(20, 0).isoformat()
    assert {"alert_id", "measure", "value", "baseline", "score", "level", "events", "evidence"} <= set(alerts[0])
    stored = runner.invoke(app, ["alerts", "--db", str(copy), "--stored", "-f", "jsonl", "--dyad", "UKR-RUS"])
    assert [json.loads(line)["alert_id"] for line in stored.stdout.splitlines()] == [
        a["alert_id"] for a in alerts if a["dyad"] == "RUS-UKR"
    ]
    table = runner.invoke(app, ["alerts", "--db", str(copy), "--stored", "--level", "high"])
    assert table.exit_code == 0 and "RUS-UKR" in table.stdout
    none = runner.invoke(app, ["alerts", "--db", str(copy), "--since", "2030-01-01", "-f", "jsonl"])
    assert none.exit_code == 0 and none.stdout == ""


def test_index_and_plot(runner, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    index = runner.invoke(app, ["index", "--db", str(db), "--country", "UKR", "--by", "week", "-f", "jsonl"])
    assert index.exit_code == 0, index.output
    rows = [json.loads(line) for line in index.stdout.splitlines()]
    assert len(rows) == 22 and all(r["country"] == "UKR" for r in rows)
    assert sum(r["gpra"] for r in rows) / len(rows) == pytest.approx(100.0)
    out = tmp_path / "p.png"
    plot = runner.invoke(app, ["plot", "series", "--db", str(db), "--dyad", "RUS-UKR", "--out", str(out)])
    assert plot.exit_code == 0, plot.output
    assert out.stat().st_size > 5000
    bad = runner.invoke(app, ["plot", "index", "--db", str(db), "--out", str(tmp_path / "p.txt")])
    assert bad.exit_code == EXIT_USAGE and "T060" in bad.output
