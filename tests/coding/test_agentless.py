"""Coercion and violence with no named doer are coded with a null source (docs/annotation.md)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _coded(events):  # type: ignore[no-untyped-def]
    return {(e.source.code if e.source else None, e.cameo[:2], e.target.country if e.target else None) for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "Three Kenyan opposition activists were arrested in Nairobi on Friday.",
        "Two Nigerian soldiers were killed near the border on Sunday.",
        "The Kenyan interior ministry has been widely criticized for the raids.",
        "Two Yemeni prisoners were released on Monday.",
        "Three Iranian shipping firms were sanctioned on Tuesday.",
    ],
)
def test_a_passive_without_agent_has_no_source(code_text, text):  # type: ignore[no-untyped-def]
    events = code_text(text)
    assert events, text
    assert all(e.source is None for e in events)
    assert {root for _, root, _ in _coded(events)} <= {"08", "11", "16", "17", "18", "19", "20"}
    assert all(e.target is not None and e.target.code for e in events)


def test_the_agent_is_the_source_when_the_sentence_names_it(code_text):  # type: ignore[no-untyped-def]
    events = code_text("Three Kenyan opposition activists were arrested by Kenyan police in Nairobi.")
    assert events
    assert all(e.source is not None and e.source.country == "KEN" for e in events)


def test_no_doer_no_victim_no_event(code_text):  # type: ignore[no-untyped-def]
    # nobody coded on either side: nothing for an analyst to count
    assert not code_text("Some things were destroyed in the storm.")


def test_an_agentless_event_has_a_lower_raw_score_than_the_same_event_with_its_doer():  # type: ignore[no-untyped-def]
    # the hand-written raw score; the reported confidence is the verifier's, learned from real news
    import datetime as dt

    from tacitus.models import Article
    from tacitus.pipeline import load_pipeline

    pipeline = load_pipeline(calibrate=False)

    def code_text(text: str) -> list:  # type: ignore[type-arg]
        return list(pipeline.code_article(Article(id="t", text=text, date=dt.date(2024, 5, 2))).events)

    without = code_text("Three Kenyan opposition activists were arrested on Friday.")
    named = code_text("Kenyan police arrested three Kenyan opposition activists on Friday.")
    assert without and named
    assert max(e.confidence for e in without) < max(e.confidence for e in named)


def test_a_negated_arrest_is_no_event(code_text):  # type: ignore[no-untyped-def]
    assert not code_text("No Kenyan opposition activists were arrested on Friday.")
