"""Template helpers (web/markup.py): only http(s) links survive, files are shown by name, text is
cut into voiced pieces that cover it exactly, and templates escape everything."""

from __future__ import annotations

import itertools

import pytest

from claimgraph.web.markup import pieces, safe_url, shown_uri, templates_env


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,x",
        "/relative",
        "http://",
        "ftp://x.org/",
    ],
)
def test_web_markup_unsafe_urls_are_dropped(url: str | None) -> None:
    assert safe_url(url) is None


def test_web_markup_web_urls_are_kept() -> None:
    assert safe_url(" https://example.org/a?b=1 ") == "https://example.org/a?b=1"
    assert safe_url("HTTP://example.org") == "HTTP://example.org"


def test_web_markup_shown_uri_hides_server_folders() -> None:
    assert shown_uri("/home/me/corpus/a.html") == "a.html"
    assert shown_uri("corpus\\sub\\b.txt") == "b.txt"
    assert shown_uri("https://example.org/x") == "https://example.org/x"
    assert shown_uri("api:hostile") == "api:hostile"


def test_web_markup_pieces_cover_the_text_by_voice_and_fact() -> None:
    text = "Own words. 'Quoted words,' he said."
    doc = {
        "text": text,
        "segments": [
            {"voice": "own", "start": 0, "end": 11},
            {"voice": "quoted", "start": 11, "end": len(text)},
        ],
    }
    statements = [{"id": "s1", "span": {"start": 11, "end": 26}}]
    out = pieces(doc, statements, [], highlight=(0, 3))
    assert "".join(p.text for p in out) == text
    assert out[0].text == "Own" and out[0].highlight and out[0].voice == "own"
    quoted = [p for p in out if "s:s1" in p.facts]
    assert "".join(p.text for p in quoted) == text[11:26]
    assert all(p.voice == "quoted" for p in quoted)
    assert all(a != b for a, b in itertools.pairwise(out))  # neighbours that match are merged


def test_web_markup_templates_escape_article_text() -> None:
    env = templates_env()
    rendered = env.from_string("{{ x }} <a href='{{ u | safe_url }}'>").render(
        x="<script>alert(1)</script>", u="javascript:alert(1)"
    )
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered
    assert "javascript:" not in rendered
