"""Whose act it is when the sentence leaves doubt: borrowed countries, unresolved appealers."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def test_the_target_keeps_its_own_country(code_text):  # type: ignore[no-untyped-def]
    events = [e for e in code_text("The ministers condemned North Korea's missile launch.") if e.cameo[:2] == "11"]
    assert len(events) == 1
    assert events[0].target is not None and events[0].target.country == "PRK"
    assert events[0].source.country is None  # the sentence names no other country for the ministers


def test_a_borrowed_country_that_is_right_stays(code_text):  # type: ignore[no-untyped-def]
    events = [e for e in code_text("Police arrested Kenyan protesters in Nairobi.") if e.cameo[:2] == "17"]
    assert [(e.source.country, e.target.country if e.target else None) for e in events] == [("KEN", "KEN")]


def test_an_unresolved_appealer_is_never_the_addressee(code_text):  # type: ignore[no-untyped-def]
    # "They" has no antecedent here: the appeal has no known source, and Russia must not appeal to itself
    events = code_text("They urged Russia to withdraw its troops.")
    assert not [e for e in events if e.source.country == "RUS"]


def test_the_issuer_of_a_release_borrows_no_country(pipeline):  # type: ignore[no-untyped-def]
    import datetime as dt

    from tacitus.models import Article

    text = "We commend Ambassador Jane Doe and the U.S. Embassy staff in Nairobi for their work."
    article = Article(id="t", text=text, date=dt.date(2022, 3, 1), source="U.S. Department of State")
    events = pipeline.code_article(article).events
    # the issuer and the embassy are one side: no event, and never a bare "GOV" praising the US
    assert not [e for e in events if e.source is not None and e.source.code == "GOV"]
