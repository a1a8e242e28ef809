"""Closed-class words and CAMEO root sets the coding rules consult, named once.

They are knowledge, not code, so they live in ``tacitus/data/lexicon/word_sets.tsv``
(columns ``set`` and ``word``, one comment line per set saying what it is for) and are
versioned and hashed with the other lexicon files. This module reads that file once, on
import, and gives each set a name; a set missing from the file fails here, loudly, rather
than as an empty set that silently switches a rule off.
"""

from __future__ import annotations

from tacitus.errors import ResourceError
from tacitus.resources import word_sets

_PATH = "lexicon/word_sets.tsv"
_SETS = word_sets(_PATH)


def _named(name: str) -> frozenset[str]:
    try:
        return _SETS[name]
    except KeyError:
        raise ResourceError(f"data/{_PATH}: the word set '{name}' is missing") from None


# -- words -------------------------------------------------------------------------------

PRONOUNS = _named("pronouns")
PERSONAL_PRONOUNS = _named("personal_pronouns")
PERSON_PRONOUNS = _named("person_pronouns")
RELATIVE_PRONOUNS = _named("relative_pronouns")
HYPOTHETICAL_AUX = _named("hypothetical_aux")
OBLIGATION_VERBS = _named("obligation_verbs")
FUTURE_AUX = _named("future_aux")
REFUSAL_AUX = _named("refusal_aux")
REFUSAL_VERBS = _named("refusal_verbs")
CONDITIONAL_MARKS = _named("conditional_marks")
INVERTED_CONDITION_AUX = _named("inverted_condition_aux")
NEGATION_DETERMINERS = _named("negation_determiners")
NEGATIVE_SUBJECTS = _named("negative_subjects")
PAST_UNITS = _named("past_units")
PAST_PHRASES = _named("past_phrases")
BACKGROUND_DEPS = _named("background_deps")
DATED_CLAUSE_MARKS = _named("dated_clause_marks")
HABITUAL_ADVERBS = _named("habitual_adverbs")
HEDGE_ADVERBS = _named("hedge_adverbs")
CONCURRENT_MARKS = _named("concurrent_marks")
SEQUEL_VERBS = _named("sequel_verbs")
GOVERNED_GERUND_PREPS = _named("governed_gerund_preps")
TIME_WORDS = _named("time_words")
SPEAKER_GAP = _named("speaker_gap")
FINITE_SPEECH_FORMS = _named("finite_speech_forms")
DEONTIC_AUX = _named("deontic_aux")
CRITICISM_PREDICATES = _named("criticism_predicates")
CALL_PREPS = _named("call_preps")
VICTIM_PREPS = _named("victim_preps")
DEED_CRITICISM_CODES = _named("deed_criticism_codes")
INTRANSITIVE_ENTRIES = _named("intransitive_entries")
VERBAL_ATTACK_LEMMAS = _named("verbal_attack_lemmas")
GOVERNING_PREPS = _named("governing_preps")
CLAIM_VERBS = _named("claim_verbs")
CARRIER_PREPS = _named("carrier_preps")
UNDERGOING_CARRIERS = _named("undergoing_carriers")
RESPONSIBILITY_ADJECTIVES = _named("responsibility_adjectives")
GROUP_NOUNS = _named("group_nouns")
QUANTITY_WORDS = _named("quantity_words")
THING_NOUNS = _named("thing_nouns")
PHRASE_LEADERS = _named("phrase_leaders")
STATE_SECTORS = _named("state_sectors")
FIRST_PERSON_POSSESSIVES = _named("first_person_possessives")
NAME_SUFFIXES = _named("name_suffixes")
LIST_CONJUNCTIONS = _named("list_conjunctions")
LISTABLE_KINDS = _named("listable_kinds")

# -- CAMEO roots ---------------------------------------------------------------------------

STRONG_ROOTS = _named("strong_roots")
AGENTLESS_ROOTS = _named("agentless_roots")
JOINT_ROOTS = _named("joint_roots")
ARMED_ONLY_ENTRIES = _named("armed_only_entries")
OWN_COUNTRY_ENTRIES = _named("own_country_entries")
WEAPON_WORDS = _named("weapon_words")
NAMED_ONLY_ROOTS = _named("named_only_roots")
CONSULT_ROOTS = _named("consult_roots")
PRESS_TALK_LEMMAS = _named("press_talk_lemmas")
PRESS_SECTORS = _named("press_sectors")
CLAIMED_ROOTS = _named("claimed_roots")
COOPERATIVE_ROOTS = _named("cooperative_roots")
PLACE_MODIFIED_ROOTS = _named("place_modified_roots")
GOVERNING_ROOTS = _named("governing_roots")
INTENT_KEPT_ROOTS = _named("intent_kept_roots")
FUTURE_KEPT_ROOTS = _named("future_kept_roots")
ONGOING_VERBS = _named("ongoing_verbs")
PARTNERED_ROOTS = _named("partnered_roots")
TARGETLESS_CODES = _named("targetless_codes")
ARMED_SECTORS = _named("armed_sectors")
ARMED_SOURCE_SECTORS = _named("armed_source_sectors")
SPEAKER_SECTORS = _named("speaker_sectors")
ANNOUNCED_ROOTS = _named("announced_roots")

# -- CAMEO codes ---------------------------------------------------------------------------

TARGETED_STATEMENT_CODES = _named("targeted_statement_codes")
