"""A mention's name as written: what is stripped and what is kept."""

from __future__ import annotations

import pytest

from claimgraph.nlp.names import clean_mention


@pytest.mark.parametrize(
    ("mention", "name"),
    [("the Pentagon's", "Pentagon"), ("The Iranians.", "Iranians"), ("“Kerry,”", "Kerry"),
     ("U.S.", "U.S."), ("Gen. J.", "Gen. J."), ("  John   Kerry ", "John Kerry"), ("Obama’s", "Obama"),
     ("(Hezbollah)", "Hezbollah"), ("Theodore Roosevelt", "Theodore Roosevelt"), ("", "")],
)  # fmt: skip
def test_names_clean_mention(mention: str, name: str) -> None:
    assert clean_mention(mention) == name
