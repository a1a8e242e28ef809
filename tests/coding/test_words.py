"""The root sets the coding rules consult (data/lexicon/word_sets.tsv) name real CAMEO roots."""

from __future__ import annotations

import pytest

from tacitus.coding import load_ontology, words


@pytest.mark.parametrize(
    "name",
    [
        "STRONG_ROOTS",
        "CLAIMED_ROOTS",
        "COOPERATIVE_ROOTS",
        "PLACE_MODIFIED_ROOTS",
        "GOVERNING_ROOTS",
        "INTENT_KEPT_ROOTS",
        "FUTURE_KEPT_ROOTS",
    ],
)
def test_root_sets_hold_cameo_roots(name):
    roots = {code[:2] for code in load_ontology().codes()}
    assert getattr(words, name) <= roots


def test_targeted_statement_codes_are_statement_codes():
    ontology = load_ontology()
    assert words.TARGETED_STATEMENT_CODES
    assert all(code in ontology and code.startswith("01") for code in words.TARGETED_STATEMENT_CODES)
