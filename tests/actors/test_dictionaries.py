"""Dictionaries are data: format checks with file/line errors, user overrides, version suffix, PETRARCH import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tacitus.actors import ActorRecognizer, import_petrarch, parse_dictionary
from tacitus.actors.dictionary import SHIPPED_DICTIONARIES, Entry, load_entries, merge_layers, pick_term
from tacitus.errors import DictionaryError
from tacitus.nlp import split_sentences
from tacitus.resources import read_text

HEADER = "pattern\tcode\tname\tkind\tstart\tend\tnote\n"


def _write(tmp_path: Path, name: str, body: str) -> Path:
    path = tmp_path / name
    path.write_text("# source: test\n" + HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Atlantis\tATL\tAtlantis\tcontinent\t\t\t\n", "unknown kind 'continent'"),
        ("Atlantis\tatl\tAtlantis\tstate\t\t\t\n", "must be upper-case"),
        ("Atlantis\t\tAtlantis\tstate\t\t\t\n", "empty code"),
        ("Atlantis\tATL\tAtlantis\tperson\t2019-13-01\t\t\n", "not an ISO date"),
        ("Atlantis\tATL\tAtlantis\tperson\t2020-01-01\t2019-01-01\t\n", "is before start"),
        ("Atlantis\tATL\tAtlantis\tstate\t\t\t\textra\n", "fields but the header has"),
        ("the realm\tATL\tx\tbackref\t\t\t\n", "backref code must be one of"),
        ("- | --\tATL\tx\tstate\t\t\t\n", "has no letters or digits"),
    ],
)
def test_bad_rows_name_file_line_and_reason(tmp_path: Path, body: str, message: str) -> None:
    path = _write(tmp_path, "bad.tsv", "Valid Name\tUSA\tValid\tstate\t\t\t\n" + body)
    with pytest.raises(DictionaryError) as caught:
        parse_dictionary(path.read_text(encoding="utf-8"), origin=str(path))
    assert f"{path}:4" in str(caught.value)
    assert message in str(caught.value)
    assert str(caught.value).startswith("[T012]")


def test_missing_header_columns(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("alias\tcode\nTurkey\tTUR\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="missing pattern, kind"):
        parse_dictionary(path.read_text(encoding="utf-8"), origin=str(path))


def test_missing_user_dictionary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="not found"):
        load_entries((tmp_path / "nope.tsv",))


def test_every_shipped_dictionary_parses_and_has_headers() -> None:
    for relative in SHIPPED_DICTIONARIES:
        text = read_text(relative)
        head = [line for line in text.splitlines()[:3]]
        assert [h.split(":")[0] for h in head] == ["# source", "# licence", "# generator"], relative
        assert parse_dictionary(text, origin=relative), relative


def test_aliases_split_and_dates_parse() -> None:
    entries = parse_dictionary(
        HEADER + "Ann Example | Example\tUTOGOV\tAnn Example\tperson\t2020-01-01\t\tx\n", origin="t.tsv"
    )
    assert [e.pattern for e in entries] == ["Ann Example", "Example"]
    assert entries[0].start == dt.date(2020, 1, 1) and entries[0].end is None
    assert entries[0].origin == "t:2"


def test_later_layer_replaces_pattern_and_retires_all_aliases_of_a_person() -> None:
    shipped = parse_dictionary(
        HEADER + "Ann Example | A. Example\tUTOGOV\tAnn Example\tperson\t2010-01-01\t\t\n"
        "police | policeman\tCOP\tpolice\tagent\t\t\t\n",
        origin="shipped.tsv",
    )
    user = parse_dictionary(
        HEADER + "Ann Example\tUTOMIL\tAnn Example\tperson\t\t\t\npolice\tMIL\tx\tagent\t\t\t\n", origin="u.tsv"
    )
    merged = merge_layers([shipped, user])
    assert {(e.pattern, e.code) for e in merged} == {("Ann Example", "UTOMIL"), ("police", "MIL"), ("policeman", "COP")}


def test_user_dictionary_overrides_shipped_entry_and_versions_output(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Erdogan met Fenwick Oddlestone, and the Bundeswehr watched."
    date = dt.date(2019, 4, 3)
    shipped = ActorRecognizer(nlp)
    before = {m.text: m.code for m in shipped.recognize(split_sentences(nlp, text), date=date)}
    assert before["Erdogan"] == "TURGOV"
    assert "Fenwick Oddlestone" not in before
    assert shipped.user_dictionary_suffix == ""

    user_file = _write(
        tmp_path,
        "mine.tsv",
        "Erdogan\tTURELI\tRecep Tayyip Erdogan\tperson\t\t\tmy reading\n"
        "Fenwick Oddlestone\tGBRBUS\tFenwick Oddlestone\tperson\t\t\t\n",
    )
    custom = ActorRecognizer(nlp, dictionaries=[user_file])
    after = {m.text: (m.code, m.entry) for m in custom.recognize(split_sentences(nlp, text), date=date)}
    assert after["Erdogan"] == ("TURELI", "user:mine.tsv:3")
    assert after["Fenwick Oddlestone"][0] == "GBRBUS"
    assert after["Bundeswehr"][0] == "DEUMIL"  # shipped entries the user did not touch stay
    assert custom.user_dictionary_suffix.startswith("+user.") and len(custom.user_dictionary_suffix) == 14

    user_file.write_text(user_file.read_text(encoding="utf-8") + "Zed\tZZZ\tZed\tstate\t\t\t\n", encoding="utf-8")
    assert ActorRecognizer(nlp, dictionaries=[user_file]).user_dictionary_suffix != custom.user_dictionary_suffix


def test_not_an_actor_code_switches_a_pattern_off(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    user_file = _write(tmp_path, "off.tsv", "Hamas\t---\tnot here\tgroup\t\t\t\n")
    recognizer = ActorRecognizer(nlp, dictionaries=[user_file])
    assert recognizer.recognize(split_sentences(nlp, "Hamas issued a statement."), date=None) == []


PETRARCH_SAMPLE = """\
# a tiny PETRARCH-format dictionary written for this test
!PERSON! = MAN, WOMAN
FREEDONIA_  [FRD]
+FREEDONIAN_
RUFUS_T._FIREFLY_
+FIREFLY_
+PRESIDENT_FIREFLY
\t[FRDGOV 330101-331231]
\t[FRDELI >340101]
AMBASSADOR_TRENTINO [FRDGOV <321231]
SYLVANIAN_LIBERATION_FRONT [SYLREB] # a comment
DOORS!PERSON! [~CVL]
GHOST_ENTRY [---]
BROKEN_DATE [FRDGOV 9901011-990202]
"""


def test_import_petrarch_converts_a_petrarch_file(tmp_path: Path) -> None:
    source = tmp_path / "tiny.actors.txt"
    source.write_text(PETRARCH_SAMPLE, encoding="utf-8")
    result = import_petrarch([source])
    rows = {(r.pattern, r.code, r.kind, r.start, r.end) for r in result.rows}
    assert ("Freedonia | Freedonian", "FRD", "state", None, None) in rows
    assert (
        "Rufus T. Firefly | Firefly | President Firefly",
        "FRDGOV",
        "person",
        dt.date(1933, 1, 1),
        dt.date(1933, 12, 31),
    ) in rows
    assert ("Rufus T. Firefly | Firefly | President Firefly", "FRDELI", "person", dt.date(1934, 1, 1), None) in rows
    assert ("Ambassador Trentino", "FRDGOV", "person", None, dt.date(1932, 12, 31)) in rows
    assert ("Sylvanian Liberation Front", "SYLREB", "group", None, None) in rows
    assert ("doorsman | doorswoman", "CVL", "agent", None, None) in rows
    assert not any("Ghost" in r.pattern for r in result.rows)
    assert len(result.skipped) == 1 and f"{source}:14" in result.skipped[0]

    converted = tmp_path / "converted.tsv"
    converted.write_text(result.to_tsv(header_lines=["source: test"]), encoding="utf-8")
    entries = parse_dictionary(converted.read_text(encoding="utf-8"), origin=str(converted))
    assert {e.pattern for e in entries} >= {"Freedonia", "Firefly", "doorsman"}


def test_imported_dictionary_works_as_user_dictionary(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "tiny.actors.txt"
    source.write_text(PETRARCH_SAMPLE, encoding="utf-8")
    converted = tmp_path / "converted.tsv"
    converted.write_text(import_petrarch([source]).to_tsv(), encoding="utf-8")
    recognizer = ActorRecognizer(nlp, dictionaries=[converted])
    doc = split_sentences(nlp, "Rufus T. Firefly declared war on the Sylvanian Liberation Front.")
    mentions = recognizer.recognize(doc, date=dt.date(1933, 6, 1))
    assert [(m.text, m.code) for m in mentions] == [
        ("Rufus T. Firefly", "FRDGOV"),
        ("Sylvanian Liberation Front", "SYLREB"),
    ]


def test_import_petrarch_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError, match="not found"):
        import_petrarch([tmp_path / "missing.txt"])


def test_bulk_person_needs_a_title_or_their_country_in_the_article(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    user_file = _write(
        tmp_path, "bulk.tsv", "Tom Hardwick\tNZLGOV\tTom Hardwick\tperson\t2010-01-01\t\tneeds-country-context\n"
    )
    recognizer = ActorRecognizer(nlp, dictionaries=[user_file])
    date = dt.date(2015, 1, 1)

    def codes(text: str) -> list[tuple[str, str | None]]:
        return [(m.text, m.code) for m in recognizer.recognize(split_sentences(nlp, text), date=date)]

    assert codes("Tom Hardwick scored twice for Leeds.") == []
    assert codes("Tom Hardwick flew to Wellington. New Zealand wants a deal.")[0] == ("Tom Hardwick", "NZLGOV")
    assert codes("Minister Tom Hardwick spoke.") == [("Minister Tom Hardwick", "NZLGOV")]


def test_byte_order_mark_and_windows_line_ends_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "excel.tsv"
    path.write_bytes("\ufeffpattern\tcode\tname\tkind\r\nFreedonia\tFRD\tFreedonia\tstate\r\n".encode())
    (entry,) = parse_dictionary(path.read_text(encoding="utf-8"), origin=str(path))
    assert (entry.pattern, entry.code, entry.kind) == ("Freedonia", "FRD", "state")


def test_find_actors_reads_dictionaries_from_settings(nlp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tacitus.config import Settings
    from tacitus.pipeline import find_actors

    user_file = _write(tmp_path, "cfg.tsv", "Grand Fenwick\tGFK\tGrand Fenwick\tstate\t\t\t\n")
    settings = Settings(dictionaries=(user_file,))
    assert [m.code for m in find_actors("Grand Fenwick objected.", settings=settings)] == ["GFK"]
    assert find_actors("Grand Fenwick objected.") == []


def test_pick_term_chooses_the_row_for_the_date() -> None:
    def term(code: str, start: str, end: str | None) -> Entry:
        return Entry(
            "Ann Lee",
            code,
            "Ann Lee",
            "person",
            dt.date.fromisoformat(start),
            dt.date.fromisoformat(end) if end else None,
            "",
            f"test:{code}",
        )

    mp = term("TURLEG", "2005-01-01", "2010-12-31")
    minister = term("TURGOV", "2011-01-01", "2015-06-01")
    retired = term("TURELI", "2015-06-01", None)
    assert pick_term([mp, minister, retired], dt.date(2012, 5, 5)) == (minister, True)
    assert pick_term([mp, minister, retired], dt.date(2015, 6, 1)) == (retired, True)  # hand-over: latest start
    assert pick_term([mp, minister], dt.date(2020, 1, 1)) == (minister, False)  # out of term: the last one held
    assert pick_term([mp, minister], dt.date(2000, 1, 1)) == (mp, False)  # before any term: the first to come
    assert pick_term([mp, minister, retired], None) == (retired, True)  # undated text: the open-ended row
    assert pick_term([mp, minister], None) == (minister, True)
