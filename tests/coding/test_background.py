"""Events told in passing: a trigger in a relative clause, a participle on a noun, an adverbial clause,
a gerund after a preposition or an event noun inside a prepositional phrase is background, and is coded
only when its clause names a time of its own (docs/events.md, "Told in passing"). Invented sentences.
"""

from __future__ import annotations

import pytest

from tacitus.coding import load_lexicon
from tacitus.coding.modality import is_background

from .helpers import triples

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Peru expelled the diplomat.", "expelled", False),
        ("Chile said Peru expelled the diplomat.", "expelled", False),
        # told in passing
        ("The envoy, whom Peru expelled, returned to Lima.", "expelled", True),
        ("Lawmakers investigating the ministry met on Friday.", "investigating", True),
        ("Bolivia praised the deal by opening its border.", "opening", True),
        ("Analysts wrote narratives about the investigation of the ministry.", "investigation", True),
        ("When Peru expelled the diplomat, Chile protested.", "expelled", True),
        # with a time of its own, alongside the main clause, or governed
        ("The envoy, whom Peru expelled on Monday, returned to Lima.", "expelled", False),
        ("Tensions rose as Peru expelled the diplomat.", "expelled", False),
        ("Chile recalled its envoy after Peru expelled the diplomat.", "expelled", False),
        ("Bolivia is intent on cultivating ties with Peru.", "cultivating", False),
    ],
)
def test_background_positions(token, text, word, expected):
    assert is_background(token(text, word), load_lexicon()) is expected


def test_a_relative_clause_event_is_not_coded_unless_it_names_its_time(code_text):
    passing = triples(code_text("Chile hosted the Peruvian minister, who criticized Bolivia."))
    assert ("CHL", "043", "PERGOV") in passing
    assert not any(c.startswith("11") for _, c, _ in passing)
    dated = triples(code_text("Chile hosted the Peruvian minister, who criticized Bolivia on Monday."))
    assert ("PERGOV", "111", "BOL") in dated


def test_a_historical_clause_stays_coded_as_history(code_text):
    events = code_text("Saudi Arabia and Iran reopened their embassies, seven years after Riyadh cut ties with Tehran.")
    assert any(e.cameo[:2] == "16" and e.historical for e in events)
