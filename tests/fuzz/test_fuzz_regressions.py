"""Every input a fuzzer crashed on stays here: `crashes/<target>-<what>.<ext>` must now read cleanly.

A new crash from `fuzz/run.py` is copied into `crashes/` with the target as its name's prefix;
this test then replays it through the same target (reader, checks and cleaning).
"""

from __future__ import annotations

from pathlib import Path

import fuzz_targets
import pytest

from claimgraph.model import IngestError, RawDocument

CRASHES = sorted((Path(__file__).parent / "crashes").glob("*-*"))


def test_fuzz_regressions_exist_for_every_named_target() -> None:
    assert CRASHES, "the crash corpus is missing"
    assert {p.name.split("-", 1)[0] for p in CRASHES} <= set(fuzz_targets.READERS)


@pytest.mark.parametrize("path", CRASHES, ids=[p.name for p in CRASHES])
def test_fuzz_regression_input_reads_without_raising(path: Path) -> None:
    items = fuzz_targets.run_reader(path.name.split("-", 1)[0], path.read_bytes())
    assert items, "a reader must say something about every file: a document or an error"


def test_fuzz_csv_header_with_bare_carriage_returns_is_one_error() -> None:
    items = fuzz_targets.run_reader("csv", b"title,text\r\r\rx\nA,body\n")
    assert len(items) == 1 and isinstance(items[0], IngestError)
    assert "CSV header" in items[0].problem


def test_fuzz_warc_without_html_pages_says_so() -> None:
    """warcio reads any text line as an ARC header; such a file used to give no item at all."""
    items = fuzz_targets.run_reader("warc", b"<p>not an archive</p>\nsecond line\n")
    assert [type(i) for i in items] == [IngestError]
    assert "no HTML pages" in items[0].problem or "not a WARC" in items[0].problem


def test_fuzz_feed_surrogate_character_reference_is_one_error() -> None:
    """feedparser's loose parser encodes `&#xd800;` to UTF-8 and raises; the file is one error."""
    feed = b"<?xml version='1.0'?><rss version='2.0'><channel><item><description>a &#xd800; b"
    items = fuzz_targets.run_reader("feed", feed)
    assert all(isinstance(i, IngestError | RawDocument) for i in items) and items
