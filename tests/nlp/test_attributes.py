"""The memoised attribute ruler must give exactly what the model's own ruler gives."""

import spacy

from tacitus.config import DEFAULT_SPACY_MODEL
from tacitus.nlp import model_location
from tacitus.nlp.attributes import COMPONENT, install_cached_attribute_ruler

SENTENCES = [
    "I said that the talks that began in Geneva were over, and that is that.",
    "They ain't gonna sign the deal, the minister's spokesman said on Tuesday.",
    "Is it true the envoy wasn't told? He'd have known, wouldn't he?",
    "Rebels shelled the airport as the U.N. team, which had arrived late, waited.",
    "The ministers have met twice; nothin' came of it, an aide grumbled.",
    "Protesters were being dispersed by police who fired tear gas at 5 p.m.",
]


def _attributes(nlp, texts):  # type: ignore[no-untyped-def]
    return [[(t.text, t.tag_, t.pos_, t.dep_, t.lemma_, str(t.morph)) for t in doc] for doc in nlp.pipe(texts)]


def test_same_attributes_as_the_stock_ruler(nlp) -> None:  # type: ignore[no-untyped-def]
    assert COMPONENT in nlp.pipe_names
    assert "attribute_ruler" not in nlp.pipe_names and "lemmatizer" not in nlp.pipe_names  # both folded in
    stock = spacy.load(model_location(DEFAULT_SPACY_MODEL), exclude=["ner"])
    assert _attributes(nlp, SENTENCES) == _attributes(stock, SENTENCES)
    # a second pass is served from the cache and must not drift
    assert _attributes(nlp, SENTENCES) == _attributes(stock, SENTENCES)


def test_models_without_a_ruler_are_left_alone() -> None:
    blank = spacy.blank("en")
    assert install_cached_attribute_ruler(blank) is False
    assert blank.pipe_names == []
