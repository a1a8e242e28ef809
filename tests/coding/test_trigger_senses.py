"""Trigger senses an audit of unlabelled news found mis-coded, as lexicon data: each verb is coded only in
the sense its context gives (docs/annotation.md, "Trigger sense"). Invented sentences."""

from __future__ import annotations

import pytest

from .helpers import triples

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Students demonstrated against the government of Peru.", ("PEREDU", "141")),
        ("Senator Ana Ruiz of Peru called out the Chilean government.", ("PERLEG", "111")),
        ("Russia warned Ukraine of serious consequences.", ("RUS", "130")),
        ("The EU delivered humanitarian aid to Syria.", ("IGOEUREEC", "070")),
        ("Russia delivered weapons to Syria.", ("RUS", "072")),
        ("China sold weapons to Pakistan.", ("CHN", "062")),
        ("Chile said Peru must withdraw its troops.", ("CHL", "105")),
        ("Senator Ana Ruiz of Peru attacked the Chilean government over the border.", ("PERLEG", "111")),
        ("Peru is engaged in an unprovoked war on Chile.", ("PER", "190")),  # a passive carrier's subject does it
        ("The Chilean president welcomed Peru's president to Santiago.", ("CHLGOV", "043")),
    ],
)
def test_the_sense_the_context_gives_is_coded(code_text, text, event):
    source, code = event
    assert any(s == source and c == code for s, c, _ in triples(code_text(text))), triples(code_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "The Peruvian ministry demonstrated leadership on trade with Chile.",  # shows, no protest
        "Chile's president delivered a defiant message to Peru.",  # a speech, not aid
        "Peru warned that Chile's economy may slow.",  # a worry, not a threat
        "Peru's opposition fears that Chile will close the border.",  # a feeling, not a statement
        "The Peruvian senator frequently criticizes Chile.",  # a habit, not an event
        "Chile needs to release the Peruvian prisoners.",  # what should happen
        "Chile said Peru should reconsider its policy.",  # an opinion, not a demand
        "The Peruvian cartel sold cocaine to Chilean dealers.",  # a crime, not economic cooperation
        "The Chilean senator asked Peru about the border.",  # a question, not a request
    ],
)
def test_other_senses_are_no_event(code_text, text):
    assert not any(
        c[:2] in ("14", "07", "13", "01", "11", "08", "02", "10", "06") for _, c, _ in triples(code_text(text))
    )


def test_a_war_in_a_place_names_no_enemy(code_text):
    assert not any(
        c.startswith("19") for _, c, _ in triples(code_text("The war in Chile has displaced many Peruvians."))
    )


def test_an_unarmed_attack_on_a_state_is_no_verbal_attack(code_text):
    codes = {c for _, c, _ in triples(code_text("The Peruvian president is attacking Chile."))}
    assert codes and not codes & {"111"}


def test_a_threat_is_coded_as_threatened(code_text):
    events = [e for e in code_text("Russia threatened Ukraine.") if e.cameo.startswith("13")]
    assert events and all(e.modality == "threatened" for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "The Chilean president was asked by a Peruvian reporter if he would close the border.",  # a question
        "A Peruvian reporter asked the Chilean president why he had closed the border.",  # an indirect question
        "The Peruvian president asked the Chilean president what he would do about the border.",
        "Speaking to Peruvian reporters on Friday, the Chilean president said the border would stay open.",
    ],
)
def test_questions_and_press_talk_are_no_appeal_or_consultation(code_text, text):
    codes = {code[:2] for _, code, _ in triples(code_text(text))}
    assert not codes & {"02", "04"}, triples(code_text(text))


def test_two_parties_welcoming_a_thing_do_not_praise_each_other(code_text):
    # praise is no mutual act: "X and Y welcomed the ceasefire" is neither's praise of the other
    events = triples(code_text("The Chilean president and the Peruvian president welcomed the ceasefire."))
    assert not any(code.startswith("05") for _, code, _ in events), events


def test_a_briefing_is_a_consultation_unless_the_press_is_briefed(code_text):
    assert ("CHLGOV", "040", "PERGOV") in triples(
        code_text("The Chilean president briefed the Peruvian president on the talks.")
    )
    press = triples(code_text("The Chilean president briefed Peruvian reporters on the talks."))
    assert not any(code.startswith("04") for _, code, _ in press), press


@pytest.mark.parametrize(
    "text",
    [
        "Conservative groups were targeted by Peruvian tax officials for audits.",  # no violence
        "Ukrainians defend their country against Russia's brutal war.",  # a defence in arms, no verbal defence
        "But the Chilean senators' concerns about Peru still stand.",  # a concern named, not stated
    ],
)
def test_figures_of_speech_and_named_feelings_are_no_events(code_text, text):
    assert not triples(code_text(text)), triples(code_text(text))


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("Peruvian soldiers targeted Chilean positions with artillery.", ("PERMIL", "190")),
        ("The Chilean minister defended Peru's decision to close the border.", ("CHLGOV", "052")),
        ("The Chilean minister conveyed Chile's concern about Peru's blockade.", ("CHL", "012")),
    ],
)
def test_the_literal_senses_stay(code_text, text, event):
    source, code = event
    assert any(s == source and c == code for s, c, _ in triples(code_text(text))), triples(code_text(text))


def test_a_request_is_still_an_appeal_when_a_time_clause_follows(code_text):
    found = triples(
        code_text("The Peruvian president asked the Chilean president to reopen the border when the floods came.")
    )
    assert any(code.startswith("02") for _, code, _ in found), found
