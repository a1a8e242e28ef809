"""Tacitus: news in, an explainable political event dataset out.

The front door. Everything a user needs is importable from here; the modules behind
it are the pipeline stages (ingest, nlp, actors, coding, store, eval).

Example:
    >>> import tacitus
    >>> for event in tacitus.code("Turkey rejected U.S. pressure.", date="2019-04-03"):
    ...     print(event.source.country, event.cameo, event.target.country)
"""

from tacitus._version import __version__
from tacitus.errors import TacitusError
from tacitus.ingest import ingest
from tacitus.models import Actor, ActorMention, Article, Event, Evidence
from tacitus.pipeline import Pipeline, code, load_pipeline
from tacitus.store import Store

__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "Event",
    "Evidence",
    "Pipeline",
    "Store",
    "TacitusError",
    "__version__",
    "code",
    "ingest",
    "load_pipeline",
]
