"""Titled people and government bodies in an issuer's release keep their country (real-news dev errors of
US government releases). The sentences are written for these tests."""

from __future__ import annotations

import pytest

from ._helpers import at, codes, recognize, rule

pytestmark = pytest.mark.usefixtures("nlp")

WHITE_HOUSE = "The White House"
STATE = "U.S. Department of State"


def test_a_capitalised_director_is_a_title_of_the_issuers_official() -> None:
    text = (
        "Senior Space Director Maria Okonkwo traveled to Kenya and Ghana to meet officials. "
        "Director Okonkwo met with ministers in Nairobi."
    )
    mentions = recognize(text, source=WHITE_HOUSE)
    assert codes(mentions, text, "Director Maria Okonkwo") == ["USAGOV"]
    assert rule(mentions, text, "Director Maria Okonkwo").endswith("country.source")
    assert codes(mentions, text, "Director Okonkwo") == ["USAGOV"]


def test_a_director_in_lower_case_or_of_a_board_is_no_title() -> None:
    text = "The director of the film thanked the Board of Directors in Kenya."
    assert [m.text for m in recognize(text)] == ["Kenya"]


def test_a_director_of_an_unknown_body_in_the_news_is_no_official() -> None:
    text = "Kenya's Polling Director Amos Kiprono and Executive Director Jane Wanjiru spoke."
    assert [m.text for m in recognize(text)] == ["Kenya"]
    # in a government's own release the same title is its official's
    text = "National Cyber Director Amos Kiprono spoke in Kenya."
    assert codes(recognize(text, source=WHITE_HOUSE), text, "Director Amos Kiprono") == ["USAGOV"]


def test_a_capitalised_director_after_an_agency_is_the_agencys() -> None:
    text = "Police Director Juan Ortiz of Peru spoke to reporters."
    assert codes(recognize(text), text, "Police Director Juan Ortiz of Peru") == ["PERCOP"]


def test_a_region_gives_no_country_to_an_official() -> None:
    text = "Special Envoy Tamsin Reeve will discuss the changes underway in the Middle East."
    mentions = recognize(text)
    assert codes(mentions, text, "Special Envoy Tamsin Reeve") == ["GOV"]
    text = "Senior officials will discuss the crisis in Europe."
    assert codes(recognize(text), text, "Senior officials") == ["GOV"]


def test_a_region_competes_with_a_country_but_a_country_alone_still_decides() -> None:
    text = "Minister Ana Sousa said Angola would spend more in the Middle East."
    assert codes(recognize(text), text, "Minister Ana Sousa") == ["GOV"]
    text = "Minister Ana Sousa said Angola would spend more."
    assert codes(recognize(text), text, "Minister Ana Sousa") == ["AGOGOV"]


def test_a_hyphenated_pair_of_names_before_an_administration_is_the_first_ones_country() -> None:
    text = "Ms. Reeve underscored the Biden-Harris administration's commitment to Vietnam."
    mentions = recognize(text, date="2022-06-01")
    assert codes(mentions, text, "Biden-Harris administration") == ["USAGOV"]
    assert rule(mentions, text, "Biden-Harris administration") == "person.agent"
    text = "The Biden-Harris Administration will work with Vietnam."
    assert codes(recognize(text, date="2022-06-01"), text, "Biden-Harris Administration") == ["USAGOV"]


def test_a_hyphenated_pair_of_leaders_of_two_countries_is_no_administration() -> None:
    text = "The Biden-Putin summit ended and the government of Vietnam said nothing."
    mentions = recognize(text, date="2021-06-20")
    assert codes(mentions, text, "Biden") == ["USAGOV"]
    assert codes(mentions, text, "Putin") == ["RUSGOV"]
    assert not [m for m in mentions if "-" in m.text]


def test_an_aide_to_an_office_is_one_official_of_the_offices_country() -> None:
    text = (
        "Deputy Secretary Wendy Sherman met today with Special Assistant to the Prime Minister of Ghana Kofi Mensah. "
        "The Deputy Secretary and Special Assistant to the Prime Minister discussed trade."
    )
    mentions = recognize(text, source=STATE)
    assert codes(mentions, text, "Special Assistant to the Prime Minister of Ghana") == ["GHAGOV"]
    assert codes(mentions, text, "Special Assistant to the Prime Minister", occurrence=1) == ["GHAGOV"]
    assert rule(mentions, text, "Special Assistant to the Prime Minister", occurrence=1).startswith(
        "agent.aide_of_office"
    )
    assert codes(mentions, text, "Deputy Secretary", occurrence=1) == ["USAGOV"]


def test_an_aide_whose_title_is_a_dictionary_title_is_replaced_by_the_whole_phrase() -> None:
    text = "The Senior Adviser to the President spoke."
    mentions = recognize(text, source=WHITE_HOUSE)
    found = at(mentions, text, "Senior Adviser to the President")
    assert [m.code for m in found] == ["USAGOV"]
    assert [m.text for m in mentions] == ["Senior Adviser to the President"]


def test_a_cabinet_title_with_its_portfolio_is_the_us_issuers_own() -> None:
    text = (
        "The Secretary of the Treasury will impose sanctions on two large state-owned Russian financial institutions."
    )
    mentions = recognize(text, source=WHITE_HOUSE)
    assert codes(mentions, text, "Secretary of the Treasury") == ["USAGOV"]
    assert codes(mentions, text, "Russian financial institutions") == ["RUSBUS"]
    assert not at(mentions, text, "state-owned")
    # without an issuer the sentence's country still decides: no US title is invented
    assert codes(recognize(text), text, "Secretary of the Treasury") == ["RUSGOV"]


def test_a_director_of_a_national_agency_is_the_agencys_official() -> None:
    text = "CIA Director David Petraeus briefed senators. Later Director Petraeus resigned."
    mentions = recognize(text, date="2012-03-01")
    assert codes(mentions, text, "CIA Director David Petraeus") == ["USASPY"]
    # the title before the surname of a known person named before is that person, not someone new
    assert codes(mentions, text, "Director Petraeus") == ["USASPY"]
    assert rule(mentions, text, "Director Petraeus").startswith("person.surname")
