"""Outlet priors (verdicts/priors.py): the CSV's boundaries and the unknown-outlet warning. The
row-numbered error messages are pinned in tests/test_verdicts.py; these add the edges."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.model import Document
from claimgraph.verdicts.priors import PriorWarning, check_priors, load_priors


def _write(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "priors.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("raw", "value"), [("0.0001", 0.0001), ("0.9999", 0.9999), ("1e-3", 0.001), (" 0.5 ", 0.5), (".7", 0.7)]
)
def test_priors_values_just_inside_the_open_interval_are_kept(tmp_path: Path, raw: str, value: float) -> None:
    assert load_priors(_write(tmp_path, f"outlet,prior\nAlpha,{raw}\n")) == {"Alpha": value}


@pytest.mark.parametrize("raw", ["0", "1", "1.0", "-0.1", "inf", "-inf", "nan"])
def test_priors_values_on_or_outside_the_bounds_are_refused(tmp_path: Path, raw: str) -> None:
    with pytest.raises(ClaimgraphError) as err:
        load_priors(_write(tmp_path, f"outlet,prior\nAlpha,{raw}\n"))
    assert err.value.code == "E010"
    assert "priors.csv" in str(err.value) and "row 2" in str(err.value)


def test_priors_header_is_case_and_space_blind_and_a_bom_is_dropped(tmp_path: Path) -> None:
    path = _write(tmp_path, "\ufeffOutlet , PRIOR\n The Harbor Times ,0.8\n\n,\nAlpha,0.3\n".encode())
    assert load_priors(path) == {"The Harbor Times": 0.8, "Alpha": 0.3}  # blank rows skipped


@pytest.mark.parametrize(
    ("content", "message"),
    [(" ,0.5\n", "row 2: expected 'outlet,prior'"), ("Alpha\n", "row 2: expected 'outlet,prior'")],
)
def test_priors_rows_without_an_outlet_or_a_prior_are_refused(
    tmp_path: Path, content: str, message: str
) -> None:
    with pytest.raises(ClaimgraphError, match=message):
        load_priors(_write(tmp_path, "outlet,prior\n" + content))


def test_priors_unreadable_files_are_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError, match=r"priors\.csv: cannot read the prior file"):
        load_priors(_write(tmp_path, b"outlet,prior\nCaf\xe9,0.5\n"))  # Latin-1, not UTF-8
    with pytest.raises(ClaimgraphError, match="cannot read the prior file"):
        load_priors(tmp_path)  # a folder
    with pytest.raises(ClaimgraphError) as err:
        load_priors(tmp_path / "absent.csv")
    assert err.value.code == "E006"


def _doc(doc_id: str, outlet: str | None) -> Document:
    return Document(doc_id, f"{doc_id}.txt", "text", "x", (), outlet=outlet)


def test_priors_check_matches_outlets_case_and_article_blind() -> None:
    docs = [_doc("d1", "The Harbor Times"), _doc("d2", "Gulf Ledger"), _doc("d3", None)]
    priors = {"harbor times": 0.9, "The Gulf Ledger": 0.6, "Nowhere Gazette": 0.2, "Atlas": 0.5}
    warning = check_priors(priors, docs)
    assert warning == PriorWarning(("Atlas", "Nowhere Gazette"))
    assert str(warning) == "2 outlet(s) in the prior file are not in the corpus: Atlas, Nowhere Gazette"


def test_priors_check_is_silent_when_every_outlet_is_known() -> None:
    assert check_priors({"gulf ledger": 0.6}, [_doc("d1", "Gulf Ledger")]) is None
    assert check_priors({}, []) is None
