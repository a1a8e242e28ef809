"""Split a CAMEO-style actor code into country, sector and PLOVER sector.

``TURGOV`` -> country TUR, sector GOV; ``IGOWSTNAT`` -> no country, sector IGO;
``COP`` (a bare agent) -> no country, sector COP. Country codes are CAMEO's; the country
field carries the ISO 3166-1 alpha-3 equivalent, or None where ISO has none.
`sector_roles` groups sectors by how the recognition rules treat them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tacitus.resources import read_tsv


@dataclass(frozen=True, slots=True)
class CodeParts:
    country: str | None  # ISO alpha-3
    cameo_country: str | None  # CAMEO's three letters (equal to ISO for most states)
    sector: str | None
    plover_sector: str | None


@functools.cache
def country_codes() -> dict[str, str]:
    """Country code prefix -> ISO alpha-3 ('' where ISO has none).

    Both CAMEO's codes (ROM, legacy) and the ISO codes (ROU) are accepted as prefixes;
    the shipped dictionaries use ISO wherever it has a code.
    """
    table = {row["code"]: row["iso_alpha3"] for row in read_tsv("actors/country_codes.tsv")}
    table.update({iso: iso for iso in list(table.values()) if iso})
    return table


@functools.cache
def regions() -> frozenset[str]:
    """CAMEO's region codes (MEA Middle East, EUR Europe, AFR Africa, ...): places, not states."""
    return frozenset(row["code"] for row in read_tsv("actors/country_codes.tsv") if row["kind"].startswith("region"))


@functools.cache
def sectors() -> dict[str, str]:
    """CAMEO sector/type code -> PLOVER sector ('' where PLOVER has none)."""
    return {row["code"]: row["plover"] for row in read_tsv("actors/sectors.tsv")}


@functools.cache
def sector_roles() -> dict[str, frozenset[str]]:
    """Role -> sector codes with that role: office, title, foreign_present (actors/sector_roles.tsv)."""
    roles: dict[str, set[str]] = {}
    for row in read_tsv("actors/sector_roles.tsv"):
        roles.setdefault(row["role"], set()).add(row["sector"])
    return {role: frozenset(codes) for role, codes in roles.items()}


@functools.cache
def split_code(code: str | None) -> CodeParts:
    """Country, sector and PLOVER sector of an actor code."""
    if not code:
        return CodeParts(None, None, None, None)
    head, rest = code[:3], code[3:]
    known_sectors = sectors()
    if head == "IGO":
        return CodeParts(None, None, "IGO", None)
    if head in country_codes():
        sector = rest[:3] if rest[:3] in known_sectors else None
        return CodeParts(country_codes()[head] or None, head, sector, _plover(sector))
    if head in known_sectors:
        return CodeParts(None, None, head, _plover(head))
    return CodeParts(None, None, None, None)


def _plover(sector: str | None) -> str | None:
    return (sectors().get(sector) or None) if sector else None


def join_code(cameo_country: str | None, sector: str | None) -> str | None:
    """Country plus sector: ('TUR', 'MIL') -> 'TURMIL'; (None, 'COP') -> 'COP'."""
    code = (cameo_country or "") + (sector or "")
    return code or None
