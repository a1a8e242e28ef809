"""Dictionary matching: every dictionary pattern in a tokenised article, as atoms.

An atom is the unit the phrase rules (`tacitus.actors.phrases`) build on: a token range
and the dictionary rows its text matched ("Turkish" -> demonym TUR, "pilots" -> agent MIL).
It is kept apart because it is the one step that touches every token: one PhraseMatcher
pass over lower-cased tokens, with letter case checked afterwards, so that "turkey" the
bird does not match "Turkey" the state and "us" does not match "US".
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tacitus.actors.dictionary import NOT_AN_ACTOR, Entry, pick_term, strip_accents


@dataclass(frozen=True, slots=True)
class Atom:
    """One dictionary match: a token range and the entries its text matched."""

    start: int
    end: int
    kind: str
    entries: tuple[Entry, ...]


class DictionaryMatcher:
    """Every pattern of `entries` (with its accent-free and plural forms) in one PhraseMatcher."""

    def __init__(self, nlp: Language, entries: Sequence[Entry]) -> None:
        entries_by_key: dict[tuple[int, ...], list[Entry]] = {}
        variants: dict[str, list[Entry]] = {}
        for entry in entries:
            for variant in _variants(entry):
                variants.setdefault(variant, []).append(entry)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        pattern_docs = []
        for variant, variant_entries in variants.items():
            doc = nlp.make_doc(variant)
            key = tuple(int(h) for h in doc.to_array("LOWER"))
            bucket = entries_by_key.setdefault(key, [])
            if not bucket:
                pattern_docs.append(doc)
            for entry in variant_entries:
                if entry not in bucket:
                    bucket.append(entry)
        self._matcher.add("ACTOR", pattern_docs)
        # One surface form, rows from several files (a plural listed in Phoenix, a singular in our file):
        # the file loaded last wins, as it does for patterns written identically. Letter case is
        # checked first, so "US" (the country) and "us" (the pronoun) each keep their own row.
        file_rank: dict[str, int] = {}
        for entry in entries:
            file_rank.setdefault(_file_of(entry), len(file_rank))
        self._ranked: dict[tuple[int, ...], list[tuple[int, Entry]]] = {
            key: sorted(((file_rank[_file_of(e)], e) for e in bucket), key=lambda pair: -pair[0])
            for key, bucket in entries_by_key.items()
        }

    def atoms(self, doc: Doc, date: dt.date | None) -> list[Atom]:
        """Longest, leftmost, non-overlapping dictionary matches whose letter case fits.

        Where a pattern has dated rows (the Taliban: insurgents until 2021-08-15, the government
        after), the row for `date` comes first; persons keep all rows, resolved later by
        `tacitus.actors.resolution.person_draft`. Matches of switched-off patterns are dropped.
        """
        matches = self._matcher(doc)
        if not matches:
            return []
        candidates = []
        lowers = doc.to_array("LOWER").tolist()
        for _, start, end in matches:
            entries = _top_fitting(self._ranked.get(tuple(lowers[start:end]), ()), doc, start, end)
            if len(entries) > 1 and entries[0].kind != "person" and any(e.start or e.end for e in entries):
                chosen = pick_term(entries, date)[0]
                entries = (chosen, *(e for e in entries if e is not chosen))
            if entries:
                candidates.append(Atom(start, end, entries[0].kind, entries))
        candidates.sort(key=lambda a: (a.start, a.start - a.end))
        candidates = _without_cut_names(candidates)
        atoms: list[Atom] = []
        last_end = 0
        for atom in candidates:
            if atom.start >= last_end:
                atoms.append(atom)
                last_end = atom.end
        return [atom for atom in atoms if atom.entries[0].code != NOT_AN_ACTOR]


def _without_cut_names(candidates: list[Atom]) -> list[Atom]:
    """Drop back-references that would cut a longer name starting inside them: "the Organization" of "the
    Organization of American States" is the organisation's name, not a reference to an organisation before."""
    named_ends: dict[int, int] = {}
    for atom in candidates:
        if atom.kind != "backref":
            named_ends[atom.start] = max(named_ends.get(atom.start, 0), atom.end)
    return [
        atom
        for atom in candidates
        if atom.kind != "backref" or not any(named_ends.get(t, 0) > atom.end for t in range(atom.start + 1, atom.end))
    ]


def _top_fitting(ranked: Sequence[tuple[int, Entry]], doc: Doc, start: int, end: int) -> tuple[Entry, ...]:
    """The entries whose letter case fits doc[start:end], of the latest-loaded file among those that fit."""
    chosen: list[Entry] = []
    top: int | None = None
    text: str | None = None
    for rank, entry in ranked:
        if top is not None and rank != top:
            break
        any_case = _any_case(entry)
        if not any_case and text is None:
            text = doc[start:end].text  # only names and capitalised titles need their letter case read
        if any_case or _case_fits(entry, text or ""):
            top = rank
            chosen.append(entry)
    return tuple(chosen)


def matched_tokens(atoms: list[Atom]) -> dict[int, str]:
    """Token index -> kind of the dictionary match covering it."""
    return {t: a.kind for a in atoms for t in range(a.start, a.end)}


def _file_of(entry: Entry) -> str:
    """'agents:12' -> 'agents'; 'user:mine.tsv:3' -> 'user:mine.tsv'."""
    return entry.origin.rpartition(":")[0]


def _variants(entry: Entry) -> set[str]:
    """The surface forms an entry matches: as written, accent-free, and plural for nouns."""
    forms = {entry.pattern, strip_accents(entry.pattern)}
    # "People's Republic" is also written with a typographic apostrophe ("People’s Republic")
    forms |= {f.replace("'", "\u2019") for f in forms if "'" in f}
    if entry.kind in ("agent", "demonym"):
        forms |= {_plural(f) for f in list(forms)}
    if entry.kind == "person":
        # "George W. Bush" is also written "George W Bush" (British style, headlines)
        forms |= {_MIDDLE_INITIAL.sub(r"\1 ", f) for f in forms if _MIDDLE_INITIAL.search(f)}
    return forms


#: A middle initial with its full stop, between two words of a name: the "W. " of "George W. Bush".
_MIDDLE_INITIAL = re.compile(r"(?<=\w )([A-Z])\. (?=\w)")


def _plural(phrase: str) -> str:
    head, _, last = phrase.rpartition(" ")
    low = last.lower()
    if not last or not last[-1].isalpha():
        return phrase
    if low.endswith("man"):
        plural = last[:-3] + last[-3:-2] + ("EN" if last.isupper() else "en")
    elif low.endswith("y") and len(low) > 2 and low[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    elif low.endswith(("s", "sh", "ch", "x", "z")):
        plural = last + "es"
    else:
        plural = last + "s"
    return f"{head} {plural}" if head else plural


#: Kinds whose patterns match in any letter case (agent nouns, back-references and pronouns).
_ANY_CASE = frozenset({"agent", "backref"})


def _any_case(entry: Entry) -> bool:
    """Agent nouns and back-references match in any case, except a title written capitalised ("Director",
    "Gov."): a title in the text, not the common noun ("the director of the film", "gov.")."""
    return entry.kind in _ANY_CASE and not entry.pattern[:1].isupper()


def _case_fits(entry: Entry, text: str) -> bool:
    """Proper names must be capitalised ("Turkey", not "turkey"); short acronyms upper-case ("US", not "us")."""
    if _any_case(entry):
        return True
    if entry.kind in _ANY_CASE:
        return text[:1].isupper()
    letters = [c for c in entry.pattern if c.isalpha()]
    if not letters or not letters[0].isupper():
        return True
    text_letters = [c for c in text if c.isalpha()]
    if not text_letters or not text_letters[0].isupper():
        return False
    if len(letters) <= 3 and all(c.isupper() for c in letters):
        return all(c.isupper() for c in text_letters)
    return True
