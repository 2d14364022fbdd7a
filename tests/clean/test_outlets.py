import pytest

from claimgraph.clean.outlets import article_reference, dash_suffix_outlet, looks_like_outlet, named_outlet


@pytest.mark.parametrize(
    ("sentence", "outlet"),
    [
        ("From the UK’s Guardian:", "Guardian"),
        ("According to a Guardian article:", "Guardian"),
        ("This is from Jerusalem Online:", "Jerusalem Online"),
        (
            "as suggested in a Wall Street Journal article which takes a swipe at Obama's policies;",
            "Wall Street Journal",
        ),
        ("The New York Times reports:", "New York Times"),
        ("Here is a statement from President Obama:", None),
        ("Kerry says:", None),
        ("Officials met in Vienna on Monday.", None),
    ],
)
def test_outlets_named_outlet(sentence: str, outlet: str | None) -> None:
    assert named_outlet(sentence) == outlet


@pytest.mark.parametrize(
    ("line", "in_list", "outlet"),
    [
        ("Iran Attacked Islamic State Forces in Iraq -- WSJ", False, "WSJ"),
        (
            "US and Iran have been forced on to the same side by Isis -- Ian Black, The Guardian",
            False,
            "Guardian",
        ),
        ("Islamic State: Kerry says any Iran strikes 'positive' -- BBC", False, "BBC"),
        ("Some headline -- Obscure Blogname", True, "Obscure Blogname"),
        ("Some headline -- Obscure Blogname", False, None),
        ("Iraq crisis — What We Know", False, None),
        ("It was just the beginning — Israel's leaders said.", False, None),
    ],
)
def test_outlets_dash_suffix(line: str, in_list: bool, outlet: str | None) -> None:
    assert dash_suffix_outlet(line, in_list=in_list) == outlet


@pytest.mark.parametrize(
    ("paragraph", "outlet"),
    [
        ("An article in the Washington Post shows the administration is half-confessing.", "Washington Post"),
        ("The state has paid the agency $449,000, according to a report in the Argus Leader.", None),
    ],
)
def test_outlets_article_reference(paragraph: str, outlet: str | None) -> None:
    assert article_reference(paragraph) == outlet


@pytest.mark.parametrize(("name", "expected"), [("IBTimes", True), ("Reuters", True), ("John Kerry", False)])
def test_outlets_looks_like_outlet(name: str, expected: bool) -> None:
    assert looks_like_outlet(name) is expected
