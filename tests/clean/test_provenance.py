"""Issue 12 items 12 and 13: outlets named right, dates never read out of the body."""

from __future__ import annotations

import pytest

from claimgraph.clean import clean
from claimgraph.clean.provenance import clean_sitename, file_hints, host_name, infer_outlet
from claimgraph.model import Document, RawDocument

BODY = "<p>Officials met on Tuesday to discuss the plan for the region and its neighbours.</p>" * 3


def _page(head: str = "", body: str = BODY) -> str:
    head = f"<head><title>Looking back</title>{head}</head>"
    return f"<html>{head}<body><article>{body}</article></body></html>"


@pytest.mark.parametrize(
    ("sitename", "url", "expected"),
    [
        ("Hosted", "https://hosted.ap.org/berkshireeagle/article/1", None),  # trafilatura's host guess
        ("Nj", "https://www.nj.com/entertainment/2019/11/x.html", None),  # "nj" capitalised
        ("nj", "https://www.nj.com/entertainment/2019/11/x.html", None),
        ("Wday_", "http://www.wday.ru/articles/x", None),  # the "@wday_" handle
        ("Copyright 2014", "http://example.com/x", None),
        ("https://www.hawaiinewsnow.com", "https://www.hawaiinewsnow.com/x", "hawaiinewsnow.com"),
        ("LinkNaija | Nigeria's popular news platform", None, "LinkNaija"),
        ("CNN", "https://www.cnn.com/2019/11/18/x", "CNN"),
        ("The Guardian", "https://www.theguardian.com/x", "The Guardian"),
    ],
)
def test_provenance_sitename_kept_only_when_it_names_the_site(
    sitename: str, url: str | None, expected: str | None
) -> None:
    assert clean_sitename(sitename, url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://hosted.ap.org/berkshireeagle/article/1", "ap.org"),
        ("https://apnews.com/article/x", "apnews.com"),
        ("https://www.telegraph.co.uk/t", "telegraph.co.uk"),
        ("https://meridianwire.example/world/x", "meridianwire.example"),
        ("/home/user/x.txt", None),
        ("file:///home/user/x.html", None),
        (None, None),
    ],
)
def test_provenance_host_name_is_readable(url: str | None, expected: str | None) -> None:
    assert host_name(url) == expected


def test_provenance_polnear_file_name_gives_outlet_and_date() -> None:
    hints = file_hints("/data/polnear/dev/text/nyt_2016-10-04_in-avoiding-tax-trump-is-merely-.txt")
    assert (hints.outlet, hints.published) == ("NYT", "2016-10-04")
    assert file_hints("x/usa-today_2016-09-22_derelict-obama.txt").outlet == "USA Today"
    assert file_hints("x/wash-post_2016-09-25_federal-court.txt").outlet == "Wash Post"
    assert file_hints("x/notes_2016-13-45_bad-date.txt").published is None


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("/home/someone/corpus/x.txt", "x.txt"),
        ("/home/someone/corpus/file.csv#135", "file.csv"),  # one source, not one per row
        ("/home/someone/crawl.warc.gz#https://www.bbc.com/news/1", "bbc.com"),
        ("/home/someone/breitbart_2016-10-04_bill-clinton.txt", "Breitbart"),
    ],
)
def test_provenance_outlet_is_never_a_path(uri: str, expected: str) -> None:
    outlet = infer_outlet(None, None, None, uri)
    assert outlet == expected
    assert "/" not in outlet.split("://")[0] and "#" not in outlet


def test_provenance_container_outlet_wins() -> None:
    assert infer_outlet("Meridian Wire", "Other", "https://x.example/", "/a/b.txt") == "Meridian Wire"


def test_clean_text_without_outlet_names_file_and_reads_its_date() -> None:
    raw = RawDocument(uri="/abs/path/politico_2016-09-30_keep-the-returns.txt", format="text", text="Hello.")
    doc = clean(raw)
    assert isinstance(doc, Document)
    assert (doc.outlet, doc.published) == ("Politico", "2016-09-30")


def test_clean_html_outlet_from_host_not_hosted() -> None:
    head = '<link rel="canonical" href="https://hosted.ap.org/berkshireeagle/article/abc">'
    doc = clean(RawDocument(uri="/abs/page.html", format="html", html=_page(head)))
    assert isinstance(doc, Document)
    assert doc.outlet == "ap.org"


def test_clean_html_undated_page_gets_no_date_from_a_year_in_its_body() -> None:
    body = "<p>Many recall the 2003 invasion of Iraq and what followed in the years after it.</p>" + BODY
    doc = clean(RawDocument(uri="/abs/page.html", format="html", html=_page(body=body)))
    assert isinstance(doc, Document)
    assert doc.published is None


def test_clean_html_declared_date_is_kept() -> None:
    head = '<meta property="article:published_time" content="2014-09-03T14:05:00+00:00">'
    body = "<p>Many recall the 2003 invasion of Iraq and what followed in the years after it.</p>" + BODY
    doc = clean(RawDocument(uri="/abs/page.html", format="html", html=_page(head, body)))
    assert isinstance(doc, Document)
    assert doc.published == "2014-09-03"


def test_source_name_of_a_document_without_outlet_is_not_its_path() -> None:
    from claimgraph.clean.provenance import source_name
    from claimgraph.model import Segment, Voice

    doc = Document("d1", "/home/someone/data/file.csv#135", "csv", "x", (Segment(Voice.OWN, 0, 1),))
    assert source_name(doc) == "file.csv"
    assert source_name(Document("d2", "-", "text", "x", (), url="https://hosted.ap.org/a/b")) == "ap.org"
    assert source_name(Document("d3", "/a/b.txt", "text", "x", (), outlet="Harbor Times")) == "Harbor Times"
