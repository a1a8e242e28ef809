"""Cooperation needs a partner: policy talk with no party is no event, a pledge to someone is."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "Norway remains committed to supporting democracy and human rights across the region.",
        "The new embassy will support the continued expansion of diplomatic and commercial relations.",
        "Norway wants to strengthen the strategic partnership over the coming years.",
    ],
)
def test_cooperation_without_a_party_is_no_event(code_text, text):  # type: ignore[no-untyped-def]
    assert not [e for e in code_text(text) if e.cameo[:2] in ("03", "05")]


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Norway pledged support for Ukraine on Monday.", "UKR"),
        ("Norway praised Sweden for its help.", "SWE"),
    ],
)
def test_cooperation_with_a_party_is_kept(code_text, text, target):  # type: ignore[no-untyped-def]
    events = [e for e in code_text(text) if e.cameo[:2] in ("03", "05")]
    assert [e.target.country for e in events if e.target] == [target]


def test_an_uncoded_party_is_enough_when_events_without_target_are_asked_for():  # type: ignore[no-untyped-def]
    # by default an event needs a target, and "Arab states" is no actor (tests/coding/test_targetless.py)
    import datetime as dt

    from tacitus.models import Article
    from tacitus.pipeline import load_pipeline

    pipeline = load_pipeline(targetless_events=True)
    text = "Egypt rallied Arab states behind its proposal."
    events = pipeline.code_article(Article(id="t", text=text, date=dt.date(2024, 5, 2))).events
    assert [e.cameo[:2] for e in events] == ["05"]
