"""CAMEO/PLOVER lookups from the packaged tables."""

from __future__ import annotations

import pytest

from tacitus.coding import load_ontology
from tacitus.errors import ResourceError


def test_every_cameo_code_is_loaded():
    ontology = load_ontology()
    assert len(ontology) == 312
    assert {code for code in ontology.codes() if len(code) == 2} == {f"{n:02d}" for n in range(1, 21)}


@pytest.mark.parametrize(
    ("code", "root", "quad", "goldstein", "plover"),
    [
        ("010", "01", 1, 0.0, None),
        ("042", "04", 1, 1.9, "CONSULT"),
        ("111", "11", 3, -2.0, "ACCUSE"),
        ("125", "12", 3, -5.0, "REJECT"),
        ("163", "16", 4, -8.0, "COERCE"),
        ("190", "19", 4, -10.0, "ASSAULT"),
        ("1832", "18", 4, -10.0, "ASSAULT"),
    ],
)
def test_code_lookup(code: str, root: str, quad: int, goldstein: float, plover: str | None):
    entry = load_ontology().get(code)
    assert (entry.root, entry.quad_class, entry.goldstein, entry.plover_type) == (root, quad, goldstein, plover)


def test_gdelt_quad_convention_for_investigate_and_protest():
    ontology = load_ontology()
    assert ontology.get("090").quad_class == 2
    assert ontology.get("141").quad_class == 3


def test_plover_mode_comes_with_the_type():
    entry = load_ontology().get("042")
    assert entry.plover_mode == "visit"


def test_unknown_code_is_an_error():
    with pytest.raises(ResourceError, match="'999' is not a CAMEO event code"):
        load_ontology().get("999")
