"""Violence is an assault (18x) unless one side is armed, then a fight (19x): CAMEO's own split."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _roots(events):  # type: ignore[no-untyped-def]
    return {e.cameo[:2] for e in events if e.cameo[:2] in ("18", "19")}


@pytest.mark.parametrize(
    "text",
    [
        "Robbers killed five Kenyan shopkeepers in Mombasa on Tuesday.",
        "A Mexican journalist was attacked outside his home in Tijuana.",
        "A Brazilian police sergeant was shot twice in Sao Paulo on Friday.",
    ],
)
def test_unarmed_violence_is_an_assault(code_text, text):  # type: ignore[no-untyped-def]
    events = code_text(text)
    assert _roots(events) == {"18"}, [(e.cameo, e.evidence.rule) for e in events]
    assert all(e.evidence.rule.startswith("unarmed+") for e in events if e.cameo[:2] == "18")


@pytest.mark.parametrize(
    "text",
    [
        "Russian troops attacked Ukrainian positions near Kharkiv.",
        "Russia attacked Ukraine on Thursday.",
        "Colombian soldiers killed three FARC rebels in a clash.",
    ],
)
def test_armed_violence_stays_a_fight(code_text, text):  # type: ignore[no-untyped-def]
    assert _roots(code_text(text)) == {"19"}


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan protesters clashed with riot police in Nairobi on Tuesday.",
        "Kenyan protesters and police clashed in Nairobi on Tuesday.",
    ],
)
def test_protesters_clashing_with_police_riot(code_text, text):  # type: ignore[no-untyped-def]
    events = [e for e in code_text(text) if e.evidence.trigger == "clashed"]
    assert events and {e.cameo for e in events} == {"145"}


def test_armed_sides_clashing_fight(code_text):  # type: ignore[no-untyped-def]
    events = code_text("Syrian troops and rebels clashed near Aleppo.")
    assert {e.cameo for e in events if e.evidence.trigger == "clashed"} == {"190"}
