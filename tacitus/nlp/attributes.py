"""Token attributes from the model's own attribute-ruler rules, looked up instead of matched.

The English pipelines map fine-grained tags to POS and morphology with an
`attribute_ruler`: a token Matcher run over every token of every parsed sentence. On the
sentences Tacitus parses it costs almost as much as the parser. The rules only ever look
at one token's text, tag, dependency label and whitespace-ness, so the result for a token
is a function of those four values: `CachedAttributeRuler` evaluates the model's rules
once per distinct combination and remembers the answer.

Rules that span several tokens (a handful of contractions) are applied by the original
ruler on the rare sentences that contain their first word, so the output is the same as
the stock component's (checked in tests/nlp/test_attributes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT = "tacitus_cached_attribute_ruler"

#: Distinct (text, tag, dep, space) keys remembered before the cache starts over.
CACHE_LIMIT = 500_000

_TOKEN_KEYS = {"LOWER": "lower_", "TAG": "tag_", "DEP": "dep_", "IS_SPACE": "is_space"}

Key = tuple[str, str, str, bool]


def _value_test(value: Any) -> Callable[[Any], bool] | None:
    """A predicate for one pattern value, or None when the value form is not supported."""
    if isinstance(value, (str, bool)):
        return lambda seen: seen == value
    if isinstance(value, dict) and set(value) == {"IN"}:
        allowed = frozenset(value["IN"])
        return lambda seen: seen in allowed
    if isinstance(value, dict) and set(value) == {"NOT_IN"}:
        banned = frozenset(value["NOT_IN"])
        return lambda seen: seen not in banned
    if isinstance(value, dict) and set(value) == {"REGEX"}:
        pattern = re.compile(value["REGEX"])
        return lambda seen: isinstance(seen, str) and pattern.search(seen) is not None
    return None


class CachedAttributeRuler:
    """Drop-in for an `attribute_ruler` whose single-token rules are memoised per token key."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.rules: list[tuple[Tests, dict[str, Any]]] = []
        self.multi_token_starts: list[Tests | None] = []
        for rule in ruler.patterns:  # in order: later rules take precedence, as in the ruler
            for pattern in rule["patterns"]:
                tests = _compile(pattern[0])
                if len(pattern) == 1 and tests is not None:
                    self.rules.append((tests, rule["attrs"]))
                else:
                    self.multi_token_starts.append(tests)
        self.cache: dict[Key, tuple[dict[str, Any], bool]] = {}

    def _attributes(self, token: Token) -> tuple[dict[str, Any], bool]:
        """The attributes the ruler would set on `token`, and whether a multi-token rule may start there."""
        key = (token.lower_, token.tag_, token.dep_, token.is_space)
        found = self.cache.get(key)
        if found is None:
            values = dict(zip(("lower_", "tag_", "dep_", "is_space"), key, strict=True))
            attrs: dict[str, Any] = {}
            for tests, rule_attrs in self.rules:
                if _matches(tests, values):
                    attrs.update(rule_attrs)
            may_start = any(tests is None or _matches(tests, values) for tests in self.multi_token_starts)
            if len(self.cache) >= CACHE_LIMIT:
                self.cache.clear()
            found = self.cache[key] = (attrs, may_start)
        return found

    def __call__(self, doc: Doc) -> Doc:
        needs_original = False
        for token in doc:
            attrs, may_start = self._attributes(token)
            needs_original |= may_start
            for name, value in attrs.items():
                if name == "MORPH":
                    token.set_morph(value)
                else:
                    setattr(token, _SETTERS[name], value)
        # A multi-token rule may apply: let the original ruler decide for this sentence.
        return self.ruler(doc) if needs_original else doc


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


def _matches(tests: Tests, values: dict[str, Any]) -> bool:
    return all(test(values[attribute]) for attribute, test in tests)


def install_cached_attribute_ruler(nlp: Language) -> bool:
    """Replace the model's `attribute_ruler` with `CachedAttributeRuler`; False if it has none."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    unknown = {k for rule in ruler.patterns for k in rule["attrs"]} - {*_SETTERS, "MORPH"}
    if unknown:
        return False  # the model's rules set attributes this component does not handle
    nlp.add_pipe(COMPONENT, before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    return True


@Language.factory(COMPONENT)
def make_cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(nlp.get_pipe("attribute_ruler"))
