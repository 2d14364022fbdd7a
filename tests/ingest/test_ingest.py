"""The ingest package's entry point, iter_raw: walking, dispatch, stdin, and bad paths as error values."""

from __future__ import annotations

import gzip
import io
import os
import sys
from pathlib import Path

import pytest

from claimgraph.config import IngestOptions
from claimgraph.ingest import feed, iter_raw, source
from claimgraph.model import IngestError, RawDocument


def test_ingest_directory_is_recursive_sorted_and_skips_hidden_files_and_sidecars(ingest, data):
    docs, errors = ingest([data / "corpus"])
    assert errors == []
    names = [Path(d.uri).relative_to(data / "corpus").as_posix() for d in docs]
    assert names == ["sub/notes.md", "talks.txt"]


def test_ingest_same_input_gives_same_output(ingest, data):
    assert ingest([data]) == ingest([data])


@pytest.mark.parametrize(
    ("name", "fmt", "markup"),
    [
        ("corpus/talks.txt", "text", "text"),
        ("corpus/sub/notes.md", "markdown", "text"),
        ("page.html", "html", "html"),
        ("malformed.html", "html", "html"),
        ("feed.rss", "rss", "html"),
        ("feed.atom", "rss", "html"),
        ("records.jsonl", "jsonl", "text"),
        ("records.tsv", "csv", "text"),
    ],
)
def test_ingest_dispatches_by_extension(ingest, data, name, fmt, markup):
    docs, _ = ingest([data / name])
    assert docs
    assert docs[0].format == fmt
    assert getattr(docs[0], markup) is not None


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("page.dat", b"<!DOCTYPE html><html><body><p>Ships waited.</p></body></html>", "html"),
        ("page.xml", b"<?xml version='1.0'?><html><body><p>Ships waited.</p></body></html>", "html"),
        ("notes", b"Ships waited outside the harbour.\n", "text"),
        ("records.log", b'{"text": "Ships waited outside the harbour."}\n', "jsonl"),
        (
            "feed",
            b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title>"
            b"<item><title>A</title><description>Ships waited.</description></item></channel></rss>",
            "rss",
        ),
    ],
)
def test_ingest_sniffs_content_when_the_name_does_not_tell(ingest, tmp_path, name, content, fmt):
    path = tmp_path / name
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert errors == []
    assert [d.format for d in docs] == [fmt]


def test_ingest_sniffs_a_warc_without_its_extension(ingest, tmp_path, write_warc):
    archive = write_warc(tmp_path / "archive.bin", pages=2)
    docs, errors = ingest([archive])
    assert errors == []
    assert [d.format for d in docs] == ["warc", "warc"]


def test_ingest_reads_gzipped_html(ingest, tmp_path, data):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((data / "page.html").read_bytes()))
    docs, errors = ingest([path])
    assert errors == []
    assert docs[0].html == (data / "page.html").read_text(encoding="utf-8")


def test_ingest_missing_path_is_an_error_and_the_run_goes_on(ingest, tmp_path, data):
    missing = tmp_path / "nowhere.txt"
    docs, errors = ingest([missing, data / "corpus" / "talks.txt"])
    assert [str(e) for e in errors] == [f"{missing}: no such file or directory"]
    assert len(docs) == 1


def test_ingest_unreadable_file_in_a_folder_is_an_error_and_the_rest_is_read(ingest, tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"Story {name}\n\nThe port reopened.\n", encoding="utf-8")
    real_open = open

    def guarded_open(file, *args, **kwargs):
        if Path(file).name == "b.txt":
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(source, "open", guarded_open, raising=False)
    docs, errors = ingest([tmp_path])
    assert [Path(d.uri).name for d in docs] == ["a.txt", "c.txt"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'b.txt'}: permission denied"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads chmod 000 files")
def test_ingest_chmod_000_file_is_an_error(ingest, tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret\n\nText.\n", encoding="utf-8")
    (tmp_path / "open.txt").write_text("Open\n\nText.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        docs, errors = ingest([tmp_path])
    finally:
        locked.chmod(0o600)
    assert [Path(d.uri).name for d in docs] == ["open.txt"]
    assert [e.problem for e in errors] == ["permission denied"]


def test_ingest_streams_lazily(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{name}\n\nThe port reopened.\n", encoding="utf-8")
    stream = iter_raw([tmp_path], IngestOptions())
    first = next(stream)
    (tmp_path / "b.txt").unlink()  # not read yet: the reader only opens it when asked
    second = next(stream)
    assert isinstance(first, RawDocument)
    assert isinstance(second, IngestError)
    assert second.problem == "no such file or directory"


@pytest.mark.parametrize(
    ("stdin", "fmt"),
    [
        (io.TextIOWrapper(io.BytesIO("Piped headline\n\nPiped body text, café.\n".encode())), "text"),
        (io.StringIO("Piped headline\n\nPiped body text, café.\n"), "text"),
        (io.TextIOWrapper(io.BytesIO(b"<html><body><p>Piped page.</p></body></html>")), "html"),
    ],
)
def test_ingest_dash_reads_stdin(ingest, monkeypatch, stdin, fmt):
    monkeypatch.setattr(sys, "stdin", stdin)
    docs, errors = ingest(["-"])
    assert errors == []
    assert [(d.uri, d.format) for d in docs] == [("<stdin>", fmt)]
    if fmt == "text":
        assert docs[0].title == "Piped headline"
        assert "café" in docs[0].text


def test_ingest_empty_stdin_is_an_error(ingest, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"  \n")))
    docs, errors = ingest(["-"])
    assert docs == []
    assert [str(e) for e in errors] == ["<stdin>: empty file"]


def test_ingest_a_parser_crash_is_an_error_for_that_file_only(ingest, data, monkeypatch):
    def crash(_data):
        raise RuntimeError("parser bug")

    monkeypatch.setattr(feed.feedparser, "parse", crash)
    docs, errors = ingest([data / "feed.rss", data / "page.html"])
    assert [d.format for d in docs] == ["html"]
    expected = f"{data / 'feed.rss'}: not a readable RSS or Atom feed (RuntimeError: parser bug)"
    assert [str(e) for e in errors] == [expected]
