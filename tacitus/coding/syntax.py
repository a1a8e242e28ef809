"""Dependency-parse helpers: who is the subject, the object, the governor of a token.

Pure functions of spaCy tokens (plus the lexicon where a verb's kind matters), shared by
the coder, the modality rules and role finding. They encode English syntax as the parser
labels it (nsubj, dobj, xcomp, ...); the words they consult (time words, prepositions,
group nouns) come from `tacitus.coding.words`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from tacitus.coding.words import (
    CARRIER_PREPS,
    GOVERNING_PREPS,
    GROUP_NOUNS,
    PERSONAL_PRONOUNS,
    PLACE_MODIFIED_ROOTS,
    RELATIVE_PRONOUNS,
    RESPONSIBILITY_ADJECTIVES,
    SEQUEL_VERBS,
    TIME_WORDS,
    UNDERGOING_CARRIERS,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from tacitus.coding.lexicon import Lexicon, TriggerEntry
    from tacitus.models import ActorMention

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
#: Penn tags of the wh-words that open an indirect question ("asked him why ...", "asked what ...").
_WH_TAGS = frozenset({"WRB", "WP", "WDT"})
#: Dependents that never satisfy a required word: "to fly" is no "fly to", a subject no object.
NOT_REQUIRED_DEPS = frozenset({"cc", "punct", "relcl", "advcl", "nsubj", "nsubjpass", "aux", "auxpass", "mark", "det"})
#: Dependencies a required word may be reached through below the trigger's own children.
REQUIRES_PATH = frozenset({"pobj", "appos", "prep", "oprd", "acomp", "dobj", "amod", "compound", "conj"})
#: Complement kinds of verbs whose object or prepositional object is an event done by the verb's
#: subject: "launched an attack", "announced a ceasefire", "went on strike", "held them as human shields".
CARRIER_KINDS = frozenset({"light", "transparent", "speech"})
#: Governing kinds that override an inner intent ("urged X to agree to talks" is an appeal).
PASSING_KINDS = frozenset({"appeal", "demand", "reject", "threaten"})
#: Dependencies that keep a word inside the object or reason phrase of the verb above it:
#: "condemned [Russia's invasion of Ukraine]", "accused X [of shelling Kharkiv]",
#: "welcomed [the statement condemning ...]".
ARGUMENT_PATH = frozenset({"dobj", "pobj", "prep", "pcomp", "acl", "conj", "appos", "agent"})


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition ("on [Iran]", "of [striking]")."""
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def is_time_word(token: Token) -> bool:
    """Dates and times are never actors ("called Morrison on Wednesday")."""
    return token.lower_ in TIME_WORDS or token.like_num


def has_prep(token: Token, preps: Collection[str]) -> bool:
    """Whether `token` has one of `preps` as a dependent, not introducing a time ("called on X", not "on Monday")."""
    return any(
        c.dep_ in ("prep", "dative") and c.lower_ in preps and not any(map(is_time_word, prep_objects(c)))
        for c in token.children
    )


def auxiliaries(token: Token) -> set[str]:
    """The lower-cased auxiliaries of a verb ("will", "could", "was")."""
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def subject_of(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of a verb and whether the verb is passive, looking up control chains."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head], False
            return [child], False
        if child.dep_ in PASSIVE_SUBJECT_DEPS:
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head], True
            return [child], True
    if depth > 4:
        return [], False
    head = verb.head
    if verb.dep_ in ("acomp", "oprd") and head is not verb:
        return subject_of(head, depth + 1)  # "Russia is willing [to withdraw]"
    if verb.dep_ == "xcomp" and head is not verb:
        # object control: "urged Turkey to cancel" → Turkey; "called on Turkey to cancel" → Turkey
        for child in head.children:
            if child.dep_ == "dobj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return [child], False
            if child.dep_ == "prep" and child.lower_ == "on":
                objects = prep_objects(child)
                if objects:
                    return objects, False
        return subject_of(head, depth + 1)[0], False
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        subjects, passive = subject_of(head, depth + 1)
        # "was arrested and charged" shares the passive; "must be respected, ... and stressed" does not
        return subjects, passive and verb.tag_ == "VBN"
    if verb.dep_ == "advcl" and (verb.tag_ == "VBG" or sequel_verb(head)):
        return subject_of(head, depth + 1)[0], False  # "..., saying", "went on to accuse"
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBN":
            return [head], True
        if verb.tag_ == "VBG":
            return [head], False
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX", "ADJ"):
        return subject_of(head.head, depth + 1)[0], False  # "was guilty of violating"
    return [], False


def sequel_verb(verb: Token) -> bool:
    """Whether a verb and its particle say what came next ("went on to accuse", `sequel_verbs`)."""
    return any(c.dep_ == "prt" and f"{verb.lemma_.lower()} {c.lower_}" in SEQUEL_VERBS for c in verb.children)


def subject_child(verb: Token) -> bool:
    """Whether a verb has a subject of its own (not one it shares with a verb it is conjoined to)."""
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ in PASSIVE_SUBJECT_DEPS for c in verb.children)


def pronoun_subject(trigger: Token) -> bool:
    """Whether the trigger's clause has a personal pronoun as subject ("he will meet ...")."""
    verb = trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ != "ROOT" else trigger
    subjects, _ = subject_of(verb)
    return any(t.lower_ in PERSONAL_PRONOUNS for t in subjects)


def slot_fillers(token: Token, slots: tuple[str, ...], *, skip: int = -1) -> list[Token]:
    """Dependents filling the target slots, in the entry's order of preference."""
    for slot in slots:
        if slot in ("dobj", "dative", "attr", "oprd", "nsubj"):
            found = [c for c in token.children if c.dep_ == slot]
            if slot == "dative":
                found = [c for c in found if c.pos_ in ("PROPN", "NOUN", "PRON")] + [
                    p for c in found if c.dep_ == "dative" and c.pos_ == "ADP" for p in prep_objects(c)
                ]
        else:
            found = [
                p for c in token.children if c.dep_ in ("prep", "dative") and c.lower_ == slot for p in prep_objects(c)
            ]
            if not found:
                # the preposition may hang off the direct object ("imposed sanctions on Iran")
                for obj in token.children:
                    if obj.dep_ == "dobj":
                        found = [
                            p for c in obj.children if c.dep_ == "prep" and c.lower_ == slot for p in prep_objects(c)
                        ]
                        if found:
                            break
        found = [t for t in found if t.i != skip]  # the governed event itself is no target
        if found:
            return found
    return []


def verb_arguments(verb: Token, target_slots: tuple[str, ...], *, skip: int = -1) -> tuple[list[Token], list[Token]]:
    """Source and target tokens of a verbal event; a passive's subject is the target, its by-phrase the source."""
    subjects, passive = subject_of(verb)
    targets: list[Token] = []
    sources: list[Token] = []
    if passive:
        targets = subjects
        for child in verb.children:
            if child.dep_ == "agent":
                sources.extend(prep_objects(child))
        if not targets and verb.dep_ in ("acl",) and verb.head.pos_ in ("NOUN", "PROPN"):
            targets = [verb.head]
    else:
        sources = subjects
        targets = slot_fillers(verb, target_slots, skip=skip)
    return sources, targets


def required_dependent(token: Token, required: frozenset[str]) -> Token | None:
    """A dependent named in `required`: a child, or up to two steps below through a preposition
    or object ("called Turkey's purchase of the S-400 'incompatible'")."""
    for clause in (c for c in token.children if c.dep_ in ("ccomp", "advcl")):
        for mark in (
            c
            for c in clause.children
            if (c.dep_ == "mark" or (clause.dep_ == "ccomp" and c.tag_ in _WH_TAGS)) and c.lower_ in required
        ):
            return mark  # a clause's mark or wh-word: "was asked by a reporter if/why he agreed" asks a question
    frontier = [token]
    for depth in range(3):
        following = []
        for node in frontier:
            for child in node.children:
                if child.dep_ in NOT_REQUIRED_DEPS:
                    continue
                if child.dep_ == "conj" and depth == 0:
                    continue  # a conjoined verb is another event
                if (depth == 0 or child.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")) and (
                    child.lemma_.lower() in required or child.lower_ in required
                ):
                    if child.dep_ == "prep" and any(is_time_word(p) for p in prep_objects(child)):
                        continue  # "called X on Wednesday" is no "called on X"
                    return child
                if depth == 0 or child.dep_ in REQUIRES_PATH:
                    following.append(child)
        frontier = following
    return None


def noun_anchor(noun: Token) -> Token:
    """The noun phrase that carries a nominal trigger's roles.

    "a mediation effort between ..." → effort; "a package of sanctions against ..." → package.
    """
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in") and noun.head.head.lemma_.lower() in GROUP_NOUNS:
        return noun.head.head  # "800 million dollars in military aid to Ukraine"
    return noun


def carrier_verb(anchor: Token, lexicon: Lexicon) -> Token | None:
    """The light/speech/transparent verb whose subject did the nominal event, if any."""
    head = anchor.head
    carrier: Token | None = None
    if anchor.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        carrier = head
    elif anchor.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in CARRIER_PREPS and head.head.pos_ == "VERB":
        carrier = head.head
    elif (
        anchor.dep_ == "pobj"
        and head.lower_ == "for"
        and head.head.lemma_.lower() in RESPONSIBILITY_ADJECTIVES
        and head.head.head.pos_ in ("AUX", "VERB")
    ):
        return head.head.head  # "the LRA is responsible for mass killings": the subject did them
    if carrier is not None and lexicon.complement_kind(carrier.lemma_.lower()) in CARRIER_KINDS:
        return carrier
    return None


def _placed(mentioned: dict[int, ActorMention], token: Token) -> bool:
    """Whether the mention on `token` names a country or an IGO ("Russian", "EU"), not a bare sector ("military")."""
    mention = mentioned.get(token.i)
    return mention is None or bool(mention.country) or mention.kind == "igo"


def noun_arguments(
    noun: Token, entry: TriggerEntry, lexicon: Lexicon, mentioned: dict[int, ActorMention]
) -> tuple[list[Token], list[Token]]:
    """Roles of a nominal event: possessor or by-phrase, a carrier verb's subject, or an actor modifier."""
    anchor = noun_anchor(noun)
    owners = [*noun.children, *(anchor.children if anchor is not noun else ())]
    sources = [c for c in owners if c.dep_ == "poss" and (c.pos_ != "PRON" or c.i in mentioned)]
    for prep in anchor.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            sources.extend(prep_objects(prep))
    slots = entry.target or ("on", "against", "with", "to", "at", "of")
    targets = [
        p for slot in slots for c in anchor.children if c.dep_ == "prep" and c.lower_ == slot for p in prep_objects(c)
    ]
    targets = targets[:3]
    carrier = carrier_verb(anchor, lexicon)
    if carrier is not None and carrier.lemma_.lower() in UNDERGOING_CARRIERS:
        # "Trump faced criticism from his own party", "Turkey drew condemnation": the subject
        # undergoes the event (the target); its doer is the from/by phrase or the noun's possessor
        holders = [carrier, anchor]
        holders += [c for h in (carrier, anchor) for c in h.children if c.lower_ == "including"]  # "including from X"
        givers = [p for h in holders for c in h.children if c.lower_ in ("from", "by") for p in prep_objects(c)]
        return sources or givers, verb_arguments(carrier, ())[0]
    if carrier is not None:
        if not sources:
            sources = verb_arguments(carrier, ())[0]
        if not sources and anchor.dep_ == "pobj":
            # "Russia is engaged in a war on Ukraine", "they were involved in the attack": a passive carrier
            # with no by-phrase, whose subject does the event it carries
            subjects, passive = subject_of(carrier)
            sources = subjects if passive else sources
        if not targets:
            targets = slot_fillers(carrier, tuple(s for s in slots if s not in ("dobj",)), skip=anchor.i)
    if not sources and entry.root not in PLACE_MODIFIED_ROOTS:
        # "Russian airstrikes", "US sanctions"; but "the Astana talks" names a place
        sources = [c for c in owners if c.dep_ in ("compound", "amod", "nmod") and c.i in mentioned]
        sources = [c for c in sources if _placed(mentioned, c)]
    return sources, targets


def governor_of(token: Token) -> Token | None:
    """The verb governing a controlled clause or nominal object ("refused [to meet]", "threatened [sanctions]").

    A verb conjoined to a governed one without a subject of its own shares its governor:
    "urged Pyongyang to cease its launches and [return] to dialogue".
    """
    head = token.head
    if token.dep_ == "conj" and head.pos_ == "VERB" and head.dep_ in ("xcomp", "pcomp") and not subject_child(token):
        return governor_of(head)
    if token.dep_ in ("xcomp", "ccomp") and token.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        return token.head
    if token.dep_ == "advcl" and head.pos_ == "VERB" and for_to_clause(token):
        return head  # "called for Russia to withdraw": the call decides
    if token.dep_ == "acl" and token.head.pos_ == "NOUN" and any(c.dep_ == "aux" for c in token.children):
        return token.head  # "its readiness to deepen cooperation", "a refusal to negotiate"
    if token.dep_ == "dobj" and token.pos_ in ("NOUN", "PROPN") and token.head.pos_ == "VERB":
        return token.head
    if (
        token.dep_ == "pobj"
        and token.head.dep_ == "prep"
        and token.head.lower_ in GOVERNING_PREPS
        and token.head.head.pos_ in ("VERB", "ADJ")
    ):
        return token.head.head  # "capable of striking", "threatened with sanctions"
    if token.dep_ == "pcomp" and token.head.head.pos_ in ("VERB", "ADJ") and not subject_child(token):
        return token.head.head  # not "with Congo accusing Rwanda": a gerund with its own subject is its own clause
    return None


def for_to_clause(verb: Token) -> bool:
    """A "for X to V" clause: a case considered or asked for ("it is time for Russia to withdraw"), not an act told."""
    children = list(verb.children)
    return any(c.dep_ == "mark" and c.lower_ == "for" for c in children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in children
    )


def effective_governor(token: Token, lexicon: Lexicon) -> Token | None:
    """The governing verb that decides what the event is, looking through carriers and intents.

    "agreed to hold talks": hold only carries the talks, agree decides (036); "called on Israel
    to agree to a truce": the appeal decides (02), not the agreement it asks for.
    """
    governor = governor_of(token)
    for _ in range(3):
        if governor is None:
            return None
        kind = lexicon.complement_kind(governor.lemma_.lower())
        outer = governor_of(governor)
        if outer is None:
            return governor
        outer_kind = lexicon.complement_kind(outer.lemma_.lower())
        carried = kind in ("light", "transparent") and outer_kind in PASSING_KINDS | {"intend", "consider"}
        asked = kind == "intend" and outer_kind in PASSING_KINDS and governor.dep_ == "xcomp"
        # "rejected Turkey's request to extradite X": rejecting a request is rejecting what it asks for
        refused = kind in ("appeal", "demand") and outer_kind == "reject" and governor.pos_ == "NOUN"
        if not (carried or asked or refused):
            return governor
        governor = outer
    return governor


def chain_nouns(token: Token, governor: Token) -> list[Token]:
    """The nouns between a trigger and its effective governor ("request" in "rejected the request to extradite")."""
    nouns: list[Token] = []
    node = governor_of(token)
    while node is not None and node is not governor and len(nouns) < 3:
        if node.pos_ == "NOUN":
            nouns.append(node)
        node = governor_of(node)
    return nouns


def argument_of(token: Token, heads: Collection[int]) -> Token | None:
    """The token among `heads` whose object or reason phrase holds `token`, if any.

    "Turkey condemned Russia's invasion": invasion → condemned; "Ukraine accused Russia of
    shelling Kharkiv": shelling → accused. A finite clause (relative, reported) is a statement of
    its own and is never crossed, nor is a subject.
    """
    node = token
    for _ in range(6):
        if node.dep_ not in ARGUMENT_PATH or node.head is node:
            return None
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("acl", "pcomp"):
            return None  # a conjoined or governed verb is an act of its own
        node = node.head
        if node.i in heads:
            return node
    return None


def inside_clause(inner: Token, speech: Token) -> bool:
    """Whether `inner` sits in the clausal complement of the speech verb `speech`."""
    node = inner
    for _ in range(8):
        if node.head is node:
            return False
        if node.head == speech:
            return node.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "dobj")
        node = node.head
    return False


def clause_tokens(head: Token) -> Iterable[Token]:
    """Tokens of `head`'s clause, not descending into clauses it embeds (what was said, relative clauses)."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ not in ("ccomp", "relcl", "advcl", "parataxis", "conj", "acl"))


def under_preposition(token: Token, head: Token, preps: frozenset[str]) -> bool:
    """Whether `token` hangs below `head` through a preposition of `preps` ("the attack *on* the UN")."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "prep" and token.lower_ in preps:
            return True
        token = token.head
    return False
