"""Hand-made actor mentions for coder tests, so the coder is tested on its own."""

from __future__ import annotations

import re

from tacitus.models import ActorMention, Event

#: name → (code, country, sector, kind); a tiny stand-in for the actor dictionaries.
ACTORS: dict[str, tuple[str, str | None, str | None, str]] = {
    "Turkey": ("TUR", "TUR", None, "state"),
    "Turkish": ("TUR", "TUR", None, "state"),
    "Ankara": ("TURGOV", "TUR", "GOV", "state"),
    "Russia": ("RUS", "RUS", None, "state"),
    "Russian": ("RUS", "RUS", None, "state"),
    "Moscow": ("RUSGOV", "RUS", "GOV", "state"),
    "the United States": ("USA", "USA", None, "state"),
    "Washington": ("USAGOV", "USA", "GOV", "state"),
    "U.S.": ("USA", "USA", None, "state"),
    "The Trump administration": ("USAGOV", "USA", "GOV", "state"),
    "Police": ("COP", None, "COP", "agent"),
    "Iran": ("IRN", "IRN", None, "state"),
    "Israel": ("ISR", "ISR", None, "state"),
    "Israeli troops": ("ISRMIL", "ISR", "MIL", "agent"),
    "Syria": ("SYR", "SYR", None, "state"),
    "Syrian rebels": ("SYRREB", "SYR", "REB", "group"),
    "China": ("CHN", "CHN", None, "state"),
    "Beijing": ("CHNGOV", "CHN", "GOV", "state"),
    "Japan": ("JPN", "JPN", None, "state"),
    "France": ("FRA", "FRA", None, "state"),
    "Germany": ("DEU", "DEU", None, "state"),
    "Ukraine": ("UKR", "UKR", None, "state"),
    "India": ("IND", "IND", None, "state"),
    "Pakistan": ("PAK", "PAK", None, "state"),
    "NATO": ("IGOWSTNAT", None, "IGO", "igo"),
    "the North Atlantic Treaty Organization": ("IGOWSTNAT", None, "IGO", "igo"),
    "the European Union": ("IGOEUREEC", None, "IGO", "igo"),
    "police": ("COP", None, "COP", "agent"),
    "protesters": ("CVL", None, "CVL", "agent"),
    "Erdogan": ("TURGOV", "TUR", "GOV", "person"),
    "Putin": ("RUSGOV", "RUS", "GOV", "person"),
    "Merkel": ("DEUGOV", "DEU", "GOV", "person"),
    "the opposition leader": ("TUROPP", "TUR", "OPP", "person"),
    "Chile": ("CHL", "CHL", None, "state"),
    "Chilean": ("CHL", "CHL", None, "state"),
    "Santiago": ("CHLGOV", "CHL", "GOV", "state"),
    "Peru": ("PER", "PER", None, "state"),
    "Lima": ("PERGOV", "PER", "GOV", "state"),
    "Poland": ("POL", "POL", None, "state"),
    "Hungary": ("HUN", "HUN", None, "state"),
    "Austria": ("AUT", "AUT", None, "state"),
    "Italy": ("ITA", "ITA", None, "state"),
    "journalists": ("MED", None, "MED", "agent"),
}


def make_mentions(text: str, offset: int = 0) -> list[ActorMention]:
    """Mentions of every ACTORS name in `text` (longest names first, no overlaps)."""
    taken: list[tuple[int, int]] = []
    mentions: list[ActorMention] = []
    for name in sorted(ACTORS, key=len, reverse=True):
        for match in re.finditer(r"(?<![\w.])" + re.escape(name) + r"(?![\w])", text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            code, country, sector, kind = ACTORS[name]
            mentions.append(
                ActorMention(
                    name, start + offset, end + offset, code, country, sector, name, kind, f"test:{name}", "test"
                )
            )
    return sorted(mentions, key=lambda m: m.char_start)


def triples(events: list[Event]) -> set[tuple[str | None, str, str | None]]:
    """(source code, cameo, target code) of each event, for compact assertions."""
    return {(e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in events}
