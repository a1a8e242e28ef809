"""References to actors named earlier: pronouns, "the two leaders", "we" in a government's own text.

The phrases are data (data/actors/references.tsv, matched like any dictionary row) and the
phrase rules turn them into drafts that point back (`Draft.backref`). Once every other draft
has its code (`tacitus.actors.context.fill_countries`), `resolve_references` settles them in
text order, so a reference may point at one resolved before it:

* ``@speaker`` "we", "our", "I"  the body that issued the text (``Article.source``: "U.S. Department
                                 of State" -> USAGOV), outside quotations only; elsewhere not an actor
* ``@person`` "he", "her"         the person (or one titled official, "Turkey's foreign minister") just
                                 before in the sentence, else the first one (the subject) of the
                                 nearest of the three sentences before that names one; an object
                                 pronoun ("praised him") is never the sentence's first person (its
                                 subject): a later one, else another person of the sentences before
* ``@plural`` "they", "their"     a plural actor ("Kenyan police", "the rebels", "X and Y") just before in
                                 the sentence, or opening the sentence before; after a meeting ("X met
                                 Y."), its participants
* ``@group`` "the two leaders", "both sides", "The Special Envoys"
                                 as many distinct countries' persons (or states: "the two countries")
                                 as the phrase counts, the most recent ones, named in the order they
                                 first appeared; a plural title prefers holders of that title

A reference to several actors carries one code per actor (`Draft.extra_codes`); the recogniser
emits one mention per code on the same span. Anything unclear stays unresolved and is dropped:
precision first. See docs/actors.md, "References".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from spacy.tokens import Doc

from tacitus.actors.codes import join_code, sector_roles, split_code
from tacitus.actors.context import ArticleContext, is_group_title, plural, sentence_tokens
from tacitus.actors.dictionary import words
from tacitus.actors.resolution import Draft

#: Sentences back a pronoun looks for its person.
PERSON_REACH = 3
#: Sentences back a group ("the two leaders") looks for its members.
GROUP_REACH = 6
#: A sentence's opening actor stands within this many tokens of its start (its subject, roughly).
SUBJECT_WINDOW = 3


def resolve_references(context: ArticleContext, drafts: Sequence[Draft]) -> None:
    """Resolve the reference drafts of an article (in text order) from the drafts before them.

    Each reference looks only at the drafts of a few sentences before it (a window found by
    bisection), so an article costs time linear in its mentions.
    """
    doc = context.doc
    sentences: list[int] = []
    for index, draft in enumerate(drafts):
        group_title = not draft.backref and is_group_title(doc, draft)
        if not draft.backref and not group_title:
            continue
        if not sentences:
            sentences = [context.sentence_of(d.start) for d in drafts]
        sentence = sentences[index]
        reach = GROUP_REACH if draft.backref == "@group" or group_title else PERSON_REACH
        first = bisect_left(sentences, sentence - reach)
        window = _Window(drafts[first:index], sentences[first:index], sentence)
        if draft.backref == "@speaker":
            _speaker(context, draft, window)
        elif draft.backref == "@person":
            _one(draft, _person_antecedent(context, draft, window))
        elif draft.backref == "@plural":
            _many(draft, _plural_antecedents(context, draft, window))
        elif draft.backref == "@group":
            _many(draft, _group_members(context, draft, window, _count(draft.note), states="of: state" in draft.note))
        elif group_title:
            members = _group_members(context, draft, window, None, states=False)
            if members:
                draft.rule += "+ref.group"
                _many(draft, members)
        if draft.backref and draft.sector:
            # "the two leaders" with no two leaders before: still leaders, of no known country
            draft.code, draft.backref, draft.kind, draft.rule = draft.sector, None, "agent", "agent.bare"


class _Window:
    """The drafts of the few sentences before a reference, with their sentence numbers."""

    def __init__(self, drafts: Sequence[Draft], sentences: Sequence[int], sentence: int) -> None:
        self.drafts = drafts
        self._sentences = sentences  # sentence number of each draft
        self.sentence = sentence  # the reference's own sentence

    def sentence_of(self, position: int) -> int:
        """Sentence number of self.drafts[position]."""
        return self._sentences[position]

    def in_sentence(self, sentence: int) -> list[Draft]:
        """The window's drafts in sentence `sentence`."""
        return [d for i, d in enumerate(self.drafts) if self.sentence_of(i) == sentence]


def _speaker(context: ArticleContext, draft: Draft, window: _Window) -> None:
    home = context.home
    if home is None or context.in_quote(draft.start):
        return
    if (
        _possessive(context.doc, draft.start)
        and not draft.sector
        and any(d.rule.startswith("ref.speaker") for d in window.in_sentence(window.sentence))
    ):
        return  # "We renew our appeal": the owner is the speaker named already
    draft.code = join_code(home.country, draft.sector) if home.country and draft.sector else home.code
    draft.name, draft.backref = home.name, None
    draft.kind = "igo" if draft.code and draft.code.startswith("IGO") else "agent"
    draft.country_rule = "country.source" if home.country else None


def _one(draft: Draft, antecedent: Draft | None) -> None:
    if antecedent is not None:
        _many(draft, [antecedent])


def _many(draft: Draft, members: Sequence[Draft]) -> None:
    """Point `draft` at `members` (in order), with the draft's own sector if it has one ("his government")."""
    codes: list[str] = []
    for code in (c for member in members for c in (member.code, *member.extra_codes)):
        if draft.sector:
            country = split_code(code).cameo_country
            code = join_code(country, draft.sector) if country else None
        if code and code not in codes:
            codes.append(code)
    if not codes:
        return
    draft.code, draft.extra_codes = codes[0], tuple(codes[1:])
    draft.name = members[0].name if len(codes) == 1 else None
    draft.backref = None
    if split_code(codes[0]).cameo_country:
        draft.country_rule = "country.antecedent"


def _person_antecedent(context: ArticleContext, draft: Draft, window: _Window) -> Draft | None:
    """The person a "he"/"her" stands for: latest before it in the sentence, else the subject of a sentence before."""
    doc = context.doc
    by_sentence: dict[int, list[Draft]] = {}
    for i, d in enumerate(window.drafts):
        if _is_person(doc, d):
            by_sentence.setdefault(window.sentence_of(i), []).append(d)
    same = by_sentence.get(window.sentence)
    if same and doc[draft.start].lower_ in words("object_pronoun"):
        # "Markey, who wants Kerry's seat, praised him": a person after the sentence's first (its subject,
        # roughly); "Park thanked him": the person of the sentences before who is not the subject
        if len(same) > 1:
            return same[-1]
        for s in range(window.sentence - 1, window.sentence - PERSON_REACH - 1, -1):
            for candidate in by_sentence.get(s, []):
                if not _same_person(candidate, same[0]):
                    return candidate
        return None
    if same:
        if _possessive(doc, draft.start) and not draft.sector:
            return None  # "Hale and his team": not a second actor the sentence lacks
        return same[-1]
    for s in range(window.sentence - 1, window.sentence - PERSON_REACH - 1, -1):
        if by_sentence.get(s):
            return by_sentence[s][0]
    return None


def _same_person(a: Draft, b: Draft) -> bool:
    """Whether two person drafts name one person: one repeats the other, the same name, or (nameless) the same code."""
    if a is b or a.antecedent is b or b.antecedent is a:
        return True
    if a.name and b.name:
        return a.name.split()[-1] == b.name.split()[-1]  # "Amos Kiptoo" and "Kiptoo"
    return a.code == b.code


def _is_person(doc: Doc, draft: Draft) -> bool:
    """A person, or one titled official ("Turkey's foreign minister"), with a code that names a country or IGO."""
    if draft.backref or not draft.code or draft.extra_codes:
        return False
    parts = split_code(draft.code)
    if not (parts.cameo_country or parts.sector == "IGO"):
        return False
    if draft.kind == "person":
        return True
    return (
        draft.kind == "agent"
        and bool(draft.title)
        and parts.sector in sector_roles()["title"]
        and not plural(doc[draft.end - 1])
        and not draft.rule.startswith("ref.")
    )


def _plural_antecedents(context: ArticleContext, draft: Draft, window: _Window) -> list[Draft]:
    """The actors a "they" stands for, or [] when that is not plain."""
    doc = context.doc
    same = [d for d in window.in_sentence(window.sentence) if d.code]
    found = _last_plural(doc, same)
    if found:
        return [] if _possessive(doc, draft.start) and not draft.sector else found
    if window.sentence == 0:
        return []
    previous = [d for d in window.in_sentence(window.sentence - 1) if d.code]
    if previous:
        prev_start = sentence_tokens(context, window.sentence - 1)[0]
        opening = [d for d in previous if d.start - prev_start <= SUBJECT_WINDOW]
        if opening:
            group = _joined(doc, previous, previous.index(opening[0]))
            if len(group) > 1 or _plural_actor(doc, group[0]):
                return group
    # a readout: "X spoke with Y. The Secretary noted ... They discussed ...": the latest meeting's parties
    for sentence in range(window.sentence - 1, max(window.sentence - PERSON_REACH, 0) - 1, -1):
        start, end = sentence_tokens(context, sentence)
        if _meeting(doc, start, end):
            persons = _distinct_countries([d for d in window.in_sentence(sentence) if d.code and _is_person(doc, d)])
            if len(persons) >= 2:
                return persons
    return []


def _last_plural(doc: Doc, drafts: Sequence[Draft]) -> list[Draft]:
    """The last plural actor or "X and Y" pair among `drafts` (one sentence, before the pronoun)."""
    for i in range(len(drafts) - 1, -1, -1):
        if _plural_actor(doc, drafts[i]):
            return [drafts[i]]
        if i > 0 and _joined_pair(doc, drafts[i - 1], drafts[i]):
            j = i - 1
            while j > 0 and _joined_pair(doc, drafts[j - 1], drafts[j]):
                j -= 1
            return list(drafts[j : i + 1])
    return []


def _plural_actor(doc: Doc, draft: Draft) -> bool:
    """An actor "they" can stand for: a plural agent or a group, with a country or of a named group."""
    if not draft.code or draft.backref:
        return False
    if draft.extra_codes or draft.kind == "group":
        return True
    parts = split_code(draft.code)
    return draft.kind == "agent" and bool(parts.cameo_country) and plural(doc[draft.end - 1])


def _joined(doc: Doc, drafts: Sequence[Draft], first: int) -> list[Draft]:
    """drafts[first] and the actors joined to it by "and" or commas ("Britain, France and Germany")."""
    group = [drafts[first]]
    for nxt in drafts[first + 1 :]:
        if not _joined_pair(doc, group[-1], nxt):
            break
        group.append(nxt)
    return group


def _joined_pair(doc: Doc, a: Draft, b: Draft) -> bool:
    """Whether two coded actors with countries are joined only by "and"/",": "Serbia and Kosovo"."""
    if not (a.code and b.code and split_code(a.code).cameo_country and split_code(b.code).cameo_country):
        return False
    between = doc[a.end : b.start]
    return 0 < len(between) <= 2 and all(t.lower_ in words("compound_joiner") for t in between)


def _possessive(doc: Doc, index: int) -> bool:
    """Whether the pronoun at `index` owns the next word: "their counterparts", "her visit" (not "told her that")."""
    token = doc[index]
    if token.lower_ not in words("possessive_pronoun"):
        return False
    if token.lower_ != "her":
        return True
    after = doc[index + 1] if index + 1 < len(doc) else None
    return after is not None and after.is_alpha and after.lower_ not in words("name_neutral")


def _meeting(doc: Doc, start: int, end: int) -> bool:
    meeting = words("meeting")
    return any(t.lower_ in meeting for t in doc[start:end])


def _distinct_countries(drafts: Sequence[Draft]) -> list[Draft]:
    """The first draft of each country (or IGO: "NATO Deputy Secretary General X" is a party of a call), in order."""
    seen: set[str] = set()
    kept: list[Draft] = []
    for d in drafts:
        parts = split_code(d.code)
        country = parts.cameo_country or (d.code if parts.sector == "IGO" else None)
        if country and country not in seen:
            seen.add(country)
            kept.append(d)
    return kept


_COUNT = re.compile(r"count:\s*(\d+)")


def _count(note: str) -> int | None:
    match = _COUNT.search(note)
    return int(match.group(1)) if match else None


def _group_members(
    context: ArticleContext, draft: Draft, window: _Window, count: int | None, *, states: bool
) -> list[Draft]:
    """The parties of "the two leaders" (count 2), "the two countries" (states), "The Leaders" (from the context)."""
    doc = context.doc
    pool = [
        (i, d)
        for i, d in enumerate(window.drafts)
        if (states and d.kind == "state" and d.code and split_code(d.code).cameo_country)
        or (not states and _is_person(doc, d))
    ]
    if draft.title and not states:
        titled = [(i, d) for i, d in pool if d.title == draft.title]
        if len(_distinct_countries([d for _, d in titled])) >= 2:
            if count is None:  # "The Special Envoys": every holder of the title named before
                return _distinct_countries([d for _, d in titled])
            pool = titled
    if count is None:
        return _recent_meeting(window, pool)
    recent: list[Draft] = []
    seen: set[str] = set()
    for _, d in reversed(pool):
        country = split_code(d.code).cameo_country
        if country and country not in seen:
            seen.add(country)
            recent.append(d)
            if len(recent) == count:
                break
    if len(recent) != count:
        return []
    members = [d for _, d in pool]
    recent.sort(key=lambda d: _first_position(members, d))
    return recent


def _first_position(pool: Sequence[Draft], member: Draft) -> int:
    """Where the member's country first appears in `pool` (groups are named in that order)."""
    country = split_code(member.code).cameo_country
    return next(d.start for d in pool if split_code(d.code).cameo_country == country)


def _recent_meeting(window: _Window, pool: Sequence[tuple[int, Draft]]) -> list[Draft]:
    """ "The Leaders": the persons of distinct countries of the latest sentence naming two or more."""
    by_sentence: dict[int, list[Draft]] = {}
    for i, d in pool:
        by_sentence.setdefault(window.sentence_of(i), []).append(d)
    for s in sorted(by_sentence, reverse=True):
        if s >= window.sentence:
            continue
        members = _distinct_countries(by_sentence[s])
        if len(members) >= 2:
            return members
    return []
