"""Parties in surface lists and agents owned by a state: who else an event is with or to."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _dyads(events):  # type: ignore[no-untyped-def]
    return {(e.source.country, e.cameo[:2], e.target.country if e.target else None) for e in events}


def test_each_listed_person_is_a_target(code_text):  # type: ignore[no-untyped-def]
    # the parser hangs the later items on the verb; the commas and the final "and" make them a list
    events = code_text(
        "The Foreign Minister of Norway met on Tuesday with Prime Minister Kaja Kallas of Estonia, President "
        "Egils Levits of Latvia, and President Gitanas Nauseda of Lithuania in Brussels."
    )
    assert {("NOR", "04", "EST"), ("NOR", "04", "LVA"), ("NOR", "04", "LTU")} <= _dyads(events)


def test_a_clause_of_its_own_ends_the_list(code_text):  # type: ignore[no-untyped-def]
    events = code_text("Norway's prime minister met the Danish foreign minister, and Sweden said it would wait.")
    targets = {e.target.country for e in events if e.cameo[:2] == "04" and e.target}
    assert targets == {"DNK"}


def test_a_name_suffix_is_no_party(code_text):  # type: ignore[no-untyped-def]
    events = code_text("President Joseph R. Biden, Jr. and President Jair Bolsonaro of Brazil met on Friday.")
    assert events  # the meeting itself is coded
    assert all(e.target is None or e.target.text != "Jr." for e in events)
    assert all(e.source.text != "Jr." for e in events)


def test_an_agent_takes_the_state_of_its_of_phrase(code_text):  # type: ignore[no-untyped-def]
    events = code_text("Norway commended the leadership of the State of Qatar in the talks.")
    praise = [e for e in events if e.cameo[:2] == "05"]
    assert praise, events
    assert praise[0].target is not None
    assert (praise[0].target.country, praise[0].target.sector) == ("QAT", "GOV")
