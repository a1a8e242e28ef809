"""Disapproval as news phrases it: "X is deeply concerned by/about Y's ...", "X was disturbed by Y".

Invented sentences. The one who feels it is the source in either voice; the by/about phrase is
the target, and only a coded target makes it an event.
"""

from __future__ import annotations

import pytest

from .helpers import triples

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("The United States is deeply concerned by Russia's arrests of journalists.", "USA", "RUS"),
        ("Canada is disturbed by China's detention of activists.", "CAN", "CHN"),
        ("Japan remains concerned about China's actions in the strait.", "JPN", "CHN"),
    ],
)
def test_concerned_by_an_actor_is_disapproval(code_text, text, source, target):
    events = code_text(text)
    assert {(s, c[:2], t) for s, c, t in triples(events)} == {(source, "11", target)}  # not also the arrests


@pytest.mark.parametrize(
    "text",
    ["The talks concerned Iran's nuclear programme.", "The minister was troubled by the weather."],
)
def test_concern_without_a_coded_actor_is_no_event(code_text, text):
    assert code_text(text) == []


def test_our_allies_are_the_allies_not_the_speaker(code_text):
    events = code_text("The Canadian prime minister said we will cooperate with our Japanese partners.")
    assert {t for _, _, t in triples(events)} == {"JPN"}
