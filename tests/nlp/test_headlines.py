"""Title-case headlines are parsed as clauses: folded for the parser, their own words kept."""

from __future__ import annotations

import pytest

from tacitus.nlp.headlines import fold_headline, is_headline, restore_words


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Colombia Extradites Norte del Valle Cartel Boss.", True),
        ("Bolivia Withdraws from UN Drug Convention", True),
        ("Colombia extradited a cartel boss to the United States on Monday.", False),
        ("Talks End.", False),  # too short to tell
    ],
)
def test_is_headline(text, headline):  # type: ignore[no-untyped-def]
    assert is_headline(text) is headline


def test_fold_keeps_mentions_acronyms_the_first_word_and_every_offset():  # type: ignore[no-untyped-def]
    text = "Bolivia Withdraws From UN Drug Convention In Vienna"
    folded = fold_headline(text, keep=[(44, 50)])  # "Vienna" is a mention
    assert folded == "Bolivia withdraws from UN drug convention in Vienna"
    assert len(folded) == len(text)


@pytest.mark.model
def test_restored_words_carry_the_parse_of_the_folded_text(nlp):  # type: ignore[no-untyped-def]
    text = "Colombia Extradites Cartel Boss To United States."
    folded = fold_headline(text, keep=[(0, 8), (35, 48)])
    doc = restore_words(nlp(folded), text)
    assert doc.text == text
    verb = next(t for t in doc if t.text == "Extradites")
    assert (verb.pos_, verb.lemma_, verb.dep_) == ("VERB", "extradite", "ROOT")
    assert [t.text for t in verb.children if t.dep_ == "nsubj"] == ["Colombia"]
