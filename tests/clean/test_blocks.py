import pytest

from claimgraph.clean.blocks import split_blocks


def _texts(text: str) -> list[str]:
    return [b.text(text) for b in split_blocks(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One.\nTwo.\n\nThree.", ["One.", "Two.", "Three."]),
        ("A line wraps\nhere and ends.\nNext line.", ["A line wraps\nhere and ends.", "Next line."]),
        ("Headline Without Stop\nBody starts here.", ["Headline Without Stop", "Body starts here."]),
        ("ReplyDeleteWell, that is one view.", ["ReplyDelete", "Well, that is one view."]),
        ("or the kidnapping or …read more", ["or the kidnapping or", "…read more"]),
        ("", []),
    ],
)
def test_blocks_lines_wraps_and_glued_chrome(text: str, expected: list[str]) -> None:
    assert _texts(text) == expected


def test_blocks_indent_and_glued_flag() -> None:
    text = "  • Don L\n\n    comment text.\nReplyDeleteNext."
    blocks = split_blocks(text)
    assert [b.indent for b in blocks[:2]] == [2, 4]
    assert [b.glued for b in blocks] == [False, False, True, False]


def test_blocks_sub_range() -> None:
    text = "First.\nSecond.\nThird."
    assert [b.text(text) for b in split_blocks(text, 7, 14)] == ["Second."]
