"""Tacitus: news in, an explainable political event dataset out.

The front door. Everything a user needs is importable from here; the modules behind it
are the stages (sources, nlp, actors, coding, store, analysis) and the jobs that drive
them. Everything heavier than the records is imported on first use, so ``import tacitus``
and ``tacitus --help`` load no spaCy, DuckDB, pandas or pyarrow.

Example:
    >>> import tacitus
    >>> for event in tacitus.code("Turkey rejected U.S. pressure.", date="2019-04-03"):
    ...     print(event.source.country, event.cameo, event.target.country)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from tacitus._version import __version__
from tacitus.errors import TacitusError
from tacitus.models import Actor, ActorMention, Article, Event, Evidence

if TYPE_CHECKING:
    from tacitus.analysis.alerts import alerts
    from tacitus.analysis.series import series
    from tacitus.jobs.ingest import ingest
    from tacitus.pipeline import Pipeline, code, find_actors, load_pipeline
    from tacitus.store import Store

_LAZY = {
    "alerts": "tacitus.analysis.alerts",
    "Pipeline": "tacitus.pipeline",
    "Store": "tacitus.store",
    "code": "tacitus.pipeline",
    "find_actors": "tacitus.pipeline",
    "ingest": "tacitus.jobs.ingest",
    "load_pipeline": "tacitus.pipeline",
    "series": "tacitus.analysis.series",
}

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
    "alerts",
    "code",
    "find_actors",
    "ingest",
    "load_pipeline",
    "series",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'tacitus' has no attribute {name!r}")
