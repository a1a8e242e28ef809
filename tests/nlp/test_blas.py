"""The model's matrix products go through numpy's BLAS and give the parse BLIS gives."""

import numpy
import spacy
from thinc.api import NumpyOps

from tacitus.config import DEFAULT_SPACY_MODEL
from tacitus.nlp import model_location
from tacitus.nlp.blas import single_thread_blas, use_numpy_gemm

SENTENCES = [
    "Turkey rejected U.S. pressure on Wednesday to drop its purchase of Russian missiles.",
    "Rebels shelled the airport as the U.N. team, which had arrived late, waited.",
    "The foreign ministers of India and Pakistan met in Geneva and agreed to resume talks.",
    "Police fired tear gas at protesters who had gathered outside parliament, witnesses said.",
]


def _parse(nlp, texts):  # type: ignore[no-untyped-def]
    return [[(t.text, t.tag_, t.dep_, t.head.i) for t in doc] for doc in nlp.pipe(texts)]


def test_every_layer_multiplies_through_numpy(nlp) -> None:  # type: ignore[no-untyped-def]
    nodes = [node for _, pipe in nlp.pipeline if hasattr(pipe, "model") for node in pipe.model.walk()]
    assert nodes
    assert all(isinstance(node.ops, NumpyOps) and not node.ops.use_blis for node in nodes)


def test_same_parse_and_vectors_as_blis(nlp) -> None:  # type: ignore[no-untyped-def]
    stock = spacy.load(model_location(DEFAULT_SPACY_MODEL), exclude=["ner"])
    assert any(getattr(node.ops, "use_blis", False) for node in stock.get_pipe("tok2vec").model.walk())
    assert _parse(nlp, SENTENCES) == _parse(stock, SENTENCES)
    ours = nlp.get_pipe("tok2vec").predict([nlp.make_doc(s) for s in SENTENCES])
    theirs = stock.get_pipe("tok2vec").predict([stock.make_doc(s) for s in SENTENCES])
    for a, b in zip(ours, theirs, strict=True):
        assert numpy.allclose(a, b, atol=1e-4)  # the same maths; only the order of float additions differs


def test_a_model_without_trainable_layers_is_left_alone() -> None:
    assert use_numpy_gemm(spacy.blank("en")) == 0


def test_single_thread_blas_is_idempotent() -> None:
    assert single_thread_blas() == single_thread_blas()
