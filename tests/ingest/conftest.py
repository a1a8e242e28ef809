from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from _fake_pipeline import FakePipeline  # noqa: E402


@pytest.fixture
def fake_pipeline() -> FakePipeline:
    return FakePipeline()
