"""WARC and WARC.gz: HTML responses only, and cut-off archives reported after what was read."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("compress", [True, False])
def test_warc_html_responses_become_pages(ingest, tmp_path, write_warc, compress):
    path = write_warc(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), pages=3, compress=compress)
    docs, errors = ingest([path])
    assert errors == []
    urls = [f"https://harbour.example/{n}" for n in range(3)]
    assert [d.url for d in docs] == urls  # the image and the 404 are skipped
    assert [d.uri for d in docs] == [f"{path}#{url}" for url in urls]
    assert all(d.format == "warc" and d.published is None for d in docs)
    assert "Report number 2:" in docs[2].html


@pytest.mark.parametrize("compress", [True, False])
@pytest.mark.parametrize("keep", [0.95, 0.75, 0.5, 0.3])
def test_warc_truncated_archive_yields_records_read_then_one_error(
    ingest, tmp_path, write_warc, compress, keep
):
    whole = write_warc(tmp_path / "whole.warc", pages=6, compress=compress).read_bytes()
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(whole[: int(len(whole) * keep)])
    docs, errors = ingest([path])
    assert len(docs) < 6
    assert [d.url for d in docs] == [f"https://harbour.example/{n}" for n in range(len(docs))]
    assert len(errors) == 1
    assert errors[0].uri == str(path)
    assert "truncated" in errors[0].problem


@pytest.mark.parametrize("compress", [True, False])
def test_warc_every_cut_inside_a_record_is_reported(ingest, tmp_path, write_warc, compress):
    """Cut at every 7th byte of the last record: never a silent short read."""
    whole = write_warc(tmp_path / "whole.warc", pages=2, compress=compress).read_bytes()
    path = tmp_path / "cut.warc"
    tail_start = whole.rindex(b"<html>") if not compress else len(whole) - 100
    urls = ["https://harbour.example/0", "https://harbour.example/1"]
    for end in range(tail_start, len(whole) - 8, 7):
        path.write_bytes(whole[:end])
        docs, errors = ingest([path])
        # a cut in the gzip trailer leaves the page whole but is still reported
        assert [d.url for d in docs] in (urls[:1], urls), end
        assert [e.problem.startswith(("truncated", "corrupt")) for e in errors] == [True], end


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (b"<html><body>not an archive</body></html>", "truncated WARC or not a WARC file after record 0"),
    ],
)
def test_warc_empty_or_foreign_file_is_an_error(ingest, tmp_path, content, problem):
    path = tmp_path / "crawl.warc"
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert docs == []
    assert len(errors) == 1
    assert errors[0].problem.startswith(problem)


def test_warc_record_over_max_bytes_is_refused(ingest, tmp_path, write_warc):
    path = write_warc(tmp_path / "crawl.warc.gz", pages=2)
    docs, errors = ingest([path], max_bytes=100)
    assert docs == []
    assert [e.uri for e in errors] == [f"{path}#https://harbour.example/{n}" for n in range(2)]
    assert all(e.problem.startswith("record too large") for e in errors)
