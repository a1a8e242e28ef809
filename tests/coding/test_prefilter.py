"""The cheap filter before the parse: which tokenised sentences are worth parsing."""

from __future__ import annotations

import pytest

from tacitus.coding import load_lexicon
from tacitus.coding.prefilter import may_hold_event

from .helpers import make_mentions

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def keeps(nlp):  # type: ignore[no-untyped-def]
    from tacitus.nlp import split_sentences

    lexicon = load_lexicon()

    def run(text: str, *, bare_statements: bool = False) -> bool:
        doc = split_sentences(nlp, text)
        return may_hold_event(lexicon, doc[:], make_mentions(text), bare_statements=bare_statements)

    return run


def test_a_lone_attribution_is_not_parsed_unless_bare_statements_are_wanted(keeps):
    assert not keeps("Chile said the border was calm.")
    assert keeps("Chile said the border was calm.", bare_statements=True)


def test_a_statement_with_more_to_code_is_parsed(keeps):
    assert keeps("Chile said Peru attacked the port.")  # the attack
    assert keeps("Chile said Peru must withdraw.")  # a demand
    assert keeps("Chile offered condolences to Peru.")  # a specific statement with a target
