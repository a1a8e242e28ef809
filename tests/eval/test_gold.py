"""Gold and seed readers: good records, bad lines reported with their line number, missing files."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tacitus.errors import EvalError
from tacitus.eval.gold import GoldFileError, SeedFormatError, is_seed_file, read_gold, read_seed


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_records_with_events_dates_and_penta(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "gold.jsonl",
        [
            "# a comment line",
            json.dumps(
                {
                    "id": "a",
                    "text": "Chile recalled its envoy.",
                    "date": "2021-05-02",
                    "events": [{"source": "CHLGOV", "target": "PER", "cameo": "1054"}],
                }
            ),
            "",
            json.dumps({"id": 7, "text": "Nothing happened.", "penta_class": 0}),
            json.dumps(
                {"id": "c", "text": "Talks.", "events": [{"source": "IGOEU", "target": None, "plover": "consult"}]}
            ),
        ],
    )
    gold = read_gold(path)
    assert gold.problems == []
    first, second, third = gold.records
    assert first.date == dt.date(2021, 5, 2)
    assert first.events is not None and first.events[0].root == "10"
    assert first.events[0].source_key == "CHL"
    assert first.line == 2
    assert second.id == "7" and second.events is None and second.penta_class == 0
    assert third.events is not None and third.events[0].target is None and third.events[0].plover == "consult"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x", "text": "unterminated', "malformed_json"),
        ('["a list"]', "not_an_object"),
        ('{"text": "no id"}', "missing_id"),
        ('{"id": "x", "text": "  "}', "missing_text"),
        ('{"id": "x", "text": "t", "date": "3 April"}', "bad_date"),
        ('{"id": "x", "text": "t", "penta_class": 5}', "bad_penta_class"),
        ('{"id": "x", "text": "t", "events": {"source": "USA"}}', "bad_events"),
        ('{"id": "x", "text": "t", "events": [{"target": "USA", "cameo": "01"}]}', "bad_events"),
        ('{"id": "x", "text": "t", "events": [{"source": "USA", "cameo": "21"}]}', "bad_cameo"),
        ('{"id": "x", "text": "t", "events": [{"source": "USA", "cameo": "1a"}]}', "bad_cameo"),
        ('{"id": "x", "text": "t", "events": [{"source": "USA", "target": "RUS"}]}', "bad_events"),
    ],
)
def test_bad_line_is_skipped_and_reported_with_its_line_number(tmp_path: Path, line: str, reason: str) -> None:
    good = json.dumps({"id": "ok", "text": "Peru protested."})
    path = _write(tmp_path / "gold.jsonl", [good, line, json.dumps({"id": "ok2", "text": "Fine."})])
    gold = read_gold(path)
    assert [r.id for r in gold.records] == ["ok", "ok2"]
    (problem,) = gold.problems
    assert problem.line == 2
    assert problem.reason == reason
    assert problem.message.startswith(f"[T052] {path}:2: ")


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    line = json.dumps({"id": "same", "text": "Text."})
    gold = read_gold(_write(tmp_path / "gold.jsonl", [line, line]))
    assert len(gold.records) == 1
    assert gold.problems[0].reason == "duplicate_id" and gold.problems[0].line == 2


def test_missing_gold_file_raises_eval_error(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match=r"\[T051\].*not found") as info:
        read_gold(tmp_path / "absent.jsonl")
    assert isinstance(info.value, EvalError)


def test_undecodable_gold_file_raises_eval_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"id": "a", "text": "S\xe3o Paulo"}\n')
    with pytest.raises(GoldFileError, match="cannot be read"):
        read_gold(path)


def _seed(tmp_path: Path, **extra: object) -> Path:
    (tmp_path / "story.txt").write_text("Ruritania condemned Freedonia on Monday.\n", encoding="utf-8")
    spec = {
        "article": "story.txt",
        "article_date": "2022-01-10",
        "required": [{"id": "R1", "source_country": "RUR", "target_country": "FRE", "cameo_root": ["11"], "why": "w"}],
        "stretch": [{"id": "S1", "source_country": "FRE", "quad_class": [3]}],
        "forbidden": [{"id": "F1", "quad_class": [4]}, {"id": "F2", "same_country_dyad": True}],
        "max_events": 5,
    }
    spec.update(extra)
    path = tmp_path / "expected.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def test_reads_an_invented_seed_file(tmp_path: Path) -> None:
    spec = read_seed(_seed(tmp_path))
    assert is_seed_file(spec.path) and not is_seed_file(tmp_path / "gold.jsonl")
    assert spec.article == tmp_path / "story.txt"
    assert spec.article_date == dt.date(2022, 1, 10)
    assert spec.max_events == 5
    assert [(e.id, e.kind) for e in spec.entries] == [
        ("R1", "required"),
        ("S1", "stretch"),
        ("F1", "forbidden"),
        ("F2", "forbidden"),
    ]
    assert spec.entries[0].constraints == {"source_country": "RUR", "target_country": "FRE", "cameo_root": ["11"]}
    assert spec.entries[0].why == "w"


def test_seed_entry_without_constraints_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(SeedFormatError, match=r"\[T053\].*R9"):
        read_seed(_seed(tmp_path, required=[{"id": "R9", "why": "nothing to check"}]))


def test_seed_constraint_of_wrong_type_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(SeedFormatError, match="'cameo_root' must be a list"):
        read_seed(_seed(tmp_path, required=[{"id": "R1", "cameo_root": "12"}]))


def test_seed_that_is_not_json_reports_the_line(tmp_path: Path) -> None:
    path = tmp_path / "expected.json"
    path.write_text('{\n  "article": "x.txt",\n  oops\n}', encoding="utf-8")
    with pytest.raises(SeedFormatError, match=r"expected.json:3"):
        read_seed(path)


def test_missing_seed_file_raises(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="not found"):
        read_seed(tmp_path / "expected.json")


def test_records_keep_their_annotation_round(tmp_path: Path) -> None:
    path = tmp_path / "g.jsonl"
    rows = [
        {"id": "a", "text": "Kenya criticized Uganda.", "events": []},
        {"id": "b", "text": "Kenya praised Uganda.", "events": [], "round": 3},
        {"id": "c", "text": "Kenya met Uganda.", "events": [], "round": True},
    ]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    assert [record.round for record in read_gold(path).records] == [1, 3, 1]
