"""Charges brought against someone are legal action (173) by whoever brings them."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "Prosecutors in Kenya filed charges against the opposition leader.",
        "Kenyan prosecutors brought charges against the opposition leader.",
        "The Kenyan government has levied charges against the opposition leader.",
    ],
)
def test_charges_against_a_person(code_text, text):  # type: ignore[no-untyped-def]
    found = {(e.source.country, e.cameo, e.target.sector if e.target else None) for e in code_text(text)}
    assert found == {("KEN", "173", "OPP")}


def test_charges_against_no_one_are_no_legal_action(code_text):  # type: ignore[no-untyped-def]
    assert not [e for e in code_text("The company filed its charges against the invoice.") if e.cameo == "173"]
