import pytest

from claimgraph.clean.register import attributes, continues_excerpt, has_own_voice, looks_reproduced


@pytest.mark.parametrize(
    "paragraph",
    [
        "Did they do no more than watch? Did they not have a hand in it?",
        "It's not only possible, it happened.",
        "Just present at the battle. Like a tourist. Happened to be there. Took no part.",
        "My Comment: the military is acting as the coordinating body.",
        "And we can believe them, of course.",
        "So much for that.",
    ],
)
def test_register_own_voice(paragraph: str) -> None:
    assert has_own_voice(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Iran is also believed to have conducted airstrikes against the Islamic State, U.S. officials said.",
        '"We are open to engaging the Iranians," said a senior State Department official on Monday.',
        "“Will they come back? We are ready for them,” a peshmerga commander told reporters at a checkpoint.",
        "The United States is not the only actor on the ground that finds the situation uncomfortable.",
        "US and Iran hold talks over Iraq crisis but rule out military alliance",
    ],
)
def test_register_news_copy_is_not_own_voice(paragraph: str) -> None:
    assert not has_own_voice(paragraph)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Officials said on Friday.", True),
        ("The river fell in June.", False),
        ("He told Reuters nothing.", True),
    ],
)
def test_register_attributes(paragraph: str, expected: bool) -> None:
    assert attributes(paragraph) is expected


@pytest.mark.parametrize(
    ("paragraph", "excerpt", "reproduced"),
    [
        ("…. militiamen on the ground restated their enmity.", True, True),
        ("While the administration credited U.S. airstrikes, …", True, True),
        ("ISIS became the richest terror group in the world.[54]", False, True),
        ("A plain sentence.", False, False),
    ],
)
def test_register_copy_marks(paragraph: str, excerpt: bool, reproduced: bool) -> None:
    assert continues_excerpt(paragraph) is excerpt
    assert looks_reproduced(paragraph) is reproduced
