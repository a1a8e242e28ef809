"""Countries from context (tacitus.actors.context): a sector or title without a country takes the one
its phrase, sentence, paragraph, dateline, article or issuing body makes plain, and none when two
compete. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from tacitus.actors.context import home_body
from tacitus.models import country_rule

from ._helpers import at, codes, recognize, rule

pytestmark = pytest.mark.usefixtures("nlp")

STATE_DEPARTMENT = "U.S. Department of State"
WHITE_HOUSE = "The White House"


def test_sentence_names_the_country_of_a_titled_official() -> None:
    text = "Planning Minister Tran Xuan Gia said Vietnam would attract more foreign investment this year."
    mentions = recognize(text)
    assert codes(mentions, text, "Minister Tran Xuan Gia") == ["VNMGOV"]
    assert rule(mentions, text, "Minister Tran Xuan Gia") == "person.title_unknown+country.sentence"


def test_paragraph_names_the_country_of_police_and_protesters() -> None:
    text = "Kenya's parliament debated the finance bill on Tuesday. Police arrested dozens of demonstrators."
    mentions = recognize(text)
    assert codes(mentions, text, "Police") == ["KENCOP"]
    assert codes(mentions, text, "demonstrators") == ["KENCVL"]
    assert rule(mentions, text, "Police") == "agent.bare+country.paragraph"


def test_dateline_place_names_the_country() -> None:
    text = "Two officers were hurt on Friday night. Police said a suspect was arrested near the river."
    mentions = recognize(text, place="DULUTH, Minn.")
    assert codes(mentions, text, "Police") == ["USACOP"]
    assert rule(mentions, text, "Police") == "agent.bare+country.dateline"


def test_dateline_capital_names_the_country() -> None:
    text = "Soldiers and police patrolled the market after the explosion."
    mentions = recognize(text, place="KABUL, Afghanistan")
    assert codes(mentions, text, "police") == ["AFGCOP"]


def test_the_article_plainly_dominated_by_one_country() -> None:
    text = (
        "Brazil's Senate passed the pension reform on Monday. Brazilian unions called a general strike. "
        "The vote followed months of debate. Markets were calm. Later, a federal judge suspended part of the law."
    )
    mentions = recognize(text)
    assert codes(mentions, text, "federal judge") == ["BRAJUD"]
    assert rule(mentions, text, "federal judge") == "agent.bare+country.article"


def test_two_countries_in_the_paragraph_compete_and_none_is_chosen() -> None:
    text = "Kenyan police met Ugandan officials at the border. Soldiers crossed the river at dawn."
    mentions = recognize(text)
    assert codes(mentions, text, "Soldiers") == ["MIL"]


def test_the_sentence_against_the_article_is_no_guess() -> None:
    text = (
        "Kenya's president opened parliament. Kenyan lawmakers cheered the speech. Kenyan police guarded the "
        "building. Officials said talks with Somalia would resume."
    )
    mentions = recognize(text)
    assert codes(mentions, text, "Officials") == ["GOV"]


def test_a_state_does_not_name_the_people_it_acts_on() -> None:
    text = "Israel will not release prisoners who attacked soldiers."
    mentions = recognize(text)
    assert codes(mentions, text, "prisoners") == ["CVL"]


def test_troops_in_a_country_stay_uncommitted() -> None:
    text = "Troops in Mali came under fire near the border."
    assert codes(recognize(text), text, "Troops") == ["MIL"]


def test_a_definite_office_is_the_state_s_own() -> None:
    text = "Chile's economy slowed. The government said the army would stay in barracks."
    mentions = recognize(text)
    assert codes(mentions, text, "government") == ["CHLGOV"]
    assert codes(mentions, text, "army") == ["CHLMIL"]
    assert rule(mentions, text, "army") == "backref.definite_office+country.paragraph"


def test_foreign_agents_take_no_country() -> None:
    text = "Kenya's government expelled foreign journalists on Monday."
    assert codes(recognize(text), text, "journalists") == ["MED"]


def test_a_person_is_no_evidence_for_another_person() -> None:
    text = "Foreign Minister Ana Lobo met Russian Foreign Minister Sergei Lavrov in Moscow."
    mentions = recognize(text, date="2019-05-01")
    assert codes(mentions, text, "Foreign Minister Ana Lobo") == ["GOV"]


def test_the_issuing_body_s_own_officials() -> None:
    text = "Special Envoy Miller met officials of the Republic of Korea in Seoul on Monday."
    mentions = recognize(text, source=STATE_DEPARTMENT)
    assert codes(mentions, text, "Special Envoy Miller") == ["USAGOV"]
    assert rule(mentions, text, "Special Envoy Miller") == "person.title_unknown+country.source"
    # without the source the sentence's country is the only evidence, as for "South Korean officials"
    assert codes(recognize(text), text, "Special Envoy Miller") == ["KORGOV"]


def test_a_title_the_issuing_body_does_not_have_gets_no_country_from_it() -> None:
    text = "Prime Minister Okafor thanked the hosts for the visit."
    assert codes(recognize(text, source=WHITE_HOUSE), text, "Prime Minister Okafor") == ["GOV"]


def test_the_president_in_a_white_house_text_is_the_us_president() -> None:
    text = (
        "President Joe Biden hosted President Gitanas Nauseda of Lithuania. "
        "The President praised Lithuania's new energy policy."
    )
    mentions = recognize(text, source=WHITE_HOUSE)
    assert codes(mentions, text, "President", occurrence=2) == ["USAGOV"]
    assert rule(mentions, text, "President", occurrence=2) == "backref.definite_office+country.antecedent"


def test_a_bare_title_repeats_its_holder() -> None:
    text = (
        "Foreign Minister Ana Dos Santos of Angola visited National Security Advisor Jake Sullivan. "
        "Later Foreign Minister and the National Security Advisor spoke to reporters."
    )
    mentions = recognize(text, source=WHITE_HOUSE)
    assert codes(mentions, text, "Foreign Minister", occurrence=1) == ["AGOGOV"]
    assert codes(mentions, text, "National Security Advisor", occurrence=1) == ["USAGOV"]


def test_a_short_name_repeats_the_full_one() -> None:
    text = (
        "ROK Special Envoy for Maritime Security Affairs Park Min-jae arrived on Monday. "
        "Special Envoy Park met reporters."
    )
    mentions = recognize(text)
    assert codes(mentions, text, "Park Min-jae") == ["KORGOV"]
    assert codes(mentions, text, "Special Envoy Park") == ["KORGOV"]
    assert rule(mentions, text, "Special Envoy Park") == "person.title_unknown+country.antecedent"


def test_a_surname_takes_the_country_found_after_the_name() -> None:
    text = "Trade Minister Daniel Tan of Singapore arrived on Monday. Mr. Tan met investors."
    mentions = recognize(text)
    assert codes(mentions, text, "Trade Minister Daniel Tan of Singapore") == ["SGPGOV"]
    assert codes(mentions, text, "Tan", occurrence=1) == ["SGPGOV"]
    assert rule(mentions, text, "Tan", occurrence=1) == "person.surname+country.antecedent"


def test_the_title_of_the_article_is_context() -> None:
    text = "Director-General Sato met the delegation in Ottawa on Monday."
    mentions = recognize(text, title="Japanese Director-General Sato Hiroshi to Visit Canada")
    assert codes(mentions, text, "Director-General Sato") == ["JPNGOV"]


def test_the_speaker_s_own_country_is_not_the_country() -> None:
    text = "The United States condemns the arrests in Guatemala. Several judges have left the country."
    mentions = recognize(text, source=STATE_DEPARTMENT)
    assert codes(mentions, text, "the country") == ["GTM"]


def test_home_bodies_are_data() -> None:
    body = home_body("U.S. Department of State")
    assert body is not None and body.code == "USAGOV" and "special representative" in body.offices
    assert home_body("The White House") is not None
    assert home_body("The Daily Planet") is None
    assert home_body(None) is None


def test_events_say_which_rule_gave_the_country() -> None:
    assert country_rule("agent.bare+country.article") == "country.article"
    assert country_rule("person.title_unknown+ref.group+country.antecedent") == "country.antecedent"
    assert country_rule("agent.country_adjective") == "country.phrase"


def test_a_foreign_president_in_a_white_house_readout_is_not_the_us_president() -> None:
    # the issuing body's own president is in the office-holder file by name; an unknown name is a counterpart
    text = (
        "President Joe Biden met today with President Guy Parmelin and Foreign Minister Ignazio Cassis of Switzerland."
    )
    mentions = recognize(text, source=WHITE_HOUSE)
    assert codes(mentions, text, "President Guy Parmelin") == ["CHEGOV"]
    assert codes(mentions, text, "Foreign Minister Ignazio Cassis of Switzerland") == ["CHEGOV"]


def test_a_country_after_two_joined_names_is_not_the_first_ones_when_it_is_the_seconds_own() -> None:
    text = "Special Envoy Sung Kim and Japanese Foreign Ministry Director General Funakoshi Takehiro met in Seoul."
    mentions = recognize(text, source=STATE_DEPARTMENT)
    assert codes(mentions, text, "Special Envoy Sung Kim") == ["USAGOV"]


def test_a_bare_title_repeats_the_holder_of_its_longer_form() -> None:
    text = (
        "Sherman met the Deputy Minister of Defense of the Kingdom of Saudi Arabia in Washington. "
        "They reviewed progress in Yemen and Ukraine. Sherman discussed with the Deputy Minister the U.S. commitment."
    )
    mentions = recognize(text, source=STATE_DEPARTMENT)
    assert codes(mentions, text, "Deputy Minister", occurrence=1) == ["SAUGOV"]
    assert rule(mentions, text, "Deputy Minister", occurrence=1) == "backref.definite_office+country.antecedent"


def test_a_former_legislative_leader_is_an_elite_not_the_government() -> None:
    text = "Former House Majority Leader Ana Ruiz criticized the bill."
    assert codes(recognize(text), text, "House Majority Leader Ana Ruiz") == ["ELI"]


def test_the_articles_own_country_named_nearby_outweighs_one_named_in_passing() -> None:
    """Audit of unlabelled news (2026-12-02): "state attorneys general" in a U.S. story stayed bare when the
    sentence before named Mexican migrants beside Washington."""
    text = (
        "The U.S. Senate debated the bill. The U.S. Congress passed it. Brazil's president was in Washington. "
        "Prosecutors objected on Friday."
    )
    mentions = recognize(text)
    assert codes(mentions, text, "Prosecutors") == ["USAJUD"]
    assert rule(mentions, text, "Prosecutors") == "agent.bare+country.paragraph"


def test_an_office_posted_abroad_tells_nothing_of_the_agents_beside_it() -> None:
    text = (
        "The U.S. Senate debated the sanctions bill. The U.S. House passed it. "
        "Lawmakers questioned Russia's ambassador on Tuesday."
    )
    mentions = recognize(text)
    assert codes(mentions, text, "Lawmakers") == ["USALEG"]
    assert codes(mentions, text, "Russia's ambassador") == ["RUSGOV"]


def test_a_persons_name_that_begins_a_buildings_is_no_actor() -> None:
    """Audit of unlabelled news (2026-12-02): 'had visited Trump Tower' was coded as a visit to Trump."""
    text = "Obama spoke in Chicago. Lawyers for Trump met Russian officials at Trump Tower in June."
    mentions = recognize(text, date="2018-06-01")
    assert codes(mentions, text, "Trump") == ["USAGOV"]  # the lawyers' client
    assert at(mentions, text, "Trump", occurrence=1) == []  # not the tower
