"""A name the dictionaries cannot code, beside one they can, is no party of its own (docs/events.md).
Invented sentences."""

from __future__ import annotations

import pytest

from .helpers import triples

pytestmark = pytest.mark.model


def test_uncoded_names_beside_a_coded_target_are_dropped(code_text):
    events = triples(code_text("Chile condemned the Peruvian army and Juan Quispe Mamani."))
    assert ("CHL", "111", "PERMIL") in events, events
    assert not any(target is None for source, _, target in events if source == "CHL"), events


def test_an_uncoded_target_alone_is_kept(code_text):
    # with no coded party beside it, the uncoded one is all the sentence gives (and the source is coded)
    events = triples(code_text("The Chilean army arrested Juan Quispe Mamani on Monday."))
    assert any(source == "CHLMIL" and code == "173" for source, code, _ in events), events
