"""Recognise actors in a tokenised article and resolve them to codes, by dictionary and rule.

`ActorRecognizer` runs the steps in order; each lives in its own module:

1. `matching`: one PhraseMatcher pass over lower-cased tokens finds every dictionary pattern (atoms).
2. `places` and `phrases`: cheap rules over the atoms (no tagger, parser or NER) skip places and
   parts of other names ("in Washington", "Atlanta, Georgia", "Michael Jordan") and join the rest
   into actor phrases ("Turkish pilots" TURMIL, "Foreign Minister Wang Yi", "Hungarian and
   Romanian officials" HUNGOV + ROUGOV).
3. `resolution`: codes that need the whole article or its date: office holders on the day,
   surnames after a full name, "former" office holders, back-references ("the country's",
   "his country", "the alliance").

Rules are documented, with their limits, in docs/actors.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.actors.codes import split_code
from tacitus.actors.dictionary import load_entries
from tacitus.actors.matching import DictionaryMatcher
from tacitus.actors.phrases import assemble
from tacitus.actors.resolution import (
    Draft,
    add_surnames,
    drop_persons_without_country_context,
    mark_former,
    resolve_backrefs,
)
from tacitus.models import ActorMention


class ActorRecognizer:
    """Finds actors in articles tokenised by `tacitus.nlp.split_sentences`.

    Build it once (it compiles every dictionary pattern into one PhraseMatcher) and call
    `recognize` per article. `user_dictionary_suffix` names the user's dictionaries'
    contents and is appended to the lexicon version stamped on every event.
    """

    def __init__(self, nlp: Language, *, dictionaries: Sequence[Path] = ()) -> None:
        entries, self.user_dictionary_suffix = load_entries(tuple(Path(p) for p in dictionaries))
        self.nlp = nlp
        self._matcher = DictionaryMatcher(nlp, entries)

    def recognize(self, doc: Doc, *, date: dt.date | None) -> list[ActorMention]:
        """Actors in `doc`, in text order, with article-level character offsets."""
        atoms = self._matcher.atoms(doc, date)
        if not atoms:
            return []
        drafts = add_surnames(doc, assemble(doc, atoms, date))
        drafts.sort(key=lambda d: (d.start, d.end))
        mark_former(doc, drafts)
        drafts = drop_persons_without_country_context(drafts)
        resolve_backrefs(drafts)
        # a back-reference with nothing to point back to is not an actor we can name
        return [_mention(doc, draft) for draft in drafts if not draft.backref]


def _mention(doc: Doc, draft: Draft) -> ActorMention:
    span = doc[draft.start : draft.end]
    parts = split_code(draft.code)
    return ActorMention(
        text=span.text,
        char_start=span.start_char,
        char_end=span.end_char,
        code=draft.code,
        country=parts.country,
        sector=parts.sector,
        name=draft.name,
        kind=draft.kind,
        entry=draft.entry,
        rule=draft.rule,
        plover_sector=parts.plover_sector,
    )


__all__ = ["ActorRecognizer"]
