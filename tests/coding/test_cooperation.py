"""Cooperation with a named partner: coordinating with X, our work with X, standing with X."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.models import Article

pytestmark = pytest.mark.model


def _coded(pipeline, text):  # type: ignore[no-untyped-def]
    article = Article(id="t", text=text, date=dt.date(2022, 3, 1), source="U.S. Department of State")
    return {
        (e.source.country, e.cameo[:2], e.target.country if e.target else None)
        for e in pipeline.code_article(article).events
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We are closely coordinating our response with Lithuanian officials.", {("USA", "05", "LTU")}),
        ("We look forward to continuing our work with the Government of Ireland.", {("USA", "03", "IRL")}),
        ("The United States stands with the people of Ukraine.", {("USA", "05", "UKR")}),
    ],
)
def test_cooperation_with_a_named_partner(pipeline, text, expected):  # type: ignore[no-untyped-def]
    assert _coded(pipeline, text) == expected


@pytest.mark.parametrize(
    "text",
    ["The decision stands with the committee until May.", "Our work with the data continues."],
)
def test_no_partner_no_cooperation(pipeline, text):  # type: ignore[no-untyped-def]
    assert _coded(pipeline, text) == set()
