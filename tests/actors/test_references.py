"""References (tacitus.actors.references): "we" in a government's own text, "he", "they" and "the two
leaders" resolve to the actors named before; unclear ones are dropped. Sentences are written for these
tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.models import Article
from tacitus.pipeline import load_pipeline

from ._helpers import at, codes, recognize, rule

pytestmark = pytest.mark.usefixtures("nlp")

STATE_DEPARTMENT = "U.S. Department of State"


def test_we_in_a_government_release_is_that_government() -> None:
    text = "We condemn the attack on the embassy. \u201cWe will respond,\u201d a spokesman told reporters."
    mentions = recognize(text, source=STATE_DEPARTMENT)
    assert codes(mentions, text, "We") == ["USAGOV"]
    assert rule(mentions, text, "We") == "ref.speaker+country.source"
    assert codes(mentions, text, "We", occurrence=1) == []  # inside a quotation: the quoted speaker


def test_we_anywhere_else_is_no_actor() -> None:
    text = "We condemn the attack on the embassy."
    assert codes(recognize(text, source="The Daily Planet"), text, "We") == []
    assert codes(recognize(text), text, "We") == []


def test_an_igo_speaks_for_itself() -> None:
    text = "We stand with Ukraine."
    assert codes(recognize(text, source="NATO"), text, "We") == ["IGOWSTNAT"]


def test_our_after_we_in_the_same_sentence_is_not_repeated() -> None:
    text = "We renew our appeal to free the detained reporters."
    mentions = recognize(text, source=STATE_DEPARTMENT)
    assert codes(mentions, text, "We") == ["USAGOV"]
    assert codes(mentions, text, "our") == []


def test_he_is_the_titled_official_named_before() -> None:
    text = "Turkey's foreign minister landed in Washington on Wednesday. He rejected American demands."
    mentions = recognize(text, date="2019-04-03")
    assert codes(mentions, text, "He") == ["TURGOV"]
    assert rule(mentions, text, "He") == "ref.person+country.antecedent"


def test_she_is_the_subject_of_the_sentence_before() -> None:
    text = (
        "Vice President Kamala Harris hosted Prime Minister Elena Varga of Hungary. "
        "She praised the Prime Minister for the reforms."
    )
    mentions = recognize(text, source="The White House")
    assert codes(mentions, text, "She") == ["USAGOV"]
    assert codes(mentions, text, "Prime Minister", occurrence=1) == ["HUNGOV"]


def test_him_is_not_the_subject_of_his_own_clause() -> None:
    text = "Kenyan Foreign Minister Amos Kiptoo arrived in Kampala. Minister Kiptoo later thanked him."
    mentions = recognize(text)
    assert codes(mentions, text, "him") == []


def test_him_is_the_other_person_of_the_sentence_before() -> None:
    text = "Turkish President Recep Tayyip Erdogan visited Berlin. German Chancellor Olaf Scholz praised him."
    assert codes(recognize(text), text, "him") == ["TURGOV"]


def test_him_is_a_later_person_of_his_own_sentence() -> None:
    text = "Kenyan Foreign Minister Amos Kiptoo, who met Ugandan President Yoweri Museveni on Monday, thanked him."
    assert codes(recognize(text), text, "him") == ["UGAGOV"]


def test_a_possessive_of_the_sentence_s_own_actor_is_no_second_actor() -> None:
    text = "Britain's intelligence agencies shared evidence with their Canadian counterparts."
    mentions = recognize(text)
    assert codes(mentions, text, "their") == []
    assert codes(mentions, text, "Canadian counterparts") == ["CANGOV"]


def test_a_pronoun_with_nothing_before_is_dropped() -> None:
    text = "He said the talks would resume."
    assert recognize(text) == []


def test_they_after_a_pair_that_opens_the_sentence_before() -> None:
    text = "Kenyan police and Ugandan soldiers met at the border. They agreed to share intelligence."
    mentions = recognize(text)
    assert codes(mentions, text, "They") == ["KENCOP", "UGAMIL"]


def test_they_after_a_meeting_of_two_persons() -> None:
    text = (
        "Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Beijing. "
        "They discussed the war in Ukraine."
    )
    mentions = recognize(text, date="2022-03-30")
    assert codes(mentions, text, "They") == ["CHNGOV", "RUSGOV"]
    assert rule(mentions, text, "They") == "ref.plural+country.antecedent"


def test_they_in_a_readout_are_the_parties_of_the_meeting_two_sentences_before() -> None:
    text = (
        "Foreign Minister Marise Payne spoke today with Japanese Foreign Minister Toshimitsu Motegi. "
        "The Minister noted the strength of the partnership. "
        "They discussed maritime security in the region."
    )
    mentions = recognize(text, date="2021-03-10")
    assert codes(mentions, text, "They") == ["AUSGOV", "JPNGOV"]


def test_they_skip_no_further_than_three_sentences_back() -> None:
    text = (
        "Foreign Minister Marise Payne spoke today with Japanese Foreign Minister Toshimitsu Motegi. "
        "The ministry published a summary. A photo was released. The weather was fine. "
        "They discussed maritime security in the region."
    )
    assert codes(recognize(text, date="2021-03-10"), text, "They") == []


def test_they_without_a_plain_antecedent_is_dropped() -> None:
    text = "Police arrested two men on Friday. They were charged with theft."
    assert codes(recognize(text), text, "They") == []


def test_the_two_leaders_are_the_two_persons_named_last() -> None:
    text = (
        "President Joe Biden met King Abdullah II of Jordan at the White House. "
        "The two leaders discussed water security."
    )
    mentions = recognize(text, source="The White House")
    assert codes(mentions, text, "The two leaders") == ["USAGOV", "JORGOV"]
    assert rule(mentions, text, "The two leaders") == "ref.group+country.antecedent"


def test_the_two_as_a_subject() -> None:
    text = (
        "Ghanaian Trade Minister Kofi Mensah met Nigerian Trade Minister Ada Obi in Accra. "
        "The two signed a customs accord."
    )
    assert codes(recognize(text), text, "The two") == ["GHAGOV", "NGAGOV"]


def test_the_two_leaders_with_no_two_leaders_before_stay_leaders() -> None:
    text = "The two leaders met in Geneva."
    assert codes(recognize(text), text, "The two leaders") == ["GOV"]


def test_a_plural_title_is_every_holder_named_before() -> None:
    text = (
        "ROK Special Envoy Park Min-jae met Japanese Special Envoy Sato Ken in Seoul. "
        "The Special Envoys urged restraint at sea."
    )
    mentions = recognize(text)
    assert codes(mentions, text, "Special Envoys") == ["KORGOV", "JPNGOV"]


def test_the_two_countries() -> None:
    text = "Peru and Chile signed a fisheries accord on Monday. The two countries will meet again in May."
    assert codes(recognize(text), text, "The two countries") == ["PER", "CHL"]


def test_events_carry_the_rule_that_gave_the_country() -> None:
    text = "We condemn the arrests of journalists in Belarus."
    article = Article(id="t", text=text, date=dt.date(2022, 5, 1), source=STATE_DEPARTMENT)
    events = load_pipeline().code_article(article).events
    assert events, "a condemnation is an event"
    assert events[0].source.code == "USAGOV"
    assert events[0].source.country_rule == "country.source"
    assert events[0].to_dict()["source"]["country_rule"] == "country.source"


def test_one_mention_per_party_on_one_span() -> None:
    text = "Peru and Chile signed a fisheries accord on Monday. The two countries will meet again in May."
    spans = {(m.char_start, m.char_end) for m in at(recognize(text), text, "The two countries")}
    assert len(spans) == 1


def test_the_delegation_in_a_government_release_is_that_government() -> None:
    text = "In Kabul, the delegation will meet with the Afghan government."
    assert codes(recognize(text, source=STATE_DEPARTMENT), text, "delegation") == ["USAGOV"]


def test_the_delegation_elsewhere_takes_no_issuer_country() -> None:
    text = "In Kabul, the delegation will meet with the Afghan government."
    assert codes(recognize(text, source="Reuters"), text, "delegation") != ["USAGOV"]
