"""Coercion verbs of legal and sanctions news (17x, 163), with a person or actor as their object.

Invented sentences.
"""

from __future__ import annotations

import pytest

from .helpers import triples

pytestmark = pytest.mark.model


def test_designating_a_group_is_a_sanction(code_text):
    events = code_text("The United States designated the Wagner Group as a terrorist organization.")
    assert {c for _, c, _ in triples(events)} == {"163"}


def test_designating_a_place_is_no_sanction(code_text):
    assert code_text("The government designated the area a military zone.") == []


def test_arraigned_by_a_court_is_legal_action(code_text):
    events = code_text("The Russian activist was arraigned by a Moscow court.")
    assert {(s, c[:2]) for s, c, _ in triples(events)} == {("RUSJUD", "17")}
