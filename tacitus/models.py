"""The records every stage, the store and the API share.

An `Article` comes out of ingest, `ActorMention`s out of the actors stage, and `Event`s
(with their `Actor`s and `Evidence`) out of the coder. Character offsets are always
relative to `Article.text`, so any event can be traced back to the exact characters
that produced it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

#: Characters in one article at most (spaCy needs a bound; longer inputs are reported, not coded).
MAX_ARTICLE_CHARS = 1_000_000

#: How sure the text is that the event happened (see docs/events.md).
MODALITIES = ("asserted", "reported", "intended", "threatened", "hypothetical", "negated")


@dataclass(frozen=True, slots=True)
class Article:
    """One news article after ingest: text plus what we know about it."""

    id: str
    text: str
    date: dt.date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    place: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    origin: str | None = None  # "path:line" the article was read from

    @property
    def content_hash(self) -> str:
        """sha1 of the normalised text: equal texts under different ids are duplicates."""
        normalised = " ".join(self.text.split()).lower()
        return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A span of an article recognised as an actor, with the code it resolved to and why.

    `code` is the full CAMEO-style actor code (``TURGOV``, ``IGOWSTNAT``, ``USABUS``), or
    None where the actor is clear but cannot be coded. `entry` names the dictionary entry
    and `rule` the recognition rule that produced it, so `tacitus actors` can explain itself.
    """

    text: str
    char_start: int
    char_end: int
    code: str | None
    country: str | None  # ISO 3166-1 alpha-3; None for IGOs and groups without one
    sector: str | None  # CAMEO actor type: GOV, MIL, COP, BUS, IGO, ...
    name: str | None  # canonical name: "Turkey", "Mevlut Cavusoglu", "NATO"
    kind: str  # state | person | igo | group | agent | org
    entry: str  # dictionary entry id, e.g. "countries:TURKEY"
    rule: str  # recognition rule id, e.g. "dict.exact", "backref.country_possessive"
    plover_sector: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Actor:
    """The source or target of an event, as it appears in the output schema.

    `country_rule` says where the country came from: ``country.phrase`` when the mention's own
    words name it ("Turkey", "Turkish pilots", "the foreign minister of Turkey"), else the
    context rule that gave it (``country.sentence``, ``country.paragraph``, ``country.dateline``,
    ``country.article``, ``country.source``, ``country.antecedent``; docs/actors.md); None
    when the actor has no country.
    """

    text: str
    code: str | None
    country: str | None
    sector: str | None
    name: str | None
    char_start: int | None = None
    char_end: int | None = None
    country_rule: str | None = None

    @classmethod
    def from_mention(cls, mention: ActorMention) -> Actor:
        return cls(
            text=mention.text,
            code=mention.code,
            country=mention.country,
            sector=mention.sector,
            name=mention.name,
            char_start=mention.char_start,
            char_end=mention.char_end,
            country_rule=country_rule(mention.rule) if mention.country else None,
        )


def country_rule(rule: str) -> str:
    """The country part of a mention's rule: "agent.bare+country.article" -> "country.article".

    A rule without one ("agent.country_adjective", "dict.exact") found the country in the
    mention's own words: "country.phrase".
    """
    found = [part for part in rule.split("+") if part.startswith("country.")]
    return found[-1] if found else "country.phrase"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where an event comes from: the sentence, its trigger and the rule that fired."""

    sentence_index: int
    sentence: str
    trigger: str
    char_start: int  # of the trigger, in the article text
    char_end: int
    rule: str


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, as the geolocator (tacitus.enrich.geo) resolved it against GeoNames.

    `feature` is what the place is (city, adm1 = a first-level region, country) and `precision`
    what its coordinates are worth: "point" for a city; "adm1" and "country" carry no coordinates,
    never a made-up centroid. `source` says where the name was read: the event's sentence, the
    article's dateline, or its lead (a place tied to an event of its first sentences, for an
    article without a dateline). `country` is ISO 3166-1 alpha-3; `adm1` the GeoNames code ("US.TX").
    """

    name: str
    country: str | None
    adm1: str | None
    lat: float | None
    lon: float | None
    feature: str  # city | adm1 | country
    precision: str  # point | adm1 | country
    source: str  # sentence | dateline | lead
    geonameid: int | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, with evidence and confidence.

    `to_dict()` gives the documented output schema of `tacitus code` (docs/events.md).
    """

    event_id: str
    doc_id: str
    date: str | None  # ISO date of the article (event date = report date for now)
    source: Actor | None  # None: the sentence names no doer ("four people were arrested")
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    evidence: Evidence
    confidence: float
    modality: str
    lexicon_version: str
    historical: bool = False
    location: Location | None = None  # set by the geolocator (tacitus.enrich.geo); None: not known
    # Filled by the tone enricher (tacitus.enrich.tone, GDELT AvgTone scale); None until it runs.
    sentence_tone: float | None = None
    article_tone: float | None = None
    # Every enricher that ran on the event, "name@data-version" joined by ";" (tone@..., geo@...).
    enrichers: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON shape documented in docs/events.md."""

        def actor(a: Actor | None) -> dict[str, Any] | None:
            return None if a is None else asdict(a)

        return {
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "date": self.date,
            "source": actor(self.source),
            "target": actor(self.target),
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "plover": {"type": self.plover_type, "mode": self.plover_mode},
            "evidence": asdict(self.evidence),
            "confidence": self.confidence,
            "modality": self.modality,
            "historical": self.historical,
            "location": None if self.location is None else self.location.to_dict(),
            "lexicon_version": self.lexicon_version,
        }


def make_event_id(
    doc_id: str,
    sentence_index: int,
    trigger_start: int,
    source_code: str | None,
    target_code: str | None,
    cameo: str,
    lexicon_version: str,
) -> str:
    """A stable id: the same input and lexicon version always give the same id."""
    key = "\x1f".join(
        [
            doc_id,
            str(sentence_index),
            str(trigger_start),
            source_code or "",
            target_code or "",
            cameo,
            lexicon_version,
        ]
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]
