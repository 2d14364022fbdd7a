"""The reader-comment thread: where it starts (header, Blogger buttons, bullet authors), who wrote
each comment, and which lines of it are chrome."""

from __future__ import annotations

import pytest

from claimgraph.clean.blocks import split_blocks
from claimgraph.clean.comments import label_comments
from claimgraph.clean.labels import BOILERPLATE
from claimgraph.model import Voice

ARTICLE = (
    "Iran denies strikes\n\n"
    "Iran denied the strikes on Monday, officials in Tehran said in a statement read on state television.\n\n"
    "The ministry gave no details about the targets or about the aircraft that were involved.\n\n"
)


def labelled(text: str) -> list[tuple[str, str, str | None, int]]:
    """(block text, voice, author, group) for each labelled block, in block order."""
    blocks = split_blocks(text)
    labels = label_comments(text, blocks)
    return [
        (blocks[i].text(text), labels[i].voice.value, labels[i].author, labels[i].group)
        for i in sorted(labels)
    ]


def test_comments_no_thread_no_labels() -> None:
    assert label_comments(ARTICLE, split_blocks(ARTICLE)) == {}
    assert label_comments("", []) == {}


def test_comments_header_opens_the_thread_and_said_lines_name_authors() -> None:
    text = ARTICLE + "3 Comments to “Iran denies strikes”\n\nJane Roe said...\n\nThey always deny it.\n\n"
    text += "Sam Hill wrote:\n\nWait and see.\n"
    assert labelled(text) == [
        ("3 Comments to “Iran denies strikes”", "boilerplate", None, 0),
        ("Jane Roe said...", "comment", "Jane Roe", 2),
        ("They always deny it.", "comment", "Jane Roe", 2),
        ("Sam Hill wrote:", "comment", "Sam Hill", 3),
        ("Wait and see.", "comment", "Sam Hill", 3),
    ]


def test_comments_a_counter_under_the_headline_is_not_the_thread() -> None:
    text = "Iran denies strikes\n\n12 Comments\n\n" + ARTICLE.split("\n\n", 1)[1] * 3
    assert label_comments(text, split_blocks(text)) == {}
    late = ARTICLE * 2 + "Comments\n\nGood piece.\n"  # past half the text: the thread's header
    assert [(t, v) for t, v, _, _ in labelled(late)] == [
        ("Comments", "boilerplate"),
        ("Good piece.", "comment"),
    ]


def test_comments_blogger_reply_delete_separates_comments() -> None:
    text = (
        ARTICLE
        + "Anonymous said...\n\nSlowly is the way.\n\nReplyDelete\n\nThey will say no.\n\nReplyDelete\n"
    )
    assert labelled(text) == [
        ("Anonymous said...", "comment", "Anonymous", 2),
        ("Slowly is the way.", "comment", "Anonymous", 2),
        ("ReplyDelete", "boilerplate", None, 0),
        ("They will say no.", "comment", None, 3),  # after the buttons: another, unsigned comment
        ("ReplyDelete", "boilerplate", None, 0),
    ]


def test_comments_blogger_without_a_header_starts_just_above_the_buttons() -> None:
    text = ARTICLE + "Slowly is the way.\n\nReplyDelete\n"
    assert [t for t, *_ in labelled(text)] == ["Slowly is the way.", "ReplyDelete"]


def test_comments_bullet_author_with_an_indented_comment() -> None:
    text = (
        ARTICLE
        + "• Carla M\n\n    Agreed. The last one lasted nine days.\n\n• tomas\n\n    Nine days is generous.\n"
    )
    assert labelled(text) == [
        ("• Carla M", "comment", "Carla M", 2),
        ("Agreed. The last one lasted nine days.", "comment", "Carla M", 2),
        ("• tomas", "comment", "tomas", 3),
        ("Nine days is generous.", "comment", "tomas", 3),
    ]


def test_comments_a_bullet_list_is_not_a_thread() -> None:
    """Bullets followed by more bullets at the same depth are a list in the article."""
    text = ARTICLE + "• Tehran\n• Baghdad\n• Damascus\n\nThe list goes on.\n"
    assert label_comments(text, split_blocks(text)) == {}


@pytest.mark.parametrize(
    "header",
    [
        "An unusually long line of text that goes on said...",  # more than five words: not a name
        "Officials in the capital said on Monday that the talks failed.",
    ],
)
def test_comments_long_lines_are_not_author_headers(header: str) -> None:
    text = ARTICLE + "2 Responses to “Iran denies strikes”\n\n" + header + "\n\nA reply.\n"
    labels = labelled(text)
    assert all(author is None for _, _, author, _ in labels)
    assert [v for _, v, _, _ in labels] == ["boilerplate", "comment", "comment"]


def test_comments_thread_runs_to_the_end_of_the_text() -> None:
    text = ARTICLE + "No Responses to “Iran denies strikes”\n\nLeave a Reply\n\nFirst!\n"
    blocks = split_blocks(text)
    labels = label_comments(text, blocks)
    first = min(labels)
    assert sorted(labels) == list(range(first, len(blocks)))
    assert labels[first] == BOILERPLATE and labels[len(blocks) - 1].voice is Voice.COMMENT
