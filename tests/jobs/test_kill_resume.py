"""kill -9 in the middle of an ingest, then the same command again == one clean run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tacitus.store import Store

HERE = Path(__file__).parent.parent  # tests/, where _fake_pipeline.py lives

SCRIPT = """
import sys, time
sys.path.insert(0, {here!r})
from _fake_pipeline import FakePipeline
from tacitus.jobs.ingest import ingest

class SlowPipeline(FakePipeline):
    def process(self, articles):
        yield from super().process(articles)
        time.sleep(0.03)  # long enough per chunk for the parent to kill us mid-run

def progress(update):
    print("committed", update.summary.new + update.summary.duplicates, flush=True)

summary = ingest([{corpus!r}], db=sys.argv[1], pipeline=SlowPipeline(), chunk_size=40, progress=progress)
print("done", summary.new, flush=True)
"""


def _corpus(path: Path) -> Path:
    lines = []
    for i in range(1200):
        if i % 97 == 5:
            lines.append("{not json at all")
        elif i % 50 == 7:
            lines.append(json.dumps({"id": f"dup{i}", "text": "Alpha rejected Beta. A repeated wire story."}))
        else:
            name = "".join(chr(97 + int(d)) for d in str(i))  # letters, so the fake coder sees a name
            text = f"Land{name} rejected Other{name}. Talks {i} went on."
            lines.append(json.dumps({"id": f"n{i}", "date": "2021-02-03", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _snapshot(db: Path) -> dict[str, list[tuple]]:
    with Store(db, read_only=True) as store:
        con = store.con
        return {
            "articles": con.execute(
                "SELECT id, content_hash, duplicate_of, n_sentences, n_events, text FROM articles ORDER BY id"
            ).fetchall(),
            "events": con.execute(
                "SELECT event_id, doc_id, source_code, target_code, cameo, trigger_start FROM events ORDER BY event_id"
            ).fetchall(),
            "errors": con.execute("SELECT path, line, reason, message FROM ingest_errors ORDER BY line").fetchall(),
        }


def _run(script: Path, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(script), str(db)], capture_output=True, text=True, timeout=120, check=True
    )


@pytest.mark.slow
def test_kill_9_mid_run_then_rerun_equals_a_clean_run(tmp_path):
    corpus = _corpus(tmp_path / "corpus.jsonl")
    script = tmp_path / "run_ingest.py"
    script.write_text(SCRIPT.format(here=str(HERE), corpus=str(corpus)), encoding="utf-8")

    clean_db = tmp_path / "clean.duckdb"
    _run(script, clean_db)
    clean = _snapshot(clean_db)

    killed_db = tmp_path / "killed.duckdb"
    committed = 0
    with subprocess.Popen([sys.executable, str(script), str(killed_db)], stdout=subprocess.PIPE, text=True) as process:
        for line in process.stdout:  # type: ignore[union-attr]
            if line.startswith("committed"):
                committed = int(line.split()[1])
                if committed >= 200:
                    os.kill(process.pid, signal.SIGKILL)
                    break
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    partial = _snapshot(killed_db)
    assert committed <= len(partial["articles"]) < len(clean["articles"])

    _run(script, killed_db)
    resumed = _snapshot(killed_db)
    assert resumed == clean
    assert len(clean["articles"]) == 1200 - len(clean["errors"])
    assert len(clean["events"]) == sum(row[4] for row in clean["articles"]) > 1000
