from pathlib import Path

import pytest

from claimgraph.clean import clean
from claimgraph.clean.ids import document_id
from claimgraph.model import Document, IngestError, RawDocument, Voice

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"


def test_clean_text_keeps_text_and_takes_first_line_as_title() -> None:
    text = (DATA / "news_plain.txt").read_text(encoding="utf-8")
    doc = clean(RawDocument(uri="news.txt", format="text", text=text, outlet="Northbridge Ledger"))
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.id == document_id(text)
    assert doc.title == "Kurdish forces retake oil town after three-day battle"
    assert doc.outlet == "Northbridge Ledger"
    assert doc.voice_text(Voice.OWN).startswith("Kurdish forces retake")


def test_clean_container_metadata_wins_over_page() -> None:
    html = (DATA / "blog_article.html").read_text(encoding="utf-8")
    raw = RawDocument(uri="feed.xml#3", format="rss", html=html, title="Feed title", published="2014-06-19")
    doc = clean(raw)
    assert isinstance(doc, Document)
    assert (doc.title, doc.published) == ("Feed title", "2014-06-19")
    assert (doc.outlet, doc.author) == ("The Valley Watch", "Rhea Quist")
    assert doc.id == document_id(doc.text)
    assert doc.format == "rss"


@pytest.mark.parametrize(
    "raw",
    [
        RawDocument(uri="blank.txt", format="text", text=" \n\n "),
        RawDocument(uri="blank.html", format="html", html="<html><body> </body></html>"),
    ],
)
def test_clean_empty_is_an_error_value(raw: RawDocument) -> None:
    result = clean(raw)
    assert isinstance(result, IngestError)
    assert result.uri == raw.uri
    assert "no text" in result.problem


def test_clean_same_text_twice_same_id() -> None:
    first = clean(RawDocument(uri="a.txt", format="text", text="Talks were held.\n"))
    second = clean(RawDocument(uri="b.md", format="markdown", text="Talks  were held."))
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.id == second.id
