"""Tone: how positive or negative the words of a sentence or an article are, on GDELT's AvgTone scale.

    tone = 100 × (positive words − negative words) / all words        (−100 … +100)

A word is scored from Tacitus's own lexicon (``data/tone/words.tsv``, a few hundred positive
and negative words of news register, hand-written, MIT). Simple inflections are matched
(-s, -es, -ies, -ed, -ing, -ly, a doubled final consonant), so "condemned" scores as
"condemn". A negator ("not", "no", "never", "without", "n't", ...) up to three words
before a scored word, with no clause break between, flips its polarity: "did not welcome"
counts as negative. Like GDELT, the denominator is every word, so typical news sits
between −10 and +10. A text with no words has no tone (None).

`TONE_VERSION` ("tone@<sha8 of the word list>") is what the enricher stamps on each event.

Example:
    >>> score = tone("The ministers welcomed the peaceful agreement.")
    >>> score.tone > 0
    True

DOCS: docs/enrich.md#tone
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from tacitus.errors import EnrichError
from tacitus.resources import data_file, file_sha256, read_tsv

__all__ = ["TONE_DATA", "ToneLexicon", "ToneScore", "load_tone_lexicon", "tone", "tone_version"]

#: The packaged word list.
TONE_DATA = "tone/words.tsv"

#: Words a negator reaches forward; a clause break (, ; : . ! ? — and "but") stops it sooner.
NEGATION_WINDOW = 3

_CLASSES = ("positive", "negative", "negator", "neutral")
# Words (with an inner apostrophe) and the clause breaks that end a negation's reach.
_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)*|[,;:.!?—–]")
_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "—", "–", "but"})


@dataclass(frozen=True, slots=True)
class ToneScore:
    """The tone of a text and what it was computed from."""

    tone: float | None  # None when the text has no words
    positive: int  # words scored positive (after negation)
    negative: int  # words scored negative (after negation)
    words: int  # all words: the denominator

    @property
    def polarity(self) -> float | None:
        """Share of scored words, in percent: how emotionally loaded the text is (GDELT's Polarity)."""
        return None if not self.words else round(100.0 * (self.positive + self.negative) / self.words, 3)


@dataclass(frozen=True)
class ToneLexicon:
    """Scored words (+1 / −1), negators and blocked look-alike forms."""

    scores: dict[str, int]
    negators: frozenset[str]
    neutral: frozenset[str]
    version: str

    def score(self, word: str) -> int:
        """+1, −1 or 0 for a lower-cased word, trying its simple inflections."""
        if word in self.neutral:
            return 0
        found = self.scores.get(word)
        if found is not None:
            return found
        for base in _bases(word):
            found = self.scores.get(base)
            if found is not None:
                return found
        return 0

    def is_negator(self, word: str) -> bool:
        return word in self.negators or word.endswith(("n't", "n’t"))


def _bases(word: str) -> Iterable[str]:
    """Candidate base forms of an inflected word, most specific first."""
    if word.endswith("ies") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("ied") and len(word) > 4:
        yield word[:-3] + "y"
    if word.endswith("ly") and len(word) > 4:
        yield word[:-2]
    for suffix in ("es", "s", "ed", "d", "ing"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            yield stem
            if suffix in ("ed", "ing"):
                yield stem + "e"  # "cooperating" -> "cooperate"
                if len(stem) > 3 and stem[-1] == stem[-2]:
                    yield stem[:-1]  # "robbed" -> "rob"


@functools.cache
def load_tone_lexicon() -> ToneLexicon:
    """The packaged tone lexicon (read once)."""
    scores: dict[str, int] = {}
    negators: set[str] = set()
    neutral: set[str] = set()
    for line, row in enumerate(read_tsv(TONE_DATA), start=2):
        word, kind = row.get("word", "").strip().lower(), row.get("class", "").strip()
        if not word or kind not in _CLASSES:
            raise EnrichError(f"data/{TONE_DATA}: data row {line}: needs a word and a class in {_CLASSES} ({row})")
        if kind == "negator":
            negators.add(word)
        elif kind == "neutral":
            neutral.add(word)
        else:
            if word in scores:
                raise EnrichError(f"data/{TONE_DATA}: data row {line}: '{word}' is listed twice")
            scores[word] = 1 if kind == "positive" else -1
    version = f"tone@{file_sha256(data_file(TONE_DATA))[:8]}"
    return ToneLexicon(scores, frozenset(negators), frozenset(neutral), version)


def tone_version() -> str:
    """The stamp of the tone enricher: its name and the digest of its word list."""
    return load_tone_lexicon().version


def tone(text: str | None, *, lexicon: ToneLexicon | None = None, negation: bool = True) -> ToneScore:
    """The tone of `text` on GDELT's AvgTone scale (see the module docstring).

    Args:
        text: a sentence or a whole article.
        lexicon: the word list; defaults to the packaged one.
        negation: flip a scored word that follows a negator closely.
    """
    words = lexicon or load_tone_lexicon()
    positive = negative = total = 0
    since_negator: int | None = None  # words since the last negator in this clause
    for token in _TOKEN.findall((text or "").lower()):
        if token in _BREAKS:
            since_negator = None
            if token != "but":
                continue
        total += 1
        if negation and words.is_negator(token):
            since_negator = 0
            continue
        value = words.score(token)
        if since_negator is not None:
            since_negator += 1
            if value and since_negator <= NEGATION_WINDOW:
                value = -value
            if since_negator >= NEGATION_WINDOW:
                since_negator = None
        if value > 0:
            positive += 1
        elif value < 0:
            negative += 1
    if not total:
        return ToneScore(None, 0, 0, 0)
    return ToneScore(round(100.0 * (positive - negative) / total, 3), positive, negative, total)
