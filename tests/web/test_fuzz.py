"""Every route of the OpenAPI schema, fuzzed with hypothesis: no answer is a 5xx, every error is
{error, message} with a code; and injection attempts in every filter are refused with a 4xx."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacitus.store import Store

INJECTIONS = (
    "' OR 1=1 --",
    "TUR'; DROP TABLE events; --",
    "1) UNION SELECT * FROM articles --",
    '" OR ""="',
    "../../etc/passwd",
    "TUR\x00USA",
    "%27%20OR%201%3D1",
    "<script>alert(1)</script>",
    "$(rm -rf /)",
    "RUS-UKR' --",
)

DATES = ("2022-06-06", "2022-13-40", "0001-01-01", "9999-12-31", "yesterday", "2022-06", "")


def _value(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values of the schema's type, and just as often values of other types (the server must refuse them)."""
    kinds = [s.get("type") for s in schema.get("anyOf", [schema]) if s.get("type") not in (None, "null")]
    kind = kinds[0] if kinds else "string"
    hostile = st.sampled_from(INJECTIONS)
    text = st.text(max_size=40)
    if kind == "integer":
        typed: st.SearchStrategy[Any] = st.integers(min_value=-(10**20), max_value=10**20)
    elif kind == "number":
        typed = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(["nan", "inf", "-0"]))
    elif kind == "boolean":
        typed = st.sampled_from(["true", "false", "1", "0", "yes", "maybe"])
    elif kind == "array":
        typed = st.lists(st.one_of(text, st.sampled_from(["12", "0411", "1", "12345"])), max_size=4)
    else:
        typed = st.one_of(text, st.sampled_from(DATES), st.sampled_from(["RUS-UKR", "ALP-BET", "ALP", "week"]))
    return st.one_of(typed, hostile, text)


#: Plausible values by parameter name, so the fuzzer also reaches the code behind the validation.
SANE: dict[str, st.SearchStrategy[Any]] = {
    "source": st.sampled_from(["ALP", "BET", "GAM", "TUR"]),
    "target": st.sampled_from(["ALP", "BET", "GAM"]),
    "actor": st.sampled_from(["ALP", "BET", "GAM"]),
    "dyad": st.sampled_from(["ALP-BET", "BET-ALP", "GAM-ALP", "RUS-UKR"]),
    "since": st.dates().map(str),
    "until": st.dates().map(str),
    "period": st.dates().map(str),
    "by": st.sampled_from(["day", "week", "month"]),
    "cameo": st.lists(st.sampled_from(["11", "111", "0411", "1"]), max_size=3),
    "min_confidence": st.floats(min_value=0, max_value=1).map(str),
    "limit": st.integers(min_value=0, max_value=500).map(str),
    "offset": st.integers(min_value=0, max_value=200).map(str),
    "level": st.sampled_from(["elevated", "high", "extreme"]),
    "top": st.integers(min_value=1, max_value=100).map(str),
    "q": st.text(max_size=10),
    "undirected": st.sampled_from(["true", "false"]),
    "current_only": st.sampled_from(["true", "false"]),
    "evidence": st.sampled_from(["true", "false"]),
}


def _operations(app: Any) -> list[tuple[str, list[dict[str, Any]]]]:
    spec = app.openapi()
    return [(path, op.get("parameters", [])) for path, methods in spec["paths"].items() for op in methods.values()]


@st.composite
def requests(draw: st.DrawFn, operations: list[tuple[str, list[dict[str, Any]]]]) -> tuple[str, dict[str, Any]]:
    path, parameters = draw(st.sampled_from(operations))
    sane = draw(st.booleans())
    query: dict[str, Any] = {}
    for parameter in parameters:
        name = parameter["name"]
        strategy = SANE[name] if sane and name in SANE else _value(parameter.get("schema", {}))
        value = draw(strategy)
        if parameter["in"] == "path":
            path = path.replace("{" + parameter["name"] + "}", quote(str(value) or "x", safe=""))
        elif draw(st.booleans()):
            query[parameter["name"]] = value if isinstance(value, list) else str(value)
    return path, query


def test_every_route_is_in_the_schema_and_only_reads(app):
    paths = {path for path, _ in _operations(app)}
    expected = {
        "/api/events", "/api/events/{event_id}", "/api/series", "/api/alerts", "/api/clusters/{cluster_id}",
        "/api/actors", "/api/stats", "/-/versions", "/api/events.csv", "/api/events.parquet", "/dyad/{dyad}",
    }  # fmt: skip
    assert expected <= paths


@pytest.mark.slow
def test_fuzz_every_route_from_the_openapi_schema(app, client):
    operations = _operations(app)

    @settings(
        max_examples=100,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(requests(operations))
    def check(request: tuple[str, dict[str, Any]]) -> None:
        path, query = request
        answer = client.get(path, params=query)
        assert answer.status_code < 500 or answer.json().get("error") == "T074", (path, query, answer.text[:300])
        if answer.status_code >= 400:
            if answer.headers["content-type"].startswith("application/json"):
                body = answer.json()
                assert set(body) == {"error", "message"} and re.fullmatch(r"T\d{3}", body["error"]), body
            assert "Traceback" not in answer.text

    check()


FILTERS = ("source", "target", "dyad", "since", "until", "cameo", "min_confidence", "limit", "offset")


@pytest.mark.parametrize("name", FILTERS)
@pytest.mark.parametrize("route", ["/api/events", "/api/events.csv", "/events"])
def test_injection_in_every_event_filter_is_a_4xx(client, web_db, route, name):
    if name == "offset" and route == "/api/events.csv":
        pytest.skip("downloads are not paged")
    with Store(web_db, read_only=True) as store:
        before = store.count("events")
    for payload in INJECTIONS:
        answer = client.get(route, params={name: payload})
        assert 400 <= answer.status_code < 500, (route, name, payload, answer.status_code)
    with Store(web_db, read_only=True) as store:
        assert store.count("events") == before


@pytest.mark.parametrize(
    ("route", "name"),
    [("/api/series", "dyad"), ("/api/series", "actor"), ("/api/series", "since"), ("/api/series", "by"),
     ("/api/alerts", "dyad"), ("/api/alerts", "since"), ("/api/alerts", "level"), ("/api/stats", "by"),
     ("/api/dyads/ALP-BET", "period"), ("/api/dyads/ALP-BET", "since"), ("/api/dyads/ALP-BET", "by")],
)  # fmt: skip
def test_injection_in_analysis_filters_is_a_4xx(client, route, name):
    for payload in INJECTIONS:
        answer = client.get(route, params={name: payload})
        assert 400 <= answer.status_code < 500, (route, name, payload, answer.status_code, answer.text[:200])


def test_injection_in_path_ids_is_a_404(client):
    for payload in INJECTIONS:
        for route in ("/api/events/", "/api/alerts/", "/dyad/", "/api/dyads/"):
            answer = client.get(route + quote(payload, safe=""))
            assert 400 <= answer.status_code < 500, (route, payload, answer.status_code)


def test_actor_search_treats_sql_as_text(client, web_db):
    """A search box takes any text: it is matched as characters, so an injection finds nothing and harms nothing."""
    with Store(web_db, read_only=True) as store:
        before = store.count("events")
    for payload in INJECTIONS:
        answer = client.get("/api/actors", params={"q": payload})
        assert answer.status_code == 200 and answer.json()["actors"] == []
    with Store(web_db, read_only=True) as store:
        assert store.count("events") == before
