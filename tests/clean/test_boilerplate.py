import pytest

from claimgraph.clean.boilerplate import ends_excerpt, glued_chrome, is_boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Remember meForgot password?",
        "\u00a0 \u00a0 Log in with Twitter",
        "Please enter your comment!",
        "Please enter your name here",
        "More news from",
        "More news from World",
        "Latest News",
        "Top News",
        "« Front Page | To Top",
        "« | »",
        "Comments are currently closed.",
        "Sorry, comments for this entry are closed at this time.",
        "This article was posted by Steve on Tuesday, June 17th, 2014. Comments are currently closed.",
        "Read more ....",
        "…read more",
        "Source: Israpundit",
        "More about Iraq violence, ISIL in Iraq, US Iraq relations",
        "Share this:",
        "ReplyDelete",
        "Leave a Reply",
        "*",
        "© 2014 The Valley Watch. All rights reserved.",
    ],
)
def test_boilerplate_chrome_lines(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Officials said they would read more of the report before deciding.",
        "Kerry said he could not log in to the secure system from Vienna.",
        "The source said: the talks were short.",
        "Latest news from the front suggests the town has fallen to the militants.",
        "Home is where the ministry moved its staff after the bombing.",
    ],
)
def test_boilerplate_sentences_are_not_chrome(line: str) -> None:
    assert not is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "head", "tail"),
    [
        ("ReplyDeleteOn an analytical note; this may indicate", len("ReplyDelete"), 0),
        ("article imageU.S. and Iran are allies", len("article image"), 0),
        ("abstaining from owning up to the kidnapping or …read more", 0, len("…read more")),
        ("An ordinary sentence. Read more", 0, len(" Read more")),
        ("Nothing glued here.", 0, 0),
    ],
)
def test_boilerplate_glued_chrome(line: str, head: int, tail: int) -> None:
    assert glued_chrome(line) == (head, tail)


@pytest.mark.parametrize(
    ("line", "expected"), [("Read more ....", True), ("More News On Iraq", True), ("Top News", False)]
)
def test_boilerplate_ends_excerpt(line: str, expected: bool) -> None:
    assert ends_excerpt(line) is expected
