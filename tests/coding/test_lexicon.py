"""Loading the trigger lexicon, user lexicon files, and errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tacitus.coding import load_lexicon
from tacitus.coding.lexicon import TRIGGER_COLUMNS
from tacitus.coding.words import STRONG_ROOTS
from tacitus.errors import ResourceError

from .helpers import triples

HEADER = "\t".join(TRIGGER_COLUMNS)


def _write(tmp_path: Path, *rows: str, name: str = "mine.tsv") -> Path:
    path = tmp_path / name
    path.write_text("# my own triggers\n" + HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_shipped_lexicon_covers_every_cameo_root():
    lexicon = load_lexicon()
    roots = {entry.root for entry in lexicon.entries.values()}
    assert roots >= {f"{n:02d}" for n in range(1, 21)}


def test_shipped_lexicon_is_generous_for_frequent_roots():
    lexicon = load_lexicon()
    per_root: dict[str, int] = {}
    for entry in lexicon.entries.values():
        per_root[entry.root] = per_root.get(entry.root, 0) + 1
    for root in ("01", "02", "04", "11", "12", "17", "19"):
        assert per_root[root] >= 10, root


def test_filter_forms_include_inflections_and_irregulars():
    lexicon = load_lexicon()
    assert {"condemned", "condemns", "met", "talks", "fought", "attacks"} <= lexicon.forms
    assert "clashes" in lexicon.strong_forms and "said" not in lexicon.strong_forms
    assert all(lexicon.lookup("noun", "clash")[0].root in STRONG_ROOTS for _ in [0])


def test_derived_codes_follow_the_cameo_families():
    lexicon = load_lexicon()
    assert lexicon.derive("reject", "040") == "125"
    assert lexicon.derive("threaten", "190") == "138"
    assert lexicon.derive("appeal", "046") == "026"
    assert lexicon.derive("intend", "073") == "033"


def test_a_full_code_row_wins_over_its_root_row():
    lexicon = load_lexicon()
    # "will work with X" is unspecified cooperation (050): its intent is unspecified (030), not the
    # intent of diplomatic support (032) that the rest of root 05 gets
    assert lexicon.derive("intend", "050") == "030"
    assert lexicon.derive("intend", "051") == "032"
    assert lexicon.derive("reject", "050") == lexicon.derive("reject", "051")


def test_user_file_overrides_and_extends(tmp_path: Path, nlp, code_one):
    from tacitus.coding import EventCoder

    from .helpers import make_mentions

    path = _write(
        tmp_path,
        "condemn.v\tverb\tcondemn\t\t\t\t110\t0.9\tmy reading: plain disapproval",
        "snub.v\tverb\tsnub\t\t\t\t120\t0.8\tnew verb",
    )
    coder = EventCoder(lexicons=[path])
    assert coder.lexicon.entries["condemn.v"].cameo == "110"
    assert coder.lexicon.entries["snub.v"].origin == f"{path}:4"

    def run(text: str):
        mentions = make_mentions(text)
        return coder.code_sentence(
            nlp(text), mentions, sentence_index=0, sentence_start=0, doc_id="d", date=None, lexicon_version="v"
        )

    assert ("CHN", "110", "JPN") in triples(run("China condemned Japan."))
    assert ("CHN", "120", "JPN") in triples(run("China snubbed Japan."))
    # the shipped lexicon is untouched for everyone else
    assert ("CHN", "111", "JPN") in triples(code_one("China condemned Japan."))


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("bad.v\tverb\tbad\t\t\t\t111", "expected 9 tab-separated fields, found 7"),
        ("bad.v\tadverb\tbad\t\t\t\t111\t0.5\t", "pos must be one of"),
        ("bad.v\tverb\tbad\t\t\t\t999\t0.5\t", "'999' is not a CAMEO event code"),
        ("bad.v\tverb\tbad\t\t\tsideways\t111\t0.5\t", "roles must be one of"),
        ("bad.v\tverb\tbad\t\t\t\t111\tsure\t", "prior must be a number"),
        ("bad.v\tverb\tbad\t\t\t\t111\t1.5\t", "prior must be in [0, 1]"),
    ],
)
def test_malformed_user_line_names_file_and_line(tmp_path: Path, row: str, message: str):
    path = _write(tmp_path, "fine.v\tverb\tfine\t\t\t\t111\t0.5\t", row)
    with pytest.raises(ResourceError) as caught:
        load_lexicon([path])
    assert f"{path}:4" in str(caught.value)
    assert message in str(caught.value)
    assert str(caught.value).startswith("[T010]")


def test_wrong_header_is_reported(tmp_path: Path):
    path = tmp_path / "x.tsv"
    path.write_text("lemma\tcameo\nblast\t111\n", encoding="utf-8")
    with pytest.raises(ResourceError, match=r"x\.tsv:1: header must be"):
        load_lexicon([path])


def test_missing_user_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(ResourceError, match="cannot read lexicon file"):
        load_lexicon([tmp_path / "absent.tsv"])


def test_user_lexicon_changes_the_version_suffix(tmp_path: Path):
    from tacitus.coding import EventCoder

    path = _write(tmp_path, "snub.v\tverb\tsnub\t\t\t\t120\t0.8\t")
    first = EventCoder(lexicons=[path]).user_lexicon_suffix
    assert first.startswith("+lex.") and EventCoder().user_lexicon_suffix == ""
    path.write_text(path.read_text(encoding="utf-8").replace("0.8", "0.7"), encoding="utf-8")
    assert EventCoder(lexicons=[path]).user_lexicon_suffix != first


def test_edited_user_file_is_read_again(tmp_path: Path):
    path = _write(tmp_path, "snub.v\tverb\tsnub\t\t\t\t120\t0.8\t")
    assert load_lexicon([path]).entries["snub.v"].cameo == "120"
    path.write_text(path.read_text(encoding="utf-8").replace("\t120\t", "\t1246\t"), encoding="utf-8")
    assert load_lexicon([path]).entries["snub.v"].cameo == "1246"


def test_bare_statement_forms_are_the_speech_verbs_that_never_take_a_target():
    lexicon = load_lexicon()
    assert {"said", "says", "added", "told"} <= lexicon.bare_statement_forms
    assert "condolences" not in lexicon.bare_statement_forms  # 018 names what was said
    assert "attacked" not in lexicon.bare_statement_forms


def test_role_patterns_in_the_shipped_lexicon():
    entries = load_lexicon().entries
    assert entries["release.v"].roles == "person"  # released two soldiers, not the names of the victims
    assert entries["speak.v"].roles == "dyadic"  # spoke with X, not before dignitaries
    assert entries["provide.v"].roles == "dyadic"
