"""Atoms into actor phrases: countries with their agents, titles with names, compounds.

Dictionary matches (`tacitus.actors.matching`) are small: "Turkish", "pilots", "Foreign
Minister", "Erdogan". These rules read them left to right and join neighbours into the
phrases that name one actor:

* country adjective/possessive + agent nouns  -> "Turkish pilots" TURMIL, "U.S. officials" USAGOV
* agent nouns of a country                    -> "the foreign minister of Turkey", "police in Kenya"
* titles + a person                          -> the person's role on the article's date
* titles + an unknown capitalised name       -> a person with the title's sector
* an organisation + agents or a name         -> "NATO officials", "Fed Chairman Jerome Powell"
* a person + agent nouns                     -> "the Trump administration"
* compounds that share a noun                -> "Hungarian and Romanian officials" HUNGOV + ROUGOV

A back-reference ("the country's") stands where a country would; it and the codes that
depend on the date are settled afterwards (`tacitus.actors.resolution`). Country names that
are places or parts of other names are skipped (`tacitus.actors.places`).
"""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Token

from tacitus.actors.codes import join_code, sector_roles, split_code
from tacitus.actors.dictionary import Entry, words
from tacitus.actors.matching import Atom, matched_tokens
from tacitus.actors.places import capitalised, hyphen_compound, hyphen_modified, is_not_actor
from tacitus.actors.resolution import Draft, holds, person_draft

#: Dictionary kinds that name a country (possibly with a sector, for capitals and seats).
COUNTRYISH = frozenset({"state", "demonym", "capital", "seat"})
_MAX_UNKNOWN_NAME_TOKENS = 3


def assemble(doc: Doc, atoms: list[Atom], date: dt.date | None) -> list[Draft]:
    """The drafts of the actors that `atoms` (in text order) name in `doc`."""
    return _Assembler(doc, atoms, date).run()


class _Assembler:
    """One article's atoms, read left to right; each phrase method returns the index of the next atom."""

    def __init__(self, doc: Doc, atoms: list[Atom], date: dt.date | None) -> None:
        self.doc = doc
        self.atoms = atoms
        self.date = date
        self.matched = matched_tokens(atoms)
        self.drafts: list[Draft] = []

    def run(self) -> list[Draft]:
        i = 0
        while i < len(self.atoms):
            atom = self.atoms[i]
            if atom.kind in COUNTRYISH or atom.kind == "backref":
                if atom.kind != "backref" and is_not_actor(self.doc, atom, self.matched):
                    i += 1
                    continue
                i = self.country_phrase(i)
            elif atom.kind == "agent":
                i = self.agent_phrase(i)
            elif atom.kind == "person":
                i = self.person_phrase(i)
            else:  # igo, group, org
                i = self.owner_phrase(i)
        return self.drafts

    def country_phrase(self, i: int) -> int:
        """Country (or backref) [and country]* ['s] [agents] [person] starting at atoms[i]."""
        doc, atoms, drafts = self.doc, self.atoms, self.drafts
        countries = [atoms[i]]
        j = i + 1
        while j < len(atoms) and atoms[j].kind in ("demonym", "state") and self._listed(countries[-1], atoms[j]):
            countries.append(atoms[j])
            j += 1
        last = countries[-1]
        position = last.end
        if position < len(doc) and doc[position].lower_ in words("possessive") and last.kind != "demonym":
            position += 1
        elif last.kind == "demonym" and (
            hyphen_modified(doc, last.end) or hyphen_compound(doc, last.end, self.matched)
        ):
            drafts.extend(_plain_country(c) for c in countries[:-1])
            return j  # "Iranian-backed": neither Iran nor a combined actor
        elif last.kind in ("state", "capital", "seat") and position < len(doc) and doc[position].lower_ == "-":
            drafts.extend(_plain_country(c) for c in countries)
            return j
        agents, k, end = _adjacent_agents(atoms, j, position)
        person_index = k if k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == end else None
        if not agents and person_index is None:
            drafts.extend(_plain_country(c) for c in countries)
            return j
        sector = _agents_sector(agents)
        if person_index is not None:
            person = atoms[person_index]
            draft = person_draft(person, self.date, title_sector=sector, country_hint=_country_of(last))
            draft.start = last.start if last.kind != "backref" else person.start
            drafts.append(draft)
            drafts.extend(_plain_country(earlier) for earlier in countries[:-1])
            return person_index + 1
        name_end = _unknown_name_end(doc, end, self.matched, agents[-1])
        if name_end > end:
            drafts.append(_titled_unknown(doc, last, agents, sector, end, name_end))
            return k
        for earlier in countries[:-1]:
            drafts.append(_with_sector(earlier, earlier.end, sector, "compound.shared_agent", agents))
        rule = "agent.country_possessive" if position > last.end else "agent.country_adjective"
        drafts.append(_with_sector(last, end, sector, rule, agents))
        return k

    def agent_phrase(self, i: int) -> int:
        """Agents [person | Unknown Name | of Country | in Country] starting at atoms[i], an agent."""
        doc, atoms, drafts = self.doc, self.atoms, self.drafts
        agents, k, after = _adjacent_agents(atoms, i, atoms[i].start)
        sector = _agents_sector(agents)
        head = agents[-1].entries[0]
        if k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == after:
            draft = person_draft(atoms[k], self.date, title_sector=sector, country_hint=None)
            draft.start = atoms[i].start
            drafts.append(draft)
            return k + 1
        name_end = _unknown_name_end(doc, after, self.matched, agents[-1])
        if name_end > after:
            drafts.append(_titled_unknown(doc, None, agents, sector, after, name_end))
            return k
        # "the foreign minister of Turkey"; "police in Kenya" (domestic agents only: troops in a
        # country are as often foreign ones)
        link = doc[after].lower_ if after < len(doc) else ""
        if (
            k < len(atoms)
            and atoms[k].kind == "state"
            and atoms[k].start == after + 1
            and (link == "of" or (link == "in" and sector not in sector_roles()["foreign_present"]))
        ):
            drafts.append(
                Draft(
                    atoms[i].start,
                    atoms[k].end,
                    join_code(_country_of(atoms[k]), sector),
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
            while j < len(atoms) and atoms[j].kind == "state" and self._listed(atoms[j - 1], atoms[j]):
                listed = atoms[j].entries[0]
                drafts.append(
                    Draft(
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
        draft = Draft(atoms[i].start, after, sector, head.name, "agent", head.origin, "agent.bare")
        if "state-office" in head.note and atoms[i].start > 0 and doc[atoms[i].start - 1].lower_ == "the":
            draft.definite = True  # "the prime minister": the state just mentioned, if one was (see resolve_backrefs)
        drafts.append(draft)
        return k

    def owner_phrase(self, i: int) -> int:
        """An IGO, group or organisation at atoms[i] [agents] [person | Unknown Name]."""
        doc, atoms, drafts = self.doc, self.atoms, self.drafts
        owner = atoms[i]
        entry = owner.entries[0]
        agents, k, after = _adjacent_agents(atoms, i + 1, owner.end)
        sector = _agents_sector(agents)
        if agents and k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == after:
            draft = person_draft(atoms[k], self.date, title_sector=sector, country_hint=None)
            if draft.code and not holds(atoms[k], self.date):
                draft.code = entry.code
            draft.start = owner.start
            drafts.append(draft)
            return k + 1
        name_end = _unknown_name_end(doc, after, self.matched, agents[-1]) if agents else after
        if name_end > after:  # "Fed Chairman Jerome Powell": the organisation's code, the person's name
            drafts.append(
                Draft(
                    owner.start,
                    name_end,
                    entry.code,
                    doc[after:name_end].text,
                    "person",
                    entry.origin,
                    "person.title_unknown",
                    surname=_single_surname(doc, after, name_end),
                )
            )
            return k
        rule = f"{owner.kind}.agent" if agents else "dict.exact"
        drafts.append(Draft(owner.start, after, entry.code, entry.name, owner.kind, entry.origin, rule))
        return k

    def person_phrase(self, i: int) -> int:
        """A person [agents]: "Erdogan", "the Trump administration", "Putin's government"."""
        person = self.atoms[i]
        agents, k, end = _adjacent_agents(self.atoms, i + 1, person.end)
        draft = person_draft(person, self.date, title_sector=None, country_hint=None)
        if agents:
            country = split_code(draft.code).cameo_country or _country_of(person)
            sector = _agents_sector(agents)
            self.drafts.append(
                Draft(person.start, end, join_code(country, sector), draft.name, "agent", draft.entry, "person.agent")
            )
            return k
        self.drafts.append(draft)
        return i + 1

    def _listed(self, previous: Atom, atom: Atom) -> bool:
        """`atom` continues a list after `previous` ("Japan, India and Australia") and is an actor."""
        gap = self.doc[previous.end : atom.start]
        if not 0 < len(gap) <= 2 or not all(t.lower_ in words("compound_joiner") for t in gap):
            return False
        return not is_not_actor(self.doc, atom, self.matched)


def _plain_country(atom: Atom) -> Draft:
    entry = atom.entries[0]
    if atom.kind == "backref":
        return Draft(
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
    rule = {"state": "dict.exact", "demonym": "dict.demonym", "capital": "dict.capital", "seat": "dict.seat"}[atom.kind]
    return Draft(atom.start, atom.end, entry.code, entry.name, "state", entry.origin, rule)


def _with_sector(atom: Atom, end: int, sector: str | None, rule: str, agents: list[Atom]) -> Draft:
    """A country (or backref) atom with the agents' sector: "Turkish pilots", "the country's military"."""
    entry = atom.entries[0]
    if atom.kind == "backref":
        return Draft(
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
    return Draft(
        atom.start,
        end,
        join_code(_country_of(atom), sector),
        entry.name,
        "agent",
        f"{entry.origin}+{agents[-1].entries[0].origin}",
        rule,
    )


def _titled_unknown(
    doc: Doc,
    country_atom: Atom | None,
    agents: list[Atom],
    sector: str | None,
    name_start: int,
    name_end: int,
) -> Draft:
    """A name the dictionaries do not know, after a title: "Foreign Minister Wang Yi"."""
    name = doc[name_start:name_end].text
    surname = _single_surname(doc, name_start, name_end)
    head = agents[-1].entries[0]
    if country_atom is not None and country_atom.kind == "backref":
        return Draft(
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
    return Draft(
        start,
        name_end,
        join_code(country, sector),
        name,
        "person",
        head.origin,
        "person.title_unknown",
        surname=surname,
    )


def _preferred(entry: Entry) -> tuple[str, ...]:
    """IGO codes a backref row prefers, from its note ("prefer: IGOWSTNAT IGOCASCST")."""
    _, found, codes = entry.note.partition("prefer:")
    return tuple(codes.split()) if found else ()


def _adjacent_agents(atoms: list[Atom], j: int, position: int) -> tuple[list[Atom], int, int]:
    """Agent atoms starting exactly at `position` and following each other; the next atom's index; their end."""
    agents: list[Atom] = []
    while j < len(atoms) and atoms[j].kind == "agent" and atoms[j].start == position:
        agents.append(atoms[j])
        position = atoms[j].end
        j += 1
    return agents, j, position


def _agents_sector(agents: list[Atom]) -> str | None:
    """The head noun's sector, unless the head is generic ("officials") and a modifier is not."""
    if not agents:
        return None
    head = agents[-1].entries[0]
    if len(agents) > 1 and "generic-head" in head.note:
        return agents[0].entries[0].code
    return head.code


def _country_of(atom: Atom) -> str | None:
    if atom.kind == "backref":
        return None
    return split_code(atom.entries[0].code).cameo_country


def _unknown_name_end(doc: Doc, start: int, matched: dict[int, str], title: Atom) -> int:
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
        and ((doc[end].is_alpha and capitalised(doc[end])) or (_initial(doc[end]) and end > start))
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
            and capitalised(doc[end + 1])
        ):
            end += 2
    if not capitalised_title and end - start < 2:
        return start
    return end


def _single_surname(doc: Doc, name_start: int, name_end: int) -> str | None:
    """The last word of a name of two or more words, if it is one token ("Osei-Mensah" is three: None)."""
    last_word = doc[name_start:name_end].text.split()[-1]
    return last_word if name_end - name_start > 1 and last_word == doc[name_end - 1].text else None


def _initial(token: Token) -> bool:
    """A middle initial such as 'W.' in 'George W. Bush'."""
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."
