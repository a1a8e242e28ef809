"""Role extraction, modality and evidence of the event coder on hand-written sentences.

Mentions come from the small table in conftest.py, so these tests exercise the coder alone.
"""

from __future__ import annotations

import datetime as dt

import pytest

from .helpers import triples

pytestmark = pytest.mark.usefixtures("nlp")


def test_active_verb_gives_subject_to_object(code_one):
    assert ("CHN", "111", "JPN") in triples(code_one("China condemned Japan on Tuesday."))


def test_passive_with_agent_swaps_roles(code_one):
    events = code_one("Ukraine was attacked by Russia overnight.")
    assert ("RUS", "190", "UKR") in triples(events)
    assert not any(e.source.code == "UKR" for e in events)


def test_refused_to_meet_is_a_rejection_not_a_meeting(code_one):
    events = code_one("Iran refused to meet Israel in Vienna.")
    found = triples(events)
    assert ("IRN", "125", "ISR") in found
    assert not any(e.cameo_root == "04" for e in events)


def test_called_on_x_to_makes_x_the_target_of_an_appeal(code_one):
    events = code_one("Germany called on Russia to withdraw its troops.")
    assert any(e.cameo_root == "02" and e.source.code == "DEU" and e.target and e.target.code == "RUS" for e in events)


def test_urged_x_to_hold_talks_is_an_appeal_to_negotiate(code_one):
    events = code_one("France urged Iran to negotiate with Israel.")
    assert any(e.cameo == "026" and e.source.code == "FRA" and e.target and e.target.code == "IRN" for e in events)


def test_light_verb_with_noun_trigger(code_one):
    assert ("ISR", "040", "SYR") in triples(code_one("Israel held talks with Syria in Geneva."))
    assert ("USAGOV", "163", "IRN") in triples(code_one("Washington imposed new sanctions on Iran."))


def test_launched_an_attack_on_takes_the_light_verb_subject(code_one):
    assert ("ISR", "190", "SYR") in triples(code_one("Israel launched an attack on Syria on Friday."))


def test_moved_to_delay_delivery_reaches_a_deep_target(code_one):
    events = code_one("The Trump administration moved to delay delivery of jets intended to help train Turkish pilots.")
    assert any(
        e.cameo_root == "16" and e.source.code == "USAGOV" and e.target and e.target.code == "TUR" for e in events
    )


def test_nominal_event_takes_its_possessor_as_source(code_one):
    events = code_one("Turkey's cooperation with Russia has grown.")
    assert any(
        e.source.code == "TUR" and e.target and e.target.code == "RUS" and e.quad_class in (1, 2) for e in events
    )


def test_reported_speech_codes_the_reported_event_not_the_saying(code_one):
    events = code_one("Erdogan said Russia attacked Syrian rebels.")
    attack = [e for e in events if e.cameo_root == "19"]
    assert attack and attack[0].source.code == "RUS" and attack[0].modality == "reported"
    assert not any(e.cameo_root == "01" for e in events)  # docs/annotation.md: do not also code the saying


def test_bare_statements_setting_keeps_the_saying_at_lower_confidence(code_one):
    events = code_one("Erdogan said Russia attacked Syrian rebels.", bare_statements=True)
    attack = [e for e in events if e.cameo_root == "19"]
    statement = [e for e in events if e.cameo == "010"]
    assert statement and statement[0].source.code == "TURGOV"
    assert statement[0].confidence < attack[0].confidence


def test_statement_about_own_intent_is_the_intent_only(code_one):
    events = code_one("Turkey said it will buy Russian jets.")
    assert not any(e.cameo == "010" for e in events)


def test_said_x_must_is_a_demand_on_x(code_one):
    events = code_one("Russia said Israel must end attacks on Syria.")
    assert any(e.cameo_root == "10" and e.source.code == "RUS" and e.target and e.target.code == "ISR" for e in events)


def test_negation_drops_the_event(code_one):
    assert not code_one("Russia did not attack Ukraine.")
    negated = code_one("Russia did not attack Ukraine.", keep_unasserted=True)
    assert negated and all(e.modality == "negated" for e in negated)


def test_will_not_lift_is_a_refusal(code_one):
    events = code_one("Russia will not lift the sanctions on Ukraine.")
    assert any(e.cameo_root == "12" for e in events)


def test_capability_is_not_an_attack(code_one):
    events = code_one("The missile was designed to shoot down Russian aircraft.")
    assert not any(e.quad_class == 4 for e in events)


def test_could_strike_is_hypothetical(code_one):
    assert not code_one("Russia could strike Ukraine next week.")
    kept = code_one("Russia could strike Ukraine next week.", keep_unasserted=True)
    assert kept and all(e.modality == "hypothetical" for e in kept)


def test_threatened_to_attack_is_a_threat_of_force(code_one):
    events = code_one("Iran threatened to attack Israel.")
    assert ("IRN", "138", "ISR") in triples(events)
    assert all(e.modality == "threatened" for e in events)


def test_plans_to_buy_is_an_intent(code_one):
    events = code_one("India plans to buy jets from France.")
    assert any(e.cameo_root == "03" and e.modality == "intended" and e.source.code == "IND" for e in events)


def test_considering_is_weighing_an_option(code_one):
    events = code_one("Japan is considering sending aid to Ukraine.")
    assert any(e.cameo == "014" and e.source.code == "JPN" for e in events)
    assert not any(e.cameo_root == "03" for e in events)


def test_conjoined_subjects_and_objects_give_one_event_per_pair(code_one):
    assert {("TUR", "111", "IGOWSTNAT"), ("RUS", "111", "IGOWSTNAT")} <= triples(
        code_one("Turkey and Russia criticized NATO.")
    )
    assert {("CHN", "111", "JPN"), ("CHN", "111", "IND")} <= triples(code_one("China condemned Japan and India."))


def test_uncoded_actor_is_kept_with_its_text(code_one):
    events = code_one("A car bomb killed three Israeli troops.")
    assert events
    assert events[0].source.code is None and events[0].source.text == "car bomb"
    assert events[0].target is not None and events[0].target.code == "ISRMIL"


def test_no_same_actor_dyad(code_one):
    for event in code_one("Erdogan criticized Turkey's opposition leader."):
        assert event.target is None or event.target.code != event.source.code


def test_historical_reference_is_flagged(code_one):
    events = code_one("In 2003 the United States invaded Iraq.", date=dt.date(2019, 4, 3))
    assert events and all(e.historical for e in events)
    assert not any(e.historical for e in code_one("The United States invaded Iraq."))


def test_trigger_inside_an_actor_name_is_not_an_event(code_one):
    assert not code_one("NATO met on Tuesday.", date=None) or all(
        e.evidence.trigger == "met" for e in code_one("NATO met.")
    )


def test_evidence_points_at_the_trigger(code_one):
    text = "China condemned Japan on Tuesday."
    (event,) = [e for e in code_one(text) if e.cameo == "111"]
    assert text[event.evidence.char_start : event.evidence.char_end] == "condemned"
    assert event.evidence.rule == "condemn.v"
    assert event.evidence.sentence == text
    assert 0.0 < event.confidence <= 1.0


def test_confidence_is_lower_for_uncoded_and_fallback_roles(code_one):
    coded = [e for e in code_one("Israeli troops killed Syrian rebels.") if e.cameo_root == "19"]
    uncoded = [e for e in code_one("A car bomb killed Syrian rebels.") if e.cameo_root == "19"]
    assert coded and uncoded and uncoded[0].confidence < coded[0].confidence


def test_event_ids_are_stable(code_one):
    first = [e.event_id for e in code_one("China condemned Japan on Tuesday.")]
    assert first == [e.event_id for e in code_one("China condemned Japan on Tuesday.")]


def test_mentions_are_shifted_by_sentence_start(nlp, coder):
    from .helpers import make_mentions

    article = "Nothing happened. China condemned Japan."
    start = article.index("China")
    sentence = article[start:]
    events = coder.code_sentence(
        nlp(sentence),
        make_mentions(sentence, offset=start),
        sentence_index=1,
        sentence_start=start,
        doc_id="a",
        date=None,
        lexicon_version="v",
    )
    (event,) = events
    assert article[event.evidence.char_start : event.evidence.char_end] == "condemned"
    assert article[event.source.char_start : event.source.char_end] == "China"


def test_filter_needs_a_trigger_and_an_actor(nlp, coder):
    from tacitus.nlp import split_sentences

    from .helpers import make_mentions

    def keep(text: str, with_mentions: bool = True) -> bool:
        doc = split_sentences(nlp, text)
        return coder.may_hold_event(doc[:], make_mentions(text) if with_mentions else [])

    assert keep("China condemned Japan.")
    assert not keep("The weather in Beijing was mild and sunny.")
    assert not keep("China condemned the plan.", with_mentions=False)
    # a material-conflict trigger needs no coded actor, but some actor or agent noun near it:
    assert keep("Gunmen attacked a convoy overnight.", with_mentions=False)
    assert not keep("Clashes broke out overnight in the capital.", with_mentions=False)  # parsed, it codes nothing


def test_claiming_ones_own_attack_is_a_claim_of_responsibility(code_one):
    events = code_one("Syrian rebels claimed that they had attacked Israeli troops.")
    assert any(e.cameo == "015" and e.source.code == "SYRREB" for e in events)
    assert not any(e.cameo_root == "19" for e in events)


def test_conjoined_parties_to_a_reciprocal_event_act_on_each_other(code_one):
    found = triples(code_one("India and Pakistan held talks in Geneva."))
    assert {("IND", "040", "PAK"), ("PAK", "040", "IND")} <= found


def test_years_ago_is_historical(code_one):
    events = code_one("Twenty years ago, the United States invaded Iraq.")
    assert events and all(e.historical for e in events)


def test_statement_whose_content_is_negated_is_not_coded(code_one):
    assert not code_one("Poland said Russia did not attack Ukraine.")


def test_offered_condolences_stays_an_empathetic_comment(code_one):
    events = code_one("Japan offered condolences to India.")
    assert any(e.cameo == "018" and e.target and e.target.code == "IND" for e in events)


def test_rejecting_someones_demand_targets_its_owner(code_one):
    events = code_one("Turkey rejected Russia's demand for talks.")
    assert any(e.cameo_root == "12" and e.source.code == "TUR" and e.target and e.target.code == "RUS" for e in events)


def test_pronoun_subject_of_what_was_said_is_the_speaker(code_one):
    events = code_one("Erdogan said he will meet Putin in Moscow.")
    assert any(
        e.cameo == "036" and e.source.code == "TURGOV" and e.target and e.target.code == "RUSGOV" for e in events
    )
    assert not any(e.cameo == "010" for e in events)


def test_a_weekday_is_not_an_actor(code_one):
    events = code_one("Erdogan called Putin on Wednesday to congratulate him.")
    assert not any(e.target and e.target.text == "Wednesday" for e in events)


def test_only_names_and_agent_nouns_become_uncoded_actors(code_one):
    assert not [e for e in code_one("A new report criticized Japan.") if e.source.text == "new report"]
    gunmen = code_one("Gunmen attacked Israeli troops near the border.")
    assert any(e.source.code is None and e.source.text == "Gunmen" for e in gunmen)


def test_call_is_a_phone_call_only_with_an_actor_as_object(code_one):
    assert ("TURGOV", "041", "RUSGOV") in triples(code_one("Erdogan called Putin on Tuesday."))
    assert not any(e.cameo == "041" for e in code_one("Erdogan called the decision a mistake."))


def test_lone_statement_can_be_coded_without_a_parse(nlp, coder, code_one):
    from tacitus.coding import EventCoder
    from tacitus.nlp import split_sentences

    from .helpers import make_mentions

    def quick(text: str):
        doc = split_sentences(nlp, text)
        return coder.code_unparsed(
            doc[:], make_mentions(text), sentence_index=0, doc_id="q", date=None, lexicon_version="v"
        )

    text = "Turkey has also said the decision was fair."
    assert quick(text) == []  # a bare attribution: no event, and no parse needed
    assert code_one(text) == []  # the parsed route agrees
    kept = EventCoder(bare_statements=True).code_unparsed(
        split_sentences(nlp, text)[:], make_mentions(text), sentence_index=0, doc_id="q", date=None, lexicon_version="v"
    )
    assert kept is not None and len(kept) == 1
    event = kept[0]
    assert (event.source.code, event.cameo, event.target) == ("TUR", "010", None)
    assert text[event.evidence.char_start : event.evidence.char_end] == "said"
    assert ("TUR", "010", None) in triples(code_one(text, bare_statements=True))
    assert quick("He said Turkey was right.") is None  # speaker not next to the verb: parse
    assert quick("Turkey said Israel must leave.") is None  # a demand needs the parse
    assert quick("Turkey said Israel attacked Syria.") is None  # another trigger needs the parse


def test_derived_event_shows_the_governing_verb_as_evidence(code_one):
    text = "Iran refused to meet Israel in Vienna."
    (event,) = [e for e in code_one(text) if e.cameo == "125"]
    assert event.evidence.trigger == "refused"
    assert text[event.evidence.char_start : event.evidence.char_end] == "refused"
    assert event.evidence.rule == "reject:refuse+meet.v"


def test_rejecting_a_request_is_rejecting_what_it_asks_for(code_one):
    events = code_one("Japan rejected Turkey's request to extradite Erdogan.")
    rejections = [e for e in events if e.cameo_root == "12"]
    assert len(rejections) == 1 and rejections[0].source.code == "JPN"
    assert rejections[0].cameo == "121"  # reject material (judicial) cooperation


def test_a_demand_is_made_of_the_subject_of_the_demanded_clause(code_one):
    """'X demanded that Y withdraw from Z' is X's demand on Y, not on Z."""
    found = triples(code_one("Germany demanded that Russia withdraw its troops from Ukraine."))
    assert any(src == "DEU" and tgt == "RUS" and cameo.startswith("10") for src, cameo, tgt in found)
    assert not any(tgt == "UKR" and cameo.startswith("10") for _, cameo, tgt in found)


# -- statements: the statement must itself be the news (docs/annotation.md) -------------------------


def test_a_bare_attribution_is_no_event(code_one):
    assert code_one("Chile said the talks with Peru were useful.") == []
    assert code_one("Peru added that the border would stay open.") == []
    kept = triples(code_one("Chile said the talks with Peru were useful.", bare_statements=True))
    assert ("CHL", "010", None) in kept


def test_specific_statements_are_kept_without_a_target(code_one):
    assert ("CHL", "011", None) in triples(code_one("Chile declined to comment on the report."))
    assert ("PER", "018", "CHL") in triples(code_one("Peru offered condolences to Chile."))


def test_a_weighed_option_with_no_other_actor_is_no_event(code_one):
    assert code_one("Chile is considering new rules for mining.") == []


# -- an event named in another event's object or reason is not coded on its own ---------------------


def test_the_object_of_a_condemnation_is_not_an_event_of_its_own(code_one):
    assert triples(code_one("Chile condemned Peru's attack on the village.")) == {("CHL", "111", "PER")}


def test_the_content_of_an_accusation_is_not_an_event_of_its_own(code_one):
    assert triples(code_one("Chile accused Peru of shelling the village.")) == {("CHL", "112", "PER")}


def test_the_reason_for_thanks_is_not_an_event_of_its_own(code_one):
    assert triples(code_one("Chile thanked Peru for sending aid to Bolivia.")) == {("CHL", "051", "PER")}


def test_an_announced_event_is_still_coded(code_one):
    assert ("CHL", "163", "PER") in triples(code_one("Chile announced sanctions on Peru."))


# -- trigger sense: the context decides what a word means ------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Police released the names of the victims on Monday.",  # names are no persons
        "The figures were released by police in Lima on Friday.",
        "Speaking before students in Lima, Chile's president praised the plan.",  # no interlocutor
        "Chile provided conflicting statements about the crash.",  # no recipient
        "Journalists from Chile contributed to this report.",
        "The request from Peru was granted on Monday.",
        "Chile is fighting corruption in its ports.",
        "Chilean gangs are seeking new routes through Peru.",
        "The violence has called the attention of Santiago.",
    ],
)
def test_a_trigger_out_of_its_sense_is_no_event(code_one, text):
    assert not any(e.cameo_root in ("01", "02", "04", "07", "08", "19") and e.cameo != "051" for e in code_one(text))


def test_trigger_senses_that_are_events(code_one):
    assert ("CHL", "0841", "MED") in triples(code_one("Chile released two journalists on Monday."))
    assert ("PER", "0841", "MED") in triples(code_one("Peru freed dozens of journalists."))
    assert ("CHLGOV", "040", "PERGOV") in triples(code_one("Santiago spoke with Lima on Monday."))
    assert ("CHL", "070", "PER") in triples(code_one("Chile provided Peru with blankets."))
    assert ("CHL", "042", "PER") in triples(code_one("Chile's foreign minister travelled to Peru."))


def test_calling_someone_names_is_criticism_not_a_call(code_one):
    found = triples(code_one("Erdogan called the opposition leader a fraud."))
    assert ("TURGOV", "111", "TUROPP") in found
    assert not any(cameo == "041" for _, cameo, _ in found)


def test_calling_someone_a_name_is_no_phone_call(code_one):
    assert not any(e.cameo == "041" for e in code_one("Chile's president called Erdogan a great friend."))


def test_fighting_a_war_is_fighting_both_ways(code_one):
    found = triples(code_one("Chile and Peru fought a war over the desert."))
    assert {("CHL", "190", "PER"), ("PER", "190", "CHL")} <= found


# -- calls: the call is the event, and it covers every act called for ---------------------------------


def test_a_call_covers_conjoined_acts(code_one):
    found = triples(code_one("Chile called upon Peru to halt its tests and return to talks."))
    assert any(src == "CHL" and tgt == "PER" and cameo.startswith("02") for src, cameo, tgt in found)
    assert not any(cameo.startswith(("04", "08")) for _, cameo, _ in found)


def test_being_committed_to_an_act_is_an_intent(code_one):
    found = triples(code_one("Chile remains committed to supporting Peru."))
    assert any(src == "CHL" and tgt == "PER" and cameo.startswith("03") for src, cameo, tgt in found)


# -- factuality end to end ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Will Chile expel the envoy of Peru?",
        "Did Peru arrest the journalists?",
        "Neither Chile nor Peru condemned the coup.",
        "Chile did not sign the letter condemning Peru.",
        "Hungary refused to sign the letter condemning Peru.",
        "The new missiles of Chile can reach Peru.",
        "Had Chile attacked Peru, Bolivia would have intervened.",
    ],
)
def test_what_is_not_asserted_is_not_coded(code_one, text):
    assert not any(e.cameo_root in ("11", "17", "19") for e in code_one(text))
