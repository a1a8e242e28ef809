"""Acts under way, sequels and clauses that run alongside their main one, and the feelings and bonds a
statement names (docs/annotation.md). Invented sentences."""

from __future__ import annotations

import pytest

from .helpers import triples

pytestmark = pytest.mark.model


def _with_modality(events):  # type: ignore[no-untyped-def]
    return {
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None, e.modality) for e in events
    }


def test_an_act_carried_on_is_reported_not_planned(code_text):
    events = _with_modality(code_text("Chile will continue to condemn Peru's blockade of the port."))
    assert ("CHL", "111", "PER", "asserted") in events, events


def test_a_criticism_announced_for_later_keeps_its_code(code_text):
    # CAMEO has no code for an intent to criticise: the condemnation stays 111, as intended, never 030
    events = _with_modality(code_text("Chile will condemn Peru's blockade at the summit."))
    assert ("CHL", "111", "PER", "intended") in events, events
    assert not any(code == "030" for _, code, _, _ in events), events


def test_an_intent_to_cooperate_carried_on_stays_an_intent(code_text):
    events = _with_modality(code_text("Chile will continue to support Peru."))
    assert any(code.startswith("03") and modality == "intended" for _, code, _, modality in events), events


def test_a_gerund_with_its_own_subject_runs_alongside(code_text):
    events = triples(code_text("The talks stalled on Monday, with Chile accusing Peru of bad faith."))
    assert ("CHL", "112", "PER") in events, events


def test_a_gerund_with_its_own_subject_is_governed_by_nothing(code_text):
    # the absolute clause is no purpose of "sought": Chile's accusation is not Peru's intent
    events = triples(code_text("Peru sought to mediate, with Chile accusing Bolivia of aggression."))
    assert ("CHL", "112", "BOL") in events, events
    assert not any(source == "PER" and code.startswith("03") for source, code, _ in events), events


def test_what_came_next_is_coded(code_text):
    events = triples(code_text("The Chilean president went on to accuse Peru of lying."))
    assert ("CHLGOV", "112", "PER") in events, events


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Chile is grateful to Peru for its help after the earthquake.", ("CHL", "051", "PER")),
        ("The Chilean president expressed appreciation for Peru's role in the talks.", ("CHLGOV", "051", "PER")),
        ("Chile reaffirmed its partnership with Peru.", ("CHL", "030", "PER")),
        ("Chile and Peru recommitted to working together.", ("CHL", "030", "PER")),
        ("Chile is encouraged by the outcome of Peru's election.", ("CHL", "051", "PER")),
        ("Chile is pleased with Peru's decision to reopen the border.", ("CHL", "051", "PER")),
    ],
)
def test_gratitude_and_bonds_reaffirmed(code_text, text, event):
    assert event in triples(code_text(text)), triples(code_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president is grateful for the time he spent in Lima.",  # no actor is thanked
        "Chile reaffirmed that the border is closed.",  # a statement, no bond
        "Chile encouraged Peru to reopen the border.",  # an appeal (02), not praise
    ],
)
def test_no_bond_without_a_party(code_text, text):
    assert not any(code in ("051", "030") for _, code, _ in triples(code_text(text))), triples(code_text(text))


def test_an_intended_refusal_keeps_its_code(code_text):
    # "committed to denying X the ability": a refusal intended (12x), no intent to cooperate (030)
    events = _with_modality(code_text("Chile is committed to denying Peru the right to fish in its waters."))
    assert ("CHL", "120", "PER", "intended") in events, events
