from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import duckdb
import pyarrow as pa
import pytest

from tacitus.analysis import store_stats
from tacitus.errors import InputError, RecordError, StoreError
from tacitus.filters import EventFilter
from tacitus.models import Actor, Article, Event, Evidence, make_event_id
from tacitus.resources import read_tsv
from tacitus.store import EVENT_COLUMNS, ArticleRow, Store, event_row
from tacitus.store.exporters import gdelt_columns
from tacitus.store.migrations import available_migrations, schema_version


def _event(doc: str, date: str | None, src: str, tgt: str | None, cameo: str, *, index: int = 0) -> Event:
    target = Actor(tgt.title(), tgt, tgt[:3], "GOV" if len(tgt) > 3 else None, tgt.title(), 30, 35) if tgt else None
    return Event(
        event_id=make_event_id(doc, index, 10, src, tgt, cameo, "v1"),
        doc_id=doc,
        date=date,
        source=Actor(src.title(), src, src[:3], None, src.title(), 0, 5),
        target=target,
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=3,
        goldstein=-2.0,
        plover_type="DISAPPROVE",
        plover_mode=None,
        evidence=Evidence(index, "Some sentence here.", "trigger", 10, 17, "rule.x"),
        confidence=0.8,
        modality="asserted",
        lexicon_version="v1",
    )


@pytest.fixture
def filled(store: Store) -> Store:
    articles = [
        ArticleRow(Article(id="d1", text="t1", date=dt.date(2019, 4, 3), url="http://n/1"), events=2),
        ArticleRow(Article(id="d2", text="t2", date=dt.date(2019, 4, 4)), events=2),
        ArticleRow(Article(id="d3", text="T1", date=dt.date(2019, 4, 4)), duplicate_of="d1"),
    ]
    events = [
        _event("d1", "2019-04-03", "TUR", "USA", "111"),
        _event("d1", "2019-04-03", "TURGOV", "USAGOV", "1211", index=1),
        _event("d2", "2019-04-04", "USA", "TUR", "0411"),
        _event("d2", "2019-04-04", "RUS", None, "120", index=1),
    ]
    store.write_chunk(articles, events, [RecordError("bad", path="f.jsonl", line=4, reason="malformed_json")])
    return store


def test_migrations_apply_once_and_are_recorded(tmp_path):
    path = tmp_path / "m.duckdb"
    with Store(path) as store:
        latest = available_migrations()[-1].version
        assert schema_version(store.con) == latest
    with Store(path) as store:  # reopening applies nothing twice
        rows = store.con.execute("SELECT version, name FROM _tacitus_migrations").fetchall()
    assert rows == [(m.version, m.name) for m in available_migrations()]


def test_migration_files_are_numbered_and_never_in_python():
    migrations = available_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert "CREATE TABLE" in migrations[0].sql


def test_events_table_has_every_field_of_event_to_dict(store):
    columns = [
        row[0]
        for row in store.con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'events'"
        ).fetchall()
    ]
    assert list(event_row(_event("d", None, "TUR", "USA", "111"))) == columns


def test_the_migrations_create_exactly_the_column_table(store):
    """EVENT_COLUMNS is the one list of event columns; the SQL migrations must agree with it, types too."""
    created = store.con.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = 'events' ORDER BY ordinal_position"
    ).fetchall()
    assert created == [(column.name, column.sql_type) for column in EVENT_COLUMNS]


def test_failed_chunk_rolls_back_everything(store):
    # Fail the events insert: the articles of the same chunk must not stay behind.
    bad_event = _event("a", None, "TUR", "USA", "111")
    broken = Event(**{**{f: getattr(bad_event, f) for f in bad_event.__dataclass_fields__}, "cameo": None})  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.write_chunk([ArticleRow(Article(id="a", text="x"))], [broken])
    assert store.count("articles") == 0
    assert store.count("events") == 0


def test_same_error_is_stored_once(store):
    error = RecordError("bad", path="f.jsonl", line=2, reason="malformed_json")
    whole_file = RecordError("binary", path="b.txt", line=None, reason="binary")
    store.write_chunk([], [], [error, error, whole_file])
    store.write_chunk([], [], [error, whole_file])
    assert store.con.execute("SELECT path, line, reason, message FROM ingest_errors ORDER BY path").fetchall() == [
        ("b.txt", None, "binary", "binary"),
        ("f.jsonl", 2, "malformed_json", "bad"),
    ]


def test_dedup_lookups(filled):
    assert filled.known_ids(["d1", "zz", "d3"]) == {"d1", "d3"}
    article = Article(id="other", text="T1")
    assert filled.originals_by_hash([article.content_hash, "nope"]) == {article.content_hash: "d1"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, 4),
        ({"source": "TUR"}, 2),
        ({"source": "turgov"}, 1),
        ({"target": "TUR"}, 1),
        ({"dyad": "TUR-USA"}, 2),
        ({"dyad": "USA-TUR"}, 1),
        ({"dyad": "USA-TUR", "undirected": True}, 3),
        ({"since": "2019-04-04"}, 2),
        ({"until": "2019-04-03"}, 2),
        ({"since": dt.date(2019, 4, 4), "until": "2019-04-04"}, 2),
        ({"cameo": "12"}, 2),
        ({"cameo": "04"}, 1),
        ({"cameo": "121"}, 1),
        ({"limit": 3}, 3),
        ({"source": "RUS", "target": "USA"}, 0),
    ],
)
def test_event_filters(filled, filters, expected):
    frame = filled.events(**filters)
    assert len(frame) == expected
    assert filled.events(**filters, as_arrow=True).num_rows == expected
    assert len(filled.events(EventFilter.parse(**filters))) == expected


def test_events_are_ordered_and_typed(filled):
    frame = filled.events()
    assert list(frame["doc_id"]) == ["d1", "d1", "d2", "d2"]
    assert list(frame["cameo"]) == ["111", "1211", "0411", "120"]  # codes stay strings with leading zeros
    assert isinstance(filled.events_arrow(), pa.Table)


@pytest.mark.parametrize(
    "filters",
    [
        {"since": "April"},
        {"dyad": "TUR"},
        {"cameo": "1a"},
        {"cameo": ["12", "0x"]},
        {"source": "TUR;DROP"},
        {"source": "TÜR"},
        {"limit": -1},
        {"min_confidence": 1.5},
    ],
)
def test_bad_filters_are_input_errors(filled, filters):
    with pytest.raises(InputError):
        filled.events(**filters)


def test_min_confidence_and_current_only(filled, store):
    historical = replace(_event("d9", "2019-04-05", "USA", "IRQ", "190"), historical=True)
    low = replace(_event("d9", "2019-04-05", "USA", "IRN", "111", index=1), confidence=0.2)
    guess = replace(_event("d9", "2019-04-05", "USA", "SYR", "190", index=2), modality="hypothetical")
    filled.write_chunk(
        [ArticleRow(Article(id="d9", text="t9", date=dt.date(2019, 4, 5)), events=3)], [historical, low, guess]
    )
    assert len(filled.events()) == 7
    assert set(filled.events(current_only=True, as_arrow=True)["target_code"].to_pylist()) == {
        "USA",
        "USAGOV",
        "TUR",
        None,
        "IRN",
    }
    assert len(filled.events(min_confidence=0.5)) == 6
    assert len(filled.events(cameo=["19", "11"])) == 4  # 111 of d1, and the three of d9


def test_paging_is_stable(filled):
    ids = list(filled.events()["event_id"])
    pages = [list(filled.events(limit=2, offset=offset)["event_id"]) for offset in (0, 2)]
    assert pages[0] + pages[1] == ids


def test_stats(filled):
    stats = store_stats(filled)
    assert (stats["articles"], stats["originals"], stats["duplicates"], stats["events"], stats["ingest_errors"]) == (
        3,
        2,
        1,
        4,
        1,
    )
    assert stats["per_day"] == [
        {"date": "2019-04-03", "articles": 1, "events": 2},
        {"date": "2019-04-04", "articles": 1, "events": 2},
    ]
    assert stats["top_dyads"][0] == {"dyad": "TUR-USA", "source": "TUR", "target": "USA", "events": 2}
    assert {row["cameo"] for row in stats["top_event_codes"]} == {"111", "1211", "0411", "120"}
    json.dumps(stats)


def test_export_parquet_jsonl_csv(filled, tmp_path):
    for fmt in ("parquet", "jsonl", "csv"):
        out = tmp_path / f"events.{fmt}"
        assert filled.export(out, format=fmt) == 4
    rows = duckdb.sql(f"SELECT event_id, cameo, date FROM '{tmp_path / 'events.parquet'}' ORDER BY event_id").fetchall()
    assert sorted(r[0] for r in rows) == sorted(filled.events()["event_id"])
    assert {r[1] for r in rows} == {"111", "1211", "0411", "120"}
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["date"] == "2019-04-03"
    csv_lines = (tmp_path / "events.csv").read_text(encoding="utf-8").splitlines()
    assert len(csv_lines) == 5 and csv_lines[0].startswith("event_id,doc_id,date,")
    assert filled.export(tmp_path / "f.parquet", format="parquet", cameo="12") == 2


def test_export_gdelt_has_the_61_columns_in_gdelt_order(filled, tmp_path):
    out = tmp_path / "events.gdelt.tsv"
    assert filled.export(out, format="gdelt") == 4
    reference = [row["name"] for row in read_tsv("ontology/gdelt2_event_columns.tsv")]
    assert len(reference) == 61 and gdelt_columns() == tuple(reference)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    records = [dict(zip(reference, line.split("\t"), strict=True)) for line in lines]
    first = records[0]
    assert first["GlobalEventID"] == str(int(filled.events()["event_id"][0][:15], 16))
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20190403", "201904", "2019")
    assert (first["Actor1Code"], first["Actor1CountryCode"], first["Actor2Code"]) == ("TUR", "TUR", "USA")
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"], first["QuadClass"]) == (
        "111",
        "111",
        "11",
        "3",
    )
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"], first["IsRootEvent"]) == (
        "1",
        "1",
        "1",
        "1",
    )
    assert first["SOURCEURL"] == "http://n/1" and len(first["DATEADDED"]) == 14
    assert records[1]["EventBaseCode"] == "121" and records[1]["Actor2Type1Code"] == "GOV"
    no_target = next(r for r in records if r["EventCode"] == "120")
    assert no_target["Actor2Code"] == "" and no_target["SOURCEURL"] == "d2"
    assert len({r["GlobalEventID"] for r in records}) == 4
    assert all(r["Actor1KnownGroupCode"] == "" for r in records)


def test_gdelt_known_group_code_for_igos_and_no_tabs_in_values(store, tmp_path):
    event = _event("d", "2020-01-01", "IGOWSTNAT", "RUS", "111")
    event = replace(event, source=replace(event.source, name="North\tAtlantic\nAlliance"))
    store.write_chunk([ArticleRow(Article(id="d", text="x", url="http://n/a\tb"))], [event])
    out = tmp_path / "g.tsv"
    assert store.export(out, format="gdelt") == 1
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = dict(zip(gdelt_columns(), line.split("\t"), strict=True))
    assert (record["Actor1KnownGroupCode"], record["Actor2KnownGroupCode"]) == ("NAT", "")
    assert record["Actor1Name"] == "NORTH ATLANTIC ALLIANCE" and record["SOURCEURL"] == "http://n/a b"


def test_unknown_export_format(filled, tmp_path):
    with pytest.raises(InputError, match="unknown export format"):
        filled.export(tmp_path / "x", format="xml")


def test_read_only_store_must_exist(tmp_path):
    with pytest.raises(StoreError, match="no event store"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_second_writer_gets_a_clear_error(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "locked.duckdb"
    with Store(path):
        code = f"from tacitus.store import Store\nStore({str(path)!r})"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "[T040]" in result.stderr and "locked.duckdb" in result.stderr


def test_read_only_open_of_an_older_store_upgrades_it_first(tmp_path):
    path = tmp_path / "old.duckdb"
    duckdb.connect(str(path)).close()  # a store made before any migration existed
    with Store(path, read_only=True) as store:
        assert schema_version(store.con) == available_migrations()[-1].version
        assert store.count("events") == 0


def test_dataframe_keeps_integer_offsets_and_missing_targets_as_na(filled):
    import pandas as pd

    frame = filled.events()
    assert str(frame["target_char_start"].dtype) == "Int32"
    no_target = frame[frame["cameo"] == "120"].iloc[0]
    assert no_target["target_char_start"] is pd.NA and pd.isna(no_target["target_code"])
    assert frame["date"].iloc[0] == pd.Timestamp("2019-04-03")


def test_stats_dyads_name_countries_or_igos_only(store):
    """A bare sector ("police", code COP, no country) is no dyad side; an IGO is."""
    police = Actor("police", "COP", None, "COP", None, 30, 36)
    nato = Actor("NATO", "IGOWSTNAT", None, "IGO", "NATO", 30, 34)
    usa = Actor("Washington", "USA", "USA", None, "USA", 30, 40)
    events = [
        replace(_event("s", "2020-05-01", "USA", None, cameo, index=i), target=target)
        for i, (cameo, target) in enumerate([("010", police), ("040", nato), ("042", usa)])
    ]
    store.write_chunk([ArticleRow(Article(id="s", text="x", date=dt.date(2020, 5, 1)), events=3)], events)
    assert [row["dyad"] for row in store_stats(store)["top_dyads"]] == ["USA-IGOWSTNAT"]
    with pytest.raises(InputError, match="day or month"):
        store_stats(store, by="week")


def test_an_event_without_source_is_stored_exported_and_left_out_of_dyads(store, tmp_path):
    # "four people were arrested": coded with a null source (docs/events.md)
    event = replace(_event("d", "2020-01-01", "KEN", "KENOPP", "173"), source=None)
    store.write_chunk([ArticleRow(Article(id="d", text="x"))], [event])
    (row,) = store.events(as_arrow=True).to_pylist()
    assert row["source_code"] is None and row["target_code"] == "KENOPP"
    assert store.export(tmp_path / "e.jsonl", format="jsonl") == 1
    exported = json.loads((tmp_path / "e.jsonl").read_text(encoding="utf-8"))
    assert exported["source_code"] is None and exported["cameo"] == "173"
    assert store.export(tmp_path / "g.tsv", format="gdelt") == 1
    record = dict(zip(gdelt_columns(), (tmp_path / "g.tsv").read_text().rstrip("\n").split("\t"), strict=True))
    assert record["Actor1Code"] == "" and record["Actor2Code"] == "KENOPP"
    assert store_stats(store)["top_dyads"] == []
