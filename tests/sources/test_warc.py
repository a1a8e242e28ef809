"""WARC and WARC.gz files written here with warcio: HTML responses become articles, the rest is reported."""

from __future__ import annotations

import io

import pytest
from _local_server import article_html

from tacitus.errors import RecordError
from tacitus.models import Article
from tacitus.sources import read_articles

warcio = pytest.importorskip("warcio")
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

CRAWLED = "2023-11-05T06:07:08Z"


def _response(writer, url: str, body: bytes, *, content_type: str = "text/html; charset=utf-8", status: str = "200 OK"):
    headers = StatusAndHeaders(
        status, [("Content-Type", content_type), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
    )
    return writer.create_warc_record(
        url,
        "response",
        payload=io.BytesIO(body),
        length=len(body),
        http_headers=headers,
        warc_headers_dict={"WARC-Date": CRAWLED},
    )


def write_warc(path, *, gzip: bool, cut: int = 0) -> None:
    """Six records: three HTML pages, a PNG, a 404 and a request; `cut` bytes are then chopped off the end."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    pages = [
        ("http://News.example/1?utm_medium=x", article_html("First", "Alpha rejected Beta on the first day.")),
        ("http://news.example/2", article_html("Second", "Gamma rejected Delta on the second day.", date="2023-11-01")),
    ]
    for url, html in pages:
        writer.write_record(_response(writer, url, html.encode()))
    writer.write_record(_response(writer, "http://news.example/logo.png", b"\x89PNG....", content_type="image/png"))
    writer.write_record(_response(writer, "http://news.example/gone", b"<html>gone</html>", status="404 Not Found"))
    request = writer.create_warc_record(
        "http://news.example/3", "request", payload=io.BytesIO(b"GET /3 HTTP/1.1\r\n\r\n"), length=19
    )
    writer.write_record(request)
    last = article_html("Third", "Epsilon rejected Zeta on the third day.")
    writer.write_record(_response(writer, "http://news.example/3", last.encode()))
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) - cut] if cut else data)


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_html_responses_become_articles_and_the_rest_is_reported(tmp_path, gzip):
    path = tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc")
    write_warc(path, gzip=gzip)
    items = list(read_articles([path]))
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, RecordError)]
    assert [a.url for a in articles] == ["http://news.example/1", "http://news.example/2", "http://news.example/3"]
    assert "Alpha rejected Beta on the first day." in articles[0].text
    assert str(articles[0].date) == "2023-11-05"  # no date in the page: the crawl date
    assert str(articles[1].date) == "2023-11-01"  # the page's own date wins
    assert all(a.metadata["crawl_date"] == CRAWLED for a in articles)
    assert [a.origin for a in articles] == [f"{path}:1", f"{path}:2", f"{path}:6"]
    assert [(e.reason, e.line) for e in errors] == [("not_html", 3), ("http_status", 4)]
    assert all(e.path == str(path) and "byte offset" in str(e) for e in errors)


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_a_truncated_last_record_is_reported_and_the_others_kept(tmp_path, gzip):
    path = tmp_path / ("cut.warc.gz" if gzip else "cut.warc")
    write_warc(path, gzip=gzip, cut=150)
    items = list(read_articles([path]))
    articles = [item for item in items if isinstance(item, Article)]
    errors = [item for item in items if isinstance(item, RecordError)]
    assert [a.url for a in articles] == ["http://news.example/1", "http://news.example/2"]
    assert errors[-1].reason == "truncated_record" and errors[-1].line == 6 and errors[-1].path == str(path)


def test_garbage_in_the_middle_is_a_broken_record_and_what_came_before_is_kept(tmp_path):
    path = tmp_path / "broken.warc"
    write_warc(path, gzip=False)
    data = path.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    third = data.index(b"WARC/1.0", second + 10)
    path.write_bytes(data[:third] + b"this is not a WARC header at all\r\n\r\n" + data[third:])
    items = list(read_articles([path]))
    assert [type(i).__name__ for i in items[:2]] == ["Article", "Article"]
    assert isinstance(items[2], RecordError) and items[2].reason == "broken_record" and items[2].line == 3


def test_ingest_codes_a_warc_gz(tmp_path, fake_pipeline):
    from tacitus.jobs.ingest import ingest

    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gzip=True)
    summary = ingest([path], db=tmp_path / "t.duckdb", pipeline=fake_pipeline)
    assert summary.new == 3 and summary.events == 3
    assert dict(summary.skipped) == {"not_html": 1, "http_status": 1}
    again = ingest([path], db=tmp_path / "t.duckdb", pipeline=fake_pipeline)
    assert again.new == 0 and again.already_present == 3
