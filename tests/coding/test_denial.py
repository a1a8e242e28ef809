"""'Deny' is a denial (016) when a claim is denied, a rejection (12x) when someone is refused something."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan interior minister denied that police had tortured the detainees.",
        "Russia denied the accusations.",
    ],
)
def test_denying_a_claim_is_a_denial(code_text, text):  # type: ignore[no-untyped-def]
    assert [e.cameo for e in code_text(text)] == ["016"]


@pytest.mark.parametrize(
    "text",
    ["Kenya denied the Ugandan opposition leader entry.", "The Kenyan government denied the request by Uganda."],
)
def test_refusing_someone_something_is_a_rejection(code_text, text):  # type: ignore[no-untyped-def]
    assert [e.cameo_root for e in code_text(text)] == ["12"]
