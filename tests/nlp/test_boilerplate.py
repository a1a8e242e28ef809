"""Boilerplate sentences (bylines, captions, credits, link lines) are never coded."""

from __future__ import annotations

import pytest

from tacitus.nlp.boilerplate import boilerplate_pattern, boilerplate_rule, is_boilerplate


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Reporting by Ana Ruiz in Lima; Editing by Paul Gray", "byline_by"),
        ("(Writing by Ana Ruiz; Editing by Paul Gray)", "byline_paren"),
        ("Reuters staff in Santiago contributed to this report.", "contributed"),
        ("Ana Ruiz in Lima contributed reporting.", "contributed_reporting"),
        ("Chile's president waves to supporters after voting in Santiago (Reuters: Ana Ruiz)", "credit_end"),
        ("(AP Photo/Ana Ruiz) Peru's president speaks in Lima.", "credit_ap"),
        ("Photo: Soldiers patrol the border near Tacna on Monday.", "photo_lead"),
        ("Story highlights", "highlights"),
        ("Read more: Why Chile and Peru are talking again", "read_more"),
        ("MORE: Peru recalls its envoy from Chile", "read_more"),
        ("SEE ALSO: Peru accuses Chile of spying", "see_also_label"),
        ("The Andes Security Project is funded by the Lima Peace Foundation and private donors.", "funding_note"),
        ("Click here to sign up for our newsletter", "read_more_bare"),
        ("Share this story: Facebook Twitter Email", "share"),
        ("Office of the Spokesperson", "spokesperson_office"),
        ("Ministry of Foreign Affairs of Peru", "office_line"),
        ("Press Statement", "release_type"),
        ("World | Politics | Chile", "link_list"),
        ("Copyright 2024 Ana Ruiz. All rights reserved.", "copyright"),
        ("Follow Ana Ruiz on Twitter", "follow"),
        ("Media playback is unsupported on your device Media caption Why Peru and Chile talk again", "media_widget"),
        ("Image copyright Reuters Image caption Chilean troops near the border", "media_widget"),
        ("CLOSE Peru Recalls Envoy From Chile Over Border Row", "video_close"),
        ("Hide Caption 4 of 12 Photos: Photos: Protests in Lima", "gallery_caption"),
        ("JUST WATCHED Peru recalls envoy Replay More Videos ...", "video_rail"),
        ("(Also on POLITICO: Chile recalls its envoy)", "also_on"),
        ("Correction: An earlier version misspelled the minister's name.", "correction"),
        (
            "Sen. Ana Ruiz Ana Maria RuizChile recalls envoy Peru talks stall MORE (D-Lima) said Chile erred.",
            "glued_link_list",
        ),
    ],
)
def test_boilerplate_is_found(text, rule):
    assert is_boilerplate(text)
    assert boilerplate_rule(text) == rule


@pytest.mark.parametrize(
    "text",
    [
        "Chile recalled its ambassador from Peru on Monday.",
        "By expelling the envoy, Chile signalled its anger at Peru.",  # 'By' opens a sentence, not a byline
        "Research by the university found that Peru's exports fell.",
        "The Ministry of Defence said troops had crossed into Peru.",  # an office that acts, in a sentence
        "Photos of the clashes were shared by Chilean police (officers said) on Monday.",
        "See also: Coverage of Peru Chile recalled its ambassador on Monday.",  # a real sentence runs on
        "Peru asked: will Chile respond?",
        "More than 20 soldiers were killed near the border.",
        "CLOSE ties with Chile matter to Peru, the minister said.",  # a shouted word, then a sentence
        "The media caption contest was cancelled.",
        "Peru's McCarthy-era laws drew MORE criticism (from Chile) than before.",  # no glued name before it
        "The correction came late: Chile said Peru erred.",
    ],
)
def test_real_sentences_are_not_boilerplate(text):
    assert not is_boilerplate(text)


def test_the_patterns_compile_once():
    assert boilerplate_pattern() is boilerplate_pattern()


def test_the_pipeline_skips_boilerplate(pipeline):
    import tacitus

    assert tacitus.code("Photo: Police officers detain a protester in Lima on Saturday.", date="2024-05-11") == []
    assert tacitus.code("Police officers detained a protester in Lima on Saturday.", date="2024-05-11")
