"""Modality: does the text assert an event, report it, intend it, threaten it, deny it, or only imagine it?

"did not attack" is negated, "could strike" and "if they attack" hypothetical, "will meet"
intended, "Erdogan said Russia attacked" reported; "in 2003 the US invaded Iraq" is
historical. The coder drops what is not asserted (unless asked to keep it) and turns a
negated future of a cooperative event into a refusal ("will not lift the ban" → 12x).
The words consulted are data (`tacitus.coding.words`); the clause structure is the parse's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from tacitus.coding.syntax import auxiliaries, clause_tokens
from tacitus.coding.words import (
    CONDITIONAL_MARKS,
    FUTURE_AUX,
    HYPOTHETICAL_AUX,
    NEGATION_DETERMINERS,
    PAST_UNITS,
    REFUSAL_AUX,
    REFUSAL_VERBS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tacitus.coding.lexicon import Lexicon

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
DECADE = re.compile(r"^(1[89]\d0|20[0-9]0)s$")


def clause_modality(token: Token, lexicon: Lexicon) -> str:
    """asserted / reported / intended / threatened / hypothetical / negated, from the clause chain."""
    anchor = token
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("dobj", "nsubjpass", "attr")
        and token.head.pos_ in ("VERB", "AUX")
    ):
        anchor = token.head  # a nominal event takes the modality of its light verb
    if is_negated(anchor) or (anchor is not token and is_negated(token)):
        return "negated"
    aux = auxiliaries(anchor)
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in anchor.children):
        return "hypothetical"
    reported = False
    node = anchor
    for _ in range(6):
        head = node.head
        if head is node:
            break
        kind = lexicon.complement_kind(head.lemma_.lower())
        if node.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep") and kind == "hypothetical":
            return "hypothetical"
        if node.dep_ in ("xcomp",) and kind == "negative":
            return "negated"
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "hypothetical"
        if node.dep_ == "ccomp" and kind == "speech":
            reported = True
            break
        if node.dep_ not in ("xcomp", "conj", "pcomp", "pobj", "prep", "acomp"):
            break
        node = head
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical"
    if aux & FUTURE_AUX or ("would" in aux and reported):
        return "intended"
    if "would" in aux:
        return "hypothetical"
    if "going" in {c.lower_ for c in anchor.children if c.dep_ == "aux"}:
        return "intended"
    return "reported" if reported else "asserted"


def is_negated(token: Token) -> bool:
    """Whether `token` is negated by "not", "never" or "no" ("did not attack", "no talks")."""
    return any(
        c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEGATION_DETERMINERS) for c in token.children
    )


def is_refusal(token: Token, governor: Token | None) -> bool:
    """Whether a negated event is a refusal: future or would-clause, or a failed attempt."""
    anchor = token.head if token.pos_ == "NOUN" and token.head.pos_ in ("VERB", "AUX") else token
    for node in (anchor, governor):
        if node is None:
            continue
        if auxiliaries(node) & REFUSAL_AUX or node.lemma_.lower() in REFUSAL_VERBS:
            return True
    return False


def is_historical(trigger: Token, date: dt.date | None) -> bool:
    """A past year or "N years ago" in the trigger's clause ("in 2003 the US invaded Iraq")."""
    anchor = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") else trigger
    for token in clause_tokens(anchor):
        if token.lower_ == "ago" and any(c.lemma_.lower() in PAST_UNITS for c in (token.head, *token.children)):
            return True
        if date is not None:
            if YEAR.match(token.text) and int(token.text) < date.year:
                return True
            if DECADE.match(token.text) and int(token.text[:4]) + 9 < date.year:
                return True
    return False
