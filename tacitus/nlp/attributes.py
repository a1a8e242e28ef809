"""Token attributes from the model's own attribute-ruler rules, looked up instead of matched.

The English pipelines map fine-grained tags to POS and morphology with an
`attribute_ruler`: a token Matcher run over every token of every parsed sentence, then
lemmatise each token by rule. On the sentences Tacitus parses the two cost almost as much
as the parser. The rules only ever look at one token's text, tag, dependency label and
whitespace-ness, so the result for a token is a function of those four values (and its
lemma of those plus the word's case): `CachedAttributeRuler` evaluates the model's rules
and lemmatizer once per distinct combination and remembers the answer.

Rules that span several tokens (a handful of contractions) are applied by the original
ruler on the rare sentences that contain their first word, so the output is the same as
the stock component's (checked in tests/nlp/test_attributes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT = "tacitus_cached_attribute_ruler"

#: Distinct (text, tag, dep, space) keys remembered before the cache starts over.
CACHE_LIMIT = 500_000

_TOKEN_KEYS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}

Key = tuple[str, str, str, bool]


class _OneOf:
    """A test that the value is one of a known set of words (indexable by word)."""

    def __init__(self, words: frozenset[Any]) -> None:
        self.words = words

    def __call__(self, seen: Any) -> bool:
        return seen in self.words


def _value_test(value: Any) -> Callable[[Any], bool] | None:
    """A predicate for one pattern value, or None when the value form is not supported."""
    if isinstance(value, bool):
        return lambda seen: seen == value
    if isinstance(value, str):
        return _OneOf(frozenset([value]))
    if isinstance(value, dict) and set(value) == {"IN"}:
        return _OneOf(frozenset(value["IN"]))
    if isinstance(value, dict) and set(value) == {"NOT_IN"}:
        banned = frozenset(value["NOT_IN"])
        return lambda seen: seen not in banned
    if isinstance(value, dict) and set(value) == {"REGEX"}:
        pattern = re.compile(value["REGEX"])
        return lambda seen: isinstance(seen, str) and pattern.search(seen) is not None
    return None


class CachedAttributeRuler:
    """Drop-in for an `attribute_ruler` (and a rule `lemmatizer` after it), memoised per token key.

    Rules that test the word itself are indexed by that word; the others depend only on
    (tag, dep, space), a small set of combinations, and are evaluated once for each.
    """

    def __init__(self, ruler: Any, lemmatizer: Any | None = None) -> None:
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        self.rules: list[tuple[Tests, dict[str, Any]]] = []
        self.multi_token_starts: list[Tests | None] = []
        for rule in ruler.patterns:  # in order: later rules take precedence, as in the ruler
            for pattern in rule["patterns"]:
                tests = _compile(pattern[0])
                if len(pattern) == 1 and tests is not None:
                    self.rules.append((tests, rule["attrs"]))
                else:
                    self.multi_token_starts.append(tests)
        # rule positions by the word they require; rules on the word we cannot index are tested always
        self.by_word: dict[str, list[int]] = {}
        self.word_free: list[int] = []
        self.word_other: list[int] = []
        for position, (tests, _) in enumerate(self.rules):
            words = _required_words(tests)
            if words is None:
                (self.word_other if any(a == "lower_" for a, _ in tests) else self.word_free).append(position)
            else:
                for word in words:
                    self.by_word.setdefault(word, []).append(position)
        self.shape_cache: dict[tuple[str, str, bool], list[int]] = {}
        self.cache: dict[Key, tuple[dict[str, Any], bool]] = {}
        self.rows: dict[tuple[int, ...], _Row] = {}  # by the hashes of (lower, tag, dep, is_space)
        self.lemmas: dict[tuple[int, ...], int] = {}  # by the hashes of (orth, pos, morph)

    def _attributes(self, token: Token) -> tuple[dict[str, Any], bool]:
        """The attributes the ruler would set on `token`, and whether a multi-token rule may start there."""
        key = (token.lower_, token.tag_, token.dep_, token.is_space)
        found = self.cache.get(key)
        if found is None:
            values = dict(zip(("lower_", "tag_", "dep_", "is_space"), key, strict=True))
            shape = key[1:]
            free = self.shape_cache.get(shape)
            if free is None:
                free = self.shape_cache[shape] = [i for i in self.word_free if _matches(self.rules[i][0], values)]
            lexical = [
                i for i in (*self.by_word.get(key[0], ()), *self.word_other) if _matches(self.rules[i][0], values)
            ]
            attrs: dict[str, Any] = {}
            for position in sorted((*free, *lexical)):
                attrs.update(self.rules[position][1])
            may_start = any(tests is None or _matches(tests, values) for tests in self.multi_token_starts)
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            found = self.cache[key] = (attrs, may_start)
        return found

    def _row(self, doc: Doc, index: int) -> _Row:
        """What the rules set on a token with this token's key, as hashes ready for `Doc.from_array`."""
        attrs, may_start = self._attributes(doc[index])
        vocab = doc.vocab
        morph = attrs.get("MORPH")
        return _Row(
            pos=vocab.strings[attrs["POS"]] if "POS" in attrs else None,  # a POS name's hash is its symbol id
            morph=vocab.morphology.add(morph) if morph is not None else None,
            lemma=vocab.strings.add(attrs["LEMMA"]) if "LEMMA" in attrs else None,
            tag=attrs.get("TAG"),
            dep=attrs.get("DEP"),
            may_start=may_start,
        )

    def __call__(self, doc: Doc) -> Doc:
        # Token keys and attributes move as arrays of hashes: creating a Token object per token
        # and setting attributes one by one cost more than the rules themselves.
        if len(doc) == 0:
            return doc
        rows = self.rows
        found: list[_Row] = []
        for index, key in enumerate(map(tuple, doc.to_array(_KEY_ATTRS).tolist())):
            row = rows.get(key)
            if row is None:
                if len(rows) >= CACHE_LIMIT:
                    rows.clear()
                row = rows[key] = self._row(doc, index)
            found.append(row)
        values = doc.to_array(_SET_ATTRS)
        for index, row in enumerate(found):
            if row.pos is not None:
                values[index, 0] = row.pos
            if row.morph is not None:
                values[index, 1] = row.morph
        doc.from_array(_SET_ATTRS, values)  # type: ignore[arg-type]
        for index, row in enumerate(found):
            if row.tag is not None:
                doc[index].tag_ = row.tag
            if row.dep is not None:
                doc[index].dep_ = row.dep
        if any(row.may_start for row in found):
            # A multi-token rule may apply: the original ruler, then the lemmatizer, as in the model.
            if self.lemmatizer is not None:
                for token in doc:
                    token.lemma = 0
            doc = self.ruler(doc)
            if self.lemmatizer is not None:
                doc = self.lemmatizer(doc)
            return doc
        if self.lemmatizer is not None:
            self._lemmatize(doc, found)
        return doc

    def _lemmatize(self, doc: Doc, found: list[_Row]) -> None:
        """The rule lemmatizer's lemma of each token, remembered per (word, POS, morphology): all it reads."""
        lemmas = self.lemmas
        strings = doc.vocab.strings
        values = doc.to_array("LEMMA")
        for index, (row, key) in enumerate(zip(found, map(tuple, doc.to_array(_LEMMA_KEY).tolist()), strict=True)):
            if row.lemma is not None:
                values[index] = row.lemma
                continue
            lemma = lemmas.get(key)
            if lemma is None:
                if len(lemmas) >= CACHE_LIMIT:
                    lemmas.clear()
                lemma = lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[index])[0])  # type: ignore[union-attr]
            values[index] = lemma
        doc.from_array(["LEMMA"], values)  # type: ignore[arg-type]


class _Row(NamedTuple):
    """The attributes the rules set on one token key (None: left as it was), as hashes."""

    pos: int | None
    morph: int | None
    lemma: int | None
    tag: str | None
    dep: str | None
    may_start: bool  # a multi-token rule may start at this token


_KEY_ATTRS: list[int | str] = ["LOWER", "TAG", "DEP", "IS_SPACE"]
_SET_ATTRS: list[int | str] = ["POS", "MORPH"]
_LEMMA_KEY: list[int | str] = ["ORTH", "POS", "MORPH"]


Tests = list[tuple[str, Callable[[Any], bool]]]

_SETTERS = {"POS": "pos_", "LEMMA": "lemma_", "TAG": "tag_", "DEP": "dep_"}


def _compile(token_pattern: dict[str, Any]) -> Tests | None:
    """Predicates for one token pattern, or None when it uses an attribute or form we do not model."""
    tests = []
    for key, value in token_pattern.items():
        attribute = _TOKEN_KEYS.get(key)
        test = _value_test(value)
        if attribute is None or test is None:
            return None
        tests.append((attribute, test))
    return tests


def _required_words(tests: Tests) -> frozenset[str] | None:
    """The words a rule's LOWER test accepts, when it is an exact word or a word list."""
    for attribute, test in tests:
        if attribute == "lower_":
            return getattr(test, "words", None)
    return None


def _matches(tests: Tests, values: dict[str, Any]) -> bool:
    return all(test(values[attribute]) for attribute, test in tests)


def install_cached_attribute_ruler(nlp: Language) -> bool:
    """Replace the model's `attribute_ruler` with `CachedAttributeRuler`; False if it has none."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe("attribute_ruler")  # an AttributeRuler; get_pipe is typed as a bare callable
    unknown = {k for rule in ruler.patterns for k in rule["attrs"]} - {*_SETTERS, "MORPH"}
    if unknown:
        return False  # the model's rules set attributes this component does not handle
    folds_lemmatizer = _foldable_lemmatizer(nlp) is not None
    nlp.add_pipe(COMPONENT, before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    if folds_lemmatizer:
        nlp.remove_pipe("lemmatizer")
    return True


def _foldable_lemmatizer(nlp: Language) -> Any | None:
    """The rule lemmatizer right after the attribute ruler, whose work the cache can take over."""
    names = [name for name in nlp.pipe_names if name != COMPONENT]
    if "lemmatizer" not in names or "attribute_ruler" not in names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    follows = names.index("lemmatizer") == names.index("attribute_ruler") + 1
    if follows and getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", True):
        return lemmatizer
    return None


@Language.factory(COMPONENT)
def make_cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(nlp.get_pipe("attribute_ruler"), _foldable_lemmatizer(nlp))
