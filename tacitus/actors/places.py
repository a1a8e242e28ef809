"""Country names in the text that are not actors: places, qualifiers and parts of other names.

The dictionary matched a country, capital or demonym, but the words around it show a place
("talks in Ankara", "Atlanta, Georgia"), a qualifier ("Iranian-backed", "Mexican-American", "pro-Russia")
or part of a longer proper name ("Michael Jordan", "New Mexico", "Paris Agreement"). These
checks read only the neighbouring tokens, so they sit apart from the rules that build
actors out of matches. Cue words for ambiguous names are data (data/actors/context_rules.tsv).
See docs/actors.md (Places and names, Ambiguous names).
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from tacitus.actors.dictionary import pattern_key, words
from tacitus.actors.matching import Atom
from tacitus.nlp.headlines import is_headline
from tacitus.resources import read_tsv


def is_not_actor(doc: Doc, atom: Atom, matched: dict[int, str]) -> bool:
    """Whether a country-like match is a place or part of another name (`matched`: see `matched_tokens`)."""
    before = doc[atom.start - 1] if atom.start > 0 else None
    after = doc[atom.end] if atom.end < len(doc) else None
    entry = atom.entries[0]
    if atom.kind == "capital" and before is not None and before.lower_ in words("locative"):
        return True
    # "Atlanta, Georgia", "Moscow, Russia": a place with its country or state.
    if atom.kind in ("state", "capital") and before is not None and before.text == "," and atom.start >= 2:
        city = doc[atom.start - 2]
        if (
            city.is_alpha
            and capitalised(city)
            and matched.get(city.i, "capital") == "capital"
            and not city.is_sent_start
        ):
            return True
    if atom.kind in ("state", "capital") and hyphen_modified(doc, atom.end):
        return True
    if stance_modified(doc, atom.start):
        return True
    # "Michael Jordan", "New Mexico", "Roast Turkey": part of a longer proper name.
    if atom.kind in ("state", "capital", "demonym") and atom.end - atom.start == 1:
        # "Central American", "New Mexico"; not a headline's title case ("Russia Invades Ukraine")
        if before is not None and _other_name_token(before, matched) and not _headline_word(doc, atom, before):
            return True
        if atom.kind == "demonym":
            return False
        ambiguous = atom.kind == "capital" or "ambiguous" in entry.note  # "Paris Agreement", "Jordan Peterson"
        if ambiguous and after is not None and _other_name_token(after, matched):
            return True
    cues = _context_rules().get(" ".join(t.lower_ for t in doc[atom.start : atom.end]))
    if cues:
        if before is not None and before.lower_ in cues.get("before", ()):
            return True
        if after is not None and after.lower_ in cues.get("after", ()):
            return True
    return False


def _headline_word(doc: Doc, atom: Atom, before: Token) -> bool:
    """Whether the capitalised word before an unambiguous country is only title case ("Russia Invades Ukraine")."""
    if "ambiguous" in atom.entries[0].note or before.lower_ in words("name_prefix"):
        return False
    sentence = doc[atom.start].sent if doc.has_annotation("SENT_START") else doc[:]  # an article's title: one line
    return is_headline(sentence.text)


def hyphen_modified(doc: Doc, end: int) -> bool:
    """'Iranian-backed', 'Moscow-based': the name qualifies what follows and is not the actor."""
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in words("hyphen_modifier")


def stance_modified(doc: Doc, start: int) -> bool:
    """'pro-Russia rebels', 'anti-government protesters': the name after "pro-"/"anti-" is a cause, not an actor."""
    return start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in words("stance_prefix")


def hyphen_compound(doc: Doc, end: int, matched: dict[int, str]) -> bool:
    """'Mexican-American', 'Turkish-Russian': a compound of two demonyms is neither country alone."""
    return end + 1 < len(doc) and doc[end].text == "-" and matched.get(end + 1) == "demonym"


def capitalised(token: Token) -> bool:
    """'Kemp', 'McConnell', 'DeSantis' (str.istitle() rejects the last two); not 'NATO'."""
    text = token.text
    return text[:1].isupper() and not text.isupper()


def _other_name_token(token: Token, matched: dict[int, str]) -> bool:
    """A capitalised word outside every match that is not a sentence start or a neutral word."""
    return (
        token.is_alpha
        and capitalised(token)
        and token.i not in matched
        and not token.is_sent_start
        and token.lower_ not in words("name_neutral")
    )


@functools.cache
def _context_rules() -> dict[str, dict[str, frozenset[str]]]:
    """Ambiguous name -> side ('before'/'after') -> cue words that make it something else."""
    rules: dict[str, dict[str, set[str]]] = {}
    for row in read_tsv("actors/context_rules.tsv"):
        cue_words = {w.strip().lower() for w in row["cues"].split("|") if w.strip()}
        rules.setdefault(pattern_key(row["pattern"]), {}).setdefault(row["side"], set()).update(cue_words)
    return {k: {side: frozenset(v) for side, v in sides.items()} for k, sides in rules.items()}
