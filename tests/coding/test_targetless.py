"""Events other than statements and protests need a target by default (docs/events.md)."""

from __future__ import annotations

import datetime as dt

import pytest

from tacitus.models import Article

pytestmark = pytest.mark.model

NO_TARGET = "The Nigerian army launched air strikes on Sunday."


def test_an_event_without_target_is_left_out_by_default(code_text):  # type: ignore[no-untyped-def]
    assert not code_text(NO_TARGET)


def test_the_setting_keeps_events_without_target():  # type: ignore[no-untyped-def]
    from tacitus.pipeline import load_pipeline

    pipeline = load_pipeline(targetless_events=True)
    events = pipeline.code_article(Article(id="t", text=NO_TARGET, date=dt.date(2024, 5, 2))).events
    assert any(e.source is not None and e.source.country == "NGA" and e.target is None for e in events)


def test_the_same_strikes_on_a_named_target_are_coded(code_text):  # type: ignore[no-untyped-def]
    events = code_text("The Nigerian army launched air strikes on Boko Haram camps on Sunday.")
    assert any(e.source is not None and e.source.country == "NGA" and e.target is not None for e in events)


def test_a_protest_needs_no_target(code_text):  # type: ignore[no-untyped-def]
    events = code_text("Thousands of Venezuelan students protested in Caracas on Friday.")
    assert any(e.cameo_root == "14" and e.target is None for e in events)
