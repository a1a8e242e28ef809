"""A measure announced now is the measure; a vow or a condition makes it a threat (docs/annotation.md)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _sanctions(events):  # type: ignore[no-untyped-def]
    return [(e.cameo[:2], e.modality) for e in events if e.target and e.target.country == "BLR"]


def test_a_plain_future_measure_is_announced(code_text):  # type: ignore[no-untyped-def]
    assert _sanctions(code_text("The European Union will impose new sanctions on Belarus.")) == [("16", "asserted")]


@pytest.mark.parametrize(
    "text",
    [
        "The European Union will impose new sanctions on Belarus unless it frees the prisoners.",
        "The European Union will impose new sanctions on Belarus if it holds the vote.",
    ],
)
def test_a_conditional_measure_is_a_threat(code_text, text):  # type: ignore[no-untyped-def]
    assert _sanctions(code_text(text)) == [("13", "threatened")]
