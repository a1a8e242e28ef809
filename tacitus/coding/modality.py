"""Modality: does the text assert an event, report it, intend it, threaten it, deny it, or only imagine it?

"did not attack" and "neither army fired" are negated, "could strike", "if they attack" and
"Is China preparing to invade Taiwan?" hypothetical, "will meet" intended, "Erdogan said
Russia attacked" reported; "in 2003 the US invaded Iraq" is historical. The coder drops
what is not asserted (unless asked to keep it) and turns a negated future of a
cooperative event into a refusal ("will not lift the ban" → 12x). The words consulted are
data (`tacitus.coding.words`); the clause structure is the parse's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from tacitus.coding.syntax import auxiliaries, clause_tokens, for_to_clause, sequel_verb, subject_child
from tacitus.coding.words import (
    BACKGROUND_DEPS,
    CONCURRENT_MARKS,
    CONDITIONAL_MARKS,
    DATED_CLAUSE_MARKS,
    FUTURE_AUX,
    GOVERNED_GERUND_PREPS,
    HABITUAL_ADVERBS,
    HEDGE_ADVERBS,
    HYPOTHETICAL_AUX,
    INVERTED_CONDITION_AUX,
    NEGATION_DETERMINERS,
    NEGATIVE_SUBJECTS,
    OBLIGATION_VERBS,
    PAST_PHRASES,
    PAST_UNITS,
    REFUSAL_AUX,
    REFUSAL_VERBS,
    TIME_WORDS,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token

    from tacitus.coding.lexicon import Lexicon

YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")
DECADE = re.compile(r"^(1[89]\d0|20[0-9]0)s$")
#: Dependencies through which a year dates a clause ("in 2003", "November 2021"), not a thing ("the 2015 deal").
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "nummod", "poss"})
_PAST_PHRASES = tuple(tuple(phrase.split()) for phrase in sorted(PAST_PHRASES))
_PAST_FIRST = frozenset(phrase[0] for phrase in _PAST_PHRASES)
#: How far up the parse a question mark or a governing clause is looked for.
_MAX_CLIMB = 8


def clause_modality(token: Token, lexicon: Lexicon) -> str:
    """asserted / reported / intended / threatened / hypothetical / negated, from the clause chain."""
    anchor = token
    if (
        token.pos_ in ("NOUN", "PROPN")
        and token.dep_ in ("dobj", "nsubjpass", "attr")
        and token.head.pos_ in ("VERB", "AUX")
    ):
        anchor = token.head  # a nominal event takes the modality of its light verb
    if is_negated(anchor) or (anchor is not token and is_negated(token)) or has_negative_subject(anchor):
        return "negated"
    if is_question(anchor):
        return "hypothetical"  # "Is China preparing to invade Taiwan?" asks, it does not assert
    if _imagined_subject(token):
        return "hypothetical"  # "a further invasion of Ukraine would produce suffering": a consequence imagined
    if for_to_clause(anchor) and lexicon.complement_kind(anchor.head.lemma_.lower()) is None:
        return "hypothetical"  # "it was despicable for a government to kill a journalist": judged, not told
    described = _described_object_modality(anchor, lexicon)
    if described is not None:
        return described
    aux = auxiliaries(anchor)
    if is_condition(anchor):
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
        if node.dep_ == "xcomp" and head.lemma_.lower() in OBLIGATION_VERBS and head.tag_ != "VBD":
            # "is going to have to release immigrants": what must happen; "had to withdraw" did happen
            return "hypothetical"
        if node.dep_ == "ccomp" and any(
            c.dep_ == "acomp" and lexicon.complement_kind(c.lemma_.lower()) == "hypothetical" for c in head.children
        ):
            return "hypothetical"  # "it is very possible the government will expel ...": a likelihood
        if node.dep_ == "xcomp" and (kind in ("negative", "reject") or is_negated(head)):
            # "failed to meet", "refused to sign", "did not try to attack", "didn't wait to be asked"
            return "negated"
        if node.dep_ == "advcl" and is_condition(node):
            return "hypothetical"
        if node.dep_ == "conj" and is_negated(head) and any(c.lower_ in ("or", "nor") for c in head.children):
            return "negated"  # "had not been captured or killed": the negation covers both
        if node.dep_ == "ccomp" and kind == "speech":
            reported = True
            break
        if node.dep_ not in ("xcomp", "conj", "pcomp", "pobj", "prep", "acomp"):
            break
        node = head
    if aux & HYPOTHETICAL_AUX:
        return "hypothetical"
    if not reported and any(c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS for c in anchor.children):
        return "hypothetical"  # the writer's guess ("will likely rally"); a speaker's own hedge is his intent
    if aux & FUTURE_AUX or ("would" in aux and reported):
        return "intended"
    if "would" in aux:
        return "hypothetical"
    if "going" in {c.lower_ for c in anchor.children if c.dep_ == "aux"}:
        return "intended"
    return "reported" if reported else "asserted"


def _imagined_subject(token: Token) -> bool:
    """A nominal event that is the subject of a would/could clause: what it would do is imagined, so is it."""
    if token.pos_ != "NOUN" or token.dep_ != "nsubj" or token.head.pos_ not in ("VERB", "AUX"):
        return False
    aux = auxiliaries(token.head)
    return bool(aux & HYPOTHETICAL_AUX or "would" in aux)


def is_negated(token: Token) -> bool:
    """Whether `token` is negated by "not", "never" or "no" ("did not attack", "no talks")."""
    return any(
        c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEGATION_DETERMINERS) for c in token.children
    )


def has_negative_subject(verb: Token) -> bool:
    """Whether the subject of `verb` denies it: "Neither army fired", "No country objected", "Nobody was hurt"."""
    for subject in verb.children:
        if subject.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if subject.lower_ in NEGATIVE_SUBJECTS:
            return True
        if any(d.dep_ in ("det", "preconj") and d.lower_ in NEGATION_DETERMINERS for d in subject.children):
            return True
    return False


def is_condition(verb: Token) -> bool:
    """Whether a clause is a condition: "if they attack", "unless", or inverted "had they (not) been caught"."""
    children = list(verb.children)
    if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
        return True
    if verb.dep_ != "advcl":
        return False
    subjects = [c.i for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and any(
        c.dep_ == "aux" and c.lower_ in INVERTED_CONDITION_AUX and c.i < subjects[0] for c in children
    )


def is_question(anchor: Token) -> bool:
    """Whether `anchor` sits in a clause that ends in a question mark ("Did Russia sabotage the cable?")."""
    if not _has_question_mark(anchor.doc):
        return False  # most sentences: no need to climb the parse
    node = anchor
    for _ in range(_MAX_CLIMB):
        if any(c.dep_ == "punct" and c.text == "?" for c in node.children):
            return True
        if node.head is node:
            return False
        node = node.head
    return False


#: Where a doc remembers whether its text holds a "?" (`_has_question_mark`).
_QUESTION_KEY = "tacitus.has_question_mark"


def _has_question_mark(doc: Doc) -> bool:
    """Whether the doc's text has a "?", found once per doc: the coder asks once per trigger, and
    `Doc.text` rebuilds the text token by token."""
    found = doc.user_data.get(_QUESTION_KEY)
    if found is None:
        found = doc.user_data[_QUESTION_KEY] = "?" in doc.text
    return bool(found)


def _described_object_modality(anchor: Token, lexicon: Lexicon) -> str | None:
    """The modality of the verb whose object a participle describes, when that verb is not asserted.

    "Brazil did not sign the statement condemning Venezuela": a statement that was not signed
    condemns nobody on Brazil's part; "refused to sign the statement criticising China" likewise.
    """
    if anchor.dep_ != "acl" or anchor.tag_ not in ("VBG", "VBN") or anchor.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = anchor.head
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ not in ("dobj", "pobj", "nsubjpass", "attr") or verb is noun or verb.pos_ not in ("VERB", "AUX"):
        return None
    outer = clause_modality(verb, lexicon)
    return outer if outer in ("negated", "hypothetical") else None


def is_refusal(token: Token, governor: Token | None) -> bool:
    """Whether a negated event is a refusal: future or would-clause, or a failed attempt."""
    anchor = token.head if token.pos_ == "NOUN" and token.head.pos_ in ("VERB", "AUX") else token
    for node in (anchor, governor):
        if node is None:
            continue
        if auxiliaries(node) & REFUSAL_AUX or node.lemma_.lower() in REFUSAL_VERBS:
            return True
    return False


def is_historical(trigger: Token, date: dt.date | None) -> bool:
    """Whether the trigger's clause is explicitly placed before the report's previous twelve months.

    Marks: a year before last year ("in 2003", "November 2019", "early summer 2017", "the 2012 assault"
    when the assault is the event; not "the 2015 deal" as the object of another act), an earlier
    decade, "years ago", "seven years after X cut ties", "at the time", a "when" clause of a past
    state ("when he was president") or a "when" clause attached to such a time; a verb conjoined
    to a historical one without a time of its own ("was released in 2012 and travelled to Syria").
    "Last year", "in 2021" in a 2022 report and "a year ago" are recent, not historical.
    """
    if trigger.pos_ == "NOUN" and any(c.dep_ in _MODIFIER_DEPS and _past_year(c, date) for c in trigger.children):
        return True  # "the 2012 assault": a year on the event's own noun dates the event
    anchor = trigger.head if trigger.pos_ == "NOUN" and trigger.head.pos_ in ("VERB", "AUX") else trigger
    if _dated_past(anchor, date):
        return True
    node = anchor
    for _ in range(3):
        head = node.head
        if head is node or head.pos_ not in ("VERB", "AUX"):
            break
        # "when ...", "after ...": a clause placed by the time of the clause it hangs on
        when_clause = node.dep_ == "advcl" and any(c.lower_ in DATED_CLAUSE_MARKS for c in node.children)
        if node.dep_ == "conj" and _has_time(node):
            break  # "was arrested in 2012 and charged on Monday": the conjunct has its own time
        if node.dep_ != "conj" and not when_clause:
            break
        if _dated_past(head, date):
            return True
        node = head
    return False


def is_background(anchor: Token, lexicon: Lexicon) -> bool:
    """Whether an event is told in passing: its clause hangs below the sentence's main line as a
    relative clause, a participle on a noun, an adverbial clause, a gerund after a preposition, or
    an event noun inside a prepositional phrase (`background_deps`), with no time of its own.

    "the gang, which attacked a convoy", "lawmakers investigating the FBI", "when the government
    negotiated a truce", "narratives about the FBI's investigation" are background; "who were
    sentenced last September" names its own time and is coded. On an audit of 2,331 events of
    unlabelled news, events in these positions were right a quarter of the time, against 0.73 for
    main clauses; on the real-news dev split 13 of 67 were right. Not background: a clause that runs
    alongside its main one or gives its cause ("tensions burst into the open as the minister rejected
    U.S. pressure", "after Israel struck Iran") and a gerund a governing word takes ("intent on
    cultivating ties", "joins others in calling for").
    """
    node = anchor
    for _ in range(_MAX_CLIMB):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONCURRENT_MARKS for c in node.children):
            node = node.head
            continue
        if node.dep_ == "advcl" and sequel_verb(node.head):
            node = node.head  # "went on to accuse": what came next
            continue
        if node.dep_ == "pcomp" and node.head.lower_ == "with" and subject_child(node):
            node = node.head.head  # "..., with Congo accusing Rwanda of aggression": alongside its main clause
            continue
        if node.dep_ == "pcomp" and (
            node.head.lower_ in GOVERNED_GERUND_PREPS
            or lexicon.complement_kind(node.head.head.lemma_.lower()) is not None
        ):
            node = node.head.head
            continue
        if node.dep_ in BACKGROUND_DEPS:
            # its time may hang on a conjunct ("when Colombia arrested and extradited them last year")
            return not _names_time(node.subtree)
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def is_habitual(anchor: Token) -> bool:
    """Whether the clause tells a habit, not an event: "Kasky frequently criticizes Trump", "death squads
    often worked with the security forces" (`habitual_adverbs`)."""
    return any(c.dep_ == "advmod" and c.lower_ in HABITUAL_ADVERBS for c in anchor.children)


def _dated_past(anchor: Token, date: dt.date | None) -> bool:
    """A past mark in `anchor`'s own clause, or a "when" clause of it that names a past state."""
    clause = sorted(clause_tokens(anchor), key=lambda t: t.i)
    if _past_marks(clause, date) or _after_years(anchor):
        return True
    for child in anchor.children:
        if child.dep_ != "advcl" or not any(c.lower_ == "when" for c in child.children):
            continue
        if _past_state(child) or _past_marks(sorted(clause_tokens(child), key=lambda t: t.i), date):
            return True  # "whom I met when he was the Crown Prince", "when the war began in 1998"
    return False


def _past_marks(clause: list[Token], date: dt.date | None) -> bool:
    words = [t.lower_ for t in clause]
    for n, token in enumerate(clause):
        if token.lower_ in ("ago", "earlier", "later") and any(_long_unit(c) for c in (token.head, *token.children)):
            return True  # "years ago", "fifteen years earlier"; "eighteen years later" tells a story begun long before
        if words[n] in _PAST_FIRST and any(tuple(words[n : n + len(p)]) == p for p in _PAST_PHRASES):
            return True
        if date is None:
            continue
        if _past_year(token, date) and _dates_clause(token):
            return True
        if DECADE.match(token.text) and int(token.text[:4]) + 9 < date.year:
            return True
    return False


def _long_unit(token: Token) -> bool:
    """A unit of time long enough to be history: "years", "a decade", "centuries" (not "a year")."""
    lemma = token.lemma_.lower()
    return lemma in PAST_UNITS and (lemma != "year" or token.lower_ != lemma)


def _past_year(token: Token, date: dt.date | None) -> bool:
    """A year before last year, as of the report's `date` ("2012" in a 2017 report; never without a date)."""
    return date is not None and YEAR.match(token.text) is not None and int(token.text) < date.year - 1


def _dates_clause(year: Token) -> bool:
    """Whether a year dates the clause ("in 2003", "May 14, 2014") rather than a thing ("the 2015 deal")."""
    if year.dep_ not in _MODIFIER_DEPS:
        return True
    return year.head.lower_ in TIME_WORDS or year.head.like_num


def _after_years(anchor: Token) -> bool:
    """ "seven years after Riyadh cut ties": the clause happened years before the main one."""
    children = list(anchor.children)
    return any(c.dep_ == "mark" and c.lower_ == "after" for c in children) and any(
        c.dep_ == "npadvmod" and _long_unit(c) for c in children
    )


def _past_state(clause: Token) -> bool:
    """A past copula with a predicate noun: "when he was president", "when they were students"."""
    return clause.lemma_ == "be" and clause.tag_ == "VBD" and any(c.dep_ == "attr" for c in clause.children)


def _has_time(verb: Token) -> bool:
    """Whether a clause names its own time ("on Monday", "in 2019")."""
    return _names_time(clause_tokens(verb))


def _names_time(tokens: Iterable[Token]) -> bool:
    """Whether any of `tokens` is a time word or a year."""
    return any(t.lower_ in TIME_WORDS or YEAR.match(t.text) for t in tokens)
