"""Reports into events: which stored events share a cluster, and what the clusters count."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from _fake_pipeline import FakePipeline

from tacitus.analysis.clusters import (
    cluster,
    cluster_events,
    codes_match,
    is_lead,
    rebuild_clusters,
    sentence_words,
    similarity,
    update_clusters,
)
from tacitus.jobs.ingest import ingest
from tacitus.models import Actor, Article, Event, Evidence, make_event_id
from tacitus.store import ArticleRow, Store

# My own sentences about invented happenings; the country codes are real ones.
MEETING = "Foreign ministers of Turkey and Greece met in Ankara to discuss maritime borders and migration."
MEETING_2 = "The Turkish and Greek foreign ministers held talks in Ankara on maritime borders."
MEETING_3 = "In Ankara, Greece's foreign minister met his Turkish counterpart over maritime borders and migration."
OTHER = "Turkey criticised Greece for arming islands in the Aegean, calling the deployment a provocation."


_NAMES = {"TUR": "Turkey", "GRC": "Greece", "CYP": "Cyprus"}


def _event(
    doc: str,
    date: str,
    src: str,
    tgt: str | None,
    cameo: str,
    sentence: str,
    *,
    index: int = 3,
    start: int = 10,
) -> Event:
    target = Actor(_NAMES[tgt], tgt, tgt[:3], None, _NAMES[tgt]) if tgt else None
    return Event(
        event_id=make_event_id(doc, index, start, src, tgt, cameo, "test"),
        doc_id=doc,
        date=date,
        source=Actor(_NAMES[src], src, src[:3], None, _NAMES[src]),
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=1,
        goldstein=1.0,
        plover_type=None,
        plover_mode=None,
        evidence=Evidence(index, sentence, "met", start, start + 3, "test"),
        confidence=0.9,
        modality="asserted",
        lexicon_version="test",
    )


def _store_article(
    store: Store,
    doc: str,
    date: str,
    events: list[Event],
    *,
    source: str | None = None,
    duplicate_of: str | None = None,
    text: str = "x",
) -> None:
    article = Article(id=doc, text=text + " " + doc, date=dt.date.fromisoformat(date), source=source)
    store.write_chunk([ArticleRow(article, duplicate_of=duplicate_of, events=len(events))], events)
    update_clusters(store, [doc])


def _cluster_of(store: Store, event: Event) -> str:
    [(cluster_id,)] = store.con.execute("SELECT cluster_id FROM events WHERE event_id = ?", [event.event_id]).fetchall()
    assert cluster_id is not None
    return str(cluster_id)


def _cluster_row(store: Store, cluster_id: str) -> dict:
    result = store.con.execute("SELECT * FROM clusters WHERE cluster_id = ?", [cluster_id])
    names = [c[0] for c in result.description]
    [row] = result.fetchall()
    return dict(zip(names, row, strict=True))


def test_one_happening_reported_by_three_articles_is_one_cluster(store):
    first = _event("a1", "2021-03-01", "TUR", "GRC", "040", MEETING)
    second = _event("a2", "2021-03-01", "TUR", "GRC", "040", MEETING_2)
    third = _event("a3", "2021-03-02", "TUR", "GRC", "040", MEETING_3)
    _store_article(store, "a1", "2021-03-01", [first], source="Wire")
    _store_article(store, "a2", "2021-03-01", [second], source="Daily")
    _store_article(store, "a3", "2021-03-02", [third], source="Wire")
    cluster_id = _cluster_of(store, first)
    assert _cluster_of(store, second) == _cluster_of(store, third) == cluster_id
    row = _cluster_row(store, cluster_id)
    assert (row["n_events"], row["n_mentions"], row["n_articles"], row["n_sources"]) == (3, 3, 3, 2)
    assert (row["first_seen"], row["last_seen"]) == (dt.date(2021, 3, 1), dt.date(2021, 3, 2))
    assert list(cluster_events(store, cluster_id)["event_id"]) == [first.event_id, second.event_id, third.event_id]


def test_cluster_id_comes_from_the_first_event_and_repeats(tmp_path):
    ids = []
    for name in ("one", "two"):
        with Store(tmp_path / f"{name}.duckdb") as store:
            first = _event("a1", "2021-03-01", "TUR", "GRC", "040", MEETING)
            _store_article(store, "a1", "2021-03-01", [first])
            _store_article(store, "a2", "2021-03-01", [_event("a2", "2021-03-01", "TUR", "GRC", "040", MEETING_2)])
            ids.append(store.con.execute("SELECT event_id, cluster_id FROM events ORDER BY event_id").fetchall())
            assert _cluster_of(store, first) == "c" + first.event_id
    assert ids[0] == ids[1]


@pytest.mark.parametrize(
    ("second", "why"),
    [
        (_event("b", "2021-03-01", "TUR", "CYP", "040", MEETING_2), "another dyad"),
        (_event("b", "2021-03-20", "TUR", "GRC", "040", MEETING_2), "three weeks later"),
        (_event("b", "2021-03-01", "TUR", "GRC", "111", MEETING_2), "another CAMEO root"),
        (_event("b", "2021-03-01", "TUR", "GRC", "040", OTHER), "other words"),
    ],
)
def test_reports_that_differ_stay_apart(store, second, why):
    first = _event("a", "2021-03-01", "TUR", "GRC", "040", MEETING)
    _store_article(store, "a", "2021-03-01", [first])
    _store_article(store, "b", str(second.date), [second])
    assert _cluster_of(store, first) != _cluster_of(store, second), why
    assert store.con.execute("SELECT count(*) FROM clusters").fetchall() == [(2,)]


def test_mutual_acts_join_reversed_dyads_and_one_sided_acts_do_not(store):
    met = _event("a", "2021-03-01", "TUR", "GRC", "040", MEETING)
    met_back = _event("b", "2021-03-01", "GRC", "TUR", "040", MEETING_3)
    _store_article(store, "a", "2021-03-01", [met])
    _store_article(store, "b", "2021-03-01", [met_back])
    assert _cluster_of(store, met) == _cluster_of(store, met_back)

    blamed = _event("c", "2021-03-05", "TUR", "GRC", "112", OTHER)
    blamed_back = _event("d", "2021-03-05", "GRC", "TUR", "112", OTHER)
    _store_article(store, "c", "2021-03-05", [blamed])
    _store_article(store, "d", "2021-03-05", [blamed_back])
    assert _cluster_of(store, blamed) != _cluster_of(store, blamed_back)


def test_a_visit_is_its_hosting_seen_from_the_other_side(store):
    visit = "The Greek prime minister visited Ankara for talks on maritime borders."
    visited = _event("a", "2021-04-01", "GRC", "TUR", "042", visit)
    hosted = _event("b", "2021-04-01", "TUR", "GRC", "043", visit)
    other_visit = _event("c", "2021-04-01", "TUR", "GRC", "042", visit)
    for event in (visited, hosted, other_visit):
        _store_article(store, event.doc_id, "2021-04-01", [event])
    assert _cluster_of(store, visited) == _cluster_of(store, hosted)
    assert _cluster_of(store, other_visit) != _cluster_of(store, visited)  # a visit the other way is another one


def test_a_duplicate_article_adds_a_mention_of_its_originals_events(store):
    met = _event("orig", "2021-03-01", "TUR", "GRC", "040", MEETING)
    _store_article(store, "orig", "2021-03-01", [met], source="Wire")
    cluster_id = _cluster_of(store, met)
    before = _cluster_row(store, cluster_id)
    _store_article(store, "copy", "2021-03-02", [], source="Reprint", duplicate_of="orig")
    after = _cluster_row(store, cluster_id)
    assert (before["n_mentions"], before["n_articles"], before["n_sources"]) == (1, 1, 1)
    assert (after["n_events"], after["n_mentions"], after["n_articles"], after["n_sources"]) == (1, 2, 2, 2)
    assert after["last_seen"] == dt.date(2021, 3, 2)


def test_lead_events_are_roots_and_stand_for_their_cluster(store):
    late = _event("a", "2021-03-01", "TUR", "GRC", "040", MEETING, index=7, start=400)
    lead = _event("b", "2021-03-01", "TUR", "GRC", "040", MEETING_2, index=0, start=5)
    _store_article(store, "a", "2021-03-01", [late], text="First paragraph.\n\nSecond one.")
    _store_article(store, "b", "2021-03-01", [lead])
    rows = dict(store.con.execute("SELECT event_id, is_root FROM events").fetchall())
    assert rows == {late.event_id: False, lead.event_id: True}
    cluster_id = _cluster_of(store, late)
    assert _cluster_row(store, cluster_id)["root_event_id"] == lead.event_id  # the lead, though it came second


def test_is_lead_rules():
    assert is_lead(0, 500, None) and is_lead(1, 500, None)
    assert not is_lead(2, 500, None)
    assert is_lead(4, 120, 200)  # in the first paragraph
    assert not is_lead(4, 250, 200)
    assert not is_lead(4, 120, 0)  # a text starting with a blank line has no first paragraph


def test_word_rules():
    assert sentence_words("The sanctions were sanctioned") == frozenset({"sanct"})
    assert similarity(sentence_words("Ankara talks"), sentence_words("talks were held in Ankara today")) == 1.0
    assert similarity(frozenset(), frozenset({"x"})) == 0.0
    assert codes_match("190", "183") and codes_match("111", "120")
    assert not codes_match("040", "111")


def _write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


_ARTICLES = [
    {"id": "n1", "date": "2020-05-01", "source": "Wire", "text": "Alpha rejected Beta. Talks failed."},
    {"id": "n2", "date": "2020-05-01", "source": "Daily", "text": "Yesterday Alpha rejected Beta."},
    {"id": "n3", "date": "2020-05-02", "source": "Post", "text": "Gamma rejected Delta. Alpha rejected Beta."},
    {"id": "n4", "date": "2020-05-20", "source": "Wire", "text": "Alpha rejected Beta again."},
    {"id": "n5", "date": "2020-05-02", "source": "Reprint", "text": "Gamma rejected Delta. Alpha rejected Beta."},
]


def _snapshot(db: Path) -> tuple[list, list]:
    with Store(db, read_only=True) as store:
        events = store.con.execute("SELECT event_id, cluster_id, is_root FROM events ORDER BY event_id").fetchall()
        clusters = store.con.execute(
            "SELECT cluster_id, n_events, n_mentions, n_articles, n_sources, first_seen, last_seen, root_event_id "
            "FROM clusters ORDER BY cluster_id"
        ).fetchall()
    return events, clusters


def test_ingest_in_two_runs_clusters_as_one_run_and_as_a_rebuild(tmp_path):
    one = _write_jsonl(tmp_path / "all.jsonl", _ARTICLES)
    first = _write_jsonl(tmp_path / "first.jsonl", _ARTICLES[:2])
    second = _write_jsonl(tmp_path / "second.jsonl", _ARTICLES[2:])
    ingest([one], db=tmp_path / "one.duckdb", pipeline=FakePipeline(), chunk_size=2)
    ingest([first], db=tmp_path / "two.duckdb", pipeline=FakePipeline())
    ingest([second], db=tmp_path / "two.duckdb", pipeline=FakePipeline())
    in_one, in_two = _snapshot(tmp_path / "one.duckdb"), _snapshot(tmp_path / "two.duckdb")
    assert in_one == in_two
    with Store(tmp_path / "two.duckdb") as store:
        rebuild_clusters(store)
    assert _snapshot(tmp_path / "two.duckdb") == in_one

    events, clusters = in_one
    # ALP-BET on 1-2 May is one happening in three articles plus n5, an exact copy of n3;
    # ALP-BET on 20 May and GAM-DEL are others.
    assert sorted((c[1], c[2], c[3], c[4]) for c in clusters) == [(1, 1, 1, 1), (1, 2, 2, 2), (3, 4, 4, 4)]
    assert all(cluster_id is not None for _, cluster_id, _ in events)


def test_cluster_command_library_clusters_an_old_store(tmp_path):
    db = tmp_path / "old.duckdb"
    ingest([_write_jsonl(tmp_path / "a.jsonl", _ARTICLES)], db=db, pipeline=FakePipeline())
    with Store(db) as store:  # as a store from before clusters: nothing clustered
        store.con.execute("UPDATE events SET cluster_id = NULL, is_root = NULL")
        store.con.execute("DELETE FROM clusters")
    summary = cluster(db)
    assert (summary.events, summary.new_clusters, summary.clusters) == (5, 3, 3)
    again = cluster(db)
    assert (again.events, again.clusters) == (0, 3)
    rebuilt = cluster(db, rebuild=True)
    assert (rebuilt.events, rebuilt.clusters) == (5, 3)


def test_a_near_copy_linked_at_ingest_counts_as_another_report(tmp_path):
    from tacitus.config import Settings

    story = (
        "Alpha rejected Beta. The talks in the northern capital ended late on Tuesday without any agreement "
        "on the disputed river, and both delegations left the hall separately after a short closing session "
        "that reporters described as tense, with no date set for another round of negotiations."
    )
    copy = story.replace("reporters described", "observers described")
    first = _write_jsonl(tmp_path / "a.jsonl", [{"id": "wire", "date": "2020-05-01", "source": "Wire", "text": story}])
    later = _write_jsonl(
        tmp_path / "b.jsonl", [{"id": "reprint", "date": "2020-05-02", "source": "Reprint", "text": copy}]
    )
    db = tmp_path / "x.duckdb"
    settings = Settings(near_duplicates=True, tone=False)
    ingest([first], db=db, pipeline=FakePipeline(), settings=settings)
    ingest([later], db=db, pipeline=FakePipeline(), settings=settings)  # the copy comes in a later run
    with Store(db, read_only=True) as store:
        assert store.con.execute("SELECT duplicate_of FROM articles WHERE id = 'reprint'").fetchall() == [("wire",)]
        rows = store.con.execute(
            "SELECT n_events, n_mentions, n_articles, n_sources, last_seen FROM clusters"
        ).fetchall()
    assert rows == [(1, 2, 2, 2, dt.date(2020, 5, 2))]


def test_cluster_ids_follow_input_order_not_the_row_order_a_writer_chose(tmp_path):
    first = _event("x", "2021-03-01", "TUR", "GRC", "040", MEETING)
    second = _event("y", "2021-03-01", "TUR", "GRC", "040", MEETING_2)
    articles = {
        doc: ArticleRow(Article(id=doc, text=doc, date=dt.date(2021, 3, 1), origin=f"in.jsonl:{line}"), events=1)
        for doc, line in (("x", 9), ("y", 10))
    }
    found = []
    for name, order in (("straight", ["x", "y"]), ("swapped", ["y", "x"])):
        with Store(tmp_path / f"{name}.duckdb") as store:
            events = {"x": first, "y": second}
            store.write_chunk([articles[d] for d in order], [events[d] for d in order])
            update_clusters(store)
            found.append((_cluster_of(store, first), _cluster_of(store, second)))
    assert found[0] == found[1] == ("c" + first.event_id, "c" + first.event_id)


def test_an_event_linking_two_clusters_merges_them_into_the_older_one(store):
    talks = _event("a", "2021-03-02", "TUR", "GRC", "040", "Delegations met in Ankara over maritime borders.")
    other = _event("b", "2021-03-01", "TUR", "GRC", "040", "Negotiators discussed energy cables and tourism quotas.")
    bridge = _event("c", "2021-03-02", "TUR", "GRC", "040", "Maritime borders and energy cables topped the agenda.")
    _store_article(store, "a", "2021-03-02", [talks])
    _store_article(store, "b", "2021-03-01", [other])
    assert _cluster_of(store, talks) != _cluster_of(store, other)
    article = Article(id="c", text="c", date=dt.date(2021, 3, 2))
    store.write_chunk([ArticleRow(article, events=1)], [bridge])
    summary = update_clusters(store, ["c"])
    survivor = "c" + other.event_id  # the cluster founded by the earlier-dated event keeps its id
    assert (summary.events, summary.joined, summary.merged) == (1, 1, 1)
    assert {_cluster_of(store, e) for e in (talks, other, bridge)} == {survivor}
    assert store.con.execute("SELECT cluster_id, n_events, n_articles FROM clusters").fetchall() == [(survivor, 3, 3)]
