"""Reported speech whose content condemns another actor is the speaker's criticism (111).

docs/annotation.md: the speaker of reported speech is the subject of the speech verb, inside or
outside quotes. Invented sentences.
"""

from __future__ import annotations

import pytest

from .helpers import triples

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ('"Russia\'s actions in Ukraine are deplorable," the German foreign minister said.', "DEUGOV", "RUS"),
        ("The German foreign minister said Russia's actions in Ukraine were unacceptable.", "DEUGOV", "RUS"),
        ('"China is lying to the world," Japan\'s foreign minister told reporters.', "JPNGOV", "CHN"),
    ],
)
def test_condemning_content_is_the_speakers_criticism(code_text, text, source, target):
    assert triples(code_text(text)) == {(source, "111", target)}


@pytest.mark.parametrize(
    "text",
    [
        "The German foreign minister said Russia's strikes were not illegal.",
        '"Our response was wrong," the German foreign minister said.',
    ],
)
def test_no_criticism_when_negated_or_of_the_speaker(code_text, text):
    assert code_text(text) == []
