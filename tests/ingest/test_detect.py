"""Format detection by name, then by content."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.ingest.detect import Kind, kind_by_content, kind_by_name


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.txt", Kind.TEXT),
        ("A.TXT", Kind.TEXT),
        ("a.md", Kind.MARKDOWN),
        ("a.htm", Kind.HTML),
        ("a.html.gz", Kind.HTML),
        ("a.rss", Kind.FEED),
        ("a.atom", Kind.FEED),
        ("a.xml", Kind.XML),
        ("a.warc.gz", Kind.WARC),
        ("a.arc", Kind.WARC),
        ("a.jsonl.gz", Kind.JSONL),
        ("a.ndjson", Kind.JSONL),
        ("a.json", Kind.JSON),
        ("a.csv", Kind.CSV),
        ("a.tsv", Kind.TSV),
        ("README", None),
        ("a.dat", None),
        ("a.gz", None),
    ],
)
def test_detect_kind_by_name(name, kind):
    assert kind_by_name(Path(name)) == kind


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", Kind.WARC),
        (b"filedesc://crawl.arc 0.0.0.0 ", Kind.WARC),
        (b"\xef\xbb\xbf  <!DOCTYPE HTML><html>", Kind.HTML),
        (b"\n<html lang='en'>", Kind.HTML),
        (b"<?xml version='1.0'?>\n<rss version='2.0'>", Kind.FEED),
        (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", Kind.FEED),
        (b"<?xml version='1.0'?><!DOCTYPE html><html xmlns='http://www.w3.org/1999/xhtml'>", Kind.HTML),
        (b'{"text": "a"}\n', Kind.JSONL),
        (b"Plain words.", Kind.TEXT),
        (b"\x89PNG\r\n", Kind.TEXT),
    ],
)
def test_detect_kind_by_content(head, kind):
    assert kind_by_content(head) == kind
