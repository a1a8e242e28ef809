"""Tone on GDELT's AvgTone scale: 100 × (positive − negative) / words, with negation and inflections."""

from __future__ import annotations

import pytest

from tacitus.enrich.tone import NEGATION_WINDOW, load_tone_lexicon, tone, tone_version


def test_tone_is_the_share_of_positive_minus_negative_words():
    # 4 words: "praised" (praise) and "agreement" are positive.
    score = tone("Leaders praised the agreement.")
    assert (score.positive, score.negative, score.words) == (2, 0, 4)
    assert score.tone == pytest.approx(50.0)
    # 8 words: "killed", "wounded", "attack" are negative.
    score = tone("Gunmen killed two and wounded five in an attack.")
    assert (score.positive, score.negative, score.words) == (0, 3, 9)
    assert score.tone == pytest.approx(-100 * 3 / 9, abs=1e-3)


def test_sign_and_bounds_on_news_sentences():
    warm = tone("The ministers welcomed the peaceful talks and thanked their hosts for a fruitful visit.")
    grim = tone("Troops shelled the city, killing civilians and destroying homes as refugees fled the violence.")
    flat = tone("The delegation arrived in the capital on Tuesday for two days of talks.")
    assert warm.tone is not None and warm.tone > 0
    assert grim.tone is not None and grim.tone < 0
    assert flat.tone == 0.0
    for score in (warm, grim, flat, tone("war"), tone("peace")):
        assert score.tone is not None and -100.0 <= score.tone <= 100.0
    assert tone("war").tone == -100.0 and tone("peace").tone == 100.0


def test_no_words_is_no_tone():
    assert tone("").tone is None
    assert tone(None).tone is None
    assert tone(" -- ... ").tone is None


def test_negation_flips_a_close_scored_word():
    plain = tone("The minister welcomed the plan.")
    negated = tone("The minister did not welcome the plan.")
    contracted = tone("The minister didn't welcome the plan.")
    assert plain.tone is not None and plain.tone > 0
    assert negated.tone is not None and negated.tone < 0
    assert contracted.tone is not None and contracted.tone < 0
    assert tone("The minister did not welcome the plan.", negation=False).positive == 1


def test_negation_stops_at_a_clause_break_and_after_its_window():
    # The comma ends the negator's reach: "peace" stays positive.
    assert tone("No delay, peace returned.").positive == 1
    # A scored word more than NEGATION_WINDOW words after the negator is not flipped.
    far = "not " + "the " * NEGATION_WINDOW + "success"
    assert tone(far).positive == 1
    near = "not " + "the " * (NEGATION_WINDOW - 1) + "success"
    assert tone(near).negative == 1


def test_inflections_match_and_look_alikes_do_not():
    assert tone("condemned").negative == 1
    assert tone("condemns").negative == 1
    assert tone("cooperating").positive == 1
    assert tone("robbed").negative == 1
    assert tone("peacefully").positive == 1
    assert tone("goods").positive == 0  # not "good"
    assert tone("The United States").positive == 0


def test_lexicon_is_news_sized_and_versioned():
    lexicon = load_tone_lexicon()
    positives = sum(1 for value in lexicon.scores.values() if value > 0)
    negatives = sum(1 for value in lexicon.scores.values() if value < 0)
    assert positives >= 200 and negatives >= 200
    assert not lexicon.negators & set(lexicon.scores)
    assert tone_version().startswith("tone@") and len(tone_version()) == len("tone@") + 8
