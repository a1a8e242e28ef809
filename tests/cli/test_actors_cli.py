"""`tacitus actors` and `tacitus dict import-petrarch`: explained tables, JSONL, user dictionaries, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.cli import app
from tacitus.cli._app import EXIT_USAGE

pytestmark = pytest.mark.usefixtures("nlp")

JSONL_KEYS = {"doc_id", "text", "char_start", "char_end", "code", "country", "sector", "name", "entry", "rule"}


def test_actors_jsonl_on_text(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(
        app, ["actors", "Turkish pilots met U.S. officials.", "--date", "2019-04-03", "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(r) for r in records] == [JSONL_KEYS, JSONL_KEYS]
    assert [(r["text"], r["code"], r["country"], r["sector"]) for r in records] == [
        ("Turkish pilots", "TURMIL", "TUR", "MIL"),
        ("U.S. officials", "USAGOV", "USA", "GOV"),
    ]
    assert records[0]["rule"] == "agent.country_adjective"


def test_actors_table_explains_entry_and_rule(runner) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["actors", "Cavusoglu spoke.", "--date", "2019-04-03"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "TURGOV" in result.stdout
    assert "office_holders_2016_2026:" in result.stdout
    assert "person.dated" in result.stdout


def test_actors_jsonl_file_with_dates_and_a_bad_line(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "docs.jsonl"
    source.write_text(
        json.dumps({"id": "a", "text": "Erdogan spoke.", "date": "2012-01-01"})
        + "\n{not json\n"
        + json.dumps({"id": "b", "text": "Donald Trump spoke.", "date": "2023-01-01"})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["actors", str(source), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["doc_id"], r["code"]) for r in records] == [("a", "TURGOV"), ("b", "USAPTY")]  # a candidate on that date
    stderr = " ".join(result.stderr.split())
    assert f"{source}:2" in stderr and "not valid JSON" in stderr


def test_actors_user_dictionary(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    user = tmp_path / "mine.tsv"
    user.write_text(
        "pattern\tcode\tname\tkind\tstart\tend\tnote\nGrand Fenwick\tGFKGOV\tGrand Fenwick\tstate\t\t\t\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["actors", "Grand Fenwick declared war.", "--dict", str(user), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["code"] == "GFKGOV" and record["entry"] == "user:mine.tsv:2"


def test_actors_bad_dictionary_and_bad_date_exit_2(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "bad.tsv"
    bad.write_text("pattern\tcode\tname\tkind\nX\tXX\tX\tplanet\n", encoding="utf-8")
    result = runner.invoke(app, ["actors", "Some text.", "--dict", str(bad)])
    assert result.exit_code == EXIT_USAGE
    stderr = " ".join(result.stderr.split())
    assert "[T012]" in stderr and f"{bad}:2" in stderr and "planet" in stderr

    result = runner.invoke(app, ["actors", "Some text.", "--date", "03/04/2019"])
    assert result.exit_code == EXIT_USAGE
    assert "not an ISO date" in " ".join(result.stderr.split())


def test_dict_import_petrarch(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "mini.txt"
    source.write_text("OCEANIA_ [OCE]\n+OCEANIAN_\nBIG_BROTHER_ [OCEGOV >840404]\n", encoding="utf-8")
    out = tmp_path / "out.tsv"
    result = runner.invoke(app, ["dict", "import-petrarch", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert rows[0][:4] == ["pattern", "code", "name", "kind"]
    assert ["Oceania | Oceanian", "OCE", "Oceania", "state", "", "", f"phoenix {source.name}"] in rows
    assert ["Big Brother", "OCEGOV", "Big Brother", "person", "1984-04-04", "", f"phoenix {source.name}"] in rows

    printed = runner.invoke(app, ["dict", "import-petrarch", str(source)])
    assert printed.exit_code == 0 and "Big Brother\tOCEGOV" in printed.stdout

    missing = runner.invoke(app, ["dict", "import-petrarch", str(tmp_path / "nope.txt")])
    assert missing.exit_code == EXIT_USAGE and "not found" in " ".join(missing.stderr.split())


def test_actors_long_text_is_not_taken_for_a_path(runner) -> None:  # type: ignore[no-untyped-def]
    text = "Turkey objected. " * 30
    result = runner.invoke(app, ["actors", text, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 30


def test_actors_missing_jsonl_file_exit_2(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["actors", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == EXIT_USAGE
    assert "not found" in " ".join(result.stderr.split())
