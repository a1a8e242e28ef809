"""Actor gaps found on real news (issue 8): US officials beyond heads of government, US departments,
IGO bodies without their own CAMEO code, security forces as police. Sentences are written for these tests."""

from __future__ import annotations

import pytest

from ._helpers import at, codes, recognize, rule

pytestmark = pytest.mark.usefixtures("nlp")


def test_us_office_holders_take_the_office_held_on_the_date() -> None:
    text = "Attorney General Jeff Sessions answered Sen. Susan Collins. Later Sessions praised Kavanaugh."
    mentions = recognize(text, date="2018-03-01")
    assert codes(mentions, text, "Attorney General Jeff Sessions") == ["USAGOV"]
    assert codes(mentions, text, "Sen. Susan Collins") == ["USALEG"]
    assert codes(mentions, text, "Sessions", occurrence=1) == ["USAGOV"]
    assert codes(mentions, text, "Kavanaugh") == ["USAJUD"]  # an appeals judge before he joined the Court
    # the same senator before he became attorney general
    earlier = "Jeff Sessions criticised the plan."
    assert codes(recognize(earlier, date="2015-05-01"), earlier, "Jeff Sessions") == ["USALEG"]


def test_legislators_are_leg_whatever_their_party_or_post() -> None:
    text = "House Minority Leader Nancy Pelosi and Chuck Schumer spoke."
    for date in ("2015-03-01", "2025-06-01"):
        mentions = recognize(text, date=date)
        assert codes(mentions, text, "Nancy Pelosi")[-1:] == ["USALEG"]
        assert codes(mentions, text, "Chuck Schumer") == ["USALEG"]


def test_us_departments_and_agencies_are_actors() -> None:
    text = "The U.S. Department of State and the USDA met the Office of the Director of National Intelligence."
    mentions = recognize(text)
    assert "USAGOV" in codes(mentions, text, "Department of State")
    assert codes(mentions, text, "USDA") == ["USAGOV"]
    assert codes(mentions, text, "Office of the Director of National Intelligence") == ["USASPY"]


def test_non_us_department_of_education_is_not_american() -> None:
    text = "The Department of Education in Manila closed schools."
    assert "USAGOV" not in [m.code for m in recognize(text)]


def test_igo_bodies_without_their_own_code_take_their_organisation() -> None:
    text = "UNFPA, the ODIHR and the European External Action Service (EEAS) welcomed the vote."
    mentions = recognize(text)
    assert codes(mentions, text, "UNFPA") == ["IGOUNO"]
    assert codes(mentions, text, "ODIHR") == ["IGOEUROSC"]
    assert codes(mentions, text, "European External Action Service") == ["IGOEUREEC"]


def test_security_forces_are_police_and_defence_force_is_military() -> None:
    text = "Security forces in Panama seized a boat. The Australian Defence Force sent a ship."
    mentions = recognize(text)
    assert codes(mentions, text, "Security forces in Panama") == ["PANCOP"]
    assert codes(mentions, text, "Australian Defence Force") == ["AUSMIL"]


def test_former_office_holders_are_elites() -> None:
    text = "Ex-presidents Barack Obama and Mike Pompeo spoke."
    # the title says the office is past even when the article has no date
    assert codes(recognize(text, date=None), text, "Ex-presidents Barack Obama") == ["USAELI"]
    later = "Pompeo criticised the deal."
    assert codes(recognize(later, date="2023-05-01"), later, "Pompeo") == ["USAELI"]
    assert codes(recognize(later, date="2019-05-01"), later, "Pompeo") == ["USAGOV"]


def test_a_term_closed_by_the_importer_is_no_evidence_of_a_former_holder() -> None:
    # Phoenix's open-ended roles were closed at 2018-12-31 on import: the person is not known to have left
    text = "Britain's Danny Alexander spoke on Monday."
    found = codes(recognize(text, date="2021-05-01"), text, "Danny Alexander")
    assert found and found[0] == "GBR"


def test_candidates_are_party_actors() -> None:
    text = "Trump attacked Hillary Clinton at a rally."
    mentions = recognize(text, date="2016-08-01")
    assert codes(mentions, text, "Trump") == ["USAPTY"]
    assert codes(mentions, text, "Hillary Clinton") == ["USAPTY"]


def test_middle_initial_without_full_stop() -> None:
    text = "George W Bush visited the troops."
    assert codes(recognize(text, date="2005-05-01"), text, "George W Bush") == ["USAGOV"]


def test_a_persons_possessive_agents_are_the_persons_state() -> None:
    text = "Putin's forces shelled the city, Putin's spokesman Dmitry Peskov said."
    mentions = recognize(text)
    assert codes(mentions, text, "Putin's forces") == ["RUSMIL"]
    # a title followed by a name stays that person's title
    assert codes(mentions, text, "Putin", occurrence=1) == ["RUSGOV"]
    assert "spokesman Dmitry Peskov" in [m.text for m in mentions]


def test_domestic_agents_in_a_capital_are_of_its_country() -> None:
    text = "Protesters clashed with riot police in Ottawa on Tuesday."
    mentions = recognize(text)
    assert codes(mentions, text, "riot police in Ottawa") == ["CANCOP"]
    assert codes(mentions, text, "Protesters") == ["CANCVL"]
    # troops in a capital are as often foreign ones
    troops = "Troops in Kabul came under fire."
    assert codes(recognize(troops), troops, "Troops") == ["MIL"]


def test_participants_of_a_call_include_igo_officials() -> None:
    text = (
        "Deputy Secretary Ana Lopez spoke today with NATO Deputy Secretary General Piet Brandt, European External "
        "Action Service (EEAS) Secretary General Carlo Ferri, and Polish Deputy Foreign Minister Jan Nowacki. "
        "The participants discussed Russia. They agreed on the need for unity."
    )
    mentions = recognize(text, source="U.S. Department of State")
    expected = ["USAGOV", "IGOWSTNAT", "IGOEUREEC", "POLGOV"]
    assert codes(mentions, text, "EEAS) Secretary General Carlo Ferri") == ["IGOEUREEC"]
    assert codes(mentions, text, "The participants") == expected
    assert codes(mentions, text, "They") == expected


def test_participants_not_as_a_subject_are_no_reference() -> None:
    text = "Turkey and Greece met in Athens. Police arrested the participants in the march."
    assert not at(recognize(text), text, "the participants")


def test_abbreviation_alone_is_still_the_organisation() -> None:
    text = "The European Union (EU) said it would act."
    assert codes(recognize(text), text, "EU") == ["IGOEUREEC"]


def test_former_officials_of_a_national_organisation_are_elites() -> None:
    text = "The former Fed chairman criticised the former NATO spokesman and former C.I.A. officials."
    mentions = recognize(text)
    assert codes(mentions, text, "Fed chairman") == ["USAELI"]
    assert codes(mentions, text, "C.I.A. officials") == ["USAELI"]
    assert codes(mentions, text, "NATO spokesman") == ["IGOWSTNAT"]  # no country to be an elite of


def test_plural_demonyms_are_people() -> None:
    text = "Thousands of Americans and some Iraqis protested; the Swiss watched and American officials left."
    mentions = recognize(text)
    assert codes(mentions, text, "Americans") == ["USACVL"]
    assert codes(mentions, text, "Iraqis") == ["IRQCVL"]
    assert codes(mentions, text, "Swiss") == ["CHE"]  # a demonym ending in s is not a plural
    assert codes(mentions, text, "American officials") == ["USAGOV"]


def test_attorney_general_is_a_prosecutor_except_where_it_is_a_government_post() -> None:
    text = "Guatemalan Attorney General Ana Ruiz charged the mayor, and the attorney general of Peru agreed."
    mentions = recognize(text)
    assert codes(mentions, text, "Guatemalan Attorney General Ana Ruiz") == ["GTMJUD"]
    assert codes(mentions, text, "attorney general of Peru") == ["PERJUD"]
    us = "U.S. attorney general Karl Smith met Kenya's attorney general. Smith spoke."
    mentions = recognize(us)
    assert codes(mentions, us, "U.S. attorney general Karl Smith") == ["USAGOV"]
    assert codes(mentions, us, "Kenya's attorney general") == ["KENGOV"]
    assert codes(mentions, us, "Smith", occurrence=1) == ["USAGOV"]  # the surname copies the fixed code


def test_the_group_is_the_named_group_before() -> None:
    text = "The Zetas attacked a town. The group threatened farmers, and the group's leaders fled."
    mentions = recognize(text)
    assert codes(mentions, text, "The group") == ["MEXCRM"]
    assert codes(mentions, text, "the group's leaders") == ["MEXCRM"]


def test_the_group_with_nothing_named_before_or_of_people_is_no_actor() -> None:
    text = "Police said the group was armed. The Zetas fled, and the group of farmers stayed."
    mentions = recognize(text)
    assert not at(mentions, text, "the group")
    assert not at(mentions, text, "the group of farmers")


def test_the_cartel_is_a_drug_cartel_or_opec() -> None:
    crime = "Barrio 18 members clashed with soldiers. The cartel later denied it."
    assert codes(recognize(crime), crime, "The cartel") == ["SLVCRM"]
    oil = "OPEC cut output. The cartel said prices would rise."
    assert codes(recognize(oil), oil, "The cartel") == ["IGOBUSOPC"]


def test_common_surnames_of_listed_americans_need_the_full_name() -> None:
    text = "Paulo Nunes and Maria Sotomayor were attacked near the farm."
    mentions = recognize(text, date="2010-05-01")
    assert not {m.code for m in mentions} & {"USALEG", "USAJUD"}
    full = "Devin Nunes questioned the director. Nunes said more."
    assert codes(recognize(full, date="2018-05-01"), full, "Nunes", occurrence=1) == ["USALEG"]


def test_agents_from_a_country_are_its_own() -> None:
    text = "Officials from Russia and Ukraine met while troops from Chad arrived."
    mentions = recognize(text)
    assert codes(mentions, text, "Officials from Russia") == ["RUSGOV"]
    assert codes(mentions, text, "Ukraine") == ["UKRGOV"]
    assert codes(mentions, text, "troops from Chad") == ["TCDMIL"]


def test_criminal_leaders_are_criminals_not_business() -> None:
    text = "Police caught a cartel boss, a gang leader and a hitman."
    mentions = recognize(text)
    for span in ("cartel boss", "gang leader", "hitman"):
        assert [c[-3:] for c in codes(mentions, text, span) if c] == ["CRM"]


def test_the_two_after_an_abbreviation_opens_a_sentence() -> None:
    text = (
        "Special Representative Sung Park met with ROK Special Representative Noh Min-su in Washington, D.C. "
        "The two jointly condemned the launch."
    )
    mentions = recognize(text, source="U.S. Department of State")
    assert codes(mentions, text, "The two") == ["USAGOV", "KORGOV"]
    # mid-sentence, "the two" without an agent is still no reference
    other = "Kim Min-su met Ana Lopez, and officials praised the two for their work."
    assert not at(recognize(other), other, "the two")


def test_a_body_after_a_title_is_no_persons_name() -> None:
    text = "The Judiciary Committee met while Foreign Minister Ana Lopez spoke."
    mentions = recognize(text)
    assert "person.title_unknown" not in rule(mentions, text, "Judiciary")
    assert not [m for m in at(mentions, text, "Committee") if m.rule.startswith("person.")]
    assert codes(mentions, text, "Foreign Minister Ana Lopez")[0].endswith("GOV")


def test_congressional_committees_are_legislators() -> None:
    text = "Sessions testified before the House Judiciary Committee, and the Freedom Caucus objected."
    mentions = recognize(text, date="2018-01-01")
    assert codes(mentions, text, "House Judiciary Committee") == ["USALEG"]
    assert codes(mentions, text, "Freedom Caucus") == ["USALEG"]


def test_an_honorific_and_given_name_repeat_the_person_named_in_full() -> None:
    text = (
        "The President congratulated Sheikh Mohammed bin Zayed Al Nahyan. As he told Sheikh Mohammed on Friday, "
        "the partnership will grow. Sheikh Mohammed bin Rashid also spoke."
    )
    mentions = recognize(text, date="2022-06-01", source="The White House")
    assert codes(mentions, text, "Sheikh Mohammed", occurrence=1) == ["AREGOV"]
    assert not at(mentions, text, "Sheikh Mohammed bin Rashid")  # a fuller name: someone else
    # with no one named in full before, an honorific and a given name are no actor
    alone = "Sheikh Ahmed spoke to reporters."
    assert not at(recognize(alone), alone, "Sheikh Ahmed")


def test_countries_joined_by_a_comma_alone_share_no_noun() -> None:
    text = "After floods in Bangladesh, U.S. Ambassador Peter Hall gave aid. Hungarian, Romanian and Polish aides met."
    mentions = recognize(text)
    assert codes(mentions, text, "Bangladesh") == ["BGD"]
    assert codes(mentions, text, "U.S. Ambassador Peter Hall") == ["USAGOV"]
    assert codes(mentions, text, "Hungarian") == ["HUNGOV"]  # a list ending in "and" still shares its noun
    assert codes(mentions, text, "Romanian") == ["ROUGOV"]
