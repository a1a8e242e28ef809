"""'X faced criticism from Y': the subject of face/draw/suffer/receive undergoes the nominal event."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "source", "target", "root"),
    [
        ("Turkey drew condemnation from the European Union for the arrests.", "IGOEUREEC", "TUR", "11"),
        ("Kenya faced sanctions from the United States.", "USA", "KEN", "16"),
        ("The Nigerian convoy suffered an attack by Boko Haram near Maiduguri.", "NGAINS", "NGA", "19"),
    ],
)
def test_the_subject_is_the_target_and_the_from_phrase_the_source(  # type: ignore[no-untyped-def]
    code_text, text, source, target, root
):
    events = [e for e in code_text(text) if e.cameo_root == root]
    assert events, text
    event = events[0]
    assert event.target is not None and event.target.country == target
    assert event.source is not None and event.source.code == source


def test_without_a_from_phrase_the_subject_is_not_the_doer(code_text):  # type: ignore[no-untyped-def]
    # "Turkey faced sanctions": nobody named imposed them, and Turkey did not sanction itself
    assert not [e for e in code_text("Turkey faced new sanctions on Monday.") if e.source and e.source.country == "TUR"]
