"""The event coder: a parsed sentence plus its actor mentions → CAMEO/PLOVER events.

How it works (docs/events.md has the long version):

1. Every token whose lemma is a lexicon trigger (verb or noun) is a candidate; the most
   specific matching entry wins ("hold" + "talks" beats "hold").
2. Roles come from the dependency parse: subject → source, object or the entry's
   preposition → target; passives swap them ("X was attacked by Y"); controlled clauses
   inherit their subject ("X moved to delay ..."), "urged/called on X to" makes X the target,
   nominal events take their possessor or a light verb's subject ("Turkey's purchase",
   "launched an attack on").
3. Governing verbs change the event: "refused to meet" is a rejection (125), "threatened to
   attack" a threat (138), "plans to buy" an intent (031); "designed to shoot down", "could
   strike" and "did not attack" are not facts and are dropped unless asked for.
4. Each event gets a modality, a confidence (rule prior × evidence factors) and evidence
   (sentence, trigger offsets, rule id).

The pieces live beside this module: `prefilter` (the cheap pre-parse filter and the
unparsed "X said" path), `syntax` (dependency helpers), `modality`, `roles` (who sits on
which token), `confidence` (the formula), `events` (assembling an Event) and `words`
(the word lists, which are data).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tacitus.actors.codes import join_code
from tacitus.coding.confidence import RoleEvidence, event_confidence, unparsed_confidence, weights
from tacitus.coding.events import build_event
from tacitus.coding.lexicon import Lexicon, TriggerEntry, load_lexicon
from tacitus.coding.modality import (
    clause_modality,
    is_background,
    is_condition,
    is_habitual,
    is_historical,
    is_refusal,
)
from tacitus.coding.ontology import Ontology, load_ontology
from tacitus.coding.prefilter import lone_statement, may_hold_event
from tacitus.coding.roles import Role, SentenceContext, same_actor
from tacitus.coding.syntax import (
    CARRIER_KINDS,
    argument_of,
    auxiliaries,
    carrier_verb,
    chain_nouns,
    effective_governor,
    for_to_clause,
    has_prep,
    inside_clause,
    noun_anchor,
    noun_arguments,
    prep_objects,
    pronoun_subject,
    required_dependent,
    slot_fillers,
    subject_of,
    under_preposition,
    verb_arguments,
)
from tacitus.coding.words import (
    AGENTLESS_ROOTS,
    ANNOUNCED_ROOTS,
    ARMED_ONLY_ENTRIES,
    ARMED_SECTORS,
    ARMED_SOURCE_SECTORS,
    CALL_PREPS,
    CLAIM_VERBS,
    CLAIMED_ROOTS,
    CONSULT_ROOTS,
    COOPERATIVE_ROOTS,
    CRITICISM_PREDICATES,
    DEED_CRITICISM_CODES,
    DEONTIC_AUX,
    FUTURE_KEPT_ROOTS,
    GOVERNING_ROOTS,
    INTENT_KEPT_ROOTS,
    INTRANSITIVE_ENTRIES,
    JOINT_ROOTS,
    NAMED_ONLY_ROOTS,
    ONGOING_VERBS,
    OWN_COUNTRY_ENTRIES,
    PARTNERED_ROOTS,
    PRESS_SECTORS,
    PRESS_TALK_LEMMAS,
    PRONOUNS,
    SPEAKER_SECTORS,
    STRONG_ROOTS,
    TARGETED_STATEMENT_CODES,
    TARGETLESS_CODES,
    VERBAL_ATTACK_LEMMAS,
    VICTIM_PREPS,
    WEAPON_WORDS,
)
from tacitus.models import Actor, ActorMention, Event
from tacitus.resources import read_tsv

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Only main-clause verbs may borrow the nearest preceding actor as source when the parse has none.
FALLBACK_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})


@dataclass
class _Candidate:
    """An event under construction before ids and confidence are fixed."""

    trigger: Token
    entry: TriggerEntry
    cameo: str
    modality: str
    sources: list[Role]
    targets: list[Role]
    rule: str
    factor: float = 1.0  # extra evidence factor (a statement whose content is coded separately)
    word: Token | None = None  # the word shown as evidence when it is not the trigger ("rejected [pressure]")
    prior: float = 0.0  # the rule's prior; a governing verb's own entry may raise it


class EventCoder:
    """Codes parsed sentences into events using the shipped lexicon plus user lexicon files.

    Args:
        lexicons: user trigger files (docs/lexicon.md) that extend or override the shipped ones.
        keep_unasserted: also return negated and hypothetical events (with that modality);
            by default what the text does not assert is not coded.
        bare_statements: also return statements without a target ("X said ...", "X added"),
            as 010; by default a statement is coded only when it is about or to another actor,
            or has a specific code (denial, condolences, ...), as docs/annotation.md asks.
        targetless_events: also return events of other kinds without a target ("the army
            launched strikes"); by default only statements and protests may lack one, since on
            real news almost every other target-less event was wrong (docs/events.md).
    """

    def __init__(
        self,
        *,
        lexicons: Sequence[Path] = (),
        keep_unasserted: bool = False,
        bare_statements: bool = False,
        targetless_events: bool = False,
    ) -> None:
        self.lexicon: Lexicon = load_lexicon(tuple(lexicons))
        self.ontology: Ontology = load_ontology()
        self.keep_unasserted = keep_unasserted
        self.bare_statements = bare_statements
        self.targetless_events = targetless_events
        self.user_lexicon_suffix = _files_suffix(lexicons)

    # -- the cheap filter ---------------------------------------------------------------

    def may_hold_event(self, sentence: Span, mentions: list[ActorMention]) -> bool:
        """Whether `sentence` (tokenised, unparsed) is worth parsing: a trigger form near an actor.

        See `tacitus.coding.prefilter.may_hold_event`.
        """
        return may_hold_event(self.lexicon, sentence, mentions, bare_statements=self.bare_statements)

    def code_unparsed(
        self,
        sentence: Span,
        mentions: list[ActorMention],
        *,
        sentence_index: int,
        doc_id: str,
        date: dt.date | None,
        lexicon_version: str,
    ) -> list[Event] | None:
        """Code a lone statement ("Turkey said ...") without parsing; None when the sentence needs a parse.

        For a sentence `may_hold_event` kept whose only triggers are speech verbs, the speaker is
        the coded actor next to the verb ("Foreign Minister X said", "said Foreign Minister X"),
        so the parse, the expensive step, can be skipped. `sentence` is a span of the article's
        tokenised doc (offsets are article offsets already).
        """
        statement = lone_statement(self.lexicon, sentence, mentions)
        if statement is None:
            return None
        entry, trigger = statement.entry, statement.trigger
        if self._bare(entry.cameo, None):
            return []  # a lone "X said ..." with nothing coded in it is an attribution, not an event
        return [
            build_event(
                doc_id=doc_id,
                date=date,
                sentence_index=sentence_index,
                sentence=sentence.text,
                trigger=trigger.text,
                char_start=trigger.idx,
                rule=f"unparsed+{entry.id}",
                source=Actor.from_mention(statement.speaker),
                target=None,
                cameo=entry.cameo,
                info=self.ontology.get(entry.cameo),
                confidence=unparsed_confidence(entry.prior),
                modality="asserted",
                lexicon_version=lexicon_version,
            )
        ]

    # -- coding -------------------------------------------------------------------------

    def code_sentence(
        self,
        doc: Doc,
        mentions: list[ActorMention],
        *,
        sentence_index: int,
        sentence_start: int,
        doc_id: str,
        date: dt.date | None,
        lexicon_version: str,
        partners: dict[str, Actor] | None = None,
        written: dt.date | None = None,
    ) -> list[Event]:
        """Events of one parsed sentence; `mentions` carry article-level offsets.

        `partners`, kept by the caller over one article's sentences in order, remembers whom each
        actor last met or talked with, so that a readout's "The Vice President also discussed ..."
        has the interlocutor its earlier sentence named (docs/events.md). `written` is when an
        undated article was most likely written (`tacitus.dates.year_written`): it only tells
        background ("in 2012") from news, and the events keep `date` (None).
        """
        context = SentenceContext(doc, mentions, sentence_start, self.lexicon.agent_nouns)
        candidates = self._candidates(context)
        events: list[Event] = []
        seen: set[str] = set()
        for candidate in candidates:
            if candidate.modality in ("negated", "hypothetical") and not self.keep_unasserted:
                continue
            events_of = self._events(
                candidate, context, sentence_index, doc_id, date, lexicon_version, partners, written or date
            )
            for event in events_of:
                if event.event_id not in seen:
                    seen.add(event.event_id)
                    events.append(event)
        return events

    def _candidates(self, context: SentenceContext) -> list[_Candidate]:
        doc = context.doc
        matched: dict[int, TriggerEntry] = {}
        consumed: set[int] = set()
        for token in doc:
            if token.i in context.by_token:
                continue  # "North Atlantic Treaty Organization" names an actor, not a treaty
            entry, used = self._match(token)
            if entry is not None:
                matched[token.i] = entry
                consumed |= used
        candidates: list[_Candidate] = []
        suppressed: set[int] = set()
        for index, entry in sorted(matched.items()):
            if index in consumed:
                continue
            token = doc[index]
            candidate = self._build(token, entry, context, matched, suppressed)
            if candidate is not None:
                candidates.append(candidate)
        candidates = [c for c in candidates if c.trigger.i not in suppressed]
        # one governing verb, one event: "rejected the request to extradite" is the rejection of an
        # extradition (121), not also of a request (120)
        best: dict[int, _Candidate] = {}
        for candidate in candidates:
            if candidate.word is None:
                continue
            held = best.get(candidate.word.i)
            depth = abs(candidate.trigger.i - candidate.word.i)
            if held is None or depth > abs(held.trigger.i - candidate.word.i):
                best[candidate.word.i] = candidate  # the innermost event is what is rejected/asked for
        candidates = [c for c in candidates if c.word is None or best[c.word.i] is c]
        # an event named in another event's object or reason is not coded on its own: "condemned
        # Russia's invasion" is the condemnation only, "accused X of shelling Y" the accusation only
        heads = {c.trigger.i for c in candidates if self._references(c)}
        candidates = [c for c in candidates if argument_of(c.word or c.trigger, heads) is None]
        return self._resolve_statements(candidates, context)

    def _references(self, candidate: _Candidate) -> bool:
        """Whether an event's object names another event rather than carrying it.

        Speech and light verbs carry the event they take ("announced sanctions", "launched an
        attack"); statements (01) announce them. Every other event refers to its object's event.
        """
        lemma = candidate.trigger.lemma_.lower()
        return candidate.entry.root != "01" and self.lexicon.complement_kind(lemma) not in CARRIER_KINDS

    def _match(self, token: Token) -> tuple[TriggerEntry | None, set[int]]:
        """The most specific lexicon entry `token` satisfies, and the dependents it consumed."""
        if token.pos_ in ("VERB",) or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            pos = "verb"
        elif token.pos_ in ("NOUN", "PROPN"):
            pos = "noun"
        elif token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT"):
            pos = "verb"  # "X remains concerned about Y": only a feeling (experiencer) entry takes an adjective
        else:
            return None, set()
        lemma = token.lemma_.lower()
        entries = self.lexicon.lookup(pos, lemma)
        if token.pos_ == "ADJ":
            entries = [e for e in entries if e.roles == "experiencer"]
        if not entries and pos == "verb":
            entries = self.lexicon.lookup(pos, self.lexicon.base_form(token.lower_))  # "overran" mis-lemmatized
        if not entries and pos == "noun":
            entries = self.lexicon.lookup(pos, token.lower_)
        for entry in entries:
            if not entry.requires:
                return entry, set()
            hit = required_dependent(token, entry.requires)
            if hit is not None:
                # a required noun dependent ("hold" + "talks") is part of this trigger, and so is a
                # required verb of the same kind ("declined to comment" is 011, not also a comment)
                return entry, {hit.i} if hit.pos_ in ("NOUN", "PROPN") or self._same_root(hit, entry) else set()
        return None, set()

    def _same_root(self, token: Token, entry: TriggerEntry) -> bool:
        """Whether every entry of `token`'s lemma codes the same CAMEO root as `entry`."""
        own = self.lexicon.lookup("verb", token.lemma_.lower())
        return bool(own) and all(e.root == entry.root for e in own)

    def _bare(self, cameo: str, target: Role | None) -> bool:
        """Whether an event is a bare statement that is not coded by default ("X said ...": 010, no target)."""
        return not self.bare_statements and target is None and cameo in TARGETED_STATEMENT_CODES

    def _build(
        self,
        token: Token,
        entry: TriggerEntry,
        context: SentenceContext,
        matched: dict[int, TriggerEntry],
        suppressed: set[int],
    ) -> _Candidate | None:
        """The event `token` triggers, re-coded by its governing verb and modality; None without actors."""
        lexicon = self.lexicon
        cameo = entry.cameo
        rule = entry.id
        word: Token | None = None
        prior = entry.prior
        sources, targets = self._roles(token, entry, context)
        if entry.roles == "person" and not self._person_object(token, entry, context):
            return None  # "released the names", "the figures were released": no person is released
        if entry.roles == "dyadic" and any(c.dep_ == "oprd" for c in token.children):
            return None  # "calling him a beacon" names him, it is no phone call
        if entry.id in INTRANSITIVE_ENTRIES and any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children):
            return None  # "demonstrated leadership" shows, "students demonstrated" protest
        modality = clause_modality(token, lexicon)
        governor = effective_governor(token, lexicon)
        if governor is not None:
            kind = lexicon.complement_kind(governor.lemma_.lower())
            if governor.dep_ in ("acl", "amod") and kind not in ("hypothetical", "negative"):
                kind = None  # "jets intended to help train ...": a description, not an actor's intent
            if (
                kind == "appeal"
                and governor.lemma_.lower() == "call"
                and not has_prep(governor, CALL_PREPS)
                and not for_to_clause(token)  # "called for Russia to withdraw" is an appeal too
            ):
                kind = "hypothetical"  # "called Erdogan to apologize": the purpose of a call, not a fact
            own = matched.get(governor.i)
            if own is not None and own.requires and own.root not in GOVERNING_ROOTS:
                kind = None  # the governor is an event of its own kind ("called X's purchase incompatible")
            if kind in ("reject", "threaten", "intend", "appeal", "demand"):
                if not (kind == "intend" and entry.root in INTENT_KEPT_ROOTS):  # "offered condolences" stays 018
                    cameo = lexicon.derive(kind, cameo)
                rule = f"{kind}:{governor.lemma_.lower()}+{entry.id}"
                suppressed.add(governor.i)
                word = governor  # "rejected U.S. pressure": the rejection is the word to show
                if own is not None:
                    prior = max(prior, own.prior)
                g_sources, g_targets = self._roles(governor, None, context, skip=token.i)
                g_targets = [r for r in g_targets if r.token_index != token.i]
                own_sources = sources
                if g_sources:
                    sources = g_sources
                elif subject_of(governor)[0]:
                    # "They called upon Pyongyang to cease ...": the governor has a subject we could not
                    # resolve; the embedded act's actor is the addressee, never the one who appeals
                    sources = []
                if kind in ("appeal", "demand") and g_targets or not targets:
                    targets = g_targets
                elif kind in ("appeal", "demand"):
                    # "demanded that Russia withdraw from Ukraine": the demand is made of Russia
                    addressees = [r for r in own_sources if r.actor.code and not any(same_actor(r, g) for g in sources)]
                    targets = addressees or targets
                for between in chain_nouns(token, governor):
                    # whose request/demand it was: "rejected Turkey's request to ..."
                    own_sources = own_sources + [
                        r for c in between.children if c.dep_ == "poss" for r in context.roles_at(c)
                    ]
                owners = [r for r in own_sources if r.actor.code and not any(same_actor(r, g) for g in sources)]
                if entry.pos == "noun" and owners and not any(r.actor.code for r in targets):
                    # "rejected U.S. pressure", "turned down Beijing's demand": the owner is the target
                    targets = owners
                governor_modality = clause_modality(governor, lexicon)
                if governor_modality in ("negated", "hypothetical"):
                    modality = governor_modality
                elif kind == "threaten":
                    modality = "threatened"
                elif kind == "intend":
                    modality = "intended"
                elif kind in ("reject", "appeal", "demand"):
                    modality = governor_modality
            if kind == "consider":
                # "is considering sending aid": weighing an option is a statement (014), not an intent
                cameo, rule = "014", f"consider:{governor.lemma_.lower()}+{entry.id}"
                suppressed.add(governor.i)
                g_sources, _ = self._roles(governor, None, context)
                sources = g_sources or sources
                modality = clause_modality(governor, lexicon)
            elif kind == "hypothetical":
                modality = "hypothetical"
            elif kind == "negative":
                modality = "negated"
            elif kind == "transparent" and modality == "asserted":
                # "will continue to cooperate", "did not move to delay": the carrying verb's own modality
                modality = clause_modality(governor, lexicon)
                if modality == "intended" and _ongoing(governor, entry):
                    modality = "asserted"  # "will continue to condemn X": the condemnation is under way
        if modality == "negated" and entry.root in COOPERATIVE_ROOTS and is_refusal(token, governor):
            # "will not lift the ban", "failed to reach agreement": a refusal, which CAMEO codes as 12x
            cameo, rule, modality = lexicon.derive("reject", entry.cameo), f"not+{entry.id}", "asserted"
        if (
            modality == "intended"
            and governor is None
            and entry.pos == "verb"
            and entry.root in ANNOUNCED_ROOTS
            and not _has_condition(token)
        ):
            modality = "asserted"  # "the government will impose restrictions on X": announced now (docs/annotation.md)
        if modality == "intended" and entry.root not in FUTURE_KEPT_ROOTS and not rule.startswith("intend:"):
            cameo = lexicon.derive("intend", cameo)
            rule = f"future+{entry.id}"
            if cameo[:2] == "13":
                modality = "threatened"  # a conflictual act announced as future is a threat (docs/annotation.md)
        elif modality == "threatened" and not rule.startswith("threaten:"):
            cameo = lexicon.derive("threaten", cameo)
            rule = f"future+{entry.id}"
        if cameo[:2] == "03" and modality == "asserted":
            modality = "intended"  # "pledged support", "affirmed its commitment to ...": an intent (docs/annotation.md)
        if cameo[:2] == "13" and modality == "asserted":
            # "Russia threatened Ukraine", "warned X of consequences": a threat (docs/annotation.md)
            modality = "threatened"
        if not sources and not targets:
            return None
        factor = 1.0
        referenced = entry.pos == "noun" and carrier_verb(noun_anchor(token), lexicon) is None and token.dep_ != "ROOT"
        if referenced and word is None:
            if entry.root in NAMED_ONLY_ROOTS:
                # "given our shared commitments", "discussed their pledge", "Democrats' concerns still stand":
                # an intent or a statement only named, not stated
                return None
            factor = weights()["nominal_reference"]  # "condemned the invasion": most likely an event reported before
        return _Candidate(token, entry, cameo, modality, sources, targets, rule, factor, word, prior)

    # -- roles --------------------------------------------------------------------------

    def _person_object(self, token: Token, entry: TriggerEntry, context: SentenceContext) -> bool:
        """Whether the trigger's object (or passive subject), when it has one, is itself an actor or a person."""
        if entry.pos == "noun":
            objects = noun_arguments(token, entry, self.lexicon, context.by_token)[1]
        else:
            subjects, passive = subject_of(token)
            objects = subjects if passive else slot_fillers(token, ("dobj", "dative", *entry.target))
        return not objects or any(context.is_person(t) for t in objects)

    def _roles(
        self, token: Token, entry: TriggerEntry | None, context: SentenceContext, *, skip: int = -1
    ) -> tuple[list[Role], list[Role]]:
        """Source and target roles of a trigger, from the parse, with fallbacks."""
        target_slots = entry.target if entry is not None else ("dobj", "dative", "on", "upon", "to", "for")
        if entry is not None and entry.pos == "noun":
            source_tokens, target_tokens = noun_arguments(token, entry, self.lexicon, context.by_token)
            # "commitment to strengthening ties with X": the to-phrase is an act, not the target
            target_tokens = [t for t in target_tokens if t.pos_ not in ("VERB", "AUX")]
        else:
            source_tokens, target_tokens = verb_arguments(token, target_slots, skip=skip)
        if entry is not None and entry.roles == "experiencer":
            # "X is deeply concerned by/about Y's ...", "X was disturbed by Y": the one who feels it is
            # the source in either voice, the by/about phrase the target
            source_tokens = subject_of(token)[0]
            target_tokens = [
                p
                for c in token.children
                if c.dep_ in ("prep", "agent") and c.lower_ in entry.target
                for p in prep_objects(c)
            ]
        if entry is not None and entry.roles == "recipient":
            # "X received aid from Y": the giver (from/by) is the source, the subject the target
            givers = _givers(token) or [
                giver  # "came under fire from Y": the from-phrase hangs on the required noun
                for prep in token.children
                if prep.dep_ == "prep"
                for noun in prep_objects(prep)
                for giver in _givers(noun)
            ]
            source_tokens, target_tokens = givers, source_tokens
        if entry is not None and entry.roles in ("dyadic", "experiencer"):
            # "called Lavrov", not "called the attention of the government" or "contributed to this report"
            target_tokens = [t for t in target_tokens if context.is_person(t)]
        # what is criticised is the deed of its doer, not of those it suffered ("condemned the attack on
        # the UN compound", "criticized the sanctions against Iran")
        victims = VICTIM_PREPS if entry is not None and entry.cameo[:3] in DEED_CRITICISM_CODES else frozenset()
        sources = [role for t in source_tokens for role in context.roles_at(t)]
        targets = [
            role
            for t in target_tokens
            for role in context.roles_at(t)
            if not (victims and under_preposition(context.doc[role.token_index], t, victims))
        ]
        if entry is not None and entry.pos == "verb" and entry.roles in ("active", "dyadic"):
            targets = self._by_owner(token, targets, context)
        if not targets and entry is not None and entry.target and entry.roles not in ("dyadic", "experiencer"):
            # "delay delivery of jets ... to train Turkish pilots": a coded actor deep in the object,
            # but not the trigger's own required word ("reopened their embassies")
            for obj in (c for c in token.children if c.dep_ in ("dobj", "attr")):
                own = obj.lemma_.lower() in entry.requires
                deep = context.coded_in(obj, exclude=sources, skip_head=own, not_under=victims)
                if deep is not None:
                    targets = [deep]
                    break
        nominal = entry is not None and entry.pos == "noun"
        if (
            not sources
            and not nominal
            and token.dep_ in FALLBACK_DEPS
            # a passive of an agent-less root keeps no doer ("four people were arrested")
            and not (entry is not None and entry.root in AGENTLESS_ROOTS and subject_of(token)[1])
        ):
            fallback = context.nearest_before(token, exclude={r.mention for r in targets if r.mention})
            if fallback is not None:
                sources = [fallback]
        return sources, targets

    def _by_owner(self, token: Token, targets: list[Role], context: SentenceContext) -> list[Role]:
        """The by-phrase of an active verb names whose deed its object is: "welcomes the commitments by
        Australia and Japan", "condemned the attack by Russia" (the small parser hangs "by" on the verb)."""
        if any(r.actor.code for r in targets) or subject_of(token)[1]:
            return targets
        objects = [c for c in token.children if c.dep_ == "dobj"]
        if not objects or any(context.names_actor(o) for o in objects):
            return targets
        owners = [
            role
            for c in token.children
            if c.dep_ == "prep" and c.lower_ == "by"
            for p in prep_objects(c)
            for role in context.roles_at(p)
            if role.actor.code
        ]
        return owners or targets

    def _resolve_statements(self, candidates: list[_Candidate], context: SentenceContext) -> list[_Candidate]:
        """Settle statements against the events in what was said.

        "Turkey said it would buy ..." is Turkey's intent, not also a statement; "the US said
        Russia attacked ..." is the US statement plus Russia's attack (reported); "Russia said
        Israel must end attacks" is a demand by Russia on Israel (10x).
        """
        kept: list[_Candidate] = []
        claimed: set[int] = set()
        for candidate in candidates:
            if not (candidate.entry.root == "01" and candidate.rule == candidate.entry.id):
                kept.append(candidate)
                continue
            trigger = candidate.trigger
            said = [c for c in candidates if c is not candidate and inside_clause(c.trigger, trigger)]
            clause = next((c for c in trigger.children if c.dep_ in ("ccomp", "parataxis")), None)
            criticized = self._criticized(clause, candidate, context)
            if criticized:
                # "'Russia's actions are illegal,' the minister said": the speaker criticizes Russia (111);
                # the acts named in what was said are its object, not events of their own
                candidate.cameo, candidate.targets = "111", criticized
                candidate.rule = f"criticize:{clause.lemma_.lower() if clause is not None else ''}+{candidate.entry.id}"
                claimed.update(id(c) for c in said if c.entry.pos == "noun")
                kept.append(candidate)
                continue
            if clause is not None and auxiliaries(clause) & DEONTIC_AUX and candidate.sources:
                demanded = [
                    c for c in said if c.trigger == clause or (c.trigger.head == clause and c.entry.pos == "noun")
                ]
                subjects = [role for t in subject_of(clause)[0] for role in context.roles_at(t)]
                for inner in demanded:
                    inner.cameo = self.lexicon.derive("demand", inner.entry.cameo)
                    inner.rule = f"demand:must+{inner.entry.id}"
                    inner.targets = inner.sources if any(r.direct for r in inner.sources) else subjects
                    inner.sources = candidate.sources
                    inner.modality = candidate.modality
                if demanded:
                    continue
                if subjects:
                    candidate.cameo, candidate.rule, candidate.targets = (
                        "100",
                        f"demand:must+{candidate.entry.id}",
                        subjects,
                    )
                    kept.append(candidate)
                    continue
            if (
                said
                and not self.keep_unasserted
                and candidate.cameo in TARGETED_STATEMENT_CODES
                and all(c.modality in ("negated", "hypothetical") for c in said)
            ):
                continue  # "X said Y did not attack": what was said is not coded, nor is the saying
            same = [c for c in said if any(same_actor(a, b) for a in c.sources for b in candidate.sources)]
            if (
                same
                and candidate.trigger.lemma_.lower() in CLAIM_VERBS
                and any(c.entry.root in CLAIMED_ROOTS for c in same)
            ):
                # "the Taliban claimed they had attacked the school": a claim of responsibility
                candidate.cameo, candidate.rule = "015", f"claim+{candidate.entry.id}"
                candidate.targets = [t for c in same for t in c.targets][:1]
                claimed.update(id(c) for c in same)
                kept.append(candidate)
                continue
            if same:
                continue
            for inner in said:
                if inner.modality == "asserted":
                    inner.modality = "reported"
                if not inner.sources and pronoun_subject(inner.trigger):
                    # "Netanyahu said he will hold talks": the pronoun is the speaker
                    inner.sources = [replace(r, direct=False) for r in candidate.sources]
            same = [c for c in said if any(same_actor(a, b) for a in c.sources for b in candidate.sources)]
            if same:
                continue
            if any(c.modality not in ("negated", "hypothetical") for c in said):
                candidate.factor = weights()["statement_with_event"]
            kept.append(candidate)
        return [c for c in kept if id(c) not in claimed]

    def _criticized(self, clause: Token | None, candidate: _Candidate, context: SentenceContext) -> list[Role]:
        """The actors a reported clause condemns: its subject (or the subject's owner) when its predicate does.

        "'Russia's actions are deplorable,' X said", "X said Beijing was lying"; the speaker is no
        target of their own criticism.
        """
        if clause is None or not candidate.sources:
            return []
        words = [clause, *(c for c in clause.children if c.dep_ in ("acomp", "attr"))]
        if not any(w.lower_ in CRITICISM_PREDICATES or w.lemma_.lower() in CRITICISM_PREDICATES for w in words):
            return []
        if clause_modality(clause, self.lexicon) in ("negated", "hypothetical"):
            return []  # "X said the strikes were not illegal"
        subjects = [role for t in subject_of(clause)[0] for role in context.roles_at(t)]
        return [r for r in subjects if r.actor.code and not any(same_actor(r, s) for s in candidate.sources)]

    # -- events -------------------------------------------------------------------------

    def _events(
        self,
        candidate: _Candidate,
        context: SentenceContext,
        sentence_index: int,
        doc_id: str,
        date: dt.date | None,
        lexicon_version: str,
        partners: dict[str, Actor] | None,
        written: dt.date | None,
    ) -> Iterable[Event]:
        trigger = candidate.trigger
        shown = candidate.word or trigger
        historical = is_historical(trigger, written)
        if not historical and (self._background(shown) or is_habitual(shown)):
            return  # "the gang, which attacked a convoy", "X often criticizes Y": no event reported (docs/events.md)
        joint = self._joint(candidate)

        def event(source: Role | None, target: Role | None) -> Event:
            cameo, rule = candidate.cameo, candidate.rule
            unarmed = assault_codes().get((cameo, trigger.lemma_.lower()))
            # a joint act ("protesters and police clashed") is a fight only if it is one from both sides
            armed = _armed(source, target) and (not joint or _armed(target, source))
            if unarmed is not None and not armed and _verbal_attack(trigger, source, target):
                cameo, rule = "111", f"verbal+{rule}"  # "Trump attacked his attorney general": criticism
            elif unarmed is not None and not armed:
                cameo, rule = unarmed, f"unarmed+{rule}"  # "gunmen killed five shopkeepers": assault, not a fight
            return build_event(
                doc_id=doc_id,
                date=date,
                sentence_index=sentence_index,
                sentence=context.doc.text,
                trigger=shown.text,
                char_start=context.offset + shown.idx,
                rule=rule,
                source=None if source is None else source.actor,
                target=None if target is None else target.actor,
                cameo=cameo,
                info=self.ontology.get(cameo),
                confidence=_confidence(candidate, source, target, trigger),
                modality=candidate.modality,
                lexicon_version=lexicon_version,
                historical=historical,
            )

        # a name we cannot code beside one we can ("condemned the regime's executions of X, Y and Z") is
        # no target of its own: the coded one is what the event is about
        coded = [t for t in candidate.targets if t.actor.code]
        targets: list[Role | None] = list(coded or candidate.targets) or [None]
        known = [r for r in candidate.sources if r.actor.code]
        sources: list[Role | None] = list(known or candidate.sources) or ([None] if _agentless(candidate) else [])
        pairs: list[tuple[Role | None, Role | None]] = [(s, t) for s in sources for t in targets]
        if joint:
            # "Kosovo and Serbia reached a deal", "the two leaders discussed ...": each side acts towards
            # the other; with more parties, the first-named one and each other (docs/annotation.md)
            first, *others = candidate.sources
            pairs = [(first, b) for b in others]
            pairs += [(b, first) for b in others]
            targets = [b for _, b in pairs]
        for source, target in pairs:
            if candidate.entry.id in ARMED_ONLY_ENTRIES and not _violent(source, target, context):
                continue  # "a measure targeting the executive branch", "cuts would hit both sides": no violence
            if source is None:
                # "Four people were arrested": the sentence names who suffered it, not who did it
                yield event(None, target)
                continue
            if target is None and partners is not None and candidate.cameo[:2] in CONSULT_ROOTS:
                partner = partners.get(source.actor.code or "")
                if partner is not None:
                    # "The Vice President met President Hassan. ... The Vice President also discussed ...":
                    # the talks go on with the one met before (no token of it here: an indirect role)
                    target = Role(partner, None, False, trigger.i)
            if target is not None and same_actor(source, target):
                if _borrowed_country(source, target):
                    # "The ministers condemned North Korea's launch": the ministers took the sentence's only
                    # country, which is the target's; the target is the firmer reading, the source loses it
                    source = replace(source, actor=_without_country(source.actor), mention=None)
                else:
                    target = None
            if candidate.entry.root == "01" and self._bare(candidate.cameo, target):
                continue
            if (
                target is None
                and not self.targetless_events
                and not {candidate.cameo[:2], candidate.cameo} & TARGETLESS_CODES
            ):
                continue  # "the army launched strikes", "Russia's investigation": on real news 5 of 68 were right
            if candidate.entry.root in PARTNERED_ROOTS and target is None and not _party_object(trigger, context):
                continue  # "remains committed to supporting democracy": no party, no event
            if candidate.entry.roles in ("dyadic", "experiencer") and (target is None or target.actor.code is None):
                continue  # "called Lavrov" is a phone call, "called it a deal" is not
            if _press_talk(candidate, target):
                continue  # "speaking to reporters, the official said": a press statement, no talks
            if candidate.entry.id in OWN_COUNTRY_ENTRIES and _own_country(source, target):
                continue  # "Ukrainians defend their country": a defence in arms, not words
            uncoded = source.actor.code is None and (target is None or target.actor.code is None)
            if uncoded and (candidate.entry.root not in STRONG_ROOTS or source.actor.text.lower() in PRONOUNS):
                continue  # nothing coded on either side: only material conflict is worth keeping
            if target is None and len(targets) > 1:
                continue
            if (
                partners is not None
                and target is not None
                and target.mention is not None  # named here, not carried over itself
                and candidate.cameo[:2] in CONSULT_ROOTS
                and source.actor.code
                and target.actor.code
            ):
                partners[source.actor.code] = target.actor
            yield event(source, target)

    def _background(self, shown: Token) -> bool:
        """Whether the event's word stands in a clause told in passing (`is_background`); a noun carried by
        a light verb ("launched an attack", "went on strike") stands where its verb does."""
        carrier = carrier_verb(noun_anchor(shown), self.lexicon) if shown.pos_ in ("NOUN", "PROPN") else None
        return is_background(carrier or shown, self.lexicon)

    def _joint(self, candidate: _Candidate) -> bool:
        """Whether several sources act towards each other: a joint subject of a mutual act with no direct target.

        "X and Y met", "the two leaders discussed trade" (a coded actor deep in a consultation's
        topic, "discussed Russia's war", is no interlocutor).
        """
        coded = {r.actor.code for r in candidate.sources if r.actor.code}
        if len(candidate.sources) < 2 or len(coded) < 2:
            return False
        if not ("with" in candidate.entry.target or candidate.cameo[:2] in JOINT_ROOTS):
            return False
        if candidate.cameo[:2] not in JOINT_ROOTS and candidate.cameo[:2] != candidate.entry.root:
            return False  # "X and Y demanded that Z agree": a demand for a mutual act is not itself mutual
        # what a consultation is about is no party to it; a deal "normalising relations with Israel" has one
        return not candidate.targets or candidate.cameo[:2] == "04" and all(not t.direct for t in candidate.targets)


#: Country rules that take a country from the context, not from the mention's own words (docs/actors.md)
_CONTEXT_COUNTRY_RULES = frozenset(
    {"country.sentence", "country.paragraph", "country.dateline", "country.article", "country.source"}
)


#: The context rules through which a source may have taken its target's country: all but the issuer's.
_BORROWING_RULES = _CONTEXT_COUNTRY_RULES - {"country.source"}


def _borrowed_country(source: Role, target: Role) -> bool:
    """Whether a source shares its target's country only because it took it from the context.

    The issuer of a release ("We commend our embassy staff": country.source) borrows nothing from
    the target: its country is the release's.
    """
    return (
        source.actor.country_rule in _BORROWING_RULES
        and target.actor.country_rule not in _CONTEXT_COUNTRY_RULES
        and target.actor.country is not None
        and source.actor.sector is not None
    )


def _without_country(actor: Actor) -> Actor:
    """The actor as its own words name it: a bare sector ("ministers" -> GOV)."""
    return replace(actor, code=join_code(None, actor.sector), country=None, country_rule=None)


def _ongoing(governor: Token, entry: TriggerEntry) -> bool:
    """Whether a future governor carries on an act under way ("will continue to condemn"), for the codes
    a future leaves as they are, intents and threats aside (`ongoing_verbs`)."""
    return (
        governor.lemma_.lower() in ONGOING_VERBS and entry.root in FUTURE_KEPT_ROOTS and entry.root not in ("03", "13")
    )


def _givers(node: Token) -> list[Token]:
    """The objects of `node`'s from- and by-phrases: who gives what a recipient gets."""
    return [pobj for prep in node.children if prep.lower_ in ("from", "by") for pobj in prep_objects(prep)]


def _own_country(source: Role, target: Role | None) -> bool:
    """Whether the target is the source's own country as a whole ("defend their country")."""
    return _whole_country(target) and target is not None and target.actor.country == source.actor.country


def _violent(source: Role | None, target: Role | None, context: SentenceContext) -> bool:
    """Whether a violence verb used figuratively as often as not ("target", "hit") is violence here: an armed
    side acts or is hit, a country as a whole is hit ("threatened to hit Iran"), or the sentence names a
    weapon or a strike (`weapon_words`)."""
    if _armed(source, target) or _whole_country(target):
        return True
    return any(token.lemma_.lower() in WEAPON_WORDS for token in context.doc)


def _press_talk(candidate: _Candidate, target: Role | None) -> bool:
    """Whether a consultation is talk to the press ("speaking to reporters"; `press_talk_lemmas`)."""
    return (
        candidate.cameo[:2] == "04"
        and candidate.trigger.lemma_.lower() in PRESS_TALK_LEMMAS
        and target is not None
        and (target.actor.sector or "").lower() in PRESS_SECTORS
    )


def _has_condition(token: Token) -> bool:
    """Whether a clause carries a condition ("will impose sanctions if it invades"): a threat, not an announcement."""
    return any(c.dep_ == "advcl" and is_condition(c) for c in token.children)


def _party_object(trigger: Token, context: SentenceContext) -> bool:
    """Whether a trigger's object names people, coded or not ("rallied Arab states", "backs the rebels")."""
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "dative")]
    objects += [p for c in trigger.children if c.dep_ == "prep" for p in prep_objects(c)]
    return any(context.names_actor(t) for t in objects)


def _files_suffix(paths: Sequence[Path]) -> str:
    """A suffix for the lexicon version naming the user lexicon files' content ("" when none)."""
    if not paths:
        return ""
    digest = hashlib.sha1()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return f"+lex.{digest.hexdigest()[:8]}"


@functools.cache
def assault_codes() -> dict[tuple[str, str], str]:
    """(fight code, trigger lemma) -> the assault code of the same violence when neither side is armed
    (``lexicon/assault_codes.tsv``; CAMEO 18 is unconventional violence, 19 the use of armed force)."""
    return {(row["cameo"], row["lemma"]): row["unarmed"] for row in read_tsv("lexicon/assault_codes.tsv")}


def _whole_country(role: Role | None) -> bool:
    """Whether a role is a country as a whole ("Russia", "Iranian"), not one of its sectors."""
    return role is not None and role.actor.country is not None and role.actor.sector is None


def _armed(source: Role | None, target: Role | None) -> bool:
    """Whether violence is a fight: armed forces, rebels or police act, a state acts as a whole, or the
    victims are armed. Unknown doers and criminals attacking people assault them."""
    if source is not None:
        actor = source.actor
        sector = (actor.sector or "").lower()
        if sector in ARMED_SECTORS or sector in ARMED_SOURCE_SECTORS:
            return True
        if _whole_country(source):
            return True  # "Russia attacked Ukraine"
        if actor.code and actor.code.startswith("IMG"):
            return True  # a named armed group (Phoenix IMG codes)
    return target is not None and (target.actor.sector or "").lower() in ARMED_SECTORS


def _verbal_attack(trigger: Token, source: Role | None, target: Role | None) -> bool:
    """An unarmed 'attack' by a politician, a party, an official or the press on a person or an
    institution is words, not violence: "Meadows attacked Cohen on his credibility", "Trump attacked
    his attorney general". On a state as a whole it is war: "Putin is attacking Ukraine"."""
    if source is None or target is None or trigger.lemma_.lower() not in VERBAL_ATTACK_LEMMAS:
        return False
    return (source.actor.sector or "").lower() in SPEAKER_SECTORS and not _whole_country(target)


def _agentless(candidate: _Candidate) -> bool:
    """Whether an event with no doer is still worth coding: yielding, disapproval, coercion or violence done
    to a coded actor in a passive with no by-phrase ("four people were arrested", "the agency has been
    criticized"; docs/annotation.md)."""
    return (
        candidate.entry.root in AGENTLESS_ROOTS
        and candidate.entry.pos == "verb"
        and candidate.cameo[:2] == candidate.entry.root
        and subject_of(candidate.trigger)[1]
        and any(role.actor.code for role in candidate.targets)
    )


def _confidence(candidate: _Candidate, source: Role | None, target: Role | None, trigger: Token) -> float:
    """The confidence formula (`tacitus.coding.confidence`) applied to a candidate and one source/target pair."""
    return event_confidence(
        candidate.prior or candidate.entry.prior,
        factor=candidate.factor,
        cameo=candidate.cameo,
        modality=candidate.modality,
        derived=candidate.rule != candidate.entry.id,
        source=None if source is None else _evidence(source, trigger),
        target=None if target is None else _evidence(target, trigger),
    )


def _evidence(role: Role, trigger: Token) -> RoleEvidence:
    return RoleEvidence(coded=bool(role.actor.code), direct=role.direct, distance=abs(role.token_index - trigger.i))
