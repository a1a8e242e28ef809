"""Coding stage: parsed sentences plus actor mentions → CAMEO/PLOVER events with evidence.

`EventCoder` is what the pipeline uses; `load_ontology` and `load_lexicon` expose the
code tables and the trigger lexicon (both data files under `tacitus/data/`); `code_file`
is the library side of `tacitus code` (imported lazily: it loads the pipeline).
"""

from typing import TYPE_CHECKING, Any

from tacitus.coding.coder import EventCoder
from tacitus.coding.lexicon import Lexicon, TriggerEntry, load_lexicon
from tacitus.coding.ontology import CameoCode, Ontology, load_ontology

if TYPE_CHECKING:
    from tacitus.coding.files import code_file

__all__ = [
    "CameoCode",
    "EventCoder",
    "Lexicon",
    "Ontology",
    "TriggerEntry",
    "code_file",
    "load_lexicon",
    "load_ontology",
]


def __getattr__(name: str) -> Any:
    if name == "code_file":
        from tacitus.coding.files import code_file

        return code_file
    raise AttributeError(f"module 'tacitus.coding' has no attribute {name!r}")
