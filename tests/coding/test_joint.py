"""Several parties in one role: joint subjects, spans that stand for two parties, conjoined targets.

docs/annotation.md (Decisions): "X and Y met" and "the two leaders discussed" are coded in both
directions; with three or more parties, between the first-named one and each other. The
sentences are invented for these tests.
"""

from __future__ import annotations

import pytest

from tacitus.coding.roles import Role, same_actor
from tacitus.models import Actor, ActorMention

from .helpers import triples

pytestmark = pytest.mark.model


def test_the_two_leaders_act_towards_each_other(code_text):
    events = code_text(
        "President Macron met Chancellor Scholz of Germany in Paris. The two leaders discussed energy prices."
    )
    discussed = {(s, c[:2], t) for s, c, t in triples([e for e in events if e.evidence.trigger == "discussed"])}
    assert discussed == {("FRAGOV", "04", "DEUGOV"), ("DEUGOV", "04", "FRAGOV")}


def test_joint_subject_of_a_consultation_ignores_the_topic(code_text):
    events = code_text("The French president and the German chancellor discussed Russia's blockade of Ukrainian ports.")
    assert {(s, t) for s, _, t in triples(events)} == {("FRAGOV", "DEUGOV"), ("DEUGOV", "FRAGOV")}


def test_three_parties_pair_the_first_with_each_other(code_text):
    events = code_text("Germany, France and Poland agreed to cooperate on air defence.")
    pairs = {(s, t) for s, _, t in triples(events)}
    assert pairs == {("DEU", "FRA"), ("FRA", "DEU"), ("DEU", "POL"), ("POL", "DEU")}


def test_each_conjunct_inside_the_object_is_a_target(code_text):
    events = code_text(
        "The Canadian foreign minister voiced support for the security of Estonia, Latvia and Lithuania."
    )
    assert {t for _, _, t in triples(events)} == {"EST", "LVA", "LTU"}


def test_a_state_against_its_own_civilians_keeps_the_target(code_text):
    events = code_text("Iran arrested dozens of Iranian students on Tuesday.")
    assert ("IRN", "173", "IRNEDU") in triples(events)


def _role(code: str, country: str | None, sector: str | None) -> Role:
    actor = Actor(text=code, code=code, country=country, sector=sector, name=None, char_start=0, char_end=1)
    return Role(actor, None, True, 0)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (("ISR", "ISR", None), ("ISRMIL", "ISR", "MIL"), True),  # a state and its forces
        (("ISR", "ISR", None), ("ISRGOV", "ISR", "GOV"), True),
        (("ISR", "ISR", None), ("ISRCVL", "ISR", "CVL"), False),  # a state and its people
        (("ISRGOV", "ISR", "GOV"), ("ISROPP", "ISR", "OPP"), False),
        (("ISRGOV", "ISR", "GOV"), ("ISRGOV", "ISR", "GOV"), True),
        (("ISR", "ISR", None), ("PSE", "PSE", None), False),
    ],
)
def test_same_actor_only_when_the_codes_say_so(a, b, same):
    assert same_actor(_role(*a), _role(*b)) is same


def test_a_commitment_to_an_act_is_mutual_between_joint_subjects(code_text):
    events = code_text(
        "President Macron met Chancellor Scholz of Germany in Paris. "
        "The two leaders affirmed their commitment to strengthening ties between their peoples."
    )
    committed = {(s, c[:2], t) for s, c, t in triples([e for e in events if e.evidence.trigger == "commitment"])}
    assert committed == {("FRAGOV", "03", "DEUGOV"), ("DEUGOV", "03", "FRAGOV")}


def _person(name: str, code: str) -> Role:
    mention = ActorMention(name, 0, len(name), code, code[:3], code[3:], name, "person", "test", "test")
    return Role(Actor.from_mention(mention), mention, True, 0)


def test_two_named_people_are_two_actors_whatever_their_codes():
    assert not same_actor(_person("Ann Lee", "USALEG"), _person("Bo Ray", "USALEG"))
    one = _person("Ann Lee", "USALEG")
    assert same_actor(one, one)


def test_talks_go_on_with_the_one_met_before(code_text):
    text = (
        "The Chilean president met the Peruvian president in Lima on Monday. "
        "The Chilean president also discussed trade and the border."
    )
    events = code_text(text)
    later = [e for e in events if e.evidence.sentence_index == 1]
    assert any(e.cameo.startswith("04") and e.target and e.target.code == "PERGOV" for e in later), triples(events)


def test_no_partner_without_an_earlier_meeting(code_text):
    events = code_text("The Chilean president discussed trade and the border on Monday.")
    assert not any(e.cameo.startswith("04") for e in events), triples(events)


def test_a_joint_demand_for_a_mutual_act_is_not_mutual(code_text):
    """Second audit of unlabelled news (2026-12-02): "Germany and France are demanding that the administration
    agree" was coded as Germany and France demanding of each other."""
    events = triples(
        code_text("Chile and Peru are demanding that the Bolivian government agree by Friday to new rules.")
    )
    assert ("CHL", "100", "PER") not in events and ("PER", "100", "CHL") not in events, events
    planned = triples(code_text("Chile and Peru plan to meet in Lima."))  # an intent to meet stays mutual
    assert {("CHL", "PER"), ("PER", "CHL")} <= {(s, t) for s, c, t in planned if c.startswith("03")}, planned
