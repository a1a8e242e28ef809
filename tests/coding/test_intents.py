"""Frequent news phrasings of intent (03x, modality intended), as lexicon data.

Invented sentences; docs/annotation.md: intentions are 03x events with modality `intended`.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Germany will continue to cooperate with France on defence.", "DEU", "FRA"),
        ("The United States looks forward to working with Kenya on trade.", "USA", "KEN"),
        ("Japan will work with Australia to build new ports.", "JPN", "AUS"),
        ("Canada reaffirmed its commitment to Ukraine.", "CAN", "UKR"),
        ("Norway remains committed to supporting Somalia.", "NOR", "SOM"),
        ("Chile will continue to advance the Chile-Peru partnership.", "CHL", "PER"),
        ("The U.S. will continue to deepen the U.S.-Kenya relationship.", "USA", "KEN"),
    ],
)
def test_intent_phrasings(code_text, text, source, target):
    events = code_text(text)
    found = {(e.source.code, e.target.code if e.target else None, e.cameo[:2], e.modality) for e in events}
    assert (source, target, "03", "intended") in found


def test_continued_past_cooperation_stays_asserted(code_text):
    events = code_text("Germany continued to cooperate with France on defence.")
    assert {(e.cameo[:2], e.modality) for e in events} == {("05", "asserted")}


def test_an_intent_only_named_is_no_event(code_text):
    events = code_text("Canada and Mexico discussed trade, given their shared commitment to open markets.")
    assert all(e.cameo[:2] != "03" for e in events)


def test_working_with_a_partner_is_unspecified_cooperation(code_text):
    events = code_text("Japan will work with Australia to build new ports.")
    assert [(e.source.code, e.cameo, e.target.code if e.target else None) for e in events] == [("JPN", "030", "AUS")]
