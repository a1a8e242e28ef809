"""Shared fixtures. Resource tiers skip, they never fail: no model → model tests skip,
no ../shared → tests that read it skip with the reason."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _fake_pipeline import FakePipeline  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="report the golden records whose output differs from the reviewed truth (writes nothing)",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); this test reads shared data")
    return SHARED


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from tacitus.config import DEFAULT_SPACY_MODEL
    from tacitus.nlp import load_nlp, model_installed

    if not model_installed(DEFAULT_SPACY_MODEL):
        pytest.skip(f"spaCy model {DEFAULT_SPACY_MODEL} is not installed")
    return load_nlp(DEFAULT_SPACY_MODEL)


@pytest.fixture(scope="session")
def pipeline(nlp):  # type: ignore[no-untyped-def]
    from tacitus.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    from tacitus.store import Store

    with Store(tmp_path / "test.duckdb") as opened:
        yield opened


@pytest.fixture
def runner():  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    return CliRunner()


@pytest.fixture
def fake_pipeline() -> FakePipeline:
    """A pipeline stand-in with no model: one event per article, failures on request."""
    return FakePipeline()
