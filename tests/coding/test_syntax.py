"""Dependency helpers on parsed sentences: subjects through control and passives, governors, nominal roles."""

from __future__ import annotations

import pytest

from tacitus.coding import load_lexicon
from tacitus.coding.syntax import (
    argument_of,
    effective_governor,
    governor_of,
    noun_arguments,
    subject_of,
    verb_arguments,
)

pytestmark = pytest.mark.model


def texts(tokens) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.text for t in tokens]


def test_object_control_gives_the_controlled_clause_its_subject(token):
    subjects, passive = subject_of(token("Germany urged Turkey to cancel the deal.", "cancel"))
    assert (texts(subjects), passive) == (["Turkey"], False)
    subjects, _ = subject_of(token("Germany called on Russia to withdraw its troops.", "withdraw"))
    assert texts(subjects) == ["Russia"]


def test_a_passive_swaps_subject_and_agent(token):
    attacked = token("Ukraine was attacked by Russia overnight.", "attacked")
    assert subject_of(attacked)[1] is True
    sources, targets = verb_arguments(attacked, ("dobj",))
    assert (texts(sources), texts(targets)) == (["Russia"], ["Ukraine"])


def test_the_governor_of_a_controlled_clause(token):
    meet = token("Iran refused to meet Israel.", "meet")
    assert governor_of(meet) is not None and governor_of(meet).text == "refused"  # type: ignore[union-attr]
    assert effective_governor(meet, load_lexicon()).text == "refused"  # type: ignore[union-attr]
    assert governor_of(token("China condemned Japan.", "condemned")) is None


def test_a_light_verb_carries_a_nominal_events_roles(token):
    lexicon = load_lexicon()
    attack = token("Israel launched an attack on Syria.", "attack")
    sources, targets = noun_arguments(attack, lexicon.lookup("noun", "attack")[0], lexicon, {})
    assert (texts(sources), texts(targets)) == (["Israel"], ["Syria"])


def test_a_verb_conjoined_to_a_governed_one_shares_its_governor(token):
    text = "Chile urged Peru to halt the tests and return to talks."
    assert governor_of(token(text, "return")).text == "urged"
    assert governor_of(token("Chile attacked Peru and Bolivia fled.", "fled")) is None  # a subject of its own


def test_a_conjunct_is_passive_only_as_a_participle(token):
    assert subject_of(token("The envoy was arrested and charged.", "charged"))[1] is True
    text = "The treaty must be respected, and the ministers stressed the need for talks."
    assert subject_of(token(text, "stressed"))[1] is False


@pytest.mark.parametrize(
    ("text", "word", "head"),
    [
        ("Chile condemned Peru's invasion of Bolivia.", "invasion", "condemned"),
        ("Chile accused Peru of shelling the port.", "shelling", "accused"),
        ("Chile welcomed the statement condemning Peru.", "condemning", "welcomed"),
        ("Chile attacked Peru and occupied the port.", "occupied", None),  # a conjoined act is its own
        ("Chile said Peru attacked the port.", "attacked", None),  # reported speech is no object
    ],
)
def test_an_event_inside_another_events_object(token, text, word, head):
    heads = {t.i for t in token(text, word).doc if t.text in ("condemned", "accused", "welcomed", "attacked", "said")}
    found = argument_of(token(text, word), heads)
    assert (found.text if found is not None else None) == head
