"""Modality on parsed sentences: negation, hypotheticals, intent, reported speech, refusals, the past."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.coding import load_lexicon
from tacitus.coding.modality import clause_modality, is_historical, is_negated, is_refusal
from tacitus.coding.syntax import governor_of

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def token(nlp):  # type: ignore[no-untyped-def]
    def find(text: str, word: str):  # type: ignore[no-untyped-def]
        return next(t for t in nlp(text) if t.text == word)

    return find


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
    ],
)
def test_clause_modality(token, text, word, expected):
    assert clause_modality(token(text, word), load_lexicon()) == expected


def test_negation_words(token):
    assert is_negated(token("Iran did not attack Israel.", "attack"))
    assert is_negated(token("Iran never attacked Israel.", "attacked"))
    assert not is_negated(token("Iran attacked Israel.", "attacked"))


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
