"""Actors stage: recognise who acts in an article and resolve it to CAMEO-style codes.

`ActorRecognizer` runs over a tokenised article (no parser needed) with the shipped and
user dictionaries; `find_actors` is the library function behind ``tacitus actors``;
`import_petrarch` converts PETRARCH/Phoenix dictionaries. See docs/actors.md.
"""

from tacitus.actors.api import DocumentActors, find_actors, find_actors_in, recognizer_for
from tacitus.actors.dictionary import Entry, load_entries, parse_dictionary
from tacitus.actors.petrarch import PetrarchImport, import_petrarch
from tacitus.actors.recognizer import ActorRecognizer

__all__ = [
    "ActorRecognizer",
    "DocumentActors",
    "Entry",
    "PetrarchImport",
    "find_actors",
    "find_actors_in",
    "import_petrarch",
    "load_entries",
    "parse_dictionary",
    "recognizer_for",
]
