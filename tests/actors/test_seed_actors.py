"""The founding story's actors resolve as an analyst would (reads ../shared; never copied here)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.models import ActorMention
from tacitus.pipeline import find_actors

pytestmark = pytest.mark.usefixtures("nlp")

SEED = Path("seed") / "bloomberg-2019-04-03-turkey-nato.txt"


@pytest.fixture(scope="module")
def seed(shared_dir: Path) -> tuple[str, list[ActorMention]]:
    text = (shared_dir / SEED).read_text(encoding="utf-8")
    return text, find_actors(text, date="2019-04-03")


def _covering(text: str, mentions: list[ActorMention], phrase: str, occurrence: int = 0) -> ActorMention | None:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    end = start + len(phrase)
    inside = [m for m in mentions if m.char_start < end and start < m.char_end]
    return inside[0] if inside else None


@pytest.mark.parametrize(
    ("phrase", "country", "sectors", "code"),
    [
        ("the country\u2019s foreign minister", "TUR", {"GOV"}, "TURGOV"),
        ("Cavusoglu", "TUR", {"GOV"}, "TURGOV"),
        ("Trump administration", "USA", {"GOV", "MIL"}, None),
        ("Acting Defense Secretary Pat Shanahan", "USA", {"GOV", "MIL"}, None),
        ("the military alliance", None, {"IGO"}, "IGOWSTNAT"),
        ("Lockheed Martin", "USA", {"BUS"}, "USABUS"),
        ("Russian President Vladimir Putin", "RUS", {"GOV"}, "RUSGOV"),
        ("Turkish pilots", "TUR", {"MIL"}, "TURMIL"),
        ("U.S. officials", "USA", {"GOV"}, "USAGOV"),
    ],
)
def test_seed_actor_resolves(
    seed: tuple[str, list[ActorMention]], phrase: str, country: str | None, sectors: set[str], code: str | None
) -> None:
    text, mentions = seed
    mention = _covering(text, mentions, phrase)
    assert mention is not None, f"{phrase!r} not recognised"
    assert mention.country == country and mention.sector in sectors, mention
    if code:
        assert mention.code == code, mention


@pytest.mark.parametrize("phrase", ["an Arizona base", "Bethesda, Maryland", "conference in Washington"])
def test_seed_places_are_not_actors(seed: tuple[str, list[ActorMention]], phrase: str) -> None:
    text, mentions = seed
    if phrase == "conference in Washington":
        phrase = "Washington"
    start = text.index(phrase)
    hit = [m for m in mentions if m.char_start < start + len(phrase) and start < m.char_end]
    if phrase == "Washington":
        assert not hit, hit
    else:
        assert not hit, hit


def test_seed_every_washington_is_a_place(seed: tuple[str, list[ActorMention]]) -> None:
    text, mentions = seed
    assert text.count("Washington") >= 2
    assert not [m for m in mentions if m.text == "Washington"]


def test_seed_back_references(seed: tuple[str, list[ActorMention]]) -> None:
    text, mentions = seed
    assert _covering(text, mentions, "his country").code == "TUR"  # type: ignore[union-attr]
    assert _covering(text, mentions, "the bloc").code == "IGOWSTNAT"  # type: ignore[union-attr]
    assert _covering(text, mentions, "the alliance faces").code == "IGOWSTNAT"  # type: ignore[union-attr]
