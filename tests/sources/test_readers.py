from __future__ import annotations

import datetime as dt
import gzip
import io
import json
from pathlib import Path

import pytest

from tacitus.dates import parse_date
from tacitus.errors import InputError, RecordError
from tacitus.models import Article
from tacitus.nlp import MAX_ARTICLE_CHARS
from tacitus.registry import readers
from tacitus.sources import expand_paths, read_articles
from tacitus.sources.records import MAX_ARTICLE_BYTES, content_id, make_article


def _items(*paths: Path, format: str | None = None) -> list[Article | RecordError]:
    return list(read_articles(list(paths), format=format))


def test_builtin_readers_are_registered_by_suffix():
    assert readers.for_suffix("x.jsonl.gz").name == "jsonl"
    assert readers.for_suffix("X.JSONL").name == "jsonl"
    assert readers.for_suffix("a.csv").name == "csv"
    assert readers.for_suffix("a.htm").name == "html"
    assert readers.for_suffix("a.txt").name == "txt"
    assert readers.for_suffix("a.docx") is None


def test_text_file_is_one_article_with_dateline_metadata(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(" date 2022-11-08 (Wire) -- Voters queued in the rain.\n\nTurnout was high.", encoding="utf-8")
    [article] = _items(path)
    assert isinstance(article, Article)
    assert article.text == "Voters queued in the rain.\n\nTurnout was high."
    assert article.date == dt.date(2022, 11, 8)
    assert article.source == "Wire"
    assert article.id == content_id(article.text)
    assert article.origin == str(path)
    assert article.metadata["dateline"] == "date 2022-11-08 (Wire)"


def test_latin1_text_file_is_decoded_not_lost(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Le ministre a d\u00e9clar\u00e9 la s\u00e9ance ouverte.".encode("latin-1"))
    [article] = _items(path)
    assert isinstance(article, Article)
    assert "d\u00e9clar\u00e9" in article.text
    assert article.metadata["encoding"] == "cp1252"


def test_jsonl_fields_metadata_and_ids(tmp_path):
    path = tmp_path / "a.jsonl"
    rows = [
        {
            "id": "x1",
            "date": "2020-05-01T10:00:00Z",
            "source": "Daily",
            "title": "T",
            "url": "http://e/1",
            "text": "One.",
            "lang": "en",
        },
        {"id": 7, "published": "2020-05-02", "body": "Two."},
        {"text": "Three.", "date": "the fifth of May"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second, third = _items(path)
    assert (first.id, first.date, first.source, first.title, first.url) == (
        "x1",
        dt.date(2020, 5, 1),
        "Daily",
        "T",
        "http://e/1",
    )
    assert first.metadata == {"lang": "en"}
    assert first.origin == f"{path}:1"
    assert (second.id, second.text, second.date) == ("7", "Two.", dt.date(2020, 5, 2))
    assert third.id == content_id("Three.")
    assert third.date is None and third.metadata["invalid_date"] == "the fifth of May"


def test_jsonl_gz_is_read(tmp_path):
    path = tmp_path / "a.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "g", "text": "Zipped."}) + "\n")
    [article] = _items(path)
    assert article.id == "g"


def test_truncated_gzip_reports_instead_of_raising(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress(b"".join(json.dumps({"id": str(i), "text": "x " * 50}).encode() + b"\n" for i in range(2000)))
    path.write_bytes(whole[: len(whole) // 2])
    items = _items(path)
    assert any(isinstance(i, Article) for i in items)
    assert isinstance(items[-1], RecordError) and items[-1].reason == "corrupt_gzip"


def test_csv_columns_found_by_name(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(
        'Headline,Content,Published,Extra\nH1,"Long, quoted\ntext.",2021-03-04,e1\n,,,\nH2,Plain.,,e2\n',
        encoding="utf-8",
    )
    first, second = _items(path)
    assert (first.title, first.text, first.date, first.metadata) == (
        "H1",
        "Long, quoted\ntext.",
        dt.date(2021, 3, 4),
        {"Extra": "e1"},
    )
    assert first.origin == f"{path}:2"
    assert second.origin == f"{path}:5"


def test_csv_large_field_is_accepted(tmp_path):
    path = tmp_path / "big.csv"
    text = "word " * 60_000  # 300 KB: above the csv module's default field limit
    path.write_text(f"id,text\nbig,{text}\n", encoding="utf-8")
    [article] = _items(path)
    assert article.id == "big" and len(article.text) > 250_000


def test_csv_without_text_column_is_one_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("name,value\na,1\nb,2\n", encoding="utf-8")
    [error] = _items(path)
    assert isinstance(error, RecordError)
    assert (error.path, error.line, error.reason) == (str(path), 1, "no_text_column")


def test_tsv(tmp_path):
    path = tmp_path / "a.tsv"
    path.write_text("id\ttext\nt1\tTabbed text.\n", encoding="utf-8")
    [article] = _items(path)
    assert (article.id, article.text) == ("t1", "Tabbed text.")


def test_html_main_text_and_metadata(tmp_path):
    path = tmp_path / "page.html"
    body = " ".join(["The delegation arrived in the capital for two days of talks about the border."] * 4)
    path.write_text(
        "<html><head><title>Border talks open</title><meta name='date' content='2023-07-19'></head><body>"
        "<nav>Home | World | Sport</nav><article><h1>Border talks open</h1>"
        f"<p>{body}</p><p>{body}</p></article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    [article] = _items(path)
    assert isinstance(article, Article)
    assert "delegation arrived" in article.text
    assert "Copyright" not in article.text and "Sport" not in article.text
    assert article.title == "Border talks open"
    assert article.date == dt.date(2023, 7, 19)


def test_directory_is_searched_recursively_and_unknown_suffixes_ignored(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("Deep text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Top text.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("hidden", encoding="utf-8")
    inputs, ignored = expand_paths([tmp_path])
    assert [Path(i.path).name for i in inputs] == ["b.txt", "a.txt"]
    assert ignored == 1


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="does not exist"):
        expand_paths([tmp_path / "nope.jsonl"])


def test_named_file_without_reader_is_a_record_error(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("x", encoding="utf-8")
    [error] = _items(path)
    assert error.reason == "unsupported_format"
    [article] = _items(path, format="txt")
    assert article.text == "x"


def test_stdin_is_sniffed(monkeypatch):
    data = (json.dumps({"id": "s1", "text": "From a pipe."}) + "\n").encode()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    [article] = list(read_articles(["-"]))
    assert (article.id, article.origin) == ("s1", "-:1")


def test_make_article_rejects_too_long_and_empty():
    too_long = make_article({"text": "a" * (MAX_ARTICLE_CHARS + 1)}, path="p", line=3)
    assert isinstance(too_long, RecordError) and too_long.reason == "too_long" and too_long.line == 3
    assert make_article({"text": " \n "}, path="p", line=1).reason == "empty_text"
    assert make_article({"title": "no text"}, path="p", line=1).reason == "missing_text"
    assert make_article({"text": 12}, path="p", line=1).reason == "missing_text"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-04-03", dt.date(2019, 4, 3)),
        ("2019-04-03T23:10:00+02:00", dt.date(2019, 4, 3)),
        ("2019-04-03 08:00:00", dt.date(2019, 4, 3)),
        ("20190403", dt.date(2019, 4, 3)),
        ("Wed, 03 Apr 2019 10:00:00 GMT", dt.date(2019, 4, 3)),
        (None, None),
        ("", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["yesterday", "2019-02-30", "2019/99/99", 3.5])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        parse_date(value)


def _broken_corpus(folder: Path) -> dict[str, Path]:
    """A folder of good and bad inputs, built here so every case is visible in the test."""
    folder.mkdir()
    good = folder / "good.jsonl"
    good.write_text(
        json.dumps({"id": "g1", "text": "Alpha rejected Beta."})
        + "\n{this is not json\n"
        + json.dumps({"id": "g2", "text": "Gamma rejected Delta."})
        + "\n"
        + json.dumps({"id": "g3", "text": ""})
        + "\n",
        encoding="utf-8",
    )
    huge = folder / "huge.jsonl"
    with huge.open("w", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "h1", "text": "Before the giant line."}) + "\n")
        handle.write('{"id": "giant", "text": "' + "x" * (50 * 1024 * 1024) + '"}\n')
        handle.write(json.dumps({"id": "h3", "text": "After the giant line."}) + "\n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "latin.txt").write_bytes("Na\u00efve caf\u00e9 talks.".encode("latin-1"))
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "notext.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return {"good": good, "huge": huge}


def test_broken_inputs_are_reported_and_good_articles_kept(tmp_path):
    paths = _broken_corpus(tmp_path / "in")
    items = _items(tmp_path / "in")
    articles = {i.id for i in items if isinstance(i, Article)}
    errors = {(Path(e.path).name, e.line, e.reason) for e in items if isinstance(e, RecordError)}
    assert {"g1", "g2", "h1", "h3"} <= articles
    assert len(articles) == 5  # + the latin-1 text
    assert errors == {
        ("good.jsonl", 2, "malformed_json"),
        ("good.jsonl", 4, "empty_text"),
        ("huge.jsonl", 2, "too_long"),
        ("binary.txt", None, "binary"),
        ("empty.txt", None, "empty_text"),
        ("notext.csv", 1, "no_text_column"),
    }
    assert paths["huge"].stat().st_size > 50 * 1024 * 1024 > MAX_ARTICLE_BYTES


def test_jsonl_line_that_is_not_utf8_is_skipped_alone(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps({"id": "u1", "text": "Fine."}).encode()
        + b"\n"
        + '{"id": "u2", "text": "Caf\u00e9"}'.encode("latin-1")
        + b"\n"
        + json.dumps({"id": "u3", "text": "Also fine."}).encode()
        + b"\n"
    )
    first, bad, last = _items(path)
    assert (first.id, last.id) == ("u1", "u3")
    assert (bad.line, bad.reason) == (2, "undecodable")


def test_binary_file_with_a_jsonl_suffix_is_one_error(tmp_path):
    path = tmp_path / "image.jsonl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 100)
    [error] = _items(path)
    assert (error.line, error.reason) == (None, "binary")


def test_latin1_csv_is_decoded(tmp_path):
    path = tmp_path / "old.csv"
    path.write_bytes("id,text\nl1,Les d\u00e9l\u00e9gu\u00e9s sont arriv\u00e9s.\n".encode("latin-1"))
    [article] = _items(path)
    assert article.text == "Les d\u00e9l\u00e9gu\u00e9s sont arriv\u00e9s."


def test_a_50_mb_line_is_skipped_without_holding_it_in_memory(tmp_path):
    import tracemalloc

    path = tmp_path / "huge.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        handle.write('{"id": "giant", "text": "')
        for _ in range(50):
            handle.write("y" * (1024 * 1024))
        handle.write('"}\n' + json.dumps({"id": "after", "text": "Still read."}) + "\n")
    tracemalloc.start()
    try:
        items = _items(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [(type(i).__name__, getattr(i, "reason", None)) for i in items] == [
        ("RecordError", "too_long"),
        ("Article", None),
    ]
    assert peak < 25 * 1024 * 1024  # the 8 MB line limit plus buffers, not the 50 MB line


def test_a_new_format_is_one_registered_function(tmp_path, monkeypatch):
    from tacitus.registry import Registered

    def read_pipe_separated(stream, *, path):
        for lineno, line in enumerate(stream.read().decode("utf-8").splitlines(), start=1):
            doc_id, _, text = line.partition("|")
            yield make_article({"id": doc_id, "text": text}, path=path, line=lineno)

    monkeypatch.setitem(readers.entries, "pipes", Registered("pipes", read_pipe_separated, (".pipes",)))
    path = tmp_path / "feed.pipes"
    path.write_text("p1|First story.\np2|\n", encoding="utf-8")
    article, error = _items(path)
    assert (article.id, article.text, article.origin) == ("p1", "First story.", f"{path}:1")
    assert (error.line, error.reason) == (2, "empty_text")
