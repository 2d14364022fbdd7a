"""Quotes of other outlets: lead-ins (colon, "-- Outlet" headline, article reference), how far a
run goes, and HTML blockquotes that are quoted only when the page shows where they come from."""

from __future__ import annotations

import pytest

from claimgraph.clean.blocks import split_blocks
from claimgraph.clean.labels import BOILERPLATE, OWN, Label
from claimgraph.clean.quotes import credit_line, label_quotes
from claimgraph.model import Voice

# News copy: long, attributed, in the third person (no register marks of a writer speaking).
NEWS_1 = (
    "Officials in Baghdad said on Monday that Iranian aircraft had struck positions near the border town."
)
NEWS_2 = "The ministry said the strikes continued overnight, according to a statement read on television."
NEWS_3 = "Residents reported hearing jets over the valley for several hours before dawn, officials said."
ASIDE = "I think this shows exactly what we have been saying for months."


def voices(paragraphs: list[str], presets: dict[int, Label] | None = None) -> list[tuple[str, str | None]]:
    """(voice, source) per paragraph, the paragraphs joined by blank lines (one block each)."""
    text = "\n\n".join(paragraphs)
    blocks = split_blocks(text)
    assert [b.text(text) for b in blocks] == paragraphs
    labels: list[Label | None] = [None] * len(blocks)
    for i, label in (presets or {}).items():
        labels[i] = label
    result = label_quotes(text, blocks, labels)
    assert len(result) == len(blocks)
    return [(label.voice.value, label.source) for label in result]


def test_quotes_plain_news_stays_own() -> None:
    assert voices([NEWS_1, NEWS_2, NEWS_3]) == [("own", None)] * 3


def test_quotes_standalone_lead_in_opens_a_long_run_until_the_writer_speaks() -> None:
    found = voices(["From the UK's Guardian:", NEWS_1, NEWS_2, ASIDE, NEWS_3])
    assert found == [
        ("own", None),
        ("quoted", "Guardian"),
        ("quoted", "Guardian"),
        ("own", None),
        # the writer spoke in the first person: an attributed news paragraph resumes the quote
        ("quoted", "Guardian"),
    ]


def test_quotes_lead_in_closing_a_paragraph_covers_one_paragraph() -> None:
    lead = "Iranian jets were busy again this week, and the newspaper had the details. From the Guardian:"
    assert voices([lead, NEWS_1, NEWS_2]) == [("own", None), ("quoted", "Guardian"), ("own", None)]


def test_quotes_dash_headline_opens_an_excerpt_until_read_more() -> None:
    found = voices(
        ["Kerry open to Iran -- WSJ", NEWS_1, NEWS_2, "Read more", NEWS_3],
        presets={3: BOILERPLATE},
    )
    assert found == [
        ("quoted", "WSJ"),
        ("quoted", "WSJ"),
        ("quoted", "WSJ"),
        ("boilerplate", None),
        ("own", None),
    ]


def test_quotes_colon_lead_in_without_outlet_reopens_the_last_one() -> None:
    found = voices(["From the Daily Clarion:", NEWS_1, ASIDE, "Your attention is redirected:", NEWS_2])
    assert found[3:] == [("own", None), ("quoted", "Daily Clarion")]


def test_quotes_colon_lead_in_with_nothing_quoted_yet_needs_copy_marks() -> None:
    copied = "… the strikes continued overnight, the ministry said [12]"
    assert voices(["Your attention is redirected:", NEWS_1]) == [("own", None), ("own", None)]
    assert voices(["Your attention is redirected:", copied]) == [("own", None), ("quoted", None)]


def test_quotes_first_person_blog_pointing_at_an_article() -> None:
    found = voices([ASIDE, "An article in the Washington Post shows how far the talks went.", NEWS_1])
    assert found[2] == ("quoted", "Washington Post")


def test_quotes_comment_closes_a_run() -> None:
    comment = Label(Voice.COMMENT, author="liz", group=2)
    found = voices(["From the UK's Guardian:", NEWS_1, "Great post.", NEWS_2], presets={2: comment})
    assert found == [("own", None), ("quoted", "Guardian"), ("comment", None), ("own", None)]


def test_quotes_tentative_blockquote_without_origin_stays_own() -> None:
    tentative = Label(Voice.QUOTED, tentative=True)
    assert voices([NEWS_1, NEWS_2], presets={1: tentative}) == [("own", None), ("own", None)]


def test_quotes_blockquote_with_a_credit_line_is_quoted_and_takes_the_credit() -> None:
    tentative = Label(Voice.QUOTED, tentative=True, group=1)
    found = voices([NEWS_1, NEWS_2, "— CNET", NEWS_3], presets={1: tentative})
    assert found == [("own", None), ("quoted", "CNET"), ("quoted", "CNET"), ("own", None)]


def test_quotes_embedded_post_keeps_its_platform() -> None:
    embedded = Label(Voice.QUOTED, source="Twitter")
    assert voices([NEWS_1, NEWS_2], presets={1: embedded}) == [("own", None), ("quoted", "Twitter")]


def test_quotes_blockquote_after_a_lead_in_is_quoted() -> None:
    tentative = Label(Voice.QUOTED, tentative=True)
    found = voices(["From the UK's Guardian:", NEWS_1], presets={1: tentative})
    assert found == [("own", None), ("quoted", "Guardian")]


def test_quotes_presets_other_than_quoted_are_kept() -> None:
    text = "Log in\n\n" + NEWS_1
    blocks = split_blocks(text)
    assert label_quotes(text, blocks, [BOILERPLATE, None]) == [BOILERPLATE, OWN]


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("[Engadget]", "Engadget"),
        ("[ The Verge ]", "The Verge"),
        ("— CNET", "CNET"),
        ("-- The Verge", "The Verge"),
        ("Officials said so.", None),
        ("— and then nothing", None),  # not capitalised: a dash in a sentence
    ],
)
def test_quotes_credit_line(line: str, outlet: str | None) -> None:
    assert credit_line(line) == outlet
