import subprocess
import sys
from pathlib import Path

import pytest

from tacitus import resources
from tacitus.errors import ResourceError

REPO = Path(__file__).resolve().parent.parent


def test_manifest_is_fresh() -> None:
    """Every packaged data file is listed with its current hash (tools/make_manifest.py)."""
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "make_manifest.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_every_data_file_names_source_and_licence() -> None:
    for row in resources.manifest():
        if row["path"].endswith((".tsv", ".jsonl")):
            assert row["source"], f"{row['path']} has no '# source:' header line"
            assert row["licence"], f"{row['path']} has no '# licence:' header line"


def test_lexicon_version_is_release_plus_digest() -> None:
    release = resources.read_text("VERSION").strip()
    version = resources.lexicon_version()
    assert version.startswith(release + "+")
    assert len(version.split("+")[1]) == 8


def test_missing_packaged_file_is_a_resource_error() -> None:
    with pytest.raises(ResourceError, match="T010"):
        resources.data_file("no/such/file.tsv")


def test_read_tsv_skips_comments_and_rejects_ragged_rows(tmp_path: Path) -> None:
    good = tmp_path / "good.tsv"
    good.write_text("# source: test\na\tb\n1\t2\n", encoding="utf-8")
    assert resources.read_tsv(good) == [{"a": "1", "b": "2"}]
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n1\t2\t3\n", encoding="utf-8")
    with pytest.raises(ResourceError, match="more fields"):
        resources.read_tsv(bad)


def test_read_jsonl_reports_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"a": 1}\n\n{oops\n', encoding="utf-8")
    rows = resources.read_jsonl(path)
    assert next(rows) == {"a": 1}
    with pytest.raises(ResourceError, match=r"x.jsonl:3"):
        next(rows)
