from pathlib import Path

import pytest

from claimgraph.clean.html import MAX_HTML_CHARS, parse_html
from claimgraph.model import IngestError, Voice

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"


@pytest.fixture(scope="module")
def page():
    result = parse_html((DATA / "blog_article.html").read_text(encoding="utf-8"), "blog_article.html")
    assert not isinstance(result, IngestError)
    return result


def _voiced(page, voice: Voice) -> list[tuple[str, str | None, str | None]]:
    return [(page.text[s.start : s.end], s.source, s.author) for s in page.segments if s.voice is voice]


def test_html_metadata(page) -> None:
    meta = page.metadata
    assert (meta.title, meta.outlet, meta.author) == ("Talks, Not Troops", "The Valley Watch", "Rhea Quist")
    assert meta.published == "2014-06-18"
    assert meta.url == "https://valleywatch.example/2014/06/talks-not-troops"


def test_html_navigation_and_footer_are_not_text(page) -> None:
    assert "About" not in page.text.split()
    assert "All rights reserved" not in page.text


def test_html_blockquote_after_lead_in_is_quoted_with_outlet(page) -> None:
    quoted = _voiced(page, Voice.QUOTED)
    assert quoted[0][0].startswith("Kurdish commanders said")
    assert quoted[0][1] == "Northbridge Ledger"


def test_html_embedded_tweet_is_quoted_from_twitter(page) -> None:
    quoted = _voiced(page, Voice.QUOTED)
    assert quoted[1][0].startswith("Strikes near Qaraj")
    assert quoted[1][1] == "Twitter"


def test_html_comments_with_authors_come_last(page) -> None:
    comments = _voiced(page, Voice.COMMENT)
    assert [(text[:20], author) for text, _, author in comments] == [
        ("The timing is the wh", "Piet Anders"),
        ("Or the strikes were ", "Lena"),
    ]
    own = " ".join(text for text, _, _ in _voiced(page, Voice.OWN))
    assert "Nobody schedules airstrikes" not in own
    assert page.segments[-1].voice is Voice.COMMENT


def test_html_share_line_is_boilerplate(page) -> None:
    assert ("Share this:", None, None) in _voiced(page, Voice.BOILERPLATE)


def test_html_offsets_index_the_text(page) -> None:
    previous = 0
    for segment in page.segments:
        chunk = page.text[segment.start : segment.end]
        assert segment.start >= previous and chunk == chunk.strip() and chunk
        previous = segment.end
    assert all(ch.isspace() for ch in page.text[previous:])


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>A feed item body: the minister met his counterpart in Vienna.</p>", "the minister met"),
        ("<html><body><span>Tiny page text</span></body></html>", "Tiny page text"),
    ],
)
def test_html_fragments_and_tiny_pages_fall_back(html: str, expected: str) -> None:
    result = parse_html(html, "item")
    assert not isinstance(result, IngestError)
    assert expected in result.text


@pytest.mark.parametrize(
    "html", ["", "<html><body></body></html>", "<html><body><script>var a=1;</script></body></html>"]
)
def test_html_no_text_is_an_error_value(html: str) -> None:
    result = parse_html(html, "empty.html")
    assert isinstance(result, IngestError)
    assert str(result) == "empty.html: no text found"


def test_html_speech_blockquote_without_origin_stays_own() -> None:
    html = (
        "<html><body><article><h1>Minister speaks</h1>"
        "<p>The foreign minister addressed parliament on Monday about the border and the refugees.</p>"
        "<blockquote><p>“We will not send troops across the border,” the minister told the chamber.</p>"
        "</blockquote>"
        "<p>Opposition members walked out before the vote, which the government won by eleven seats.</p>"
        "</article></body></html>"
    )
    result = parse_html(html, "speech.html")
    assert not isinstance(result, IngestError)
    assert {s.voice for s in result.segments} == {Voice.OWN}


def test_html_oversized_page_is_an_error_value() -> None:
    result = parse_html("<p>" + "x" * MAX_HTML_CHARS + "</p>", "huge.html")
    assert isinstance(result, IngestError)
    assert "too large" in str(result) and str(result).startswith("huge.html: ")
