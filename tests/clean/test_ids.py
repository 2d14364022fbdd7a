import re

import pytest

from claimgraph.clean.ids import document_id, normalise


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Iran and the US", "iran  and\nthe   us"),
        ("ﬁghting in Iraq", "fighting in Iraq"),  # NFKC folds the ligature
        ("  STRASSE ", "strasse"),
    ],
)
def test_ids_same_text_same_id(left: str, right: str) -> None:
    assert document_id(left) == document_id(right)


def test_ids_different_text_different_id() -> None:
    assert document_id("US strikes near Amerli") != document_id("US strikes near Tikrit")


def test_ids_shape_is_16_hex() -> None:
    assert re.fullmatch(r"[0-9a-f]{16}", document_id("anything"))


def test_ids_normalise_collapses_and_folds() -> None:
    assert normalise(" A\u00a0B\tC\n") == "a b c"
