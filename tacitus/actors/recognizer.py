"""Recognise actors in a tokenised article and resolve them to codes, by dictionary and rule.

One PhraseMatcher pass over lower-cased tokens finds every dictionary pattern; cheap rules
over the matches (no tagger, parser or NER) then combine and resolve them:

* country adjective/possessive + agent nouns  -> "Turkish pilots" TURMIL, "U.S. officials" USAGOV
* titles + a person                          -> the person's role on the article's date
* titles + an unknown capitalised name       -> a person with the title's sector
* compounds that share a noun                -> "Hungarian and Romanian officials" HUNGOV + ROUGOV
* back-references                            -> "the country's", "his country", "the alliance"
* a surname introduced by a full name        -> the same person later in the article
* places and other names                     -> "in Washington", "Atlanta, Georgia", "Michael Jordan" dropped

Rules are documented, with their limits, in docs/actors.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from tacitus.actors.codes import join_code, sector_roles, split_code
from tacitus.actors.dictionary import NOT_AN_ACTOR, Entry, load_entries, pick_term, strip_accents, words
from tacitus.models import ActorMention
from tacitus.resources import read_tsv

#: Dictionary kinds that name a country (possibly with a sector, for capitals and seats).
COUNTRYISH = frozenset({"state", "demonym", "capital", "seat"})
_MAX_UNKNOWN_NAME_TOKENS = 3
#: "the prime minister" takes the country of a mention at most this many tokens before it (one or two sentences).
_DEFINITE_REACH = 40


@dataclass(frozen=True, slots=True)
class _Atom:
    """One dictionary match: a token range and the entries its text matched."""

    start: int
    end: int
    kind: str
    entries: tuple[Entry, ...]


@dataclass(slots=True)
class _Draft:
    """A mention being built: token range, resolution, and what rule produced it."""

    start: int
    end: int
    code: str | None
    name: str | None
    kind: str
    entry: str
    rule: str
    backref: str | None = None  # @state / @igo / @owner, resolved once all mentions are known
    sector: str | None = None  # sector to add to a back-referenced country
    surname: str | None = None  # for persons: the token that may later stand for them
    prefer: tuple[str, ...] = ()  # for backrefs: the IGO codes it most likely points to
    definite: bool = False  # "the government": an office of the state mentioned just before
    needs_context: bool = False  # a bulk-dictionary person: kept only if their country is in the article


class ActorRecognizer:
    """Finds actors in articles tokenised by `tacitus.nlp.split_sentences`.

    Build it once (it compiles every dictionary pattern into one PhraseMatcher) and call
    `recognize` per article. `user_dictionary_suffix` names the user's dictionaries'
    contents and is appended to the lexicon version stamped on every event.
    """

    def __init__(self, nlp: Language, *, dictionaries: Sequence[Path] = ()) -> None:
        entries, self.user_dictionary_suffix = load_entries(tuple(Path(p) for p in dictionaries))
        self.nlp = nlp
        self._entries_by_key: dict[tuple[int, ...], list[Entry]] = {}
        variants: dict[str, list[Entry]] = {}
        for entry in entries:
            for variant in _variants(entry):
                variants.setdefault(variant, []).append(entry)
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        pattern_docs = []
        for variant, doc in zip(variants, nlp.tokenizer.pipe(variants), strict=True):
            key = tuple(int(h) for h in doc.to_array(LOWER))
            bucket = self._entries_by_key.setdefault(key, [])
            if not bucket:
                pattern_docs.append(doc)
            for entry in variants[variant]:
                if entry not in bucket:
                    bucket.append(entry)
        self._matcher.add("ACTOR", pattern_docs)
        # One surface form, rows from several files (a plural listed in Phoenix, a singular in our file):
        # the file loaded last wins, as it does for patterns written identically.
        file_rank: dict[str, int] = {}
        for entry in entries:
            file_rank.setdefault(_file_of(entry), len(file_rank))
        for key, bucket in self._entries_by_key.items():
            top = max(file_rank[_file_of(e)] for e in bucket)
            self._entries_by_key[key] = [e for e in bucket if file_rank[_file_of(e)] == top]
        self._context = _load_context_rules()
        self.pattern_count = len(self._entries_by_key)

    # -- public ------------------------------------------------------------------------

    def recognize(self, doc: Doc, *, date: dt.date | None) -> list[ActorMention]:
        """Actors in `doc`, in text order, with article-level character offsets."""
        atoms = self._atoms(doc, date)
        if not atoms:
            return []
        drafts = self._assemble(doc, atoms, date)
        drafts = self._add_surnames(doc, drafts)
        drafts.sort(key=lambda d: (d.start, d.end))
        _mark_former(doc, drafts)
        drafts = _drop_persons_without_country_context(drafts)
        self._resolve_backrefs(drafts)
        mentions = []
        for draft in drafts:
            if draft.backref:  # nothing to point back to: not an actor we can name
                continue
            span = doc[draft.start : draft.end]
            parts = split_code(draft.code)
            mentions.append(
                ActorMention(
                    text=span.text,
                    char_start=span.start_char,
                    char_end=span.end_char,
                    code=draft.code,
                    country=parts.country,
                    sector=parts.sector,
                    name=draft.name,
                    kind=draft.kind,
                    entry=draft.entry,
                    rule=draft.rule,
                    plover_sector=parts.plover_sector,
                )
            )
        return mentions

    # -- matching ----------------------------------------------------------------------

    def _atoms(self, doc: Doc, date: dt.date | None) -> list[_Atom]:
        """Longest, leftmost, non-overlapping dictionary matches whose letter case fits.

        Where a pattern has dated rows (the Taliban: insurgents until 2021-08-15, the government
        after), the row for `date` comes first; persons keep all rows for `_person_draft`.
        """
        candidates = []
        matches = self._matcher(doc)
        if not matches:
            return []
        lowers = doc.to_array(LOWER).tolist()
        for _, start, end in matches:
            span = doc[start:end]
            found = self._entries_by_key.get(tuple(lowers[start:end]), ())
            entries = tuple(e for e in found if _case_fits(e, span.text))
            if len(entries) > 1 and entries[0].kind != "person" and any(e.start or e.end for e in entries):
                chosen = pick_term(entries, date)[0]
                entries = (chosen, *(e for e in entries if e is not chosen))
            if entries:
                candidates.append(_Atom(start, end, entries[0].kind, entries))
        candidates.sort(key=lambda a: (a.start, a.start - a.end))
        atoms: list[_Atom] = []
        last_end = 0
        for atom in candidates:
            if atom.start >= last_end:
                atoms.append(atom)
                last_end = atom.end
        return [atom for atom in atoms if atom.entries[0].code != NOT_AN_ACTOR]

    # -- combination rules ---------------------------------------------------------------

    def _assemble(self, doc: Doc, atoms: list[_Atom], date: dt.date | None) -> list[_Draft]:
        drafts: list[_Draft] = []
        matched = _matched_tokens(atoms)
        i, n = 0, len(atoms)
        while i < n:
            atom = atoms[i]
            if atom.kind in COUNTRYISH or atom.kind == "backref":
                if atom.kind != "backref" and self._is_not_actor(doc, atom, matched):
                    i += 1
                    continue
                i = self._country_phrase(doc, atoms, i, date, matched, drafts)
            elif atom.kind == "agent":
                i = self._agent_phrase(doc, atoms, i, date, matched, drafts, owner=None)
            elif atom.kind == "person":
                i = self._person_phrase(doc, atoms, i, date, drafts)
            else:  # igo, group, org
                i = self._agent_phrase(doc, atoms, i + 1, date, matched, drafts, owner=atom)
        return drafts

    def _country_phrase(
        self, doc: Doc, atoms: list[_Atom], i: int, date: dt.date | None, matched: dict[int, str], drafts: list[_Draft]
    ) -> int:
        """Country (or backref) [and country]* ['s] [agents] [person] starting at atoms[i]."""
        countries = [atoms[i]]
        j = i + 1
        while j < len(atoms) and atoms[j].kind in ("demonym", "state"):
            gap = doc[countries[-1].end : atoms[j].start]
            if len(gap) == 0 or not all(t.lower_ in words("compound_joiner") for t in gap) or len(gap) > 2:
                break
            if self._is_not_actor(doc, atoms[j], matched):
                break
            countries.append(atoms[j])
            j += 1
        last = countries[-1]
        position = last.end
        if position < len(doc) and doc[position].lower_ in words("possessive") and last.kind != "demonym":
            position += 1
        elif last.kind == "demonym" and (_hyphen_modified(doc, last.end) or _hyphen_compound(doc, last.end, matched)):
            drafts.extend(self._plain_country(c) for c in countries[:-1])
            return j  # "Iranian-backed": neither Iran nor a combined actor
        elif last.kind in ("state", "capital", "seat") and position < len(doc) and doc[position].lower_ == "-":
            drafts.extend(self._plain_country(c) for c in countries)
            return j
        agents, k = _adjacent_agents(atoms, j, position)
        person_index = (
            k if k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == _end(agents, position) else None
        )
        if not agents and person_index is None:
            drafts.extend(self._plain_country(c) for c in countries)
            return j
        sector = _agents_sector(agents)
        if person_index is not None:
            person = atoms[person_index]
            draft = self._person_draft(person, date, title_sector=sector, country_hint=_country_of(last))
            draft.start = last.start if last.kind != "backref" else person.start
            drafts.append(draft)
            for earlier in countries[:-1]:
                drafts.append(self._plain_country(earlier))
            return person_index + 1
        end = agents[-1].end
        name_end = _unknown_name_end(doc, end, matched, agents[-1])
        if name_end > end:
            drafts.append(self._titled_unknown(doc, last, agents, sector, end, name_end))
            return k
        for earlier in countries[:-1]:
            drafts.append(self._with_sector(earlier, earlier.end, sector, "compound.shared_agent", agents))
        rule = "agent.country_possessive" if position > last.end else "agent.country_adjective"
        drafts.append(self._with_sector(last, end, sector, rule, agents))
        return k

    def _agent_phrase(
        self,
        doc: Doc,
        atoms: list[_Atom],
        i: int,
        date: dt.date | None,
        matched: dict[int, str],
        drafts: list[_Draft],
        *,
        owner: _Atom | None,
    ) -> int:
        """[owner] agents [person | Unknown Name | of Country]; owner is an IGO/group/org or None."""
        start_token = owner.end if owner else atoms[i].start
        agents, k = _adjacent_agents(atoms, i, start_token)
        if owner is None and not agents:
            return i + 1
        sector = _agents_sector(agents) if agents else None
        after = _end(agents, start_token)
        if k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == after and agents:
            draft = self._person_draft(atoms[k], date, title_sector=sector, country_hint=None)
            if owner is not None and draft.code and not _holds(atoms[k], date):
                draft.code = owner.entries[0].code
            draft.start = owner.start if owner else atoms[i].start
            drafts.append(draft)
            return k + 1
        if owner is not None:
            entry = owner.entries[0]
            name_end = _unknown_name_end(doc, after, matched, agents[-1]) if agents else after
            if name_end > after:  # "Fed Chairman Jerome Powell": the organisation's code, the person's name
                name = doc[after:name_end].text
                drafts.append(
                    _Draft(
                        owner.start,
                        name_end,
                        entry.code,
                        name,
                        "person",
                        entry.origin,
                        "person.title_unknown",
                        surname=_single_surname(doc, after, name_end),
                    )
                )
                return k
            rule = "dict.exact" if not agents else f"{owner.kind}.agent"
            drafts.append(_Draft(owner.start, after, entry.code, entry.name, _out_kind(owner.kind), entry.origin, rule))
            return k
        name_end = _unknown_name_end(doc, after, matched, agents[-1])
        if name_end > after:
            drafts.append(self._titled_unknown(doc, None, agents, sector, after, name_end))
            return k
        # "the foreign minister of Turkey"; "police in Kenya" (domestic agents only: troops in a
        # country are as often foreign ones)
        link = doc[after].lower_ if after < len(doc) else ""
        if (
            k < len(atoms)
            and atoms[k].kind in ("state",)
            and atoms[k].start == after + 1
            and (link == "of" or (link == "in" and sector not in sector_roles()["foreign_present"]))
        ):
            country = _country_of(atoms[k])
            head = agents[-1].entries[0]
            drafts.append(
                _Draft(
                    atoms[i].start,
                    atoms[k].end,
                    join_code(country, sector),
                    atoms[k].entries[0].name,
                    "agent",
                    head.origin,
                    f"agent.{link}_country",
                )
            )
            if link == "in":
                return k + 1
            # "the leaders of Japan, India and Australia": the noun is shared by every listed country
            j = k + 1
            while j < len(atoms) and atoms[j].kind == "state":
                gap = doc[atoms[j - 1].end : atoms[j].start]
                if not 0 < len(gap) <= 2 or not all(t.lower_ in words("compound_joiner") for t in gap):
                    break
                if self._is_not_actor(doc, atoms[j], matched):
                    break
                listed = atoms[j].entries[0]
                drafts.append(
                    _Draft(
                        atoms[j].start,
                        atoms[j].end,
                        join_code(_country_of(atoms[j]), sector),
                        listed.name,
                        "agent",
                        f"{listed.origin}+{head.origin}",
                        "compound.shared_agent",
                    )
                )
                j += 1
            return j
        head = agents[-1].entries[0]
        draft = _Draft(atoms[i].start, after, sector, head.name, "agent", head.origin, "agent.bare")
        if "state-office" in head.note and atoms[i].start > 0 and doc[atoms[i].start - 1].lower_ == "the":
            draft.definite = True  # "the prime minister": the state just mentioned, if one was (see _resolve_backrefs)
        drafts.append(draft)
        return k

    def _person_phrase(self, doc: Doc, atoms: list[_Atom], i: int, date: dt.date | None, drafts: list[_Draft]) -> int:
        person = atoms[i]
        agents, k = _adjacent_agents(atoms, i + 1, person.end)
        draft = self._person_draft(person, date, title_sector=None, country_hint=None)
        if agents:  # "the Trump administration", "Putin's government"
            parts = split_code(draft.code)
            country = parts.cameo_country or _country_of(person)
            draft = _Draft(
                person.start,
                agents[-1].end,
                join_code(country, _agents_sector(agents)),
                draft.name,
                "agent",
                draft.entry,
                "person.agent",
            )
            drafts.append(draft)
            return k
        drafts.append(draft)
        return i + 1

    # -- resolution ----------------------------------------------------------------------

    def _person_draft(
        self, person: _Atom, date: dt.date | None, *, title_sector: str | None, country_hint: str | None
    ) -> _Draft:
        """A person's code on `date`: the term holding then, else the title in the text, else the country."""
        draft = self._person_reading(person, date, title_sector=title_sector, country_hint=country_hint)
        entry = pick_term(person.entries, date)[0]
        draft.needs_context = NEEDS_CONTEXT in entry.note and title_sector is None and country_hint is None
        return draft

    def _person_reading(
        self, person: _Atom, date: dt.date | None, *, title_sector: str | None, country_hint: str | None
    ) -> _Draft:
        entry, in_term = pick_term(person.entries, date)
        surname = entry.pattern.split()[-1] if len(entry.pattern.split()) > 1 else None
        if in_term:
            return _Draft(
                person.start,
                person.end,
                entry.code,
                entry.name,
                "person",
                entry.origin,
                "person.dated" if (entry.start or entry.end) else "dict.exact",
                surname=surname,
            )
        country = split_code(entry.code).cameo_country or country_hint
        if title_sector:
            return _Draft(
                person.start,
                person.end,
                join_code(country, title_sector),
                entry.name,
                "person",
                entry.origin,
                "person.title_out_of_term",
                surname=surname,
            )
        return _Draft(
            person.start, person.end, country, entry.name, "person", entry.origin, "person.out_of_term", surname=surname
        )

    def _plain_country(self, atom: _Atom) -> _Draft:
        entry = atom.entries[0]
        if atom.kind == "backref":
            return _Draft(
                atom.start,
                atom.end,
                None,
                None,
                "state",
                entry.origin,
                f"backref.{entry.code[1:]}",
                backref=entry.code,
                prefer=_preferred(entry),
            )
        rule = {"state": "dict.exact", "demonym": "dict.demonym", "capital": "dict.capital", "seat": "dict.seat"}[
            atom.kind
        ]
        return _Draft(atom.start, atom.end, entry.code, entry.name, "state", entry.origin, rule)

    def _with_sector(self, atom: _Atom, end: int, sector: str | None, rule: str, agents: list[_Atom]) -> _Draft:
        entry = atom.entries[0]
        if atom.kind == "backref":
            return _Draft(
                atom.start,
                end,
                None,
                None,
                "agent",
                entry.origin,
                f"backref.{entry.code[1:]}",
                backref=entry.code,
                sector=sector,
            )
        country = _country_of(atom)
        return _Draft(
            atom.start,
            end,
            join_code(country, sector),
            entry.name,
            "agent",
            f"{entry.origin}+{agents[-1].entries[0].origin}",
            rule,
        )

    def _titled_unknown(
        self,
        doc: Doc,
        country_atom: _Atom | None,
        agents: list[_Atom],
        sector: str | None,
        name_start: int,
        name_end: int,
    ) -> _Draft:
        name = doc[name_start:name_end].text
        surname = _single_surname(doc, name_start, name_end)
        head = agents[-1].entries[0]
        if country_atom is not None and country_atom.kind == "backref":
            return _Draft(
                country_atom.start,
                name_end,
                None,
                name,
                "person",
                head.origin,
                "person.title_unknown",
                backref=country_atom.entries[0].code,
                sector=sector,
                surname=surname,
            )
        country = _country_of(country_atom) if country_atom else None
        start = country_atom.start if country_atom else agents[0].start
        return _Draft(
            start,
            name_end,
            join_code(country, sector),
            name,
            "person",
            head.origin,
            "person.title_unknown",
            surname=surname,
        )

    def _add_surnames(self, doc: Doc, drafts: list[_Draft]) -> list[_Draft]:
        """A surname alone, after the full name appeared in the article, is the same person."""
        introduced: dict[str, _Draft] = {}
        for draft in drafts:
            if draft.surname and draft.surname[:1].isupper() and len(draft.surname) > 2:
                introduced.setdefault(draft.surname, draft)
        if not introduced:
            return drafts
        wanted = {self.nlp.vocab.strings.add(surname.lower()): surname for surname in introduced}
        lowers = doc.to_array(LOWER).tolist()
        hits = [i for i, lower in enumerate(lowers) if lower in wanted]
        if not hits:
            return drafts
        taken = _matched_tokens_drafts(drafts)
        added = []
        for start in hits:
            surname = wanted[lowers[start]]
            first = introduced[surname]
            if doc[start].text != surname or start < first.end or start in taken:
                continue
            added.append(replace(first, start=start, end=start + 1, rule="person.surname", surname=None))
        return drafts + added

    def _resolve_backrefs(self, drafts: list[_Draft]) -> None:
        """Point "the country", "his country" and "the alliance" at the actor they stand for."""
        last_state: str | None = None
        last_state_name: str | None = None
        last_owner: str | None = None
        recent_igos: list[str] = []
        igo_names: dict[str, str | None] = {}
        last_country: str | None = None
        last_country_end = -_DEFINITE_REACH
        for draft in drafts:
            if draft.definite and last_country and draft.start - last_country_end <= _DEFINITE_REACH:
                draft.code = join_code(last_country, draft.code)
                draft.rule = "backref.definite_office"
            if draft.backref:
                if draft.backref == "@igo":
                    if recent_igos:
                        preferred = [c for c in reversed(recent_igos) if c in draft.prefer]
                        draft.code = preferred[0] if preferred else recent_igos[-1]
                        draft.kind, draft.backref, draft.name = "igo", None, igo_names.get(draft.code)
                    continue  # an IGO reference does not change who "the country" is
                points_to = draft.backref
                target = last_state if points_to == "@state" else last_owner
                if target is None:
                    continue
                draft.code = join_code(target, draft.sector)
                draft.name = draft.name or (last_state_name if points_to == "@state" else None)
                draft.backref = None
                if points_to == "@owner":  # "his country" names a state, but not a new topic
                    continue
            parts = split_code(draft.code)
            if parts.cameo_country:
                last_country, last_country_end = parts.cameo_country, draft.end
            if draft.kind == "state" and parts.cameo_country:
                last_state, last_state_name = parts.cameo_country, draft.name
            if draft.kind in ("person", "agent") and parts.cameo_country:
                last_owner = parts.cameo_country
            if draft.code and draft.code.startswith("IGO"):  # NATO, or NATO's secretary general
                recent_igos.append(draft.code)
                if draft.kind == "igo":
                    igo_names.setdefault(draft.code, draft.name)

    def _is_not_actor(self, doc: Doc, atom: _Atom, matched: dict[int, str]) -> bool:
        """Places and parts of other names: documented in docs/actors.md (Places and names)."""
        before = doc[atom.start - 1] if atom.start > 0 else None
        after = doc[atom.end] if atom.end < len(doc) else None
        entry = atom.entries[0]
        if (
            atom.kind in ("capital", "state")
            and before is not None
            and before.lower_ in words("locative")
            and atom.kind == "capital"
        ):
            return True
        # "Atlanta, Georgia", "Moscow, Russia": a place with its country or state.
        if atom.kind in ("state", "capital") and before is not None and before.text == "," and atom.start >= 2:
            city = doc[atom.start - 2]
            if (
                city.is_alpha
                and _capitalised(city)
                and matched.get(city.i, "capital") == "capital"
                and not city.is_sent_start
            ):
                return True
        if atom.kind in ("state", "capital") and _hyphen_modified(doc, atom.end):
            return True
        # "Michael Jordan", "New Mexico", "Roast Turkey": part of a longer proper name.
        if atom.kind in ("state", "capital", "demonym") and atom.end - atom.start == 1:
            if before is not None and _other_name_token(before, matched):  # "Central American", "New Mexico"
                return True
            if atom.kind == "demonym":
                return False
            ambiguous = atom.kind == "capital" or "ambiguous" in entry.note  # "Paris Agreement", "Jordan Peterson"
            if ambiguous and after is not None and _other_name_token(after, matched):
                return True
        rules = self._context.get(_key(doc[atom.start : atom.end]))
        if rules:
            if before is not None and before.lower_ in rules.get("before", ()):
                return True
            if after is not None and after.lower_ in rules.get("after", ()):
                return True
        return False


# -- helpers -------------------------------------------------------------------------------


#: Note marker of bulk-imported people whose names are common enough to need their country in the article.
NEEDS_CONTEXT = "needs-country-context"


def _drop_persons_without_country_context(drafts: list[_Draft]) -> list[_Draft]:
    """A person from a bulk dictionary (Phoenix) counts only if their country appears elsewhere in the article.

    "John Carter" is a New Zealand minister in Phoenix and a US congressman in US news; a title
    in front ("Rep. John Carter") or the country named in the article is what makes the reading safe.
    """
    flagged = [d for d in drafts if d.needs_context]
    if not flagged:
        return drafts
    countries = {split_code(d.code).cameo_country for d in drafts if not d.needs_context}
    return [d for d in drafts if not d.needs_context or split_code(d.code).cameo_country in countries]


def _preferred(entry: Entry) -> tuple[str, ...]:
    """IGO codes a backref row prefers, from its note ("prefer: IGOWSTNAT IGOCASCST")."""
    _, found, codes = entry.note.partition("prefer:")
    return tuple(codes.split()) if found else ()


def _mark_former(doc: Doc, drafts: list[_Draft]) -> None:
    for draft in drafts:
        if draft.kind not in ("person", "agent") or draft.start == 0:
            continue
        before = doc[draft.start - 1]
        if before.lower_ == "-" and draft.start >= 2:
            before = doc[draft.start - 2]
        if before.lower_ in words("former"):
            parts = split_code(draft.code)
            if draft.kind == "person" or parts.sector in sector_roles()["office"]:
                draft.code = join_code(parts.cameo_country, "ELI")
                draft.rule += "+former"


def _file_of(entry: Entry) -> str:
    """'agents:12' -> 'agents'; 'user:mine.tsv:3' -> 'user:mine.tsv'."""
    return entry.origin.rpartition(":")[0]


def _key(tokens: Doc | object) -> str:
    return " ".join(t.lower_ for t in tokens)  # type: ignore[attr-defined]


def _variants(entry: Entry) -> set[str]:
    """The surface forms an entry matches: as written, accent-free, and plural for nouns."""
    forms = {entry.pattern, strip_accents(entry.pattern)}
    if entry.kind in ("agent", "demonym"):
        forms |= {_plural(f) for f in list(forms)}
    return forms


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


def _case_fits(entry: Entry, text: str) -> bool:
    """Proper names must be capitalised ("Turkey", not "turkey"); short acronyms upper-case ("US", not "us")."""
    if entry.kind in ("agent", "backref"):
        return True
    letters = [c for c in entry.pattern if c.isalpha()]
    if not letters or not letters[0].isupper():
        return True
    text_letters = [c for c in text if c.isalpha()]
    if not text_letters or not text_letters[0].isupper():
        return False
    if len(letters) <= 3 and all(c.isupper() for c in letters):
        return all(c.isupper() for c in text_letters)
    return True


def _matched_tokens(atoms: list[_Atom]) -> dict[int, str]:
    """Token index -> kind of the dictionary match covering it."""
    return {t: a.kind for a in atoms for t in range(a.start, a.end)}


def _matched_tokens_drafts(drafts: list[_Draft]) -> set[int]:
    return {t for d in drafts for t in range(d.start, d.end)}


def _single_surname(doc: Doc, name_start: int, name_end: int) -> str | None:
    """The last word of a name of two or more words, if it is one token ("Osei-Mensah" is three: None)."""
    last_word = doc[name_start:name_end].text.split()[-1]
    return last_word if name_end - name_start > 1 and last_word == doc[name_end - 1].text else None


def _initial(token: object) -> bool:
    """A middle initial such as 'W.' in 'George W. Bush'."""
    text: str = token.text  # type: ignore[attr-defined]
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _capitalised(token: object) -> bool:
    """'Kemp', 'McConnell', 'DeSantis' (str.istitle() rejects the last two); not 'NATO'."""
    text: str = token.text  # type: ignore[attr-defined]
    return text[:1].isupper() and not text.isupper()


def _other_name_token(token: object, matched: dict[int, str]) -> bool:
    """A capitalised word outside every match that is not a sentence start or a neutral word."""
    return (
        token.is_alpha  # type: ignore[attr-defined]
        and _capitalised(token)
        and token.i not in matched  # type: ignore[attr-defined]
        and not token.is_sent_start  # type: ignore[attr-defined]
        and token.lower_ not in words("name_neutral")  # type: ignore[attr-defined]
    )


def _hyphen_compound(doc: Doc, end: int, matched: dict[int, str]) -> bool:
    """'Mexican-American', 'Turkish-Russian': a compound of two demonyms is neither country alone."""
    return end + 1 < len(doc) and doc[end].text == "-" and matched.get(end + 1) == "demonym"


def _hyphen_modified(doc: Doc, end: int) -> bool:
    return end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in words("hyphen_modifier")


def _adjacent_agents(atoms: list[_Atom], j: int, position: int) -> tuple[list[_Atom], int]:
    """Agent atoms starting exactly at `position` and following each other."""
    agents: list[_Atom] = []
    while j < len(atoms) and atoms[j].kind == "agent" and atoms[j].start == position:
        agents.append(atoms[j])
        position = atoms[j].end
        j += 1
    return agents, j


def _end(agents: list[_Atom], default: int) -> int:
    return agents[-1].end if agents else default


def _agents_sector(agents: list[_Atom]) -> str | None:
    """The head noun's sector, unless the head is generic ("officials") and a modifier is not."""
    if not agents:
        return None
    head = agents[-1].entries[0]
    if len(agents) > 1 and "generic-head" in head.note:
        return agents[0].entries[0].code
    return head.code


def _country_of(atom: _Atom | None) -> str | None:
    if atom is None or atom.kind == "backref":
        return None
    return split_code(atom.entries[0].code).cameo_country


def _unknown_name_end(doc: Doc, start: int, matched: dict[int, str], title: _Atom) -> int:
    """After a title, up to three capitalised unknown words are a name ("Foreign Minister Wang Yi").

    After a lower-case title ("spokesman Geng Shuang") at least two are needed, so that a
    capitalised word that merely follows a common noun is not taken for a name.
    """
    if split_code(title.entries[0].code).sector not in sector_roles()["title"]:
        return start  # "Gang Presence" in a headline is not a gang member's name
    capitalised_title = doc[title.start].is_title or doc[title.start].is_upper
    end = start
    while (
        end < len(doc)
        and end - start < _MAX_UNKNOWN_NAME_TOKENS
        and end not in matched
        and ((doc[end].is_alpha and _capitalised(doc[end])) or (_initial(doc[end]) and end > start))
        and not doc[end].is_sent_start
        and doc[end].lower_ not in words("name_neutral")
    ):
        end += 1
        # a hyphenated name ("Osei-Mensah") continues through the hyphen
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and _capitalised(doc[end + 1])
        ):
            end += 2
    if not capitalised_title and end - start < 2:
        return start
    return end


def _holds(atom: _Atom, date: dt.date | None) -> bool:
    return pick_term(atom.entries, date)[1]


def _out_kind(kind: str) -> str:
    return {"state": "state", "demonym": "state", "capital": "state", "seat": "state"}.get(kind, kind)


def _load_context_rules() -> dict[str, dict[str, frozenset[str]]]:
    """Context words that make an ambiguous name something else (see data/actors/context_rules.tsv)."""
    rules: dict[str, dict[str, set[str]]] = {}
    for row in read_tsv("actors/context_rules.tsv"):
        key = " ".join(strip_accents(row["pattern"]).lower().split())
        words = {w.strip().lower() for w in row["cues"].split("|") if w.strip()}
        rules.setdefault(key, {}).setdefault(row["side"], set()).update(words)
    return {k: {side: frozenset(v) for side, v in sides.items()} for k, sides in rules.items()}


__all__ = ["ActorRecognizer"]
