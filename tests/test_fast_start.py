"""`import tacitus` and `tacitus --help` must not load the heavy libraries (the time itself is a benchmark)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("spacy", "duckdb", "pandas", "pyarrow", "trafilatura", "thinc", "rich")

PROBE = """
import json, sys
{statement}
print(json.dumps(sorted({{name.split('.')[0] for name in sys.modules}})))
"""


def _loaded(statement: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(statement=statement)], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_import_tacitus_loads_no_heavy_library() -> None:
    assert not _loaded("import tacitus") & set(HEAVY)


def test_help_loads_no_heavy_library() -> None:
    statement = (
        "from tacitus.cli import app\ntry:\n    app(['--help'], standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    assert not _loaded(statement) & set(HEAVY)


def test_the_front_door_still_resolves_its_lazy_names() -> None:
    import tacitus

    assert callable(tacitus.code) and callable(tacitus.ingest) and callable(tacitus.find_actors)
    assert tacitus.Store.__name__ == "Store"
