"""Docs are checked by tests: the CLI reference is generated from the commands, and the
README links only to documents that exist."""

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_cli_reference_is_current() -> None:
    """Fails when a command or option changes without `python tools/make_cli_docs.py`."""
    result = subprocess.run(
        [sys.executable, str(REPO / "tools" / "make_cli_docs.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_readme_starts_with_the_two_commands() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^make (\w+)", readme.split("##")[0], flags=re.M)
    assert commands == ["demo", "test"]


def test_readme_links_resolve() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if not target.startswith("http"):
            assert (REPO / target).exists(), target
