"""Consultations named by what is exchanged: views, perspectives; assessments shared are intelligence."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Norway exchanged views with Sweden on the crisis.", {("NOR", "040", "SWE")}),
        ("Norway and Sweden shared perspectives on the crisis.", {("NOR", "040", "SWE"), ("SWE", "040", "NOR")}),
        (
            "The United States and Japan shared assessments of the regional situation.",
            {("USA", "064", "JPN"), ("JPN", "064", "USA")},
        ),
    ],
)
def test_exchanges_are_coded_both_ways_for_joint_subjects(code_text, text, expected):  # type: ignore[no-untyped-def]
    found = {(e.source.country, e.cameo, e.target.country if e.target else None) for e in code_text(text)}
    assert found == expected


def test_sharing_a_meal_is_no_consultation(code_text):  # type: ignore[no-untyped-def]
    assert code_text("Norway and Sweden shared a meal on Friday.") == []
