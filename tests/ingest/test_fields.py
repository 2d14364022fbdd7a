"""Column mapping: explicit options, default aliases, case-insensitive names, HTML bodies."""

from __future__ import annotations

import pytest

from claimgraph.config import IngestOptions
from claimgraph.ingest.fields import as_text, looks_like_html, resolve


@pytest.mark.parametrize(
    ("keys", "options", "expected"),
    [
        (
            ["Body", "Headline", "Link", "Publish_Date", "Publisher", "Byline"],
            {},
            ("Body", "Headline", "Link", "Publish_Date", "Publisher", "Byline"),
        ),
        (["text", "body", "title", "headline"], {}, ("text", "title", None, None, None, None)),
        (["story", "text"], {"text_field": "story"}, ("story", None, None, None, None, None)),
        (["Story"], {"text_field": "story"}, ("Story", None, None, None, None, None)),
        (["text"], {"text_field": "story"}, (None, None, None, None, None, None)),
    ],
)
def test_fields_resolve(keys, options, expected):
    fields = resolve(keys, IngestOptions(**options))
    assert (fields.text, fields.title, fields.url, fields.date, fields.outlet, fields.author) == expected


@pytest.mark.parametrize(
    ("body", "html"),
    [
        ("<p>Ships waited.</p>", True),
        ("  <!DOCTYPE html><html><body>x</body></html>", True),
        ("<div class='a'>x<br>y</div>", True),
        ("<br> lonely tag without a closing one", False),
        ("Ships waited <b>outside</b>.", False),
        ("<3 this story", False),
        ("3 < 4 and 5 > 2", False),
    ],
)
def test_fields_looks_like_html(body, html):
    assert looks_like_html(body) is html


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (" Ana ", "Ana"),
        (["Ana", "", "Bo"], "Ana, Bo"),
        (7, "7"),
        ("   ", None),
        (None, None),
        ({"a": 1}, None),
    ],
)
def test_fields_as_text(value, text):
    assert as_text(value) == text
