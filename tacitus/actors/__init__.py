"""Actors stage: recognise who acts in an article and resolve it to CAMEO-style codes.

`ActorRecognizer` runs over a tokenised article (no parser needed) with the shipped and
user dictionaries; `import_petrarch` converts PETRARCH/Phoenix dictionaries. The library
function behind ``tacitus actors`` is `tacitus.pipeline.find_actors`. See docs/actors.md.
"""

from tacitus.actors.dictionary import Entry, load_entries, parse_dictionary
from tacitus.actors.petrarch import PetrarchImport, import_petrarch
from tacitus.actors.recognizer import ActorRecognizer

__all__ = [
    "ActorRecognizer",
    "Entry",
    "PetrarchImport",
    "import_petrarch",
    "load_entries",
    "parse_dictionary",
]
