"""Opening files: size limits, gzip, line limits."""

from __future__ import annotations

import gzip
import io

import pytest

from claimgraph.ingest.source import ReadFailure, human_size, iter_lines, read_bytes


@pytest.mark.parametrize(
    ("size", "text"), [(12, "12 bytes"), (2048, "2.0 KiB"), (50 * 1024 * 1024, "50.0 MiB")]
)
def test_source_human_size(size, text):
    assert human_size(size) == text


def test_source_read_bytes_gunzips_by_magic_not_name(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(gzip.compress(b"<p>hello</p>"))
    assert read_bytes(path, 1000) == b"<p>hello</p>"


@pytest.mark.parametrize(
    ("name", "problem"), [("missing.txt", "no such file or directory"), ("", "is a directory")]
)
def test_source_read_bytes_os_errors(tmp_path, name, problem):
    with pytest.raises(ReadFailure, match=problem):
        read_bytes(tmp_path / name, 1000)


def test_source_iter_lines_replaces_overlong_lines_with_none():
    stream = io.BytesIO(b"short\n" + b"x" * 50 + b"\nlast")
    assert list(iter_lines(stream, 10)) == [b"short\n", None, b"last"]
