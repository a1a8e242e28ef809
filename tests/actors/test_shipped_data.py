"""Quality checks on the shipped dictionaries: every code readable, terms consistent, key facts right."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from tacitus.actors.codes import sector_roles, sectors, split_code
from tacitus.actors.dictionary import NOT_AN_ACTOR, Entry, parse_dictionary, shipped_entries
from tacitus.resources import read_text

OFFICE_HOLDERS = "actors/office_holders_2016_2026.tsv"


def _office_holders() -> list[Entry]:
    return parse_dictionary(read_text(OFFICE_HOLDERS), origin=OFFICE_HOLDERS)


def test_every_shipped_code_splits_into_country_or_sector() -> None:
    unreadable = {
        (e.origin, e.code)
        for e in shipped_entries()
        if e.kind != "backref"
        and e.code != NOT_AN_ACTOR
        and not (split_code(e.code).cameo_country or split_code(e.code).sector)
    }
    assert not unreadable


def test_office_holders_are_people_with_a_start_date() -> None:
    for entry in _office_holders():
        assert entry.kind == "person", entry.origin
        assert entry.start is not None, entry.origin
        assert entry.start >= dt.date(1950, 1, 1), entry.origin


def test_no_person_holds_two_codes_at_once_except_on_handover_days() -> None:
    terms: dict[str, set[tuple[str, dt.date, dt.date]]] = defaultdict(set)
    for entry in _office_holders():
        terms[entry.name].add((entry.code, entry.start or dt.date.min, entry.end or dt.date.max))
    clashes = []
    for name, spans in terms.items():
        ordered = sorted(spans, key=lambda t: t[1])
        for (code_a, _, end_a), (code_b, start_b, _) in zip(ordered, ordered[1:], strict=False):
            if code_a != code_b and start_b < end_a:
                clashes.append((name, code_a, code_b))
    assert clashes == []


def test_sample_of_known_terms() -> None:
    """Spot checks from the brief's own examples."""
    by_name: dict[str, list[Entry]] = defaultdict(list)
    for entry in _office_holders():
        by_name[entry.name].append(entry)

    def holder(name: str, day: str) -> str | None:
        date = dt.date.fromisoformat(day)
        held = [e.code for e in by_name[name] if e.holds_on(date)]
        return held[-1] if held else None

    assert holder("Donald Trump", "2019-04-03") == "USAGOV"
    assert holder("Donald Trump", "2021-06-01") is None  # between terms, before the next candidacy
    assert holder("Donald Trump", "2023-04-03") == "USAPTY"  # a candidate
    assert holder("Jeff Sessions", "2016-04-03") == "USALEG"
    assert holder("Jeff Sessions", "2018-04-03") == "USAGOV"
    assert holder("Joe Biden", "2023-04-03") == "USAGOV"
    assert holder("Patrick Shanahan", "2019-04-03") == "USAGOV"
    assert holder("Mevlut Cavusoglu", "2023-06-02") == "TURGOV"
    assert holder("Mevlut Cavusoglu", "2023-06-04") is None
    assert holder("Hakan Fidan", "2023-06-04") == "TURGOV"
    assert holder("Keir Starmer", "2025-01-01") == "GBRGOV"
    assert holder("Recep Tayyip Erdogan", "2010-01-01") == "TURGOV"


def test_accented_and_plain_spellings_both_listed() -> None:
    patterns = {e.pattern for e in _office_holders()}
    assert {"Mevlut Cavusoglu", "Mevlüt Çavuşoğlu", "Recep Tayyip Erdogan", "Recep Tayyip Erdoğan"} <= patterns


def test_hand_written_files_do_not_give_one_pattern_two_undated_codes() -> None:
    """Within one file a pattern may have several rows only as dated terms; otherwise the reading is ambiguous."""
    from tacitus.actors.dictionary import pattern_key

    for relative in ("actors/agents.tsv", "actors/countries.tsv", "actors/igos.tsv", "actors/groups.tsv"):
        codes: dict[str, set[tuple[str, dt.date | None]]] = defaultdict(set)
        for entry in parse_dictionary(read_text(relative), origin=relative):
            codes[pattern_key(entry.pattern)].add((entry.code, entry.start))
        ambiguous = {k: v for k, v in codes.items() if len(v) > 1 and any(start is None for _, start in v)}
        assert ambiguous == {}, relative


def test_sector_roles_name_known_sectors() -> None:
    """actors/sector_roles.tsv uses codes of actors/sectors.tsv, and every office also works as a title."""
    roles = sector_roles()
    assert set(roles) == {"office", "title", "foreign_present"}
    assert set().union(*roles.values()) <= set(sectors())
    assert roles["office"] <= roles["title"]
