"""Quote finding on invented strings: no parser involved."""

from __future__ import annotations

import pytest

from claimgraph.nlp.quotes import find_quotes


def _texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('Ann said "the bridge is shut" today.', ['"the bridge is shut"']),
        ("Ann said “the bridge is shut” today.", ["“the bridge is shut”"]),
        ("«Nous partons», a dit Ann.", ["«Nous partons»"]),
        ("''We are leaving,'' Ann said.", ["''We are leaving,''"]),
        ('"One," she said. "Two."', ['"One,"', '"Two."']),
        ("It's Ann's car, isn't it?", []),
        ('The 12" pipe burst.', []),
    ],
)
def test_quotes_finds_marked_quotations(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_quotes_continue_across_paragraphs() -> None:
    text = "“First paragraph of the speech.\n\n“Second paragraph,” she said."
    assert _texts(text) == [text[: text.index("”") + 1]]


def test_quotes_unbalanced_closes_at_paragraph_end() -> None:
    text = "He said “this never closes\n\nA new paragraph, not quoted. “Short one.”"
    quotes = find_quotes(text)
    assert [text[q.start : q.end] for q in quotes] == ["“this never closes", "“Short one.”"]
    assert [q.closed for q in quotes] == [False, True]


def test_quotes_swapped_curly_mark_read_by_context() -> None:
    text = "“We will win,“ said Ann. “Soon.”"
    assert _texts(text) == ["“We will win,“", "“Soon.”"]


def test_quotes_stray_marks_never_cross_an_unquoted_paragraph() -> None:
    first = 'x " ' * 20000
    text = first + "\n\nplain paragraph\n\n" + ("“ " * 20000)
    quotes = find_quotes(text)
    assert quotes
    assert all(q.end <= len(first) or q.start >= len(first) + 18 for q in quotes)
