"""json_files.py: a packaged data file is a JSON object, or one numbered error naming it."""

from __future__ import annotations

import pytest

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.json_files import json_object


def test_json_files_an_object_comes_back_as_it_is() -> None:
    assert json_object('{"a": [1, "b"], "c": {}}', "x.json", Errors.E114) == {"a": [1, "b"], "c": {}}


@pytest.mark.parametrize(
    ("text", "problem"),
    [("{", "not JSON"), ("", "not JSON"), ("[1]", "not a JSON object"), ("3", "not a JSON object")],
)
def test_json_files_anything_else_is_the_callers_error(text: str, problem: str) -> None:
    with pytest.raises(ClaimgraphError, match=rf"^\[E113\] lists\.json: .*{problem}"):
        json_object(text, "lists.json", Errors.E113)
