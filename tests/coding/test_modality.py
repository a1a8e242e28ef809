"""Modality on parsed sentences: negation, hypotheticals, intent, reported speech, refusals, the past."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.coding import load_lexicon
from tacitus.coding.modality import (
    clause_modality,
    has_negative_subject,
    is_condition,
    is_historical,
    is_negated,
    is_question,
    is_refusal,
)
from tacitus.coding.syntax import governor_of

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("China condemned Japan.", "condemned", "asserted"),
        ("Iran did not attack Israel.", "attack", "negated"),
        ("Israel held no talks with Syria.", "talks", "negated"),  # a nominal event takes its light verb's clause
        ("Russia could strike Ukraine.", "strike", "hypothetical"),
        ("If Russia attacks Ukraine, NATO will respond.", "attacks", "hypothetical"),
        ("The missile was designed to shoot down aircraft.", "shoot", "hypothetical"),
        ("Iran will meet Israel in Vienna.", "meet", "intended"),
        ("Erdogan said Russia attacked Syria.", "attacked", "reported"),
        # questions ask, they do not assert
        ("Will Chile expel the envoy of Peru?", "expel", "hypothetical"),
        ("Did Sweden arrest the Iranian diplomat?", "arrest", "hypothetical"),
        ("Chile expelled the envoy of Peru.", "expelled", "asserted"),
        # negation by the subject, by a governing verb, over a coordination
        ("Neither country recalled its ambassador.", "recalled", "negated"),
        ("No government condemned the coup.", "condemned", "negated"),
        ("Nobody was arrested after the march.", "arrested", "negated"),
        ("Poland did not try to block the deal.", "block", "negated"),
        ("Austria didn't wait to be invited by Italy.", "invited", "negated"),
        ("The rebels were not captured or killed by the army.", "killed", "negated"),
        # a refused or negated act does not happen, nor what its object describes
        ("Hungary refused to sign the letter condemning Serbia.", "sign", "negated"),
        ("Hungary refused to sign the letter condemning Serbia.", "condemning", "negated"),
        ("Chile did not sign the letter condemning Peru.", "condemning", "negated"),
        ("Chile signed the letter condemning Peru.", "condemning", "asserted"),
        # conditions, inverted ones included; permissions and capabilities
        ("Had the army intervened, the rebels would have fled the city.", "intervened", "hypothetical"),
        ("The law allows the police to detain suspects for a week.", "detain", "hypothetical"),
        ("Iran's new drones are able to strike ships in the Gulf.", "strike", "hypothetical"),
        # a nominal event whose consequences are imagined is imagined itself
        ("A Russian invasion of Ukraine would produce human suffering.", "invasion", "hypothetical"),
        ("An attack on Taiwan could trigger sanctions.", "attack", "hypothetical"),
        ("The attack on Taiwan triggered sanctions.", "attack", "asserted"),
        # "for X to V": a case judged or considered, not an act told
        ("It was wrong for Chile to expel the envoy.", "expel", "hypothetical"),
        ("It is time for Russia to withdraw its troops.", "withdraw", "hypothetical"),
        # an obligation or a likelihood is not an act; a past obligation was met
        ("Chile has to release the Peruvian prisoners.", "release", "hypothetical"),
        ("Chile had to release the Peruvian prisoners.", "release", "asserted"),
        ("It is very possible that Chile will expel the envoy.", "expel", "hypothetical"),
        # the writer's guess; a permission or a duty given (audit of unlabelled news, 2026-12-02)
        ("Protesters will likely rally against the government of Peru.", "rally", "hypothetical"),
        ("Chile probably expelled the envoy of Peru.", "expelled", "hypothetical"),
        ("Chile reportedly expelled the envoy of Peru.", "expelled", "asserted"),
        ("Trump said he would probably call Xi by phone.", "call", "intended"),  # the speaker's own hedge
        ("Congress authorized the Pentagon to provide weapons to Ukraine.", "provide", "hypothetical"),
        ("The ruling would compel Chile to impose sanctions on Peru.", "impose", "hypothetical"),
    ],
)
def test_clause_modality(token, text, word, expected):
    assert clause_modality(token(text, word), load_lexicon()) == expected


def test_negation_words(token):
    assert is_negated(token("Iran did not attack Israel.", "attack"))
    assert is_negated(token("Iran never attacked Israel.", "attacked"))
    assert not is_negated(token("Iran attacked Israel.", "attacked"))


def test_a_negative_subject_negates_its_verb(token):
    assert has_negative_subject(token("Neither army fired a shot.", "fired"))
    assert has_negative_subject(token("None of the ministers resigned.", "resigned"))
    assert not has_negative_subject(token("Both armies fired shots.", "fired"))


def test_questions_and_conditions(token):
    assert is_question(token("Is Iran preparing to attack Israel?", "attack"))
    assert not is_question(token("Iran is preparing to attack Israel.", "attack"))
    assert is_condition(token("If Iran attacks, Israel will respond.", "attacks"))
    assert is_condition(token("Were Iran to attack, Israel would respond.", "attack"))
    assert not is_condition(token("Iran attacked, and Israel responded.", "attacked"))


def test_a_negated_future_or_a_refused_attempt_is_a_refusal(token):
    meet = token("Iran will not meet Israel.", "meet")
    assert is_refusal(meet, governor_of(meet))
    refused = token("Iran refused to meet Israel.", "meet")
    assert is_refusal(refused, governor_of(refused))  # through the governing "refused"
    assert not is_refusal(token("Iran did not attack Israel.", "attack"), None)


def test_a_past_year_is_historical_only_before_the_article_date(token):
    invaded = token("In 2003 the United States invaded Iraq.", "invaded")
    assert is_historical(invaded, dt.date(2019, 4, 3))
    assert not is_historical(invaded, dt.date(2003, 5, 1))
    assert not is_historical(invaded, None)  # no date: a year alone proves nothing
    assert is_historical(token("Twenty years ago, the United States invaded Iraq.", "invaded"), None)


@pytest.mark.parametrize(
    ("text", "word", "historical"),
    [
        # last year is recent: only years before it are history (docs/annotation.md)
        ("Chile expelled the envoy of Peru in 2021.", "expelled", False),
        ("Chile expelled the envoy of Peru in 2020.", "expelled", True),
        ("Chile expelled the envoy of Peru in November 2019.", "expelled", True),
        ("Iran violated the 2015 nuclear deal on Monday.", "violated", False),  # the year names the deal
        ("A year ago, Chile expelled the envoy of Peru.", "expelled", False),
        ("Two years ago, Chile expelled the envoy of Peru.", "expelled", True),
        ("Decades ago, Chile expelled the envoy of Peru.", "expelled", True),
        ("Eighteen years later, Chile expelled the envoy of Peru.", "expelled", True),  # a story told from long ago
        ("Two days later, Chile expelled the envoy of Peru.", "expelled", False),
        ("Fifteen years earlier, Chile had expelled the envoy of Peru.", "expelled", True),
        ("Two days earlier, Chile had expelled the envoy of Peru.", "expelled", False),
        ("Peru reopened its embassy on Monday, six years after Chile expelled its envoy.", "expelled", True),
        ("Peru reopened its embassy on Monday, six years after Chile expelled its envoy.", "reopened", False),
        ("At the time, the army arrested the mayor.", "arrested", True),
        ("Merkel met Putin several times when she was chancellor.", "met", True),
        ("He was arrested in 2016 and deported to Chile.", "deported", True),  # the conjunct shares the time
        ("He was arrested in 2016 and deported to Chile on Monday.", "deported", False),  # a time of its own
        # an after-clause takes the time of the clause it explains
        ("The sale was cancelled in 2010 after Peru imposed sanctions on Chile.", "imposed", True),
        ("Chile recalled its envoy on Monday after Peru imposed sanctions.", "imposed", False),
        # a season dates its clause; a year on the event's own noun dates the event
        ("Police arrested the mayor in early summer 2019.", "arrested", True),
        ("Police arrested the mayor in early summer 2021.", "arrested", False),
        ("The 2012 assault on the base killed four soldiers.", "assault", True),
        ("The assault on the base killed four soldiers.", "assault", False),
    ],
)
def test_explicit_past_background_is_historical(token, text, word, historical):
    assert is_historical(token(text, word), dt.date(2022, 6, 1)) is historical


def test_a_standing_position_is_a_habit_not_an_event(token):
    from tacitus.coding.modality import is_habitual

    assert is_habitual(token("The government has long opposed the rebels.", "opposed"))
    assert not is_habitual(token("The government opposed the rebels' demands on Monday.", "opposed"))
