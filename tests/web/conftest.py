"""A store built for the web tests (no spaCy model: the fake pipeline codes "X rejected Y."),
and a TestClient over it.

The store: 60 weeks of quiet Alpha–Beta news (one event a week), a spike of 8 differently worded
events in the week of 2022-06-06 (an alert), a few Gamma–Alpha events, one exact duplicate article, and
hostile text (markup in a sentence, a javascript: URL, quotes) for the escaping tests.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import warnings
from pathlib import Path
from typing import Any

import pytest
from _fake_pipeline import FakePipeline

FIRST_MONDAY = dt.date(2021, 5, 3)
QUIET_WEEKS = 60
SPIKE_WEEK = dt.date(2022, 6, 6)
#: Distinct wording, so the spike's reports are separate happenings, not one cluster.
SPIKE_WORDS = (
    "after artillery shelled northern villages overnight, burning barns, orchards, bakeries, chapels and schoolhouses",
    "when armoured convoys crossed eastern rivers under heavy fog, flattening bridges, ferries, jetties and locks",
    "while drones struck fuel depots near harbour cranes, igniting tankers, warehouses, pipelines and refineries",
    "as tanks massed beside frozen marshes and railway sidings, halting freight, pilgrims, herders and tourists",
    "because troops seized customs posts along mountain passes, detaining smugglers, truckers, monks and guides",
    "once warships blockaded southern ports with mines, stranding trawlers, yachts, grain barges and dinghies",
    "since missiles hit power stations feeding distant cities, darkening hospitals, metros, stadiums and museums",
    "whereas paratroopers landed around airfields outside suburbs, capturing hangars, radars, runways and silos",
)
#: Many words of its own, so a quiet week's report is never taken for a report of the spike.
QUIET_SENTENCE = (
    "Alpha rejected Beta over routine quarterly tariff paperwork concerning livestock exports and veterinary "
    "certificates."
)
HOSTILE_SENTENCE = "Alpha rejected Beta <img src=x onerror=alert(1)> and 'quotes'."


def _articles() -> list[dict[str, Any]]:
    articles: list[dict[str, Any]] = []
    for week in range(QUIET_WEEKS):
        day = FIRST_MONDAY + dt.timedelta(weeks=week, days=2)
        articles.append(
            {
                "id": f"quiet-{week:02d}",
                "date": day.isoformat(),
                "source": "Wire",
                "title": f"Week {week} news",
                "url": f"https://news.example/{week}",
                "text": f"Officials met on day {week}. {QUIET_SENTENCE} Talks go on.",
            }
        )
    for week in range(QUIET_WEEKS + 2):
        # the same news volume every week, so the spike is more conflict, not more coverage
        for number in range(len(SPIKE_WORDS)):
            day = FIRST_MONDAY + dt.timedelta(weeks=week, days=number % 5)
            if day >= SPIKE_WEEK and day < SPIKE_WEEK + dt.timedelta(weeks=1):
                continue
            articles.append(
                {
                    "id": f"filler-{week:02d}-{number}",
                    "date": day.isoformat(),
                    "source": "Wire",
                    "text": f"Markets were calm on weekday {number} of week {week}.",
                }  # fmt: skip
            )
    for number, words in enumerate(SPIKE_WORDS):
        day = SPIKE_WEEK + dt.timedelta(days=number % 6)
        articles.append(
            {
                "id": f"spike-{number}",
                "date": day.isoformat(),
                "source": f"Paper {number}",
                "title": f"Crisis report {number}",
                "url": f"https://news.example/spike/{number}",
                "text": f"Report {number} from the front. Alpha rejected Beta {words}.",
            }
        )
    for number in range(3):
        articles.append(
            {
                "id": f"gamma-{number}",
                "date": (FIRST_MONDAY + dt.timedelta(weeks=5 * number, days=1)).isoformat(),
                "source": "Gazette",
                "title": "Gamma speaks",
                "url": "javascript:alert(1)",
                "text": f"In statement {number}, Gamma rejected Alpha outright.",
            }
        )
    articles.append(
        {
            "id": "copy-of-quiet-03",
            "date": (FIRST_MONDAY + dt.timedelta(weeks=3, days=3)).isoformat(),
            "source": "Reprint",
            "title": "Week 3 news (reprint)",
            "text": articles[3]["text"],
        }
    )
    articles.append(
        {
            "id": "hostile",
            "date": (FIRST_MONDAY + dt.timedelta(weeks=10, days=4)).isoformat(),
            "source": "<script>alert('source')</script>",
            "title": "<b>bold</b> title",
            "url": "https://news.example/hostile",
            "text": f"Intro line here. {HOSTILE_SENTENCE}",
        }
    )
    return articles


def build_store(folder: Path, *, alerts: bool = True) -> Path:
    """Ingest the articles with the fake pipeline, then cluster and compute alerts where those exist."""
    from tacitus.jobs.ingest import ingest
    from tacitus.store import Store

    source = folder / "articles.jsonl"
    source.write_text("".join(json.dumps(a) + "\n" for a in _articles()), encoding="utf-8")
    db = folder / "web.duckdb"
    ingest([source], db=db, pipeline=FakePipeline())
    with Store(db) as store:
        if importlib.util.find_spec("tacitus.analysis.clusters") is not None:
            from tacitus.analysis.clusters import cluster

            cluster(store)
        if alerts and importlib.util.find_spec("tacitus.analysis.alerts") is not None:
            from tacitus.analysis.alerts import find_alerts

            find_alerts(store, by="week")
    return db


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("fastapi")
    return build_store(tmp_path_factory.mktemp("web"))


def client_class() -> Any:
    """fastapi.testclient.TestClient, imported without its deprecation notice (the suite turns warnings to errors)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    return TestClient


@pytest.fixture(scope="session")
def app(web_db: Path) -> Any:
    from tacitus.web import create_app

    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app: Any) -> Any:
    """A TestClient that answers a server error with its 500, as a browser would see it."""
    return client_class()(app, raise_server_exceptions=False)
