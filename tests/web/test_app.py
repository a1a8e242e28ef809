"""The JSON API and the pages, through FastAPI's TestClient, on the store of conftest.py."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from conftest import HOSTILE_SENTENCE, SPIKE_WEEK, SPIKE_WORDS, client_class

from tacitus.store import EVENT_COLUMNS, Store


def _store_events(db: Path, **criteria: Any) -> list[dict[str, Any]]:
    with Store(db, read_only=True) as store:
        return store.events(as_arrow=True, **criteria).to_pylist()


def _spike_alert(client: Any) -> dict[str, Any]:
    alerts = client.get("/api/alerts", params={"dyad": "ALP-BET"}).json()["alerts"]
    spike = [a for a in alerts if a["period_start"] == SPIKE_WEEK.isoformat() and a["scope"] == "dyad"]
    assert spike, alerts
    return spike[0]


# -- /api/events ---------------------------------------------------------------------------


def test_events_filters_match_the_store(client, web_db):
    answer = client.get("/api/events", params={"dyad": "ALP-BET", "since": "2022-06-06", "until": "2022-06-12"})
    assert answer.status_code == 200
    body = answer.json()
    expected = _store_events(web_db, dyad="ALP-BET", since="2022-06-06", until="2022-06-12")
    assert [e["event_id"] for e in body["events"]] == [e["event_id"] for e in expected]
    assert body["count"] == len(expected) == 9
    assert body["filter"] == {"dyad": "ALP-BET", "since": "2022-06-06", "until": "2022-06-12"}


def test_events_pages_follow_the_store_order_without_gaps(client, web_db):
    everything = [e["event_id"] for e in _store_events(web_db)]
    seen: list[str] = []
    url: str | None = "/api/events?limit=20"
    while url:
        body = client.get(url).json()
        seen += [e["event_id"] for e in body["events"]]
        url = body["next"]
    assert seen == everything


def test_events_limit_is_capped(client):
    answer = client.get("/api/events", params={"limit": 501})
    assert answer.status_code == 400
    assert answer.json()["error"] == "T071"
    assert "500" in answer.json()["message"]


def test_events_cameo_is_repeatable_and_checked(client, web_db):
    assert client.get("/api/events", params=[("cameo", "11"), ("cameo", "0411")]).json()["count"] == min(
        50, len(_store_events(web_db, cameo=["11"]))
    )
    bad = client.get("/api/events", params={"cameo": "11x"})
    assert bad.status_code == 400 and bad.json()["error"] == "T030"


def test_evidence_spans_point_at_the_actors_in_the_sentence(client):
    body = client.get("/api/events", params={"source": "GAM", "evidence": "true"}).json()
    assert body["count"] == 3
    for event in body["events"]:
        spans = {span["role"]: span for span in event["spans"]}
        sentence = event["sentence"]
        assert sentence[spans["source"]["start"] : spans["source"]["end"]] == "Gamma"
        assert sentence[spans["target"]["start"] : spans["target"]["end"]] == "Alpha"
        assert sentence[spans["trigger"]["start"] : spans["trigger"]["end"]] == "rejected"
        assert event["article"]["title"] == "Gamma speaks"


# -- one event -------------------------------------------------------------------------------


def test_event_detail_has_evidence_article_and_copies(client, web_db):
    [event] = [e for e in _store_events(web_db) if e["doc_id"] == "quiet-03"]
    body = client.get(f"/api/events/{event['event_id']}").json()
    assert body["event"]["event_id"] == event["event_id"]
    assert body["article"]["id"] == "quiet-03" and body["article"]["url"] == "https://news.example/3"
    text = body["article_text"]
    assert text[body["sentence_start"] :].startswith(event["sentence"])
    assert [copy["id"] for copy in body["duplicates"]] == ["copy-of-quiet-03"]
    roles = {span["role"]: span["text"] for span in body["spans"]}
    assert roles == {"source": "Alpha", "target": "Beta", "trigger": "rejected"}


def test_an_unknown_event_is_404_with_its_code(client):
    answer = client.get("/api/events/does-not-exist")
    assert answer.status_code == 404
    assert answer.json() == {"error": "T072", "message": "no event 'does-not-exist' in this store"}


def test_other_reports_come_from_the_cluster(client, web_db):
    with Store(web_db, read_only=True) as store:
        if not store.con.execute(
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'events' AND column_name = 'cluster_id'"
        ).fetchone()[0]:
            pytest.skip("this build has no clusters")
        row = store.con.execute(
            "SELECT cluster_id, list(event_id) FROM events WHERE cluster_id IS NOT NULL GROUP BY cluster_id "
            "ORDER BY count(*) DESC, cluster_id LIMIT 1"
        ).fetchone()
    cluster_id, members = row
    body = client.get(f"/api/events/{members[0]}").json()
    assert body["cluster_id"] == cluster_id
    assert sorted(e["event_id"] for e in body["other_reports"]) == sorted(members[1:])
    cluster = client.get(f"/api/clusters/{cluster_id}").json()
    assert sorted(e["event_id"] for e in cluster["events"]) == sorted(members)
    assert client.get("/api/clusters/none-such").json()["error"] in ("T072", "T074")


# -- analysis --------------------------------------------------------------------------------


def test_series_is_the_library_series(client, web_db):
    from tacitus.analysis.series import series

    body = client.get("/api/series", params={"dyad": "ALP-BET", "undirected": "true", "by": "week"}).json()
    expected = series(web_db, dyad="ALP-BET", undirected=True, by="week")
    assert [row["period"] for row in body["series"]] == [p.isoformat() for p in expected["period"]]
    assert [row["events"] for row in body["series"]] == list(expected["events"])
    spike = next(row for row in body["series"] if row["period"] == SPIKE_WEEK.isoformat())
    assert spike["events"] == len(SPIKE_WORDS) + 1


def test_series_rejects_a_bad_period_and_a_huge_span(client):
    assert client.get("/api/series", params={"dyad": "ALP-BET", "by": "year"}).json()["error"] == "T071"
    huge = client.get("/api/series", params={"dyad": "ALP-BET", "by": "day", "since": "1900-01-01"})
    assert huge.status_code == 400
    huge = client.get(
        "/api/series", params={"dyad": "ALP-BET", "by": "day", "since": "1900-01-01", "until": "2022-01-01"}
    )
    assert huge.status_code == 400 and huge.json()["error"] == "T071"


def test_alerts_list_the_spike_and_explain_it(client):
    alert = _spike_alert(client)
    assert alert["value"] > alert["baseline"]
    detail = client.get(f"/api/alerts/{alert['alert_id']}").json()
    assert detail["alert"]["alert_id"] == alert["alert_id"]
    assert {e["event_id"] for e in detail["events"]} == set(alert["events"])
    assert all(e["spans"] for e in detail["events"])
    assert client.get("/api/alerts", params={"level": "loud"}).json()["error"] == "T060"


def test_actors_search_by_code_and_name(client):
    body = client.get("/api/actors", params={"q": "alp"}).json()
    assert [a["code"] for a in body["actors"]] == ["ALP"]
    alpha = body["actors"][0]
    assert alpha["as_source"] > 0 and alpha["as_target"] == 3
    assert client.get("/api/actors", params={"q": "amm"}).json()["actors"][0]["code"] == "GAM"  # in the name
    assert client.get("/api/actors", params={"q": "%"}).json()["count"] == 0


def test_stats_and_versions(client, web_db):
    from tacitus.analysis import store_stats
    from tacitus.store.migrations import schema_version

    with Store(web_db, read_only=True) as store:
        assert client.get("/api/stats", params={"by": "month"}).json() == store_stats(store, by="month")
        schema = schema_version(store.con)
    versions = client.get("/-/versions").json()
    assert versions["schema"] == schema
    assert versions["tacitus"] and versions["lexicon"] and versions["spacy_model"]["name"]
    assert versions["stored_lexicons"] == [
        {"lexicon_version": "fake+0", "events": versions["stored_lexicons"][0]["events"]}
    ]


# -- downloads -------------------------------------------------------------------------------


def test_csv_download_has_every_matching_event(client, web_db):
    answer = client.get("/api/events.csv", params={"dyad": "ALP-BET", "undirected": "true"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    expected = _store_events(web_db, dyad="ALP-BET", undirected=True)
    assert len(expected) > 50  # more than one page: downloads are not paged
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in expected]
    assert list(rows[0]) == [c.name for c in EVENT_COLUMNS]


def test_parquet_download_reads_back(client, web_db, tmp_path):
    answer = client.get("/api/events.parquet", params={"source": "GAM"})
    assert answer.status_code == 200
    path = tmp_path / "e.parquet"
    path.write_bytes(answer.content)
    table = pq.read_table(path)
    assert table.column("event_id").to_pylist() == [e["event_id"] for e in _store_events(web_db, source="GAM")]


# -- pages -----------------------------------------------------------------------------------


def test_every_page_renders_and_links_its_json_twin(client):
    alert = _spike_alert(client)
    event_id = alert["events"][0]
    pages = [
        "/",
        "/dyad/ALP-BET",
        f"/dyad/ALP-BET?alert={alert['alert_id']}",
        f"/dyad/ALP-BET?period={SPIKE_WEEK.isoformat()}",
        "/events?dyad=ALP-BET",
        f"/events/{event_id}",
        "/actors?q=alp",
        "/alerts",
        "/docs",
    ]
    for page in pages:
        answer = client.get(page)
        assert answer.status_code == 200, (page, answer.text[:300])
        assert answer.headers["content-type"].startswith("text/html")
        twin = re.search(r'<a class="twin" href="([^"]+)"', answer.text)
        assert twin, page
        linked = client.get(twin.group(1).replace("&amp;", "&"))
        assert linked.status_code == 200 and linked.headers["content-type"].startswith("application/json"), page


def test_dyad_page_alert_lists_its_events_with_highlights(client):
    alert = _spike_alert(client)
    page = client.get(f"/dyad/ALP-BET?alert={alert['alert_id']}").text
    assert f'id="alert-{alert["alert_id"]}"' in page  # the marker on the chart
    events = page.split('id="events"')[1]
    assert events.count('class="event"') == len(alert["events"])
    assert '<mark class="source" title="source">Alpha</mark>' in events
    assert '<mark class="target" title="target">Beta</mark>' in events
    assert '<mark class="trigger" title="trigger">rejected</mark>' in events
    assert SPIKE_WORDS[0].split(",")[0] in events


def test_dyad_chart_bars_link_to_their_period(client):
    page = client.get("/dyad/ALP-BET?by=week").text
    assert f"period={SPIKE_WEEK.isoformat()}" in page
    period = client.get(f"/dyad/ALP-BET?by=week&period={SPIKE_WEEK.isoformat()}").text
    assert period.split('id="events"')[1].count('class="event"') == len(SPIKE_WORDS) + 1


def test_dyad_page_form_can_switch_to_one_direction(client):
    both = client.get("/api/dyads/BET-ALP", params={"undirected": "true"}).json()
    one = client.get("/api/dyads/BET-ALP", params=[("undirected", "false"), ("undirected", "false")]).json()
    assert sum(r["events"] for r in both["series"]) > 0
    assert sum(r["events"] for r in one["series"]) == 0
    # the page's form sends a hidden false, then true when the box is ticked: the last wins
    checked = client.get("/api/dyads/BET-ALP", params=[("undirected", "false"), ("undirected", "true")]).json()
    assert checked["undirected"] is True


def test_hostile_text_is_escaped_and_javascript_urls_are_not_links(client, web_db):
    [event] = [e for e in _store_events(web_db) if e["doc_id"] == "hostile"]
    page = client.get(f"/events/{event['event_id']}").text
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    gamma = client.get("/events?source=GAM").text
    assert "javascript:" not in gamma
    assert HOSTILE_SENTENCE.startswith("Alpha")


def test_pages_load_nothing_from_elsewhere(client):
    for page in ("/", "/dyad/ALP-BET", "/docs", "/actors"):
        html = client.get(page).text
        for attribute in re.findall(r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]+)"', html):
            assert attribute.startswith("/"), (page, attribute)
    headers = client.get("/").headers
    assert "default-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/tacitus.js").headers["content-type"].startswith("text/javascript")


def test_errors_are_json_with_codes_and_never_a_traceback(app, web_db, monkeypatch):
    from conftest import client_class

    from tacitus.web import views

    client = client_class()(app, raise_server_exceptions=False)

    def broken(store: Any, **_: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(views, "overview", broken)
    for path in ("/api/overview", "/"):
        answer = client.get(path)
        assert answer.status_code == 500
        assert "secret internal detail" not in answer.text and "Traceback" not in answer.text
    assert client.get("/api/overview").json() == {
        "error": "T070",
        "message": "internal error; the server log has the details",
    }
    missing = client.get("/api/nothing-here")
    assert missing.status_code == 404 and missing.json()["error"] == "T072"
    assert client.get("/nothing-here").headers["content-type"].startswith("text/html")


def test_no_route_writes(client, app):
    methods = {m for path in app.openapi()["paths"].values() for m in path}
    assert methods == {"get"}
    for method in ("post", "put", "delete", "patch"):
        answer = client.request(method, "/api/events")
        assert answer.status_code == 405 and answer.json()["error"] == "T071"


def test_every_route_is_documented(app):
    """docs/serve.md names every route of the OpenAPI schema (a new route needs its line there)."""
    docs = (Path(__file__).resolve().parents[2] / "docs" / "serve.md").read_text(encoding="utf-8")
    for path in app.openapi()["paths"]:
        pattern = re.escape(path)
        for name in re.findall(r"\{(\w+)\}", path):
            pattern = pattern.replace(re.escape("{" + name + "}"), r"[^/\s`)|]+")
        assert re.search(pattern, docs), path


def test_a_country_alert_links_to_its_actor_and_events_not_to_a_dyad():
    from tacitus.web.app import _alert_for_page

    country = {"alert_id": "a1", "scope": "country", "dyad": "RUS", "period": "week",
               "period_start": "2022-02-21", "period_end": "2022-02-27", "evidence": []}  # fmt: skip
    shown = _alert_for_page(country)
    assert shown["unit_href"] == "/actors?q=RUS"
    assert shown["href"] == "/events?source=RUS&since=2022-02-21&until=2022-02-27"
    dyad = _alert_for_page({**country, "scope": "dyad", "dyad": "RUS-UKR"})
    assert dyad["unit_href"] == "/dyad/RUS-UKR" and dyad["href"] == "/dyad/RUS-UKR?alert=a1&by=week#events"


def test_an_event_reported_once_says_so(client, web_db):
    [event] = [e for e in _store_events(web_db, source="GAM") if e["doc_id"] == "gamma-0"]
    body = client.get(f"/api/events/{event['event_id']}").json()
    page = client.get(f"/events/{event['event_id']}").text
    if body["other_reports_note"]:  # a build without clusters says that instead
        assert body["other_reports_note"] in page
    else:
        assert body["other_reports"] == [] and "No other report of it in this store." in page


def test_near_and_place_filter_like_tacitus_events(web_db, tmp_path):
    import shutil

    import duckdb

    from tacitus.web import create_app

    db = tmp_path / "located.duckdb"
    shutil.copy(web_db, db)
    con = duckdb.connect(str(db))
    ids = [row[0] for row in con.execute("SELECT event_id FROM events ORDER BY event_id LIMIT 3").fetchall()]
    con.execute(
        "UPDATE events SET location = 'Kyiv', location_country = 'UKR', location_lat = 50.45, location_lon = 30.52, "
        "location_feature = 'city' WHERE event_id IN (?, ?, ?)",
        ids,
    )
    con.close()
    located = client_class()(create_app(db), raise_server_exceptions=False)
    near = located.get("/api/events", params={"near": "50.4,30.5,50", "limit": 50})
    assert near.status_code == 200
    assert sorted(e["event_id"] for e in near.json()["events"]) == sorted(ids)
    place = located.get("/api/events", params={"place": "UKR", "limit": 50})
    assert sorted(e["event_id"] for e in place.json()["events"]) == sorted(ids)
    assert located.get("/api/events", params={"near": "50.4,30.5,-5"}).json()["error"] == "T030"
    csv = located.get("/api/events.csv", params={"place": "kyiv"})
    assert csv.status_code == 200 and len(csv.text.strip().splitlines()) == 1 + len(ids)
