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
4. `context`: a country for mentions whose words name none ("police", "the government"), from
   the sentence, the paragraph, the dateline, the article or the body that issued it.
5. `references`: "he", "they", "the two leaders", "we" in a government's own text.

Rules are documented, with their limits, in docs/actors.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from tacitus.actors.codes import split_code
from tacitus.actors.context import ArticleContext, apply_title_sectors, dateline_region, fill_countries, home_body
from tacitus.actors.dictionary import load_entries, words
from tacitus.actors.matching import DictionaryMatcher
from tacitus.actors.phrases import COUNTRYISH, assemble
from tacitus.actors.references import resolve_references
from tacitus.actors.resolution import (
    Draft,
    add_given_names,
    add_surnames,
    drop_persons_without_country_context,
    mark_former,
    resolve_backrefs,
)
from tacitus.models import ActorMention, Article


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

    def recognize(self, doc: Doc, *, date: dt.date | None, article: Article | None = None) -> list[ActorMention]:
        """Actors in `doc`, in text order, with article-level character offsets.

        `article` (the record `doc` was made from) adds what lies outside the text: the body
        that issued it (`source`), the dateline's `place` and the `title`, used to give
        mentions without a country the one their context makes plain.
        """
        atoms = self._matcher.atoms(doc, date)
        if not atoms:
            return []
        home = home_body(article.source) if article is not None else None
        drafts = assemble(doc, atoms, date, issued_by_body=home is not None)
        drafts = add_given_names(doc, add_surnames(doc, drafts))
        drafts.sort(key=lambda d: (d.start, d.end))
        mark_former(doc, drafts)
        drafts = drop_persons_without_country_context(drafts)
        _mark_place_names(doc, drafts)
        resolve_backrefs(drafts, speaker_country=home.country if home else None)
        context = ArticleContext(
            doc,
            drafts,
            home=home,
            dateline=self._place_country(article.place, date) if article is not None else None,
            title_drafts=self._title_drafts(article.title, date) if article is not None else (),
        )
        fill_countries(context, drafts)
        apply_title_sectors(drafts)
        drafts = [draft for draft in drafts if not draft.context_only]
        resolve_references(context, drafts)
        # a back-reference with nothing to point back to is not an actor we can name
        return [mention for draft in drafts if not draft.backref for mention in _mentions(doc, draft)]

    def _place_country(self, place: str | None, date: dt.date | None) -> str | None:
        """The country of a dateline place: "KABUL, Afghanistan" -> AFG, "DULUTH, Minn." -> USA, "LONDON" -> GBR."""
        if not place:
            return None
        for part in reversed([p.strip() for p in place.split(",") if p.strip()]):
            region = dateline_region(part)
            if region:
                return region
            for atom in self._matcher.atoms(self.nlp.make_doc(part), date):
                country = split_code(atom.entries[0].code).cameo_country
                if atom.kind in COUNTRYISH and country:
                    return country
        return None

    def _title_drafts(self, title: str | None, date: dt.date | None) -> list[Draft]:
        """The actors of an article's title, as context for its text (not mentions: offsets are the text's)."""
        if not title:
            return []
        doc = self.nlp.make_doc(title)
        atoms = self._matcher.atoms(doc, date)
        if not atoms:
            return []
        drafts = [d for d in assemble(doc, atoms, date) if not d.backref]
        mark_former(doc, drafts)
        return drafts


def _mark_place_names(doc: Doc, drafts: list[Draft]) -> None:
    """A person's name that begins a building's or a street's ("Trump Tower", "Reagan Airport") is no actor.

    It stays evidence of the article's country (`context_only`), as "the GOP-led Senate" does.
    """
    heads = words("place_name_head")
    for draft in drafts:
        if draft.kind == "person" and draft.end < len(doc):
            after = doc[draft.end]
            if after.is_title and after.lower_ in heads:
                draft.context_only = True


def _mentions(doc: Doc, draft: Draft) -> Iterator[ActorMention]:
    """One mention per code of the draft: "the two leaders" is two actors on one span."""
    span = doc[draft.start : draft.end]
    rule = f"{draft.rule}+{draft.country_rule}" if draft.country_rule else draft.rule
    for code in (draft.code, *draft.extra_codes):
        parts = split_code(code)
        yield ActorMention(
            text=span.text,
            char_start=span.start_char,
            char_end=span.end_char,
            code=code,
            country=parts.country,
            sector=parts.sector,
            name=draft.name,
            kind=draft.kind,
            entry=draft.entry,
            rule=rule,
            plover_sector=parts.plover_sector,
        )


__all__ = ["ActorRecognizer"]
