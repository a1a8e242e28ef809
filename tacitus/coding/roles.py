"""Actors in a parsed sentence: which mention sits on which token, and the roles they fill.

The coder finds *where* a source or target is in the parse (a subject, an object, a
possessor); `SentenceContext` says *who* is there: the actor mention on that token, the
nearest one inside its phrase, or an uncoded actor ("gunmen", a name the dictionaries
lack). It also offers the weaker fallbacks (a coded actor deep in an object, the nearest
actor before the trigger), marked as indirect so the confidence can discount them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tacitus.actors.codes import join_code, split_code
from tacitus.coding.syntax import is_time_word, prep_objects, under_preposition
from tacitus.coding.words import (
    FIRST_PERSON_POSSESSIVES,
    LIST_CONJUNCTIONS,
    LISTABLE_KINDS,
    NAME_SUFFIXES,
    PERSON_PRONOUNS,
    PHRASE_LEADERS,
    PRONOUNS,
    QUANTITY_WORDS,
    STATE_SECTORS,
    THING_NOUNS,
)
from tacitus.models import Actor, ActorMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass
class Role:
    """An actor found for a role, and how directly the parse supports it."""

    actor: Actor
    mention: ActorMention | None
    direct: bool  # found through a dependency link (not the nearest-mention fallback)
    token_index: int  # a token of the actor in the sentence doc, for distance


class SentenceContext:
    """Token ↔ mention lookups for one sentence."""

    def __init__(self, doc: Doc, mentions: list[ActorMention], offset: int, agent_nouns: frozenset[str]) -> None:
        self.doc = doc
        self.offset = offset
        self.agent_nouns = agent_nouns
        self.by_token: dict[int, ActorMention] = {}
        # every mention on a token: "the two leaders" stands for each of its parties
        self.all_on_token: dict[int, list[ActorMention]] = {}
        self.mention_tokens: list[tuple[int, ActorMention]] = []
        self.span_of: dict[int, tuple[int, int]] = {}  # id(mention) -> (first token, token after the last)
        for mention in mentions:
            span = doc.char_span(mention.char_start - offset, mention.char_end - offset, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)
                self.all_on_token.setdefault(token.i, []).append(mention)
            self.mention_tokens.append((span.root.i, mention))
            self.span_of.setdefault(id(mention), (span.start, span.end))

    def roles_at(self, token: Token) -> list[Role]:
        """Actors of an argument: its own mention(s), one per conjunct, or an uncoded phrase.

        A span that stands for several parties ("the two leaders", "both sides") gives one role
        per party.
        """
        roles: list[Role] = []
        seen: set[int] = set()
        for head in [token, *token.conjuncts]:
            for role in self._roles_on(head):
                key = id(role.mention) if role.mention is not None else -head.i - 1
                if key not in seen:
                    seen.add(key)
                    roles.append(role)
        for role in list(roles):
            for listed in self._listed_after(role):
                if id(listed.mention) not in seen:
                    seen.add(id(listed.mention))
                    roles.append(listed)
        return roles

    def _listed_after(self, role: Role) -> list[Role]:
        """Parties listed after a role's mention on the surface: "A of X, B of Y, and C of Z", "A as well as B".

        The small parser often hangs a list's later items on the verb or makes them appositions;
        the commas and the final "and" say it is a list whatever the parse says. The list stops
        at anything that is not a coded party, and at an item that is the subject of a clause of
        its own ("met Putin, and Xi said ...").
        """
        if role.mention is None or role.mention.kind not in LISTABLE_KINDS or id(role.mention) not in self.span_of:
            return []
        doc = self.doc
        found: list[Role] = []
        index = self._skip_of_country(self.span_of[id(role.mention)][1])
        while index < len(doc):
            after, final = self._list_separator(index)
            if after == index or after >= len(doc):
                break
            mention = self.by_token.get(after)
            span = self.span_of.get(id(mention)) if mention is not None else None
            if mention is None or span is None or span[0] != after:
                break
            if mention.kind not in LISTABLE_KINDS or not mention.code:
                break
            root = doc[after : span[1]].root
            if root.dep_ in ("nsubj", "nsubjpass") and root.head.i >= span[1]:
                break  # the subject of a clause of its own
            found.append(Role(Actor.from_mention(mention), mention, role.direct, root.i))
            index = self._skip_of_country(span[1])
            if final:
                break
        return found

    def _list_separator(self, index: int) -> tuple[int, bool]:
        """The token after a list separator starting at `index` (", ", ", and the", "as well as"), and
        whether it closed the list; `index` itself when there is none."""
        doc = self.doc
        start, separated, final = index, False, False
        while index < len(doc) and not final:
            word = doc[index].lower_
            if word == ",":
                index, separated = index + 1, True
            elif word in LIST_CONJUNCTIONS:
                index, separated, final = index + 1, True, True
            elif [t.lower_ for t in doc[index : index + 3]] == ["as", "well", "as"]:
                index, separated, final = index + 3, True, True
            elif separated and word in PHRASE_LEADERS:
                index += 1
            else:
                break
        while final and index < len(doc) and doc[index].lower_ in PHRASE_LEADERS:
            index += 1  # "and the United Kingdom"
        return (index, final) if separated else (start, False)

    def _skip_of_country(self, index: int) -> int:
        """Past a person's "of Estonia" ("Prime Minister Kaja Kallas of Estonia, President ...")."""
        doc = self.doc
        if index + 1 < len(doc) and doc[index].lower_ == "of":
            mention = self.by_token.get(index + 1)
            span = self.span_of.get(id(mention)) if mention is not None else None
            if mention is not None and span is not None and mention.kind == "state":
                return span[1]
        return index

    def _roles_on(self, head: Token) -> list[Role]:
        """The roles of one conjunct: every mention on its word (or the nearest in its phrase)."""
        role = self._role_at(head)
        if role is None or role.mention is None:
            return [] if role is None else [role]
        on_token = self.all_on_token.get(role.token_index, [role.mention])
        roles = [role] + [
            replace(role, actor=Actor.from_mention(m), mention=m) for m in on_token if m is not role.mention
        ]
        # "support for the security of Estonia, Latvia and Lithuania", "the governments of Mali, Guinea
        # and Niger": each conjunct of the mention's words inside the phrase is a party too
        own = [t for t in head.subtree if self.by_token.get(t.i) is role.mention] or [self.doc[role.token_index]]
        for word in own:
            for conjunct in word.conjuncts:
                found = self.by_token.get(conjunct.i)
                if found is not None and found is not role.mention:
                    roles.append(Role(Actor.from_mention(found), found, role.direct, conjunct.i))
        return roles

    def _role_at(self, head: Token) -> Role | None:
        mention = self.by_token.get(head.i)
        if mention is not None:
            return self._owned_agent(head, mention) or Role(Actor.from_mention(mention), mention, True, head.i)
        # nearest mention inside the argument's phrase, breadth first, not across conjuncts
        queue = [c for c in head.children if c.dep_ not in ("conj", "cc", "punct")]
        depth = 0
        while queue and depth < 6:
            for child in queue:
                found = self.by_token.get(child.i)
                if found is not None and child.lower_ not in FIRST_PERSON_POSSESSIVES:
                    # "our European allies" are the allies, never the speaker's own side
                    return Role(Actor.from_mention(found), found, depth < 3, child.i)
            queue = [c for t in queue for c in t.children if c.dep_ not in ("punct", "cc")]
            depth += 1
        if self._may_be_actor(head):
            left = head.left_edge.i
            while (
                left < head.i
                and head.doc[left].dep_ in ("det", "punct", "predet")
                and head.doc[left].lower_ in PHRASE_LEADERS
            ):
                left += 1
            phrase = head.doc[left : head.i + 1]
            start = self.offset + phrase.start_char
            return Role(
                Actor(
                    text=phrase.text,
                    code=None,
                    country=None,
                    sector=None,
                    name=None,
                    char_start=start,
                    char_end=start + len(phrase.text),
                ),
                None,
                True,
                head.i,
            )
        return None

    def _owned_agent(self, head: Token, mention: ActorMention) -> Role | None:
        """A bare agent with its state in an of-phrase: "the leadership of the State of Qatar" is Qatar's.

        The agent's sector is kept and the state's country added ("leadership" GOV + Qatar -> QATGOV).
        """
        if mention.kind != "agent" or mention.country is not None or not mention.sector:
            return None
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ != "of":
                continue
            for pobj in prep_objects(prep):
                for token in pobj.subtree:
                    state = self.by_token.get(token.i)
                    if state is None or state.kind != "state" or not state.country:
                        continue
                    start = min(mention.char_start, state.char_start)
                    end = max(mention.char_end, state.char_end)
                    return Role(
                        Actor(
                            text=self.doc.text[start - self.offset : end - self.offset],
                            code=join_code(split_code(state.code).cameo_country, mention.sector),
                            country=state.country,
                            sector=mention.sector,
                            name=None,
                            char_start=start,
                            char_end=end,
                            country_rule="country.phrase",
                        ),
                        None,
                        True,
                        head.i,
                    )
        return None

    def _may_be_actor(self, head: Token) -> bool:
        """Whether an uncoded noun can still be an actor: a name, or an agent noun ("gunmen", "a car bomb")."""
        if head.lower_ in PRONOUNS or head.lower_ in NAME_SUFFIXES or is_time_word(head):
            return False
        return head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.lemma_.lower() in self.agent_nouns)

    def names_actor(self, token: Token) -> bool:
        """Whether a word itself names an actor: a mention, a name, a pronoun for people, an agent noun.

        "called Lavrov", "spoke with the minister", "dozens of activists" (a quantity's "of" phrase
        names what is counted); not "called the attention of the government".
        """
        head = _counted(token)
        if head.i in self.by_token or head.pos_ == "PROPN":
            return True
        if head.pos_ == "PRON":
            return head.lower_ in PERSON_PRONOUNS
        return head.pos_ == "NOUN" and head.lemma_.lower() in self.agent_nouns

    def is_person(self, token: Token) -> bool:
        """Whether a word stands for people: it names an actor, or it is a noun whose phrase names one.

        "released two soldiers", "freed him", "the prisoners were released", "followers of rebel
        leader X"; not "released the names of the victims" (a thing noun, whatever its phrase
        names) nor "fighting corruption".
        """
        if self.names_actor(token):
            return True
        head = _counted(token)
        if head.lemma_.lower() in THING_NOUNS:
            return False
        return any(t.i in self.by_token for t in head.subtree)

    def coded_in(
        self,
        head: Token,
        *,
        exclude: Sequence[Role],
        skip_head: bool = False,
        not_under: frozenset[str] = frozenset(),
    ) -> Role | None:
        """The first coded mention in `head`'s subtree, in reading order (indirect evidence).

        A pronoun is skipped ("withdrew its troops" refers back to the subject), and so is `head`
        itself with `skip_head` (the trigger's own word: "reopened their embassies"), any actor
        that is one of `exclude` (the source: "we will advance the U.S.-Armenia partnership"), and
        any actor under a preposition of `not_under` ("condemned the attack on the UN compound":
        the UN suffered the attack, it is not the one condemned).
        """
        for token in head.subtree:
            mention = self.by_token.get(token.i)
            if mention is None or not mention.code or token.pos_ == "PRON":
                continue
            if not_under and under_preposition(token, head, not_under):
                continue
            if skip_head and token is head:
                continue
            if mention.country or mention.kind == "igo":  # a bare sector ("military") is too vague this far away
                role = Role(Actor.from_mention(mention), mention, False, token.i)
                if not any(same_actor(role, other) for other in exclude):
                    return role
        return None

    def nearest_before(self, trigger: Token, *, exclude: set[ActorMention | None]) -> Role | None:
        """Fallback source: the closest coded mention before the trigger (weak evidence)."""
        best: tuple[int, ActorMention] | None = None
        for index, mention in self.mention_tokens:
            if index < trigger.i and mention.code and mention not in exclude and (best is None or index > best[0]):
                best = (index, mention)
        if best is None:
            return None
        return Role(Actor.from_mention(best[1]), best[1], False, best[0])


def _counted(token: Token) -> Token:
    """What a quantity counts: "two of the hostages" → hostages, "dozens of activists" → activists."""
    head = token
    for _ in range(2):
        counted = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for p in prep_objects(c)]
        if not counted or not (head.pos_ == "NUM" or head.lemma_.lower() in QUANTITY_WORDS):
            break
        head = counted[0]
    return head


#: Mention kinds whose dictionary name tells one actor from another of the same code.
NAMED_KINDS = frozenset({"person", "group"})


def _two_named(a: Role, b: Role) -> bool:
    """Whether two roles are distinct named people or groups (their dictionary names differ).

    "Senator X criticized Senator Y", "the Sinaloa Cartel attacked the Gulf Cartel": one code, two actors.
    """
    if a.mention is None or b.mention is None:
        return False
    if a.mention.kind != b.mention.kind or a.mention.kind not in NAMED_KINDS:
        return False
    return bool(a.mention.name and b.mention.name and a.mention.name != b.mention.name)


def same_actor(a: Role, b: Role) -> bool:
    """Whether two roles name the same actor: one mention, one code, or a state and its own organs.

    Two distinct named people (or groups) are two actors even with one code ("Senator X criticized Senator Y").

    "Israel" and "Israeli troops" are one actor; "Israel" and "Israeli civilians" (or its
    opposition, its businesses) are two, so a state's act against its own people keeps its target.
    """
    if a.mention is not None and a.mention is b.mention:
        return True
    if _two_named(a, b):
        return False  # "Senator X criticized Senator Y": two people, whatever their codes
    if a.actor.code and b.actor.code and a.actor.code == b.actor.code:
        return True
    if not (a.actor.country and a.actor.country == b.actor.country):
        return False
    sectors = {a.actor.sector, b.actor.sector}
    if len(sectors) == 1:
        return True
    return None in sectors and all(s is None or s.lower() in STATE_SECTORS for s in sectors)
