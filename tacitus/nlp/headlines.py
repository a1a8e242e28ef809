"""Title-case headlines, parsed as the sentences they are.

"Colombia Extradites Norte del Valle Cartel Boss." is a clause, but a small parser reads a
run of capitalised words as one long name and finds no verb. Before parsing, a headline's
capitalised words outside actor mentions are lower-cased (the same length, so offsets hold);
after parsing, the words are put back as written, with the parse's tags, lemmas and tree.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Doc

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")

#: A headline has at least this many words of four letters or more, and this share of them capitalised.
MIN_LONG_WORDS = 3
MIN_CAPITALISED_SHARE = 0.8


def is_headline(text: str) -> bool:
    """Whether a sentence is written in title case ("Bolivia Withdraws From UN Drug Convention")."""
    long_words = [w for w in _WORD.findall(text) if len(w) >= 4]
    if len(long_words) < MIN_LONG_WORDS:
        return False
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return capitalised / len(long_words) >= MIN_CAPITALISED_SHARE


def fold_headline(text: str, keep: Sequence[tuple[int, int]]) -> str:
    """`text` with the first letter of each capitalised word lower-cased, outside the `keep` spans.

    The first word, acronyms ("UN", "FARC") and words inside `keep` (actor mentions, relative to
    `text`) stay as they are. Only single letters change, so every offset still holds.
    """
    chars = list(text)
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        if start == 0 or not word[0].isupper() or word.isupper():
            continue
        if any(a <= start < b for a, b in keep):
            continue
        chars[start] = word[0].lower()
    return "".join(chars)


def restore_words(parsed: Doc, original: str) -> Doc:
    """A Doc of `original`'s words carrying the parse of its folded twin `parsed`."""
    words = [original[t.idx : t.idx + len(t.text)] for t in parsed]
    return Doc(
        parsed.vocab,
        words=words,
        spaces=[bool(t.whitespace_) for t in parsed],
        tags=[t.tag_ for t in parsed],
        pos=[t.pos_ for t in parsed],
        morphs=[str(t.morph) for t in parsed],
        lemmas=[t.lemma_ for t in parsed],
        heads=[t.head.i for t in parsed],
        deps=[t.dep_ for t in parsed],  # the heads set the sentence boundaries too
    )
