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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tacitus.coding.lexicon import STRONG_ROOTS, Lexicon, TriggerEntry, load_lexicon
from tacitus.coding.ontology import CameoCode, Ontology, load_ontology
from tacitus.models import Actor, ActorMention, Event, Evidence, make_event_id

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you", "who", "which", "that", "this"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "can", "should", "must", "ought"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
PAST_UNITS = frozenset({"year", "decade", "century"})
DECADE = re.compile(r"^(1[89]\d0|20[0-9]0)s$")
#: Only main-clause verbs may borrow the nearest preceding actor as source when the parse has none.
FALLBACK_DEPS = frozenset({"ROOT", "ccomp", "conj", "parataxis"})
#: Roots whose negated future ("will not lift", "failed to agree") is a rejection (12x).
COOPERATIVE_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
#: Auxiliaries of the reported clause that turn a statement into a demand ("X said Y must ...").
DEONTIC_AUX = frozenset({"must", "should"})
#: A nominal event that is only mentioned ("condemned the invasion") rather than carried out.
NOMINAL_REFERENCE = 0.75
#: A statement whose content is itself coded is the less informative event of the two.
STATEMENT_WITH_EVENT = 0.6
#: Dependents that never satisfy a required word: "to fly" is no "fly to", a subject no object.
NOT_REQUIRED_DEPS = frozenset({"cc", "punct", "relcl", "advcl", "nsubj", "nsubjpass", "aux", "auxpass", "mark", "det"})
#: Dependencies a required word may be reached through below the trigger's own children.
REQUIRES_PATH = frozenset({"pobj", "appos", "prep", "oprd", "acomp", "dobj", "amod", "compound", "conj"})
#: Prepositions through which a verb governs a nominal event ("called for talks", "refrained from attacks").
GOVERNING_PREPS = frozenset({"of", "with", "from", "to", "for", "on"})
#: Speech verbs that, with the speaker's own deed as content, claim responsibility (015).
CLAIM_VERBS = frozenset({"claim", "admit"})
CLAIMED_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})
#: How close (in tokens) a coded actor must be to a lone speech verb for the sentence to be parsed.
SPEAKER_WINDOW = 5
#: Tokens between a trigger and the nearest actor or agent noun for a sentence to be worth parsing.
TRIGGER_WINDOW = 12
#: "called on/for/upon": an appeal; "called X to ...": a phone call with a purpose.
CALL_PREPS = frozenset({"on", "for", "upon"})
#: Governing kinds that override an inner intent ("urged X to agree to talks" is an appeal).
PASSING_KINDS = frozenset({"appeal", "demand", "reject", "threaten"})
#: Words that name a time, never an actor.
TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday"}
    | {"tomorrow", "week", "weekend", "month", "year", "day", "night", "morning", "evening", "afternoon", "time"}
    | {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec."}
)
#: Confidence factor for a statement coded without a parse (speaker by adjacency).
UNPARSED = 0.9
#: Words that may stand between a speaker and "said" ("Turkey has also said").
SPEAKER_GAP = frozenset({"has", "have", "had", "also", "later", "then", "previously", "recently", "again", "once"})
SPEAKER_GAP = SPEAKER_GAP | {"publicly", "repeatedly", "earlier", "separately", "further", "already", "formally"}
#: Past this many tokens between a trigger and its actor the parse is less trustworthy.
FAR_TOKENS = 12


@dataclass
class _Role:
    """An actor found for a role, and how directly the parse supports it."""

    actor: Actor
    mention: ActorMention | None
    direct: bool  # found through a dependency link (not the nearest-mention fallback)
    token_index: int  # a token of the actor in the sentence doc, for distance


@dataclass
class _Candidate:
    """An event under construction before ids and confidence are fixed."""

    trigger: Token
    entry: TriggerEntry
    cameo: str
    modality: str
    sources: list[_Role]
    targets: list[_Role]
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
    """

    def __init__(self, *, lexicons: Sequence[Path] = (), keep_unasserted: bool = False) -> None:
        self.lexicon: Lexicon = load_lexicon(tuple(lexicons))
        self.ontology: Ontology = load_ontology()
        self.keep_unasserted = keep_unasserted
        self.user_lexicon_suffix = _files_suffix(lexicons)

    # -- the cheap filter ---------------------------------------------------------------

    def may_hold_event(self, sentence: Span, mentions: list[ActorMention]) -> bool:
        """Whether `sentence` (tokenised, unparsed) is worth parsing: a trigger form and an actor.

        A material-conflict trigger ("bombing", "clashes") near any actor or agent noun ("gunmen",
        "a car bomb") is enough, because such events are worth coding even when their actors
        cannot be (yet) identified; alone ("the violence", "mourning") it rarely yields an event.
        Other triggers need a coded actor within `TRIGGER_WINDOW` tokens.
        """
        lexicon = self.lexicon
        inside = _mention_tokens(sentence, mentions) if mentions else set()
        # "the United States" is no statement, "Treaty Organization" no treaty
        words = {token.lower_ for token in sentence if token.i not in inside}
        strong = words & lexicon.strong_forms
        coded = [m for m in mentions if m.code]
        found = lexicon.triggers_in(words) if coded else set()
        if not strong and not found:
            return False
        # An event's actors stand near its trigger; a trigger far from every actor and agent
        # noun ("... the violence that followed, the report said") yields nothing when parsed.
        anchors = inside | {token.i for token in sentence if token.lower_ in lexicon.agent_forms}
        triggers = [token.i for token in sentence if token.i not in inside and token.lower_ in strong | found]
        if not any(abs(t - a) <= TRIGGER_WINDOW for t in triggers for a in anchors):
            return False
        if strong:
            return True  # "gunmen attacked a convoy": worth coding even with uncoded actors
        if not found <= lexicon.statement_forms or words & DEONTIC_AUX:
            return True
        # Only a speech verb: worth parsing when a coded actor stands where a speaker does, just
        # before it ("Turkey said") or just after it in an attribution ('," said Foreign Minister
        # X'); "he said" far from any actor, or an actor after "told" (the listener), yields none.
        near = _mention_tokens(sentence, coded)
        return any(
            0 < token.i - i <= SPEAKER_WINDOW or (_inverted_attribution(token) and 0 < i - token.i <= SPEAKER_WINDOW)
            for token in sentence
            if token.lower_ in found
            for i in near
        )

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
        lexicon = self.lexicon
        inside = _mention_tokens(sentence, mentions) if mentions else set()
        words = {t.lower_ for t in sentence if t.i not in inside}
        found = lexicon.triggers_in(words)
        if not found or not found <= lexicon.statement_forms or words & DEONTIC_AUX:
            return None
        speech = [t for t in sentence if t.lower_ in found and t.i not in inside]
        if len(speech) != 1 or not _finite_speech_form(speech[0]):
            return None  # several speech verbs, or "claims"/"say" that may be a noun or infinitive
        trigger = speech[0]
        speaker = _adjacent_speaker(trigger, [m for m in mentions if m.code])
        if speaker is None:
            return None  # the speaker is not next to the verb: the parse decides
        entry = lexicon.statement_entries.get(trigger.lower_)
        if entry is None:
            return None
        info = self.ontology.get(entry.cameo)
        source = Actor.from_mention(speaker)
        confidence = round(max(0.01, min(0.99, entry.prior * UNPARSED)), 3)
        return [
            _event(
                doc_id=doc_id,
                date=date,
                sentence_index=sentence_index,
                sentence=sentence.text,
                trigger=trigger.text,
                char_start=trigger.idx,
                rule=f"unparsed+{entry.id}",
                source=source,
                target=None,
                cameo=entry.cameo,
                info=info,
                confidence=confidence,
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
    ) -> list[Event]:
        """Events of one parsed sentence; `mentions` carry article-level offsets."""
        context = _Context(doc, mentions, sentence_start, self.lexicon.agent_nouns)
        candidates = self._candidates(context)
        events: list[Event] = []
        seen: set[str] = set()
        for candidate in candidates:
            if candidate.modality in ("negated", "hypothetical") and not self.keep_unasserted:
                continue
            for event in self._events(candidate, context, sentence_index, doc_id, date, lexicon_version):
                if event.event_id not in seen:
                    seen.add(event.event_id)
                    events.append(event)
        return events

    def _candidates(self, context: _Context) -> list[_Candidate]:
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
        return self._resolve_statements(candidates, context)

    def _match(self, token: Token) -> tuple[TriggerEntry | None, set[int]]:
        """The most specific lexicon entry `token` satisfies, and the dependents it consumed."""
        if token.pos_ in ("VERB",) or (token.pos_ == "AUX" and token.dep_ == "ROOT"):
            pos = "verb"
        elif token.pos_ in ("NOUN", "PROPN"):
            pos = "noun"
        else:
            return None, set()
        lemma = token.lemma_.lower()
        entries = self.lexicon.lookup(pos, lemma)
        if not entries and pos == "verb":
            entries = self.lexicon.lookup(pos, self.lexicon.base_form(token.lower_))  # "overran" mis-lemmatized
        if not entries and pos == "noun":
            entries = self.lexicon.lookup(pos, token.lower_)
        for entry in entries:
            if not entry.requires:
                return entry, set()
            hit = _required_dependent(token, entry.requires)
            if hit is not None:
                # a required noun dependent ("hold" + "talks") is part of this trigger
                return entry, {hit.i} if hit.pos_ in ("NOUN", "PROPN") else set()
        return None, set()

    def _build(
        self,
        token: Token,
        entry: TriggerEntry,
        context: _Context,
        matched: dict[int, TriggerEntry],
        suppressed: set[int],
    ) -> _Candidate | None:
        lexicon = self.lexicon
        cameo = entry.cameo
        rule = entry.id
        word: Token | None = None
        prior = entry.prior
        sources, targets = self._roles(token, entry, context)
        modality = _modality(token, lexicon)
        governor = _effective_governor(token, lexicon)
        if governor is not None:
            kind = lexicon.complement_kind(governor.lemma_.lower())
            if governor.dep_ in ("acl", "amod") and kind not in ("hypothetical", "negative"):
                kind = None  # "jets intended to help train ...": a description, not an actor's intent
            if kind == "appeal" and governor.lemma_.lower() == "call" and not _has_prep(governor, CALL_PREPS):
                kind = "hypothetical"  # "called Erdogan to apologize": the purpose of a call, not a fact
            own = matched.get(governor.i)
            if own is not None and own.requires and own.root not in ("02", "03", "10", "12", "13"):
                kind = None  # the governor is an event of its own kind ("called X's purchase incompatible")
            if kind in ("reject", "threaten", "intend", "appeal", "demand"):
                if not (kind == "intend" and entry.root in ("01", "02", "03")):  # "offered condolences" stays 018
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
                if kind in ("appeal", "demand") and g_targets or not targets:
                    targets = g_targets
                elif kind in ("appeal", "demand"):
                    # "demanded that Russia withdraw from Ukraine": the demand is made of Russia
                    addressees = [
                        r for r in own_sources if r.actor.code and not any(_same_actor(r, g) for g in sources)
                    ]
                    targets = addressees or targets
                for between in _chain(token, governor):
                    # whose request/demand it was: "rejected Turkey's request to ..."
                    own_sources = own_sources + [
                        r for c in between.children if c.dep_ == "poss" for r in context.roles_at(c)
                    ]
                owners = [r for r in own_sources if r.actor.code and not any(_same_actor(r, g) for g in sources)]
                if entry.pos == "noun" and owners and not any(r.actor.code for r in targets):
                    targets = (
                        owners  # "rejected U.S. pressure", "turned down Beijing's demand": the owner is the target
                    )
                governor_modality = _modality(governor, lexicon)
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
                modality = _modality(governor, lexicon)
            elif kind == "hypothetical":
                modality = "hypothetical"
            elif kind == "negative":
                modality = "negated"
        if modality == "negated" and entry.root in COOPERATIVE_ROOTS and _future(token, governor):
            # "will not lift the ban", "failed to reach agreement": a refusal, which CAMEO codes as 12x
            cameo, rule, modality = lexicon.derive("reject", entry.cameo), f"not+{entry.id}", "asserted"
        if modality == "intended" and entry.root not in ("01", "02", "03", "13") and not rule.startswith("intend:"):
            cameo = lexicon.derive("intend", cameo)
            rule = f"future+{entry.id}"
        elif modality == "threatened" and not rule.startswith("threaten:"):
            cameo = lexicon.derive("threaten", cameo)
            rule = f"future+{entry.id}"
        if not sources and not targets:
            return None
        factor = 1.0
        referenced = entry.pos == "noun" and _carrier(_noun_anchor(token), lexicon) is None and token.dep_ != "ROOT"
        if referenced and word is None:
            factor = NOMINAL_REFERENCE  # "condemned the invasion": most likely an event reported before
        return _Candidate(token, entry, cameo, modality, sources, targets, rule, factor, word, prior)

    # -- roles --------------------------------------------------------------------------

    def _roles(
        self, token: Token, entry: TriggerEntry | None, context: _Context, *, skip: int = -1
    ) -> tuple[list[_Role], list[_Role]]:
        """Source and target roles of a trigger, from the parse, with fallbacks."""
        target_slots = entry.target if entry is not None else ("dobj", "dative", "on", "to", "for")
        if entry is not None and entry.pos == "noun":
            source_tokens, target_tokens = _noun_arguments(token, entry, self.lexicon, context.by_token)
        else:
            source_tokens, target_tokens = _verb_arguments(token, target_slots, skip=skip)
        if entry is not None and entry.roles == "recipient":
            # "X received aid from Y": the giver (from/by) is the source, the subject the target
            givers = [pobj for prep in token.children if prep.lower_ in ("from", "by") for pobj in _pobjs(prep)]
            source_tokens, target_tokens = givers, source_tokens
        sources = [role for t in source_tokens for role in context.roles_at(t)]
        targets = [role for t in target_tokens for role in context.roles_at(t)]
        if not targets and entry is not None and entry.target:
            # "delay delivery of jets ... to train Turkish pilots": a coded actor deep in the object
            for obj in (c for c in token.children if c.dep_ in ("dobj", "attr")):
                deep = context.coded_in(obj, exclude={r.mention for r in sources})
                if deep is not None:
                    targets = [deep]
                    break
        nominal = entry is not None and entry.pos == "noun"
        if not sources and not nominal and token.dep_ in FALLBACK_DEPS:
            fallback = context.nearest_before(token, exclude={r.mention for r in targets if r.mention})
            if fallback is not None:
                sources = [fallback]
        return sources, targets

    def _resolve_statements(self, candidates: list[_Candidate], context: _Context) -> list[_Candidate]:
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
            said = [c for c in candidates if c is not candidate and _inside_clause(c.trigger, trigger)]
            clause = next((c for c in trigger.children if c.dep_ in ("ccomp", "parataxis")), None)
            if clause is not None and _auxiliaries(clause) & DEONTIC_AUX and candidate.sources:
                demanded = [
                    c for c in said if c.trigger == clause or (c.trigger.head == clause and c.entry.pos == "noun")
                ]
                subjects = [role for t in _subject(clause)[0] for role in context.roles_at(t)]
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
            if said and not self.keep_unasserted and all(c.modality in ("negated", "hypothetical") for c in said):
                continue  # "X said Y did not attack": what was said is not coded, nor is the saying
            same = [c for c in said if any(_same_actor(a, b) for a in c.sources for b in candidate.sources)]
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
                if not inner.sources and _pronoun_subject(inner.trigger):
                    # "Netanyahu said he will hold talks": the pronoun is the speaker
                    inner.sources = [replace(r, direct=False) for r in candidate.sources]
            same = [c for c in said if any(_same_actor(a, b) for a in c.sources for b in candidate.sources)]
            if same:
                continue
            if any(c.modality not in ("negated", "hypothetical") for c in said):
                candidate.factor = STATEMENT_WITH_EVENT
            kept.append(candidate)
        return [c for c in kept if id(c) not in claimed]

    # -- events -------------------------------------------------------------------------

    def _events(
        self,
        candidate: _Candidate,
        context: _Context,
        sentence_index: int,
        doc_id: str,
        date: dt.date | None,
        lexicon_version: str,
    ) -> Iterable[Event]:
        info = self.ontology.get(candidate.cameo)
        trigger = candidate.trigger
        shown = candidate.word or trigger
        char_start = context.offset + shown.idx
        historical = _historical(trigger, date)
        targets: list[_Role | None] = list(candidate.targets) or [None]
        pairs: list[tuple[_Role, _Role | None]] = [(s, t) for s in candidate.sources for t in targets]
        if not candidate.targets and len(candidate.sources) > 1 and "with" in candidate.entry.target:
            # "Kosovo and Serbia reached a deal": each side acts towards the other
            pairs = [(a, b) for a in candidate.sources for b in candidate.sources if a is not b]
            targets = [b for _, b in pairs]
        for source, target in pairs:
            if target is not None and _same_actor(source, target):
                target = None
            if candidate.entry.roles == "dyadic" and (target is None or target.actor.code is None):
                continue  # "called Lavrov" is a phone call, "called it a deal" is not
            uncoded = source.actor.code is None and (target is None or target.actor.code is None)
            if uncoded and (candidate.entry.root not in STRONG_ROOTS or source.actor.text.lower() in PRONOUNS):
                continue  # nothing coded on either side: only material conflict is worth keeping
            if target is None and len(targets) > 1:
                continue
            confidence = _confidence(candidate, source, target, trigger)
            yield _event(
                doc_id=doc_id,
                date=date,
                sentence_index=sentence_index,
                sentence=context.doc.text,
                trigger=shown.text,
                char_start=char_start,
                rule=candidate.rule,
                source=source.actor,
                target=None if target is None else target.actor,
                cameo=candidate.cameo,
                info=info,
                confidence=confidence,
                modality=candidate.modality,
                lexicon_version=lexicon_version,
                historical=historical,
            )


def _event(
    *,
    doc_id: str,
    date: dt.date | None,
    sentence_index: int,
    sentence: str,
    trigger: str,
    char_start: int,
    rule: str,
    source: Actor,
    target: Actor | None,
    cameo: str,
    info: CameoCode,
    confidence: float,
    modality: str,
    lexicon_version: str,
    historical: bool = False,
) -> Event:
    """The one place an Event is assembled: id, ontology fields and evidence from the coded parts."""
    return Event(
        event_id=make_event_id(
            doc_id,
            sentence_index,
            char_start,
            source.code or source.text,
            None if target is None else (target.code or target.text),
            cameo,
            lexicon_version,
        ),
        doc_id=doc_id,
        date=date.isoformat() if date else None,
        source=source,
        target=target,
        cameo=cameo,
        cameo_root=info.root,
        quad_class=info.quad_class,
        goldstein=info.goldstein,
        plover_type=info.plover_type,
        plover_mode=info.plover_mode,
        evidence=Evidence(
            sentence_index=sentence_index,
            sentence=sentence,
            trigger=trigger,
            char_start=char_start,
            char_end=char_start + len(trigger),
            rule=rule,
        ),
        confidence=confidence,
        modality=modality,
        lexicon_version=lexicon_version,
        historical=historical,
    )


def _files_suffix(paths: Sequence[Path]) -> str:
    """A suffix for the lexicon version naming the user lexicon files' content ("" when none)."""
    if not paths:
        return ""
    digest = hashlib.sha1()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return f"+lex.{digest.hexdigest()[:8]}"


class _Context:
    """Token ↔ mention lookups for one sentence."""

    def __init__(self, doc: Doc, mentions: list[ActorMention], offset: int, agent_nouns: frozenset[str]) -> None:
        self.doc = doc
        self.offset = offset
        self.agent_nouns = agent_nouns
        self.by_token: dict[int, ActorMention] = {}
        self.mention_tokens: list[tuple[int, ActorMention]] = []
        for mention in mentions:
            span = doc.char_span(mention.char_start - offset, mention.char_end - offset, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            for token in span:
                self.by_token.setdefault(token.i, mention)
            self.mention_tokens.append((span.root.i, mention))

    def roles_at(self, token: Token) -> list[_Role]:
        """Actors of an argument: its own mention(s), one per conjunct, or an uncoded phrase."""
        roles: list[_Role] = []
        seen: set[int] = set()
        for head in [token, *token.conjuncts]:
            role = self._role_at(head)
            if role is None:
                continue
            key = id(role.mention) if role.mention is not None else -head.i - 1
            if key not in seen:
                seen.add(key)
                roles.append(role)
        return roles

    def _role_at(self, head: Token) -> _Role | None:
        mention = self.by_token.get(head.i)
        if mention is not None:
            return _Role(Actor.from_mention(mention), mention, True, head.i)
        # nearest mention inside the argument's phrase, breadth first, not across conjuncts
        queue = [c for c in head.children if c.dep_ not in ("conj", "cc", "punct")]
        depth = 0
        while queue and depth < 6:
            for child in queue:
                found = self.by_token.get(child.i)
                if found is not None:
                    return _Role(Actor.from_mention(found), found, depth < 3, child.i)
            queue = [c for t in queue for c in t.children if c.dep_ not in ("punct", "cc")]
            depth += 1
        if self._may_be_actor(head):
            left = head.left_edge.i
            while (
                left < head.i
                and head.doc[left].dep_ in ("det", "punct", "predet")
                and head.doc[left].lower_ in ("the", "a", "an", ",", "all")
            ):
                left += 1
            phrase = head.doc[left : head.i + 1]
            start = self.offset + phrase.start_char
            return _Role(
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

    def _may_be_actor(self, head: Token) -> bool:
        """Whether an uncoded noun can still be an actor: a name, or an agent noun ("gunmen", "a car bomb")."""
        if head.lower_ in PRONOUNS or _time_word(head):
            return False
        return head.pos_ == "PROPN" or (head.pos_ == "NOUN" and head.lemma_.lower() in self.agent_nouns)

    def coded_in(self, head: Token, *, exclude: set[ActorMention | None]) -> _Role | None:
        """The first coded mention in `head`'s subtree, in reading order (indirect evidence)."""
        for token in head.subtree:
            mention = self.by_token.get(token.i)
            if mention is None or not mention.code or mention in exclude:
                continue
            if mention.country or mention.kind == "igo":  # a bare sector ("military") is too vague this far away
                return _Role(Actor.from_mention(mention), mention, False, token.i)
        return None

    def nearest_before(self, trigger: Token, *, exclude: set[ActorMention | None]) -> _Role | None:
        """Fallback source: the closest coded mention before the trigger (weak evidence)."""
        best: tuple[int, ActorMention] | None = None
        for index, mention in self.mention_tokens:
            if index < trigger.i and mention.code and mention not in exclude and (best is None or index > best[0]):
                best = (index, mention)
        if best is None:
            return None
        return _Role(Actor.from_mention(best[1]), best[1], False, best[0])


# -- parse helpers (module level: pure functions of tokens) ---------------------------


def _finite_speech_form(token: Token) -> bool:
    """A past or 3rd-person form that is a verb in practice ("said", "told", "announced")."""
    return token.lower_.endswith("ed") or token.lower_ in ("said", "says", "told", "tells", "wrote", "writes", "adds")


def _inverted_attribution(trigger: Token) -> bool:
    """Whether a speech verb follows a quote, so its speaker comes after it ('..." said X')."""
    doc = trigger.doc
    previous = doc[trigger.i - 1] if trigger.i > 0 else None
    return previous is not None and (
        previous.is_quote or (previous.text == "," and trigger.i > 1 and doc[trigger.i - 2].is_quote)
    )


def _adjacent_speaker(trigger: Token, coded: list[ActorMention]) -> ActorMention | None:
    """The coded mention right before the speech verb ("Cavusoglu said") or, in an inverted
    attribution after a quote, right after it ('..." said Foreign Minister X')."""
    doc = trigger.doc
    inverted = _inverted_attribution(trigger)
    for mention in coded:
        span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
        if span is None:
            continue
        if span.end <= trigger.i and all(t.lower_ in SPEAKER_GAP for t in doc[span.end : trigger.i]):
            return mention
        if inverted and span.start == trigger.i + 1:
            return mention
    return None


def _mention_tokens(sentence: Span, mentions: list[ActorMention]) -> set[int]:
    """Doc indices of the tokens of `sentence` that lie inside an actor mention."""
    inside: set[int] = set()
    doc = sentence.doc
    for mention in mentions:
        span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _pronoun_subject(trigger: Token) -> bool:
    """Whether the trigger's clause has a personal pronoun as subject ("he will meet ...")."""
    verb = trigger.head if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ != "ROOT" else trigger
    subjects, _ = _subject(verb)
    return any(t.lower_ in PERSONAL_PRONOUNS for t in subjects)


def _has_prep(token: Token, preps: tuple[str, ...]) -> bool:
    return any(
        c.dep_ in ("prep", "dative") and c.lower_ in preps and not any(map(_time_word, _pobjs(c)))
        for c in token.children
    )


def _time_word(token: Token) -> bool:
    """Dates and times are never actors ("called Morrison on Wednesday")."""
    return token.lower_ in TIME_WORDS or token.like_num


def _required_dependent(token: Token, required: frozenset[str]) -> Token | None:
    """A dependent named in `required`: a child, or up to two steps below through a preposition
    or object ("called Turkey's purchase of the S-400 'incompatible'")."""
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
                    if child.dep_ == "prep" and any(_time_word(p) for p in _pobjs(child)):
                        continue  # "called X on Wednesday" is no "called on X"
                    return child
                if depth == 0 or child.dep_ in REQUIRES_PATH:
                    following.append(child)
        frontier = following
    return None


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _subject(verb: Token, depth: int = 0) -> tuple[list[Token], bool]:
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
        return _subject(head, depth + 1)  # "Russia is willing [to withdraw]"
    if verb.dep_ == "xcomp" and head is not verb:
        # object control: "urged Turkey to cancel" → Turkey; "called on Turkey to cancel" → Turkey
        for child in head.children:
            if child.dep_ == "dobj" and child.pos_ in ("PROPN", "NOUN", "PRON"):
                return [child], False
            if child.dep_ == "prep" and child.lower_ == "on":
                objects = _pobjs(child)
                if objects:
                    return objects, False
        return _subject(head, depth + 1)[0], False
    if verb.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        return _subject(head, depth + 1)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":
        return _subject(head, depth + 1)[0], False
    if verb.dep_ in ("acl", "relcl") and head.pos_ in ("NOUN", "PROPN"):
        if verb.tag_ == "VBN":
            return [head], True
        if verb.tag_ == "VBG":
            return [head], False
    if verb.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX", "ADJ"):
        return _subject(head.head, depth + 1)[0], False  # "was guilty of violating"
    return [], False


def _verb_arguments(verb: Token, target_slots: tuple[str, ...], *, skip: int = -1) -> tuple[list[Token], list[Token]]:
    subjects, passive = _subject(verb)
    targets: list[Token] = []
    sources: list[Token] = []
    if passive:
        targets = subjects
        for child in verb.children:
            if child.dep_ == "agent":
                sources.extend(_pobjs(child))
        if not targets and verb.dep_ in ("acl",) and verb.head.pos_ in ("NOUN", "PROPN"):
            targets = [verb.head]
    else:
        sources = subjects
        targets = _slot_fillers(verb, target_slots, skip=skip)
    return sources, targets


def _slot_fillers(token: Token, slots: tuple[str, ...], *, skip: int = -1) -> list[Token]:
    """Dependents filling the target slots, in the entry's order of preference."""
    for slot in slots:
        if slot in ("dobj", "dative", "attr", "oprd", "nsubj"):
            found = [c for c in token.children if c.dep_ == slot]
            if slot == "dative":
                found = [c for c in found if c.pos_ in ("PROPN", "NOUN", "PRON")] + [
                    p for c in found if c.dep_ == "dative" and c.pos_ == "ADP" for p in _pobjs(c)
                ]
        else:
            found = [p for c in token.children if c.dep_ in ("prep", "dative") and c.lower_ == slot for p in _pobjs(c)]
            if not found:
                # the preposition may hang off the direct object ("imposed sanctions on Iran")
                for obj in token.children:
                    if obj.dep_ == "dobj":
                        found = [p for c in obj.children if c.dep_ == "prep" and c.lower_ == slot for p in _pobjs(c)]
                        if found:
                            break
        found = [t for t in found if t.i != skip]  # the governed event itself is no target
        if found:
            return found
    return []


#: Verbs whose object or prepositional object is an event done by the verb's subject:
#: "launched an attack", "announced a ceasefire", "went on strike", "held them as human shields".
CARRIER_KINDS = frozenset({"light", "transparent", "speech"})
CARRIER_PREPS = frozenset({"as", "on", "in", "into"})
#: Nouns that group events: "a package of sanctions", "a wave of attacks".
GROUP_NOUNS = frozenset(
    {"package", "round", "wave", "set", "series", "spate", "string", "barrage", "volley", "number"}
    | {"dollar", "euro", "pound", "yuan", "yen", "rupee", "million", "billion", "tonne", "ton"}
)
#: Roots whose nominal triggers are often modified by a place, not an actor ("the Astana talks").
PLACE_MODIFIED_ROOTS = frozenset({"04"})


def _noun_anchor(noun: Token) -> Token:
    """The noun phrase that carries a nominal trigger's roles.

    "a mediation effort between ..." → effort; "a package of sanctions against ..." → package.
    """
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        return noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ in ("of", "in") and noun.head.head.lemma_.lower() in GROUP_NOUNS:
        return noun.head.head  # "800 million dollars in military aid to Ukraine"
    return noun


def _carrier(anchor: Token, lexicon: Lexicon) -> Token | None:
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
        and head.head.lemma_.lower() in ("responsible", "guilty")
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


def _noun_arguments(
    noun: Token, entry: TriggerEntry, lexicon: Lexicon, mentioned: dict[int, ActorMention]
) -> tuple[list[Token], list[Token]]:
    """Roles of a nominal event: possessor or by-phrase, a carrier verb's subject, or an actor modifier."""
    anchor = _noun_anchor(noun)
    owners = [*noun.children, *(anchor.children if anchor is not noun else ())]
    sources = [c for c in owners if c.dep_ == "poss" and (c.pos_ != "PRON" or c.i in mentioned)]
    for prep in anchor.children:
        if prep.dep_ == "prep" and prep.lower_ == "by":
            sources.extend(_pobjs(prep))
    slots = entry.target or ("on", "against", "with", "to", "at", "of")
    targets = [p for slot in slots for c in anchor.children if c.dep_ == "prep" and c.lower_ == slot for p in _pobjs(c)]
    targets = targets[:3]
    carrier = _carrier(anchor, lexicon)
    if carrier is not None:
        if not sources:
            sources = _verb_arguments(carrier, ())[0]
        if not targets:
            targets = _slot_fillers(carrier, tuple(s for s in slots if s not in ("dobj",)), skip=anchor.i)
    if not sources and entry.root not in PLACE_MODIFIED_ROOTS:
        # "Russian airstrikes", "US sanctions"; but "the Astana talks" names a place
        sources = [c for c in owners if c.dep_ in ("compound", "amod", "nmod") and c.i in mentioned]
        sources = [c for c in sources if _placed(mentioned, c)]
    return sources, targets


def _effective_governor(token: Token, lexicon: Lexicon) -> Token | None:
    """The governing verb that decides what the event is, looking through carriers and intents.

    "agreed to hold talks": hold only carries the talks, agree decides (036); "called on Israel
    to agree to a truce": the appeal decides (02), not the agreement it asks for.
    """
    governor = _governor(token)
    for _ in range(3):
        if governor is None:
            return None
        kind = lexicon.complement_kind(governor.lemma_.lower())
        outer = _governor(governor)
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


def _chain(token: Token, governor: Token) -> list[Token]:
    """The nouns between a trigger and its effective governor ("request" in "rejected the request to extradite")."""
    nouns = []
    node = _governor(token)
    while node is not None and node is not governor and len(nouns) < 3:
        if node.pos_ == "NOUN":
            nouns.append(node)
        node = _governor(node)
    return nouns


def _governor(token: Token) -> Token | None:
    """The verb governing a controlled clause or nominal object ("refused [to meet]", "threatened [sanctions]")."""
    if token.dep_ in ("xcomp", "ccomp") and token.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        return token.head
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
    if token.dep_ == "pcomp" and token.head.head.pos_ in ("VERB", "ADJ"):
        return token.head.head
    return None


def _auxiliaries(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}


def _future(token: Token, governor: Token | None) -> bool:
    """Whether a negated event is a refusal: future or would-clause, or a failed attempt."""
    anchor = token.head if token.pos_ == "NOUN" and token.head.pos_ in ("VERB", "AUX") else token
    for node in (anchor, governor):
        if node is None:
            continue
        auxiliaries = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        if auxiliaries & {"will", "would", "wo", "shall", "'ll"} or node.lemma_.lower() in ("fail", "refuse"):
            return True
    return False


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in ("never", "no")) for c in token.children)


def _modality(token: Token, lexicon: Lexicon) -> str:
    """asserted / reported / intended / threatened / hypothetical / negated, from the clause chain."""
    anchor = token
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("dobj", "nsubjpass", "attr")
        and token.head.pos_ in ("VERB", "AUX")
    ):
        anchor = token.head  # a nominal event takes the modality of its light verb
    if _negated(anchor) or (anchor is not token and _negated(token)):
        return "negated"
    auxiliaries = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "auxpass")}
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in anchor.children):
        return "hypothetical"
    reported = False
    node = anchor
    for _ in range(6):
        head = node.head
        if head is node:
            break
        kind = lexicon.complement_kind(head.lemma_.lower())
        if node.dep_ in ("xcomp", "ccomp", "pcomp", "pobj", "prep") and kind == "hypothetical":
            return "hypothetical"
        if node.dep_ in ("xcomp",) and kind == "negative":
            return "negated"
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return "hypothetical"
        if node.dep_ == "ccomp" and kind == "speech":
            reported = True
            break
        if node.dep_ not in ("xcomp", "conj", "pcomp", "pobj", "prep", "acomp"):
            break
        node = head
    if auxiliaries & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxiliaries & FUTURE_AUX or ("would" in auxiliaries and reported):
        return "intended"
    if "would" in auxiliaries:
        return "hypothetical"
    if "going" in {c.lower_ for c in anchor.children if c.dep_ == "aux"}:
        return "intended"
    return "reported" if reported else "asserted"


def _inside_clause(inner: Token, speech: Token) -> bool:
    """Whether `inner` sits in the clausal complement of the speech verb `speech`."""
    node = inner
    for _ in range(8):
        if node.head is node:
            return False
        if node.head == speech:
            return node.dep_ in ("ccomp", "xcomp", "parataxis", "advcl", "dobj")
        node = node.head
    return False


def _same_actor(a: _Role, b: _Role) -> bool:
    if a.mention is not None and a.mention is b.mention:
        return True
    if a.actor.code and b.actor.code and a.actor.code == b.actor.code:
        return True
    return bool(
        a.actor.country
        and b.actor.country
        and a.actor.country == b.actor.country
        and (a.actor.sector is None or b.actor.sector is None or a.actor.sector == b.actor.sector)
    )


def _historical(trigger: Token, date: dt.date | None) -> bool:
    """A past year or "N years ago" in the trigger's clause ("in 2003 the US invaded Iraq")."""
    anchor = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") else trigger
    for token in _clause_tokens(anchor):
        if token.lower_ == "ago" and any(c.lemma_.lower() in PAST_UNITS for c in (token.head, *token.children)):
            return True
        if date is not None:
            if YEAR.match(token.text) and int(token.text) < date.year:
                return True
            if DECADE.match(token.text) and int(token.text[:4]) + 9 < date.year:
                return True
    return False


def _clause_tokens(head: Token) -> Iterable[Token]:
    """Tokens of `head`'s clause, not descending into clauses it embeds (what was said, relative clauses)."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        stack.extend(c for c in token.children if c.dep_ not in ("ccomp", "relcl", "advcl", "parataxis", "conj", "acl"))


def _confidence(candidate: _Candidate, source: _Role, target: _Role | None, trigger: Token) -> float:
    """Rule prior × evidence factors, documented in docs/events.md."""
    score = (candidate.prior or candidate.entry.prior) * candidate.factor
    score *= 1.0 if source.actor.code else 0.7
    if not source.direct:
        score *= 0.7
    if target is not None:
        score *= 1.0 if target.actor.code else 0.85
        if not target.direct:
            score *= 0.85
    if len(candidate.cameo) == 2:
        score *= 0.9
    score *= {"asserted": 1.0, "reported": 0.85, "intended": 0.9, "threatened": 0.9}.get(candidate.modality, 0.3)
    if candidate.rule != candidate.entry.id:
        score *= 0.95  # derived from a governing verb: one more inference step
    for role in (source, target):
        if role is not None and abs(role.token_index - trigger.i) > FAR_TOKENS:
            score *= 0.9
    return round(max(0.01, min(0.99, score)), 3)
