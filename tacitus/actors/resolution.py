"""Codes that depend on more than the matched words: the article's date and what came before.

The phrase rules (`tacitus.actors.phrases`) turn matches into drafts; the decisions here
need a date or the whole article, so they are made once every draft of the article exists:

* a person's code on the article's date   -> the office held then (data/actors/office_holders_*.tsv)
* "former President X"                    -> an elite (ELI), not the government
* a person from a bulk dictionary         -> kept only if their country is in the article
* a surname after the full name           -> the same person
* back-references                         -> "the country's", "his country", "the alliance"

See docs/actors.md (People and dates, Back-references).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from tacitus.actors.codes import join_code, sector_roles, split_code
from tacitus.actors.dictionary import Entry, pick_term, words
from tacitus.actors.matching import Atom

#: Note marker of bulk-imported people whose names are common enough to need their country in the article.
NEEDS_CONTEXT = "needs-country-context"


@dataclass(slots=True)
class Draft:
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
    title: str | None = None  # the title the text gives ("foreign minister"), as dictionary patterns
    antecedent: Draft | None = None  # for a surname or name alone: the earlier full mention it repeats
    country_rule: str | None = None  # how the country was found beyond the mention's words (country.sentence, ...)
    extra_codes: tuple[str, ...] = ()  # a reference to several actors ("the two leaders"): the codes after `code`
    note: str = ""  # the dictionary row's note, for references ("count: 2; needs-agent")
    context_only: bool = False  # names a country for its neighbours but is no actor ("the GOP-led Congress")
    portfolio_end: int | None = None  # a title's "for ..." complement ends here: its countries are not the holder's


def person_draft(
    person: Atom,
    date: dt.date | None,
    *,
    title_sector: str | None,
    country_hint: str | None,
    title: str | None = None,
) -> Draft:
    """A person's code on `date`: the term holding then, else the title in the text, else the country.

    A bulk-dictionary (Phoenix) row yields to an office title in the text: "House Speaker John
    Boehner" is a legislator (LEG) though Phoenix lists him as USAGOV.
    """
    entry, in_term = pick_term(person.entries, date)
    code: str | None
    parts = split_code(entry.code)
    if title_sector == "ELI" and parts.cameo_country:
        # "Ex-president Barack Obama": the text says the office is past, whatever the date (or its lack) says
        code, rule = join_code(parts.cameo_country, "ELI"), "person.former_title"
    elif (
        in_term
        and title_sector in sector_roles()["office"]
        and NEEDS_CONTEXT in entry.note
        and parts.cameo_country
        and parts.sector != title_sector
    ):
        code, rule = join_code(parts.cameo_country, title_sector), "person.title_sector"
    elif in_term:
        code, rule = entry.code, "person.dated" if (entry.start or entry.end) else "dict.exact"
    elif title_sector:
        code = join_code(split_code(entry.code).cameo_country or country_hint, title_sector)
        rule = "person.title_out_of_term"
    elif _left_office(entry, date) and parts.cameo_country:
        # every term ended before the date: a former office holder, an elite (ELI), as "former" says
        code, rule = join_code(parts.cameo_country, "ELI"), "person.left_office"
    else:
        code, rule = split_code(entry.code).cameo_country or country_hint, "person.out_of_term"
    return Draft(
        person.start,
        person.end,
        code,
        entry.name,
        "person",
        entry.origin,
        rule,
        surname=entry.pattern.split()[-1] if len(entry.pattern.split()) > 1 else None,
        needs_context=NEEDS_CONTEXT in entry.note and title_sector is None and country_hint is None,
        title=title,
    )


#: Note marker of bulk-imported terms that were closed by the importer, not by the end of the office.
CLOSED_BY_IMPORT = "closed at"


def _left_office(last_term: Entry, date: dt.date | None) -> bool:
    """Whether `last_term` (the term `pick_term` found out of term) really ended before `date`.

    A bulk-dictionary term the importer closed (Phoenix's open-ended roles end at 2018-12-31) says
    nothing about when the office ended, so its holder is not known to be a former one.
    """
    return (
        date is not None
        and last_term.end is not None
        and last_term.end < date
        and CLOSED_BY_IMPORT not in last_term.note
    )


def holds(person: Atom, date: dt.date | None) -> bool:
    """Whether one of the person's terms holds on `date`."""
    return pick_term(person.entries, date)[1]


def add_surnames(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """A surname alone, after the full name appeared in the article, is the same person."""
    introduced: dict[str, Draft] = {}
    for draft in drafts:
        if draft.surname and draft.surname[:1].isupper() and len(draft.surname) > 2:
            introduced.setdefault(draft.surname, draft)
    if not introduced:
        return drafts
    for index, draft in enumerate(drafts):
        # "CIA Director David Petraeus ... Director Petraeus": a title before the surname of a person the
        # dictionaries know (named in full before) does not make them someone new
        first = introduced.get(draft.name or "")
        if (
            first is not None
            and draft.rule == "person.title_unknown"
            and first.start < draft.start
            and first.kind == "person"
            and not first.rule.startswith("person.title_unknown")
        ):
            drafts[index] = replace(
                first, start=draft.start, end=draft.end, rule="person.surname", surname=None, antecedent=first
            )
    wanted = {doc.vocab.strings.add(surname.lower()): surname for surname in introduced}
    lowers = doc.to_array("LOWER").tolist()
    hits = [i for i, lower in enumerate(lowers) if lower in wanted]
    if not hits:
        return drafts
    taken = {t for d in drafts for t in range(d.start, d.end)}
    added = []
    for start in hits:
        surname = wanted[lowers[start]]
        first = introduced[surname]
        if doc[start].text != surname or start < first.end or start in taken:
            continue
        added.append(replace(first, start=start, end=start + 1, rule="person.surname", surname=None, antecedent=first))
    return drafts + added


def add_given_names(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """An honorific and a given name after the full name is the same person: "Sheikh Mohammed bin Zayed Al
    Nahyan ... Sheikh Mohammed". Only a known person (dictionary row) introduces the name; a fuller name
    after it ("Sheikh Mohammed bin Rashid") is someone else."""
    honorifics = words("honorific")
    introduced: dict[str, Draft] = {}
    for draft in drafts:
        if draft.kind == "person" and draft.code and not draft.rule.startswith(("person.title_unknown", "ref.")):
            given = doc[draft.start]
            if draft.start > 0 and doc[draft.start - 1].lower_ in honorifics and given.is_alpha and given.is_title:
                introduced.setdefault(given.text, draft)
    if not introduced:
        return drafts
    taken = {t for d in drafts for t in range(d.start, d.end)}
    added = []
    for i in range(1, len(doc)):
        first = introduced.get(doc[i].text)
        if first is None or i < first.end or i in taken or doc[i - 1].lower_ not in honorifics:
            continue
        following = doc[i + 1] if i + 1 < len(doc) else None
        if following is not None and (following.is_title or following.lower_ in words("patronymic")):
            continue
        added.append(replace(first, start=i - 1, end=i + 1, rule="person.given_name", surname=None, antecedent=first))
    return drafts + added


def mark_former(doc: Doc, drafts: list[Draft]) -> None:
    """A past office holder is an elite (ELI), not the government: "former President X", "ex-minister X"."""
    for draft in drafts:
        # "the former F.B.I. director": an organisation's official (rule org.agent) is one too
        official = draft.kind in ("org", "group") and draft.rule.endswith(".agent")
        if (draft.kind not in ("person", "agent") and not official) or draft.start == 0:
            continue
        before = doc[draft.start - 1]
        if before.lower_ == "-" and draft.start >= 2:
            before = doc[draft.start - 2]
        if before.lower_ in words("former"):
            parts = split_code(draft.code)
            if official and not parts.cameo_country:
                continue
            if draft.kind == "person" or official or parts.sector in sector_roles()["office"]:
                draft.code = join_code(parts.cameo_country, "ELI")
                draft.rule += "+former"


def drop_persons_without_country_context(drafts: list[Draft]) -> list[Draft]:
    """A person from a bulk dictionary (Phoenix) counts only if their country appears elsewhere in the article.

    "John Carter" is a New Zealand minister in Phoenix and a US congressman in US news; a title
    in front ("Rep. John Carter") or the country named in the article is what makes the reading safe.
    """
    flagged = [d for d in drafts if d.needs_context]
    if not flagged:
        return drafts
    countries = {split_code(d.code).cameo_country for d in drafts if not d.needs_context}
    return [d for d in drafts if not d.needs_context or split_code(d.code).cameo_country in countries]


def resolve_backrefs(drafts: list[Draft], *, speaker_country: str | None = None) -> None:
    """Point "the country", "his country" and "the alliance" at the actor they stand for (drafts in text order).

    `speaker_country` is the country of the body that issued the text (a State Department
    release): it speaks, so "the country" is another one. References to persons and groups
    ("he", "the two leaders") and offices ("the prime minister") need the article's context and
    are resolved later (`tacitus.actors.references`, `tacitus.actors.context`).
    """
    last_state: str | None = None
    last_state_name: str | None = None
    last_owner: str | None = None
    recent_igos: list[str] = []
    igo_names: dict[str, str | None] = {}
    recent_groups: list[Draft] = []  # named groups ("the Zetas") and IGOs, in text order
    for draft in drafts:
        if draft.backref in ("@person", "@plural", "@group", "@speaker"):
            continue
        if draft.backref == "@named_group":
            # "the group", "the cartel": the named armed or criminal group mentioned last (or OPEC for "the
            # cartel" when the row prefers it); nothing when none was named
            for earlier in reversed(recent_groups):
                if earlier.kind == "group" or earlier.code in draft.prefer:
                    draft.code, draft.name, draft.kind, draft.backref = earlier.code, earlier.name, earlier.kind, None
                    draft.country_rule = "country.antecedent" if split_code(earlier.code).cameo_country else None
                    break
            continue
        if draft.code and (draft.kind == "group" or (draft.kind == "igo" and not draft.backref)):
            recent_groups.append(draft)
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
            draft.country_rule = "country.antecedent"
            if points_to == "@owner":  # "his country" names a state, but not a new topic
                continue
        parts = split_code(draft.code)
        if draft.kind == "state" and parts.cameo_country and parts.cameo_country != speaker_country:
            last_state, last_state_name = parts.cameo_country, draft.name
        if draft.kind in ("person", "agent") and parts.cameo_country:
            last_owner = parts.cameo_country
        if draft.code and draft.code.startswith("IGO"):  # NATO, or NATO's secretary general
            recent_igos.append(draft.code)
            if draft.kind == "igo":
                igo_names.setdefault(draft.code, draft.name)
