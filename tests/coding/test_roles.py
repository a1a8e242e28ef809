"""Who a word stands for: actors and persons as the object of acts done to people."""

from __future__ import annotations

import pytest

from tacitus.coding import load_lexicon
from tacitus.coding.roles import SentenceContext

from .helpers import make_mentions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def context(nlp):  # type: ignore[no-untyped-def]
    def build(text: str) -> tuple[SentenceContext, dict[str, object]]:
        doc = nlp(text)
        return SentenceContext(doc, make_mentions(text), 0, load_lexicon().agent_nouns), {t.text: t for t in doc}

    return build


@pytest.mark.parametrize(
    ("text", "word", "person"),
    [
        ("Chile released two journalists.", "journalists", True),  # an actor mention
        ("Chile released him.", "him", True),
        ("Chile released the prisoners.", "prisoners", True),  # an agent noun
        ("Chile released dozens of prisoners.", "dozens", True),  # what a quantity counts
        ("Chile released followers of Erdogan.", "followers", True),  # a noun whose phrase names an actor
        ("Chile released the names of the journalists.", "names", False),  # a thing, whatever it names
        ("Chile released it.", "it", False),
        ("Chile is fighting corruption.", "corruption", False),
    ],
)
def test_is_person(context, text, word, person):
    ctx, tokens = context(text)
    assert ctx.is_person(tokens[word]) is person


def test_names_actor_is_the_word_itself(context):
    ctx, tokens = context("The violence called the attention of Santiago.")
    assert not ctx.names_actor(tokens["attention"])  # the actor is only inside its phrase
    assert ctx.names_actor(tokens["Santiago"])
