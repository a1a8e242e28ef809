"""`tacitus eval` through typer's CliRunner, with a stand-in pipeline (no model needed)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from tacitus.cli import app
from tacitus.jobs import evaluate as evaluate_module
from tacitus.models import Article

from .helpers import event

# What the stand-in coder "finds": a keyword in the text → events.
CANNED = {
    "rejected": [event("TUR", "USA", "120", confidence=0.9, quad_class=3)],
    "struck": [event("RUS", "UKR", "190", confidence=0.5, quad_class=4)],
}


class FakePipeline:
    settings = SimpleNamespace(spacy_model="fake_model")
    lexicon_version = "test+0000"

    def process(self, articles: Iterable[Article]) -> Iterator[SimpleNamespace]:
        for article in articles:
            yield self.code_article(article)

    def code_article(self, article: Article) -> SimpleNamespace:
        events = [e for word, found in CANNED.items() if word in article.text for e in found]
        return SimpleNamespace(article=article, events=events)


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate_module, "load_pipeline", lambda settings: FakePipeline())


def _flat(text: str) -> str:
    """Rich wraps long messages at the terminal width; compare with whitespace collapsed."""
    return " ".join(text.split())


def _gold(tmp_path: Path) -> Path:
    records = [
        {
            "id": "1",
            "text": "Turkey rejected US pressure.",
            "events": [{"source": "TUR", "target": "USA", "cameo": "12"}],
        },
        {
            "id": "2",
            "text": "Russian jets struck Kharkiv.",
            "events": [{"source": "RUS", "target": "UKR", "cameo": "195"}],
        },
        {"id": "3", "text": "Quiet day.", "events": [], "penta_class": 0},
    ]
    lines = [json.dumps(r) for r in records] + ['{"id": "4", "text": broken}']
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_eval_prints_tables_and_reports_skipped_line(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["eval", str(_gold(tmp_path))])
    assert result.exit_code == 0, result.output
    assert "Event matching" in result.output
    assert "Precision by confidence band" in result.output
    assert "gold.jsonl:4" in _flat(result.output)  # the skipped line, on stderr (mixed in by the runner)


def test_eval_json_is_machine_readable(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["eval", str(_gold(tmp_path)), "--format", "json"])
    assert result.exit_code == 0
    start = result.stdout.index("{")
    report = json.loads(result.stdout[start:])
    assert report["records"] == 3
    assert report["events"]["dyad_root"] == {
        "tp": 2,
        "predicted": 2,
        "gold": 2,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
    assert report["penta"]["no_event"] == 1 and report["penta"]["accuracy"] == 0.0
    assert [s["reason"] for s in report["skipped_lines"]] == ["malformed_json"]
    bands = {b["band"]: b["events"] for b in report["confidence_bands"]}
    assert bands["[0.8, 1.0]"] == 1 and bands["[0.4, 0.6)"] == 1


def test_eval_writes_markdown(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["eval", str(_gold(tmp_path)), "--out", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Evaluation of")
    assert "| level | matched | predicted | gold | precision | recall | F1 |" in text
    assert "malformed_json" in text or "not valid JSON" in text


def test_missing_gold_file_is_a_clean_error(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["eval", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2
    assert "[T051]" in _flat(result.output)


def test_file_of_only_bad_lines_is_an_error(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path)])
    assert result.exit_code == 2
    assert "no usable record" in _flat(result.output)


def test_seed_checks_and_exit_code(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "story.txt").write_text("Turkey rejected the demand; Russia struck.\n", encoding="utf-8")
    seed = {
        "article": "story.txt",
        "article_date": "2019-04-03",
        "required": [{"id": "R1", "source_country": "TUR", "target_country": "USA", "cameo_root": ["12"]}],
        "forbidden": [{"id": "F1", "quad_class": [4]}],
    }
    path = tmp_path / "expected.json"
    path.write_text(json.dumps(seed), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(path), "--format", "json"])
    assert result.exit_code == 1  # a forbidden entry is violated
    report = json.loads(result.stdout[result.stdout.index("{") :])
    outcomes = {c["id"]: c["outcome"] for c in report["seed"]["checks"]}
    assert outcomes == {"R1": "met", "F1": "VIOLATED"}
    assert report["seed"]["passed"] is False


def test_unwritable_markdown_path_is_a_clean_error(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(app, ["eval", str(_gold(tmp_path)), "--out", str(tmp_path / "no" / "dir" / "r.md")])
    assert result.exit_code == 2
    assert "[T050] cannot write the report" in _flat(result.output)


def test_options_override_the_pipeline_settings(runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    seen = []
    monkeypatch.setattr(evaluate_module, "load_pipeline", lambda settings: seen.append(settings) or FakePipeline())
    result = runner.invoke(app, ["eval", str(_gold(tmp_path)), "--min-confidence", "0.6", "--require-dyad"])
    assert result.exit_code == 0, result.output
    (settings,) = seen
    assert settings.min_confidence == 0.6 and settings.require_dyad is True
