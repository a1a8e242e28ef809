"""What is criticised is a deed of its doer: the victims of the deed ("the attack on the UN compound",
"the sanctions against Iran") are not the target of the criticism. Invented sentences."""

from __future__ import annotations

import pytest

from .helpers import triples

pytestmark = pytest.mark.model


def test_the_victim_of_a_condemned_attack_is_not_the_target(code_text):
    assert not any(t == "IGOUNO" for _, _, t in triples(code_text("Chile condemned the attack on the UN compound.")))


def test_the_doer_of_a_condemned_attack_is(code_text):
    assert ("CHL", "111", "RUS") in triples(code_text("Chile condemned Russia's attack on Ukraine."))
    assert ("CHL", "111", "RUSMIL") in triples(code_text("Chile condemned the attack by Russian forces on Ukraine."))


def test_shooting_back_is_a_retort_not_gunfire(code_text):
    events = triples(code_text("Peru's president shot back at Chile's foreign minister."))
    assert ("PERGOV", "111", "CHLGOV") in events
    assert not any(c.startswith("19") or c.startswith("18") for _, c, _ in events)
