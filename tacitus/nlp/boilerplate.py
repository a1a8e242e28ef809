"""Boilerplate: sentences of an article that cannot hold an event.

Bylines ("Reporting by ...; Editing by ..."), "X contributed to this report", photo
captions and credits ("... (Reuters: Name)", "Photo: ..."), "Story highlights", "Read more:"
and link lists, an issuing office's name line: docs/annotation.md says such text is never
coded. The patterns are data (``data/lexicon/boilerplate.tsv``, one regular expression a
row); they are compiled once into one expression, and the pipeline asks only about
sentences that the cheap event filter kept, so the check costs next to nothing.
"""

from __future__ import annotations

import functools
import re

from tacitus.errors import ResourceError
from tacitus.resources import read_tsv

_PATH = "lexicon/boilerplate.tsv"


@functools.cache
def boilerplate_pattern() -> re.Pattern[str]:
    """The shipped patterns as one compiled expression (each row an alternative)."""
    parts = []
    for row in read_tsv(_PATH):
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise ResourceError(
                f"data/{_PATH}: pattern '{row['id']}' is not a valid regular expression ({exc})"
            ) from exc
        parts.append(f"(?:{row['pattern']})")
    if not parts:
        raise ResourceError(f"data/{_PATH}: no patterns")
    return re.compile("|".join(parts))


def is_boilerplate(text: str) -> bool:
    """Whether a sentence is boilerplate (a byline, a caption, a credit, a link line), never an event.

    Example:
        >>> is_boilerplate("Reporting by Maria Lopez; Editing by Tom Hale")
        True
        >>> is_boilerplate("Turkey rejected U.S. pressure.")
        False
    """
    return boilerplate_pattern().search(text.strip()) is not None


def boilerplate_rule(text: str) -> str | None:
    """The id of the first pattern that finds `text` boilerplate (for explanations and tests), else None."""
    stripped = text.strip()
    for row in read_tsv(_PATH):
        if re.search(row["pattern"], stripped):
            return row["id"]
    return None
