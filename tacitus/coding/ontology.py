"""CAMEO and PLOVER code tables: names, Goldstein weights, quad classes, PLOVER type and mode.

The tables are copied into `tacitus/data/ontology/` from the shared reference set, so
a coded event can always be completed (Goldstein, QuadClass, PLOVER) without network
or ../shared. Quad classes follow the GDELT convention (roots 01–05 → 1, 06–09 → 2,
10–14 → 3, 15–20 → 4) because GDELT data itself uses it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from tacitus.errors import ResourceError
from tacitus.resources import read_tsv


@dataclass(frozen=True, slots=True)
class CameoCode:
    """Everything the output schema needs to know about one CAMEO event code."""

    code: str
    name: str
    root: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None


class Ontology:
    """Lookups over the CAMEO event codes; `get` falls back to the nearest coded parent."""

    def __init__(self, codes: dict[str, CameoCode]) -> None:
        self._codes = codes

    def __contains__(self, code: object) -> bool:
        return code in self._codes

    def __len__(self) -> int:
        return len(self._codes)

    def get(self, code: str) -> CameoCode:
        """The entry for `code`; raises ResourceError for a code CAMEO does not have."""
        try:
            return self._codes[code]
        except KeyError:
            raise ResourceError(f"'{code}' is not a CAMEO event code (see ontology/cameo_eventcodes.tsv)") from None

    def name(self, code: str) -> str:
        return self.get(code).name

    def codes(self) -> list[str]:
        return sorted(self._codes)


@functools.cache
def load_ontology() -> Ontology:
    """Load the packaged CAMEO/PLOVER tables once per process."""
    quad_by_root = {row["root"]: int(row["quadclass"]) for row in read_tsv("ontology/cameo_quadclass.tsv")}
    goldstein = {row["code"]: float(row["goldstein"]) for row in read_tsv("ontology/cameo_goldstein.tsv")}
    plover = {row["cameo_code"]: row for row in read_tsv("ontology/plover_cameo_mapping.tsv")}
    codes: dict[str, CameoCode] = {}
    for row in read_tsv("ontology/cameo_eventcodes.tsv"):
        code = row["code"]
        root = row["root"] or code[:2]
        mapping = _nearest(plover, code)
        plover_type = mapping["plover_event"] if mapping else None
        if plover_type in ("", "dropped"):
            plover_type = None
        codes[code] = CameoCode(
            code=code,
            name=row["name"],
            root=root,
            quad_class=quad_by_root[root],
            goldstein=_nearest_value(goldstein, code),
            plover_type=plover_type,
            plover_mode=(mapping["plover_mode"] or None) if mapping and plover_type else None,
        )
    return Ontology(codes)


def _nearest(table: dict[str, dict[str, str]], code: str) -> dict[str, str] | None:
    """The row for `code` or, failing that, for its nearest parent (0231 → 023 → 02)."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def _nearest_value(table: dict[str, float], code: str) -> float:
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    raise ResourceError(f"no Goldstein value for CAMEO code '{code}' or its parents")
