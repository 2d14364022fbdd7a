"""RSS and Atom feeds: one document per item, content over summary, feeds that are not feeds."""

from __future__ import annotations

import pytest


def test_feed_rss_items_prefer_full_content_over_summary(ingest, data):
    docs, errors = ingest([data / "feed.rss"])
    path = data / "feed.rss"
    assert [d.uri for d in docs] == [f"{path}#1", f"{path}#2"]
    dam, market = docs
    assert dam.html.startswith("<p>Engineers who inspected the northern dam")
    assert "Short summary" not in dam.html
    assert (dam.title, dam.outlet, dam.author, dam.url) == (
        "Dam inspection finds no cracks",
        "The Valley Observer",
        "Ines Alvarez",
        "https://valley.example/dam",
    )
    assert market.html == "<p>The covered market reopened on Tuesday after repairs to its roof.</p>"
    assert [str(e) for e in errors] == [f"{path}#3: feed item has neither content nor summary"]


@pytest.mark.parametrize(
    ("number", "published"),
    [(0, "2014-06-16T09:30:00+00:00"), (1, "2014-06-17T07:00:00+02:00")],
)
def test_feed_dates_keep_the_items_time_zone(ingest, data, number, published):
    docs, _ = ingest([data / "feed.rss"])
    assert docs[number].published == published


def test_feed_atom_entry(ingest, data):
    docs, errors = ingest([data / "feed.atom"])
    assert errors == []
    (entry,) = docs
    assert (
        entry.html == "<p>Rail workers returned to work on Thursday after the union accepted a pay offer.</p>"
    )
    assert (entry.title, entry.outlet, entry.author, entry.published, entry.url) == (
        "Rail strike ends",
        "Northern Ledger",
        "Sam Reyes",
        "2014-06-19T08:15:00+00:00",
        "https://ledger.example/rail",
    )


def test_feed_plain_text_summary_is_text(ingest, tmp_path):
    path = tmp_path / "plain.atom"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        '<entry><title>A</title><summary type="text">Ships waited outside.</summary></entry></feed>',
        encoding="utf-8",
    )
    docs, errors = ingest([path])
    assert errors == []
    assert (docs[0].text, docs[0].html) == ("Ships waited outside.", None)


def test_feed_that_is_not_xml_is_one_error(ingest, data):
    path = data / "not_a_feed.xml"
    docs, errors = ingest([path])
    assert docs == []
    assert len(errors) == 1
    assert errors[0].uri == str(path)
    assert errors[0].problem.startswith("not an RSS or Atom feed (")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty file"),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
            "feed has no items",
        ),
    ],
)
def test_feed_empty_or_itemless_feeds_are_errors(ingest, tmp_path, content, problem):
    path = tmp_path / "feed.rss"
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert docs == []
    assert [e.problem for e in errors] == [problem]


def test_feed_cut_off_feed_yields_its_items_then_an_error(ingest, tmp_path, data):
    path = tmp_path / "cut.rss"
    text = (data / "feed.rss").read_text(encoding="utf-8")
    path.write_text(text[: text.index("<title>Empty item")], encoding="utf-8")
    docs, errors = ingest([path])
    assert [d.title for d in docs] == ["Dam inspection finds no cracks", "Market reopens"]
    assert errors[-1].uri == str(path)
    assert errors[-1].problem.startswith("malformed feed XML after")
