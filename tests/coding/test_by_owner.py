"""An active verb's by-phrase names whose deed its object is: the target."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _dyads(events):  # type: ignore[no-untyped-def]
    return {(e.source.country, e.cameo[:2], e.target.country if e.target else None) for e in events}


def test_the_owner_of_a_welcomed_deed_is_the_target(code_text):  # type: ignore[no-untyped-def]
    events = code_text("Norway welcomes the commitments by Australia and Japan to cut emissions.")
    assert {("NOR", "05", "AUS"), ("NOR", "05", "JPN")} <= _dyads(events)


def test_a_passive_by_phrase_stays_the_source(code_text):  # type: ignore[no-untyped-def]
    assert ("SWE", "05", "NOR") in _dyads(code_text("Norway was praised by Sweden on Monday."))


def test_a_person_object_keeps_its_place(code_text):  # type: ignore[no-untyped-def]
    events = code_text("Norway praised the Swedish foreign minister by name on Monday.")
    assert {t for _, _, t in _dyads(events)} == {"SWE"}
