"""HTML pages: decoding, canonical URL, malformed markup, size limits."""

from __future__ import annotations

import gzip
import time

import pytest

from claimgraph.ingest.html import canonical_url, declared_charset

PAGE = "<html><head>{head}</head><body><p>{body}</p></body></html>"


def test_html_page_is_passed_whole_with_its_canonical_url(ingest, data):
    docs, errors = ingest([data / "page.html"])
    assert errors == []
    (doc,) = docs
    assert doc.text is None
    assert doc.html == (data / "page.html").read_text(encoding="utf-8")
    assert doc.url == "https://port.example/news/grain-convoy?id=7&ref=rss"


@pytest.mark.parametrize(
    ("head", "url"),
    [
        ('<link href="https://a.example/x" rel="canonical">', "https://a.example/x"),
        ("<link rel='alternate canonical' href='https://a.example/y'>", "https://a.example/y"),
        ('<meta property="og:url" content="https://a.example/og">', "https://a.example/og"),
        (
            '<link rel="canonical" href="/relative"><meta property="og:url" content="https://a.example/og">',
            "https://a.example/og",
        ),
        ('<link rel="stylesheet" href="https://a.example/s.css">', None),
        ("", None),
    ],
)
def test_html_canonical_url(head, url):
    assert canonical_url(PAGE.format(head=head, body="text")) == url


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        ('<meta charset="windows-1252">', "windows-1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">', "ISO-8859-1"),
        ("<meta charset=utf-8>", "utf-8"),
        ("<title>none</title>", None),
    ],
)
def test_html_declared_charset(head, charset):
    assert declared_charset(PAGE.format(head=head, body="x").encode()) == charset


@pytest.mark.parametrize("label", ["windows-1252", "iso-8859-1", None])
def test_html_legacy_encoded_page_decodes(ingest, tmp_path, label):
    body = "The envoy said “no talks” took place in the café."
    head = f'<meta charset="{label}">' if label else ""
    path = tmp_path / "legacy.html"
    path.write_bytes(PAGE.format(head=head, body=body).encode("cp1252"))
    docs, errors = ingest([path])
    assert errors == []
    assert body in docs[0].html


def test_html_malformed_markup_is_not_an_ingest_error(ingest, data):
    docs, errors = ingest([data / "malformed.html"])
    assert errors == []
    assert "delay the bridge repairs" in docs[0].html


@pytest.mark.parametrize(
    ("content", "problem"), [(b"", "empty file"), (b"\x00\x01\x02" * 100, "binary file, not HTML")]
)
def test_html_empty_or_binary_page_is_an_error(ingest, tmp_path, content, problem):
    path = tmp_path / "page.html"
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert docs == []
    assert [str(e) for e in errors] == [f"{path}: {problem}"]


def test_html_page_over_max_bytes_is_refused_and_the_next_file_read(ingest, tmp_path, data):
    big = tmp_path / "a_big.html"
    big.write_text(PAGE.format(head="", body="word " * 1000), encoding="utf-8")
    docs, errors = ingest([big, data / "page.html"], max_bytes=2048)
    assert [d.uri for d in docs] == [str(data / "page.html")]
    assert len(errors) == 1
    assert errors[0].uri == str(big)
    assert errors[0].problem == "too large (4.9 KiB; limit 2.0 KiB, IngestOptions.max_bytes)"


def test_html_gzip_expanding_past_max_bytes_is_refused(ingest, tmp_path):
    path = tmp_path / "bomb.html.gz"
    path.write_bytes(gzip.compress(PAGE.format(head="", body="a" * 100_000).encode()))
    docs, errors = ingest([path], max_bytes=10_000)
    assert docs == []
    assert errors[0].problem.startswith("too large (over 9.8 KiB")


def test_html_truncated_gzip_is_an_error(ingest, tmp_path):
    path = tmp_path / "cut.html.gz"
    body = " ".join(str(number) for number in range(5000))
    path.write_bytes(gzip.compress(PAGE.format(head="", body=body).encode())[:2000])
    docs, errors = ingest([path])
    assert docs == []
    assert [str(e) for e in errors] == [f"{path}: truncated gzip file (compressed data ends early)"]


# A 50 MB page must be read or refused within this many seconds (measured: well under 2 s).
FIFTY_MB_SECONDS = 20


@pytest.mark.slow
@pytest.mark.parametrize("max_bytes", [64 * 1024 * 1024, 10 * 1024 * 1024])
def test_html_fifty_megabyte_page_is_read_or_refused_cleanly(ingest, tmp_path, max_bytes):
    path = tmp_path / "huge.html"
    paragraph = "<p>" + "The harbour authority said the ships were still waiting outside. " * 20 + "</p>\n"
    with path.open("w", encoding="utf-8") as out:
        out.write("<html><head><title>Huge</title></head><body>\n")
        while out.tell() < 50 * 1024 * 1024:
            out.write(paragraph)
        out.write("</body></html>\n")
    started = time.perf_counter()
    docs, errors = ingest([path], max_bytes=max_bytes, max_document_chars=max_bytes)  # the cap here: bytes
    assert time.perf_counter() - started < FIFTY_MB_SECONDS
    if max_bytes > path.stat().st_size:
        assert errors == []
        assert len(docs[0].html) == path.stat().st_size
    else:
        assert docs == []
        assert errors[0].uri == str(path)
        assert errors[0].problem.startswith("too large (50.0 MiB; limit 10.0 MiB")
