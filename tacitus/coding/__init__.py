"""Coding stage: parsed sentences plus actor mentions → CAMEO/PLOVER events with evidence.

`EventCoder` is what the pipeline uses; `load_ontology` and `load_lexicon` expose the
code tables and the trigger lexicon (both data files under `tacitus/data/`).
"""

from tacitus.coding.coder import EventCoder
from tacitus.coding.lexicon import Lexicon, TriggerEntry, load_lexicon
from tacitus.coding.ontology import CameoCode, Ontology, load_ontology

__all__ = [
    "CameoCode",
    "EventCoder",
    "Lexicon",
    "Ontology",
    "TriggerEntry",
    "load_lexicon",
    "load_ontology",
]
