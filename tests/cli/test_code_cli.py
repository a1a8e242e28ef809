"""`tacitus code`: JSON lines on stdout in the documented schema, bad records on stderr."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tacitus.cli import app
from tacitus.cli._app import EXIT_USAGE

pytestmark = pytest.mark.usefixtures("nlp")

EVENT_KEYS = {
    "event_id",
    "doc_id",
    "date",
    "source",
    "target",
    "cameo",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover",
    "evidence",
    "confidence",
    "modality",
    "historical",
    "location",
    "lexicon_version",
}
ACTOR_KEYS = {"text", "code", "country", "sector", "name", "char_start", "char_end", "country_rule"}
LOCATION_KEYS = {"name", "country", "adm1", "lat", "lon", "feature", "precision", "source", "geonameid"}
EVIDENCE_KEYS = {"sentence_index", "sentence", "trigger", "char_start", "char_end", "rule"}


def _events(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _check_schema(event: dict) -> None:
    assert set(event) == EVENT_KEYS
    assert set(event["source"]) == ACTOR_KEYS
    assert event["target"] is None or set(event["target"]) == ACTOR_KEYS
    assert set(event["evidence"]) == EVIDENCE_KEYS
    assert set(event["plover"]) == {"type", "mode"}
    assert isinstance(event["event_id"], str) and event["event_id"]
    assert isinstance(event["cameo"], str) and event["cameo"].startswith(event["cameo_root"])
    assert isinstance(event["quad_class"], int) and 1 <= event["quad_class"] <= 4
    assert isinstance(event["goldstein"], float) and -10.0 <= event["goldstein"] <= 10.0
    assert isinstance(event["confidence"], float) and 0.0 <= event["confidence"] <= 1.0
    assert event["modality"] in ("asserted", "reported", "intended", "threatened", "hypothetical", "negated")
    assert isinstance(event["historical"], bool)
    location = event["location"]  # tacitus.enrich.geo: null, or the place object (docs/enrich.md)
    assert location is None or set(location) == LOCATION_KEYS
    if location is not None:
        assert location["feature"] in ("city", "adm1", "country") and location["source"] in (
            "sentence",
            "dateline",
            "lead",
        )
        assert (location["lat"] is None) == (location["feature"] != "city")
    assert isinstance(event["evidence"]["char_start"], int) and isinstance(event["evidence"]["rule"], str)


def test_jsonl_input_gives_schema_events_and_reports_bad_lines(runner, tmp_path: Path):
    source = tmp_path / "news.jsonl"
    source.write_text(
        json.dumps({"id": "a1", "text": "France condemned Russia on Monday.", "date": "2021-03-01"})
        + "\n{not json\n"
        + json.dumps({"id": "a2", "text": "Germany held talks with Poland in Berlin."})
        + "\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["code", str(source), "--date", "2021-05-05"])
    assert result.exit_code == 0, result.output
    events = _events(result.stdout)
    assert events
    for event in events:
        _check_schema(event)
    by_doc = {e["doc_id"]: e for e in events}
    assert by_doc["a1"]["cameo_root"] == "11" and by_doc["a1"]["date"] == "2021-03-01"
    assert by_doc["a2"]["cameo_root"] == "04" and by_doc["a2"]["date"] == "2021-05-05"
    text = "France condemned Russia on Monday."
    assert text[by_doc["a1"]["evidence"]["char_start"] : by_doc["a1"]["evidence"]["char_end"]] == "condemned"
    assert f"{source}:2" in result.stderr


def test_txt_article_and_min_confidence(runner, tmp_path: Path):
    article = tmp_path / "story.txt"
    article.write_text(
        "Turkey criticized Greece on Tuesday. A car bomb killed three soldiers near the border.\n", encoding="utf-8"
    )
    everything = _events(runner.invoke(app, ["code", str(article)]).stdout)
    assert everything
    cutoff = max(e["confidence"] for e in everything)
    strict = _events(runner.invoke(app, ["code", str(article), "--min-confidence", str(cutoff)]).stdout)
    assert strict and all(e["confidence"] >= cutoff for e in strict)
    assert len(strict) <= len(everything)


def test_require_dyad_drops_events_with_an_uncoded_side(runner, tmp_path: Path):
    article = tmp_path / "story.txt"
    article.write_text("A car bomb killed three soldiers near the border.\n", encoding="utf-8")
    loose = _events(runner.invoke(app, ["code", str(article)]).stdout)
    strict = _events(runner.invoke(app, ["code", str(article), "--require-dyad"]).stdout)
    assert any(e["source"]["code"] is None for e in loose)
    assert all(e["source"]["code"] and e["target"] and e["target"]["code"] for e in strict)


def test_stdin_input(runner):
    result = runner.invoke(app, ["code", "-"], input='{"id": "s", "text": "Japan praised India."}\n')
    assert result.exit_code == 0, result.output
    assert any(e["cameo_root"] == "05" for e in _events(result.stdout))


def test_bad_date_is_a_usage_error(runner, tmp_path: Path):
    article = tmp_path / "story.txt"
    article.write_text("Japan praised India.\n", encoding="utf-8")
    result = runner.invoke(app, ["code", str(article), "--date", "yesterday"])
    assert result.exit_code == EXIT_USAGE
    assert "[T001]" in result.stderr


def test_missing_file_is_a_usage_error(runner, tmp_path: Path):
    result = runner.invoke(app, ["code", str(tmp_path / "absent.txt")])
    assert result.exit_code == EXIT_USAGE
    assert "absent.txt" in result.stderr


def test_user_lexicon_changes_codes_and_lexicon_version(runner, tmp_path):
    """--lexicon adds triggers on top of the shipped ones and is stamped on every event."""
    text = tmp_path / "one.txt"
    text.write_text("Brazil hornswoggled Argentina on Monday.\n", encoding="utf-8")
    lexicon = tmp_path / "mine.tsv"
    lexicon.write_text(
        "id\tpos\tlemma\trequires\ttarget\troles\tcameo\tprior\tnote\n"
        "hornswoggle.v\tverb\thornswoggle\t\t\t\t112\t0.8\ta word we made up\n",
        encoding="utf-8",
    )
    plain = runner.invoke(app, ["code", str(text), "--date", "2020-01-06"])
    extended = runner.invoke(app, ["code", str(text), "--date", "2020-01-06", "--lexicon", str(lexicon)])
    assert plain.exit_code == 0 and extended.exit_code == 0, extended.output
    assert not [line for line in plain.stdout.splitlines() if '"112"' in line]
    events = [json.loads(line) for line in extended.stdout.splitlines()]
    coded = [e for e in events if e["cameo"] == "112"]
    assert coded and coded[0]["source"]["country"] == "BRA" and coded[0]["target"]["country"] == "ARG"
    assert all("+lex." in e["lexicon_version"] for e in events)
