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
* titles with their complement and country    -> "ROK Special Envoy for Maritime Security Affairs Park
                                                 Min-jae" KORGOV,
                                                 "President Anna Berzina of Latvia" LVAGOV
* references                                  -> "he", "they", "the two leaders", "we": resolved from the
                                                 article's context (`tacitus.actors.references`)

A back-reference ("the country's") stands where a country would; it and the codes that
depend on the date are settled afterwards (`tacitus.actors.resolution`). Country names that
are places or parts of other names are skipped (`tacitus.actors.places`).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left

from spacy.tokens import Doc, Token

from tacitus.actors.codes import join_code, sector_roles, split_code
from tacitus.actors.dictionary import Entry, words
from tacitus.actors.matching import Atom, matched_tokens
from tacitus.actors.places import capitalised, hyphen_compound, hyphen_modified, is_not_actor, stance_modified
from tacitus.actors.resolution import Draft, holds, person_draft

#: Dictionary kinds that name a country (possibly with a sector, for capitals and seats).
COUNTRYISH = frozenset({"state", "demonym", "capital", "seat"})
#: Backref targets resolved from the article's context by `tacitus.actors.references`.
REFERENCE_TARGETS = frozenset({"@person", "@plural", "@group", "@speaker"})
_MAX_UNKNOWN_NAME_TOKENS = 3
#: Words an agent modifier gap after a country's possessive may hold ("Somalia's national and federal leaders").
_MAX_POSSESSIVE_GAP = 4
#: Tokens a title's complement may run over ("for Korean Peninsula Peace and Security Affairs").
_MAX_COMPLEMENT_TOKENS = 16


def assemble(doc: Doc, atoms: list[Atom], date: dt.date | None, *, issued_by_body: bool = False) -> list[Draft]:
    """The drafts of the actors that `atoms` (in text order) name in `doc`.

    `issued_by_body`: the text is a government body's or IGO's own release, whose titles are its officials'.
    """
    atoms = [atom for atom in atoms if not _pronoun_in_name(doc, atom.start, atom.end)]
    if not issued_by_body:
        matched = matched_tokens(atoms)
        atoms = [atom for atom in atoms if not _title_of_unknown_body(doc, atom, matched)]
    return _Assembler(doc, atoms, date).run()


def _title_of_unknown_body(doc: Doc, atom: Atom, matched: dict[int, str]) -> bool:
    """ "CNN Polling Director Keating Holland", "Global Initiative Director X": a title marked `body-title` right
    after an unknown capitalised word is the title of a body the dictionaries lack, no official of a state
    (in a government's own release it is: "National Cyber Director Chris Inglis")."""
    if atom.kind != "agent" or "body-title" not in atom.entries[0].note or atom.start == 0:
        return False
    before = doc[atom.start - 1]
    return (
        before.i not in matched
        and before.is_alpha
        and capitalised(before)
        and not before.is_sent_start  # "Later Director X": any first word is capitalised
        and before.lower_ not in words("title_modifier") | words("agent_modifier") | words("name_neutral")
    )


def _unknown_titled_person(
    doc: Doc, start: int, name_start: int, name_end: int, entry: Entry, title: str | None
) -> Draft:
    """A person the dictionaries do not know, named after a title that gives the code ("Fed Chairman Jerome
    Powell": the organisation's code, the person's name)."""
    return Draft(
        start,
        name_end,
        entry.code,
        doc[name_start:name_end].text,
        "person",
        entry.origin,
        "person.title_unknown",
        surname=_single_surname(doc, name_start, name_end),
        title=title,
    )


def _joiner(token: Token) -> bool:
    """A word that joins the parts of a title's complement ("Special Envoy for the Horn of Africa")."""
    return token.lower_ in words("compound_joiner") or token.lower_ in ("the", "of")


class _Assembler:
    """One article's atoms, read left to right; each phrase method returns the index of the next atom."""

    def __init__(self, doc: Doc, atoms: list[Atom], date: dt.date | None) -> None:
        self.doc = doc
        self.atoms = atoms
        self.date = date
        self.matched = matched_tokens(atoms)
        self.starts = [atom.start for atom in atoms]
        self.drafts: list[Draft] = []

    def run(self) -> list[Draft]:
        i = 0
        while i < len(self.atoms):
            atom = self.atoms[i]
            if atom.kind != "backref" and stance_modified(self.doc, atom.start) and atom.end - atom.start == 1:
                i += 1  # "pro-Russia rebels", "anti-government protesters": a cause, not an actor
            elif atom.kind == "backref" and atom.entries[0].code in REFERENCE_TARGETS:
                i = self.reference_phrase(i)
            elif atom.kind == "backref" and self._republic_of(i):
                i += 1  # "the Islamic Republic of Iran": the state named next stands for itself
            elif (
                atom.kind == "backref"
                and atom.entries[0].code == "@named_group"
                and atom.end < len(self.doc)
                and self.doc[atom.end].lower_ == "of"
            ):
                i += 1  # "the group of protesters": a description, not a named group again
            elif atom.kind in COUNTRYISH or atom.kind == "backref":
                if atom.kind != "backref" and is_not_actor(self.doc, atom, self.matched):
                    i += 1
                    continue
                i = self.country_phrase(i)
            elif atom.kind == "agent":
                skipped = self._not_acting(i)
                i = skipped if skipped is not None else self.agent_phrase(i)
            elif atom.kind == "person":
                i = self.person_phrase(i)
            elif hyphen_modified(self.doc, atom.end):
                # "the United Nations-backed commission", "the GOP-led Congress": the backer qualifies the body and
                # is no actor, but its country is context for the mentions around it
                entry = atom.entries[0]
                draft = Draft(atom.start, atom.end, entry.code, entry.name, atom.kind, entry.origin, "dict.exact")
                draft.context_only = True
                self.drafts.append(draft)
                i += 1
            else:  # igo, group, org
                i = self.owner_phrase(i)
        for draft in self.drafts:
            if draft.rule == "dict.demonym" and _plural_demonym(self.doc[draft.end - 1]):
                # "Thousands of Americans", "Seven Argentines": the people, not the state
                draft.code = join_code(split_code(draft.code).cameo_country, "CVL")
                draft.kind, draft.rule = "agent", "demonym.people"
        _share_trailing_country(self.doc, self.drafts)
        return self.drafts

    def country_phrase(self, i: int) -> int:
        """Country (or backref) [and country]* ['s] [agents] [person] starting at atoms[i]."""
        doc, atoms, drafts = self.doc, self.atoms, self.drafts
        countries = [atoms[i]]
        j = i + 1
        while j < len(atoms) and atoms[j].kind in ("demonym", "state") and self._listed(countries[-1], atoms[j]):
            countries.append(atoms[j])
            j += 1
        gaps = self.doc[countries[0].end : countries[-1].start]
        if len(countries) > 1 and all(t.text == "," for t in gaps):
            # "the crisis in Bangladesh, U.S. Ambassador X": a list of countries ends in "and"; commas alone
            # join two phrases, not two countries sharing a noun
            countries, j = countries[:1], i + 1
        last = countries[-1]
        position = last.end
        if self._abbreviated(last, j):  # "Republic of Korea (ROK) Deputy Minister"
            position = atoms[j].end + 1
            j += 1
        possessive = False
        if position < len(doc) and doc[position].lower_ in words("possessive") and last.kind != "demonym":
            position += 1
            possessive = True
        elif last.kind == "demonym" and (
            hyphen_modified(doc, last.end) or hyphen_compound(doc, last.end, self.matched)
        ):
            drafts.extend(_plain_country(c) for c in countries[:-1])
            return j  # "Iranian-backed": neither Iran nor a combined actor
        elif last.kind in ("state", "capital", "seat") and position < len(doc) and doc[position].lower_ == "-":
            drafts.extend(_plain_country(c) for c in countries)
            return j
        position = self._modifiers_before_agent(j, position, possessive=possessive)
        agents, k, end = _adjacent_agents(atoms, j, position)
        if agents and self._modifies_head(end):
            agents, k, end = [], j, position  # "the Russian military operation": the country's, not its military's
        person_index = k if k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == end else None
        if not agents and person_index is None:
            drafts.extend(_plain_country(c) for c in countries)
            return j
        sector = _agents_sector(agents)
        title = _title_key(agents)
        name_end = _unknown_name_end(doc, end, self.matched, agents[-1]) if agents else end
        if person_index is None and agents:
            person_index = self._person_after_given_names(end, name_end)
        if person_index is not None:
            person = atoms[person_index]
            draft = person_draft(person, self.date, title_sector=sector, country_hint=_country_of(last), title=title)
            draft.start = last.start if last.kind != "backref" else person.start
            drafts.append(draft)
            drafts.extend(_plain_country(earlier) for earlier in countries[:-1])
            return person_index + 1
        titled = self._titled(last, agents, sector, end, name_end, start=last.start)
        if titled is not None:
            drafts.extend(_plain_country(earlier) for earlier in countries[:-1])
            return titled
        for earlier in countries[:-1]:
            drafts.append(_with_sector(earlier, earlier.end, sector, "compound.shared_agent", agents))
        rule = "agent.country_possessive" if position > last.end else "agent.country_adjective"
        drafts.append(_with_sector(last, end, sector, rule, agents))
        drafts[-1].title = title  # "Turkey's foreign minister" is one office holder "he" may point at
        return k

    def agent_phrase(self, i: int) -> int:
        """Agents [person | Unknown Name | of Country | in Country] starting at atoms[i], an agent."""
        doc, atoms, drafts = self.doc, self.atoms, self.drafts
        agents, k, after = _adjacent_agents(atoms, i, atoms[i].start)
        sector = _agents_sector(agents)
        head = agents[-1].entries[0]
        title = _title_key(agents)
        start = self._title_start(atoms[i].start)
        person_index = k if k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == after else None
        name_end = _unknown_name_end(doc, after, self.matched, agents[-1])
        if person_index is None:
            person_index = self._person_after_given_names(after, name_end)
        if person_index is not None:
            draft = person_draft(atoms[person_index], self.date, title_sector=sector, country_hint=None, title=title)
            draft.start = start
            drafts.append(draft)
            return person_index + 1
        titled = self._titled(None, agents, sector, after, name_end, start=start)
        if titled is not None:
            return titled
        definite = "state-office" in head.note and start > 0 and doc[start - 1].lower_ == "the"
        aide = self._aide_start(start) if definite else None
        rule = "agent.bare"
        if aide is not None:
            # "Special Assistant to the Prime Minister (of Pakistan)": one official, of the office's country
            start, rule = aide, "agent.aide_of_office"
        # "the foreign minister of Turkey"; "police in Kenya" (domestic agents only: troops in a
        # country are as often foreign ones); "the ministers of the United Kingdom and Ireland"
        link = doc[after].lower_ if after < len(doc) else ""
        member = self._member_of(start, agents, link, after)
        if member is not None:
            return member
        # "the leader of the Muslim Brotherhood" is the Brotherhood; a civilian noun only where it is a member
        # (above), a former leader an elite (ELI) as before
        owner = self._named_owner(after + 1) if link == "of" and sector not in ("CVL", "ELI") else None
        if owner is not None:
            return self._title_of_owner(start, agents, owner)
        # "officials from Russia and Ukraine": where they come from is whose they are
        named = self._named_state(after + 1) if link in ("of", "in", "from") else None
        if named is None and link == "in":
            named = self._named_capital(after + 1)  # "riot police in Ottawa": a place, and the police's country
        if named is not None and (link != "in" or sector not in sector_roles()["foreign_present"]):
            k = named
            drafts.append(
                Draft(
                    start,
                    atoms[k].end,
                    join_code(_country_of(atoms[k]), sector),
                    atoms[k].entries[0].name,
                    "agent",
                    head.origin,
                    f"agent.{link}_country" if aide is None else rule,
                    title=title,
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
        draft = Draft(start, after, sector, head.name, "agent", head.origin, rule, title=title)
        if definite:
            draft.definite = True  # "the prime minister": an office of a state named before (tacitus.actors.context)
        if link == "for" and sector in sector_roles()["title"]:
            # "Special Representative for the DPRK": the countries of the portfolio are the post's brief
            draft.portfolio_end = self._portfolio_end(after)
        drafts.append(draft)
        return k

    def _aide_start(self, office: int) -> int | None:
        """Where an aide's title starts before "to the" and the office at token `office` ("Special Assistant to
        the Prime Minister", "Senior Adviser to the President"); None where no aide's title (word set
        `aide_noun`) stands there. A draft already made of the aide's own title is replaced."""
        doc, drafts = self.doc, self.drafts
        aide = office - 3
        if aide < 0 or doc[office - 2].lower_ != "to" or doc[aide].lower_ not in words("aide_noun"):
            return None
        start = self._title_start(aide)
        if drafts and drafts[-1].end == aide + 1 and drafts[-1].rule == "agent.bare":
            start = min(start, drafts.pop().start)  # "Senior Adviser": matched as a title of its own
        elif aide in self.matched:
            return None
        return start

    def _not_acting(self, i: int) -> int | None:
        """The index after the agents at atoms[i] when they are no actor, else None.

        An agent word right before a noun that is no actor only modifies it ("executive action",
        "marine experts", "police station"); a weapon after "of", "with" or "using" is an object,
        not the military that fields it ("the use of drones").
        """
        doc = self.doc
        agents, k, after = _adjacent_agents(self.atoms, i, self.atoms[i].start)
        if self._modifies_head(after):
            return k
        if "weapon" in agents[-1].entries[0].note:
            before = agents[0].start - 1
            if (
                before >= 0
                and before not in self.matched
                and (doc[before].is_lower or doc[before].like_num)
                and doc[before].lower_ not in words("weapon_governor") | words("compound_joiner")
            ):
                before -= 1  # one word between: "of armed drones", "with two drones"
            if before >= 0 and doc[before].lower_ in words("weapon_governor"):
                return k
        return None

    def _modifies_head(self, position: int) -> bool:
        """Whether the token at `position` is a noun that is no actor ("action", "experts"), outside every match."""
        doc = self.doc
        return position < len(doc) and position not in self.matched and doc[position].lower_ in words("modified_head")

    def _member_of(self, start: int, agents: list[Atom], link: str, after: int) -> int | None:
        """ "ten people from a gang", "people of the Nusra Front": members of one armed or criminal group are the
        group; one draft with its code, and the index of the next atom. None where that is not what follows."""
        doc = self.doc
        if doc[agents[-1].end - 1].lower_ not in words("member_noun") or link not in words("member_link"):
            return None
        position = after + 1
        determined = position < len(doc) and doc[position].lower_ in ("a", "an", "the")
        if determined:
            position += 1
        index = bisect_left(self.starts, position)
        if index >= len(self.atoms) or self.atoms[index].start != position:
            return None
        group = self.atoms[index]
        if group.kind == "agent":
            # one group, named as such ("a gang"); "protect people from terrorists" names no group
            group_agents, k, end = _adjacent_agents(self.atoms, index, position)
            if not determined or _plural_demonym(doc[end - 1]):
                return None
            code: str | None = _agents_sector(group_agents)
        elif group.kind in ("group", "org"):
            k, end, code = index + 1, group.end, group.entries[0].code
        else:
            return None
        if not code or (split_code(code).sector or "").lower() not in words("member_sector"):
            return None
        origin = f"{agents[-1].entries[0].origin}+{group.entries[0].origin}"
        name = group.entries[0].name if group.kind != "agent" else None
        self.drafts.append(Draft(start, end, code, name, "group" if name else "agent", origin, "agent.member_of"))
        return k

    def _named_owner(self, position: int) -> int | None:
        """Index of the IGO, group or organisation named at `position` (after "of"), "the" allowed before it."""
        doc, atoms = self.doc, self.atoms
        if position < len(doc) and doc[position].lower_ == "the":
            position += 1
        index = bisect_left(self.starts, position)
        if index >= len(atoms) or atoms[index].start != position or atoms[index].kind not in ("igo", "group", "org"):
            return None
        end = atoms[index].end
        if end < len(doc) and doc[end].lower_ in words("possessive"):
            return None  # "the website of the FBI's Boston office": the office's, not the FBI itself
        return index

    def _title_of_owner(self, start: int, agents: list[Atom], index: int) -> int:
        """ "Secretary General of the Organization of American States (OAS) Luis Almagro": the organisation's
        officials are the organisation; a person named next keeps their own code while in office."""
        doc, atoms = self.doc, self.atoms
        owner = atoms[index]
        entry = owner.entries[0]
        end, k = owner.end, index + 1
        if self._abbreviated_owner(owner, k):
            end, k = atoms[k].end + 1, k + 1
        described, after_described, described_end = _adjacent_agents(atoms, k, end)
        if (
            described
            and not (after_described < len(atoms) and atoms[after_described].start == described_end)
            and _unknown_name_end(doc, described_end, self.matched, described[-1]) == described_end
        ):
            end, k = described_end, after_described  # "the leaders of the Rastrojos drug gang"
        sector, title = _agents_sector(agents), _title_key(agents)
        if k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == end:
            draft = person_draft(atoms[k], self.date, title_sector=sector, country_hint=None, title=title)
            if not holds(atoms[k], self.date):
                draft.code = entry.code
            draft.start = start
            self.drafts.append(draft)
            return k + 1
        name_end = _unknown_name_end(doc, end, self.matched, agents[-1])
        if name_end > end:
            self.drafts.append(_unknown_titled_person(doc, start, end, name_end, entry, title))
            return bisect_left(self.starts, name_end)
        self.drafts.append(Draft(start, end, entry.code, entry.name, owner.kind, entry.origin, "agent.of_owner"))
        return k

    def _portfolio_end(self, after: int) -> int:
        """End of a title's "for ..." complement at `after`: its capitalised words, matches and joiners."""
        doc = self.doc
        position = after + 1
        while position < len(doc) and position - after <= _MAX_COMPLEMENT_TOKENS:
            if not self._in_complement(position):
                break
            position += 1
        return position

    def _in_complement(self, position: int) -> bool:
        """Whether the token at `position` continues a title's "for ..." complement: a dictionary match,
        a joiner, or a capitalised word, in the same sentence."""
        token = self.doc[position]
        return not token.is_sent_start and (
            position in self.matched or _joiner(token) or (token.is_alpha and capitalised(token)) or token.is_upper
        )

    def owner_phrase(self, i: int) -> int:
        """An IGO, group or organisation at atoms[i] [agents] [person | Unknown Name]."""
        doc, atoms, drafts = self.doc, self.atoms, self.drafts
        owner = atoms[i]
        entry = owner.entries[0]
        agents, k, after = _adjacent_agents(atoms, i + 1, owner.end)
        if not agents and self._abbreviated_owner(owner, i + 1):
            # "European External Action Service (EEAS) Secretary General X": the abbreviation repeats the owner,
            # whose officials follow it
            officials, next_atom, officials_end = _adjacent_agents(atoms, i + 2, atoms[i + 1].end + 1)
            if officials:
                drafts.append(
                    Draft(owner.start, owner.end, entry.code, entry.name, owner.kind, entry.origin, "dict.exact")
                )
                owner, agents, k, after = atoms[i + 1], officials, next_atom, officials_end
        sector = _agents_sector(agents)
        owner_parts = split_code(entry.code)
        if len(agents) == 1 and "generic-head" in agents[0].entries[0].note and owner_parts.cameo_country:
            sector = owner_parts.sector or sector  # "CIA Director X": a national agency's official (SPY)
        if agents and k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == after:
            draft = person_draft(atoms[k], self.date, title_sector=sector, country_hint=None, title=_title_key(agents))
            if draft.code and not holds(atoms[k], self.date):
                draft.code = entry.code
            draft.start = owner.start
            drafts.append(draft)
            return k + 1
        name_end = _unknown_name_end(doc, after, self.matched, agents[-1]) if agents else after
        if name_end > after:  # "Fed Chairman Jerome Powell": the organisation's code, the person's name
            drafts.append(_unknown_titled_person(doc, owner.start, after, name_end, entry, _title_key(agents)))
            return k
        rule = f"{owner.kind}.agent" if agents else "dict.exact"
        drafts.append(Draft(owner.start, after, entry.code, entry.name, owner.kind, entry.origin, rule))
        return k

    def person_phrase(self, i: int) -> int:
        """A person [agents]: "Erdogan", "the Trump administration", "Putin's government"."""
        person = self.atoms[i]
        agents, k, end = _adjacent_agents(self.atoms, i + 1, person.end)
        if not agents:
            # "the Biden-Harris administration": a hyphenated pair of names before agents is the first one's
            agents, k, end = self._after_running_mate(i)
        if not agents and person.end < len(self.doc) and self.doc[person.end].lower_ in words("possessive"):
            # "Putin's forces", "Assad's government": the person's state with the agents' sector, unless
            # the agents are the title of someone named next ("Putin's spokesman Dmitry Peskov")
            agents, k, end = _adjacent_agents(self.atoms, i + 1, person.end + 1)
            named_next = k < len(self.atoms) and self.atoms[k].kind == "person" and self.atoms[k].start == end
            if agents and (named_next or _unknown_name_end(self.doc, end, self.matched, agents[-1]) > end):
                agents, k = [], i + 1
        draft = person_draft(person, self.date, title_sector=None, country_hint=None)
        if agents:
            country = split_code(draft.code).cameo_country or _country_of(person)
            sector = _agents_sector(agents)
            self.drafts.append(
                Draft(
                    person.start,
                    end,
                    join_code(country, sector),
                    draft.name,
                    "agent",
                    draft.entry,
                    "person.agent",
                    title=_title_key(agents),
                )
            )
            return k
        self.drafts.append(draft)
        return i + 1

    def _after_running_mate(self, i: int) -> tuple[list[Atom], int, int]:
        """(agents, index of the next atom, their end) after a hyphenated second name: "the Biden-Harris
        administration" is Biden's (the person at atoms[i]); none where no agent follows ("the Biden-Putin
        summit") or the second name is a known person of another country."""
        doc, atoms = self.doc, self.atoms
        person = atoms[i]
        none: tuple[list[Atom], int, int] = ([], i + 1, person.end)
        hyphen, second = person.end, person.end + 1
        if not (
            second < len(doc)
            and doc[hyphen].text == "-"
            and not doc[hyphen - 1].whitespace_
            and not doc[hyphen].whitespace_
            and doc[second].is_alpha
            and capitalised(doc[second])
        ):
            return none
        index = bisect_left(self.starts, second)
        if index < len(atoms) and atoms[index].start == second:
            mate = atoms[index]
            if mate.kind != "person" or _country_of(mate) != _country_of(person):
                return none
            end, k = mate.end, index + 1
        elif second not in self.matched:
            end, k = second + 1, index
        else:
            return none
        agents, k, end = _adjacent_agents(atoms, k, end)
        return (agents, k, end) if agents else none

    def reference_phrase(self, i: int) -> int:
        """A reference ("he", "they", "the two", "we") [agents]: resolved later from the article's context.

        "his government" and "the two leaders" carry the agents' sector; "his counterpart Sergei
        Lavrov" is the person, not a reference. A count word that needs an agent ("both", "the
        two") stands alone only as a sentence's subject ("The two met in Geneva").
        """
        doc, atoms = self.doc, self.atoms
        atom = atoms[i]
        entry = atom.entries[0]
        agents, k, end = _adjacent_agents(atoms, i + 1, atom.end)
        if agents and (
            (k < len(atoms) and atoms[k].kind == "person" and atoms[k].start == end)
            or _unknown_name_end(doc, end, self.matched, agents[-1]) > end
        ):
            return i + 1
        if "needs-agent" in entry.note and not agents and not _opens_clause(doc, atom.start, atom.end):
            return i + 1
        kind = "person" if entry.code == "@person" and not agents else "agent"
        origin = entry.origin + (f"+{agents[-1].entries[0].origin}" if agents else "")
        self.drafts.append(
            Draft(
                atom.start,
                end,
                None,
                None,
                kind,
                origin,
                f"ref.{entry.code[1:]}",
                backref=entry.code,
                sector=_agents_sector(agents),
                title=_title_key(agents),
                note=entry.note,
            )
        )
        return k

    def _titled(
        self,
        country_atom: Atom | None,
        agents: list[Atom],
        sector: str | None,
        after: int,
        name_end: int,
        *,
        start: int,
    ) -> int | None:
        """A title's person whom the dictionaries do not know; the index of the next atom, or None.

        "Foreign Minister Wang Yi"; "President Anna Berzina of Latvia" (the country after the
        name); "Special Envoy for the Horn of Africa Mark Hale" (a complement between title and
        name: its countries are the post's subject, not the person's, unless named with "of").
        """
        doc = self.doc
        country_index: int | None = None
        if name_end > after:
            name_start, end = after, name_end
            country_index = self._of_state(name_end)
            if country_index is not None:
                end = self.atoms[country_index].end
        else:
            if after >= len(doc) or doc[after].lower_ != "for" or sector not in sector_roles()["title"]:
                return None
            complement = self._complement(after)
            if complement is None:
                return None
            name_start, name_end, country_index = complement
            end = name_end
        country = country_atom
        if country_index is not None and (country is None or country.kind == "backref"):
            country = self.atoms[country_index]
        draft = _titled_unknown(doc, country, agents, sector, name_start, name_end)
        draft.start = start
        draft.end = max(end, name_end)
        draft.title = _title_key(agents)
        self.drafts.append(draft)
        return bisect_left(self.starts, draft.end)

    def _complement(self, after: int) -> tuple[int, int, int | None] | None:
        """(name start, name end, index of a country named with "of") after a title's "for ..." complement.

        The complement runs over capitalised words, dictionary matches and joiners; the name is
        its last two capitalised words outside every match and the complement vocabulary (with
        middle initials and hyphenated parts: "Laura J. Mendes", "Park Min-jae").
        """
        doc = self.doc
        if after >= len(doc) or doc[after].lower_ != "for":
            return None
        found: list[tuple[int, int]] = []
        position = after + 1
        while position < len(doc) and position - after <= _MAX_COMPLEMENT_TOKENS:
            if not self._in_complement(position):
                break
            if _joiner(doc[position]) and len(found) >= 2 and all(self._name_word(*w) for w in found[-2:]):
                break  # "... Mark Hale and ROK Special Envoy Park": the name ended before "and"
            end = position + 1
            while (
                end + 1 < len(doc)
                and doc[end].text == "-"
                and not doc[end - 1].whitespace_
                and not doc[end].whitespace_
                and doc[end + 1].is_alpha
            ):
                end += 2  # "Min-jae"
            found.append((position, end))
            position = end
        while found and doc[found[-1][0]].lower_ in words("compound_joiner") | {"the", "of"}:
            found.pop()
        name: list[tuple[int, int]] = []
        name_words = 0
        for word in reversed(found):
            if _initial(doc[word[0]]) and name:
                name.insert(0, word)
                continue
            if name_words == 2 or not self._name_word(*word):
                break
            name.insert(0, word)
            name_words += 1
        if name_words < 2 or len(name) == len(found):
            return None
        country_index = None
        for (first, _), (second, _) in zip(found, found[1:], strict=False):
            if second >= name[0][0]:
                break
            if doc[first].lower_ == "of" and self.matched.get(second) == "state":
                country_index = bisect_left(self.starts, second)
        return name[0][0], name[-1][1], country_index

    def _name_word(self, start: int, end: int) -> bool:
        """Whether tokens start:end can be a word of a person's name: capitalised, unmatched, not title vocabulary."""
        token = self.doc[start]
        return (
            token.is_alpha
            and capitalised(token)
            and not any(t in self.matched for t in range(start, end))
            and token.lower_ not in words("complement_word")
            and token.lower_ not in words("name_neutral")
            and token.lower_ not in words("institution_noun")
        )

    def _person_after_given_names(self, after: int, name_end: int) -> int | None:
        """'President Cyril Xolani Ramaphosa': up to two given names the dictionary lacks, then a known person.

        `name_end` ends the unknown capitalised words after the title (`_unknown_name_end`).
        """
        if not after < name_end <= after + 2:
            return None
        index = bisect_left(self.starts, name_end)
        if index < len(self.atoms) and self.atoms[index].start == name_end and self.atoms[index].kind == "person":
            return index
        return None

    def _modifiers_before_agent(self, j: int, position: int, *, possessive: bool) -> int:
        """Where a country's agents start: after title modifiers ("ROK Special Envoy") or,
        after a possessive, after a few adjectives ("Kenya's national and County Assembly leaders")."""
        doc, atoms = self.doc, self.atoms
        if j >= len(atoms) or atoms[j].kind != "agent" or atoms[j].start == position:
            return position
        gap = position
        while (
            gap < atoms[j].start
            and gap not in self.matched
            and doc[gap].lower_ in words("title_modifier")
            and capitalised(doc[gap])
        ):
            gap += 1
        if gap == atoms[j].start:
            return gap
        if not possessive or atoms[j].start - position > _MAX_POSSESSIVE_GAP:
            return position
        joiners = words("compound_joiner")
        for t in range(position, atoms[j].start):
            token = doc[t]
            if t in self.matched or not (
                token.lower_ in words("agent_modifier")
                or token.lower_ in words("title_modifier")
                or (token.lower_ in joiners and t > position)
                or (token.is_alpha and capitalised(token))
            ):
                return position
        if doc[atoms[j].start - 1].lower_ in joiners:
            return position
        return atoms[j].start

    def _title_start(self, start: int) -> int:
        """Where a title starts: before its modifiers ("Special Representative", "Acting Assistant Secretary")."""
        doc = self.doc
        first = doc[start]
        while start > 0:
            before = doc[start - 1]
            if before.i in self.matched or before.lower_ not in words("title_modifier"):
                break
            if capitalised(first) != capitalised(before) or before.is_sent_start and not capitalised(before):
                break
            start -= 1
        return start

    def _abbreviated(self, country: Atom, j: int) -> bool:
        """Whether atoms[j] repeats `country` in parentheses right after it: "Republic of Korea (ROK)"."""
        doc, atoms = self.doc, self.atoms
        return (
            j < len(atoms)
            and country.kind != "backref"
            and atoms[j].kind in COUNTRYISH
            and atoms[j].start == country.end + 1
            and doc[country.end].text == "("
            and atoms[j].end < len(doc)
            and doc[atoms[j].end].text == ")"
            and _country_of(atoms[j]) == _country_of(country)
        )

    def _abbreviated_owner(self, owner: Atom, j: int) -> bool:
        """Whether atoms[j] repeats the organisation `owner` in parentheses right after it: "Service (EEAS)"."""
        doc, atoms = self.doc, self.atoms
        return (
            j < len(atoms)
            and atoms[j].kind == owner.kind
            and atoms[j].start == owner.end + 1
            and doc[owner.end].text == "("
            and atoms[j].end < len(doc)
            and doc[atoms[j].end].text == ")"
            and atoms[j].entries[0].code == owner.entries[0].code
        )

    def _republic_of(self, i: int) -> bool:
        """'the Islamic Republic of Iran', 'the Republic of Albania': a backref followed by 'of' and a state."""
        atom = self.atoms[i]
        return (
            atom.entries[0].code == "@state"
            and i + 1 < len(self.atoms)
            and atom.end < len(self.doc)
            and self.doc[atom.end].lower_ == "of"
            and self.atoms[i + 1].kind == "state"
            and self.atoms[i + 1].start == atom.end + 1
        )

    def _named_state(self, position: int) -> int | None:
        """Index of the state atom named at `position` (after "of"/"in"): "Turkey", "the United Kingdom",
        "the Islamic Republic of Iran"."""
        doc, atoms = self.doc, self.atoms
        index = bisect_left(self.starts, position)
        if index >= len(atoms):
            return None
        atom = atoms[index]
        if atom.kind == "state" and (
            atom.start == position or (atom.start == position + 1 and doc[position].lower_ == "the")
        ):
            return index
        if atom.kind == "backref" and atom.start == position and self._republic_of(index):
            return index + 1
        return None

    def _named_capital(self, position: int) -> int | None:
        """Index of the capital named at `position` (after "in"): "police in Ottawa", not "in Ottawa's suburbs"."""
        index = bisect_left(self.starts, position)
        if index >= len(self.atoms):
            return None
        atom = self.atoms[index]
        if atom.kind != "capital" or atom.start != position or _country_of(atom) is None:
            return None
        if atom.end < len(self.doc) and self.doc[atom.end].lower_ in words("possessive"):
            return None
        return index

    def _of_state(self, position: int) -> int | None:
        """Index of the state in "of Latvia" at `position`, or None."""
        if position >= len(self.doc) or self.doc[position].lower_ != "of":
            return None
        return self._named_state(position + 1)

    def _listed(self, previous: Atom, atom: Atom) -> bool:
        """`atom` continues a list after `previous` ("Japan, India and Australia") and is an actor."""
        gap = self.doc[previous.end : atom.start]
        if not 0 < len(gap) <= 2 or not all(t.lower_ in words("compound_joiner") for t in gap):
            return False
        return not is_not_actor(self.doc, atom, self.matched)


def _share_trailing_country(doc: Doc, drafts: list[Draft]) -> None:
    """ "President Guy Parmelin and Foreign Minister Ignazio Cassis of Switzerland": the country named after
    the last of two joined titled names is the first one's too, when the first names none of its own."""
    for first, second in zip(drafts, drafts[1:], strict=False):
        if not (first.rule == second.rule == "person.title_unknown" and first.backref is None and first.code):
            continue
        if [t.lower_ for t in doc[first.end : second.start]] != ["and"]:
            continue
        country = split_code(second.code).cameo_country if second.code else None
        own = split_code(first.code)
        if not country or not second.name or own.cameo_country is not None:
            continue
        text = doc[second.start : second.end].text
        after_name = text[text.rfind(second.name) + len(second.name) :].strip()
        if after_name.lower().startswith("of "):  # the country follows the names, it is not the second's own
            first.code = join_code(country, own.sector)


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


def _title_key(agents: list[Atom]) -> str | None:
    """The title agents form, as their dictionary patterns: "Foreign Ministers" -> "foreign minister"."""
    return " ".join(a.entries[0].pattern.lower() for a in agents) or None


def _opens_clause(doc: Doc, start: int, end: int) -> bool:
    """'The two jointly condemned ...': a phrase that opens its sentence and is followed by a lower-case word.

    A sentence after an abbreviation ("... in Washington, D.C. The two met") is often not split off, so a
    capitalised first word right after a word ending in a full stop opens a sentence too.
    """
    opens = bool(doc[start].is_sent_start) or (start > 0 and doc[start - 1].text.endswith(".") and doc[start].is_title)
    return opens and end < len(doc) and doc[end].is_alpha and doc[end].is_lower


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
        and (doc[end].lower_ not in words("name_neutral") or (end > start and _pronoun_in_name(doc, end, end + 1)))
        and doc[end].lower_ not in words("institution_noun")  # "Judiciary Committee" is no judge's name
    ):
        end += 1
        # a hyphenated name ("Osei-Mensah", "Min-jae") continues through the hyphen
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2
    if not capitalised_title and end - start < 2:
        return start
    return end


def _single_surname(doc: Doc, name_start: int, name_end: int) -> str | None:
    """The last word of a name of two or more words, if it is one token ("Osei-Mensah" is three: None)."""
    last_word = doc[name_start:name_end].text.split()[-1]
    return last_word if name_end - name_start > 1 and last_word == doc[name_end - 1].text else None


def _plural_demonym(token: Token) -> bool:
    """A demonym in its plural, people's form: "Americans", "Iraqis" (not "Swiss", "Seychellois")."""
    lower = token.lower_
    return token.is_alpha and lower.endswith("s") and not lower.endswith(("ss", "ois"))


def _pronoun_in_name(doc: Doc, start: int, end: int) -> bool:
    """'Vice Premier Liu He': a pronoun that is also a name word, capitalised mid-sentence right after a
    capitalised name word, continues the name and is no reference; not before another capitalised word, as
    in a title-case headline ("Trump Says He Will Run")."""
    if end - start != 1 or start == 0:
        return False
    token, before = doc[start], doc[start - 1]
    if not (
        token.lower_ in words("name_pronoun")
        and capitalised(token)
        and not token.is_sent_start
        and before.is_alpha
        and capitalised(before)
        and not before.is_sent_start
        and before.lower_ not in words("name_neutral")
    ):
        return False
    after = doc[end] if end < len(doc) else None
    return after is None or not (after.is_alpha and capitalised(after) and not after.is_sent_start)


def _initial(token: Token) -> bool:
    """A middle initial such as 'W.' in 'George W. Bush'."""
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."
