"""The cheap filter before the parse: is a tokenised sentence worth parsing, and can it be coded without?

Parsing is the expensive step, and most news sentences hold no event. The pipeline
asks `may_hold_event` for every sentence (tokens and actor mentions only, no parse)
and parses only those that keep a trigger near an actor. A lone "X said ..." with its
speaker right next to the verb needs no parse at all: `lone_statement` finds the
speaker by adjacency, and the coder turns it into a statement event.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tacitus.coding.words import CRITICISM_PREDICATES, DEONTIC_AUX, FINITE_SPEECH_FORMS, SPEAKER_GAP

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from tacitus.coding.lexicon import Lexicon, TriggerEntry
    from tacitus.models import ActorMention

#: How close (in tokens) a coded actor must be to a lone speech verb for the sentence to be parsed.
SPEAKER_WINDOW = 5
#: Tokens between a trigger and the nearest actor or agent noun for a sentence to be worth parsing.
TRIGGER_WINDOW = 12


@dataclass(frozen=True, slots=True)
class LoneStatement:
    """A speech verb whose speaker stands right next to it: codable without a parse."""

    trigger: Token
    speaker: ActorMention
    entry: TriggerEntry


def may_hold_event(
    lexicon: Lexicon, sentence: Span, mentions: list[ActorMention], *, bare_statements: bool = False
) -> bool:
    """Whether `sentence` (tokenised, unparsed) is worth parsing: a trigger form and an actor.

    A material-conflict trigger ("bombing", "clashes") near any actor or agent noun ("gunmen",
    "a car bomb") is enough, because such events are worth coding even when their actors
    cannot be (yet) identified; alone ("the violence", "mourning") it rarely yields an event.
    Other triggers need a coded actor within `TRIGGER_WINDOW` tokens. A sentence whose only
    triggers are speech verbs that never take a target ("said", "added") yields only bare
    statements, so it is parsed only when `bare_statements` asks for them.
    """
    inside = _mention_tokens(sentence, mentions) if mentions else set()
    # every sentence of every article comes here: read each token's form once (doc index, form)
    forms = list(enumerate([token.lower_ for token in sentence], sentence.start))
    # "the United States" is no statement, "Treaty Organization" no treaty
    words = {form for i, form in forms if i not in inside}
    strong = words & lexicon.strong_forms
    coded = [m for m in mentions if m.code]
    found = lexicon.triggers_in(words) if coded else set()
    if not strong and not found:
        return False
    # An event's actors stand near its trigger; a trigger far from every actor and agent
    # noun ("... the violence that followed, the report said") yields nothing when parsed.
    anchors = inside | {i for i, form in forms if form in lexicon.agent_forms}
    wanted = strong | found
    triggers = [i for i, form in forms if i not in inside and form in wanted]
    if not any(abs(t - a) <= TRIGGER_WINDOW for t in triggers for a in anchors):
        return False
    if strong:
        return True  # "gunmen attacked a convoy": worth coding even with uncoded actors
    if not found <= lexicon.statement_forms or words & (DEONTIC_AUX | CRITICISM_PREDICATES):
        return True  # "X said Y must ..." is a demand, "Y's acts are illegal, X said" a criticism
    if not bare_statements and found <= lexicon.bare_statement_forms:
        return False  # "X said ..." with nothing else to code: an attribution, not an event
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


def lone_statement(lexicon: Lexicon, sentence: Span, mentions: list[ActorMention]) -> LoneStatement | None:
    """A lone statement ("Turkey said ...") codable without parsing; None when the sentence needs a parse.

    For a sentence `may_hold_event` kept whose only triggers are speech verbs, the speaker is
    the coded actor next to the verb ("Foreign Minister X said", "said Foreign Minister X").
    """
    inside = _mention_tokens(sentence, mentions) if mentions else set()
    words = {t.lower_ for t in sentence if t.i not in inside}
    found = lexicon.triggers_in(words)
    if not found or not found <= lexicon.statement_forms or words & (DEONTIC_AUX | CRITICISM_PREDICATES):
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
    return LoneStatement(trigger, speaker, entry)


def _mention_tokens(sentence: Span, mentions: list[ActorMention]) -> set[int]:
    """Doc indices of the tokens of `sentence` that lie inside an actor mention."""
    inside: set[int] = set()
    doc = sentence.doc
    for mention in mentions:
        span = doc.char_span(mention.char_start, mention.char_end, alignment_mode="expand")
        if span is not None:
            inside.update(range(span.start, span.end))
    return inside


def _finite_speech_form(token: Token) -> bool:
    """A past or 3rd-person form that is a verb in practice ("said", "told", "announced")."""
    return token.lower_.endswith("ed") or token.lower_ in FINITE_SPEECH_FORMS


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
