"""The generic printers: rows piped as whole tab-separated lines, snippets, one JSON value."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest

from claimgraph.render.console import print_json, print_result, print_rows, snippet


def test_piped_rows_are_tab_separated_with_whitespace_folded(capsys: pytest.CaptureFixture[str]) -> None:
    print_rows(("id", "text"), [("a1", "two\nlines\tand  tabs"), ("b2", "")])
    assert capsys.readouterr().out.splitlines() == ["id\ttext", "a1\ttwo lines and tabs", "b2\t"]


def test_snippet_cuts_with_an_ellipsis_and_folds_whitespace() -> None:
    assert snippet("a  b\nc", 10) == "a b c"
    cut = snippet("x" * 30, 10)
    assert len(cut) == 10 and cut.endswith("…")


def test_print_json_keeps_unicode(capsys: pytest.CaptureFixture[str]) -> None:
    print_json([{"name": "Лавров"}])
    out = capsys.readouterr().out
    assert "Лавров" in out and json.loads(out) == [{"name": "Лавров"}]


@dataclass
class Score:
    f1: float
    pages: int


def test_print_result_json_is_one_sorted_object(capsys: pytest.CaptureFixture[str]) -> None:
    print_result(Score(0.5, 3), as_json=True)
    assert capsys.readouterr().out == '{"f1": 0.5, "pages": 3}\n'


def test_print_result_table_flattens_nested_measures(capsys: pytest.CaptureFixture[str]) -> None:
    print_result({"overlap": {"f1": 0.123456}, "n": 2}, as_json=False)
    out = capsys.readouterr().out
    assert "overlap.f1" in out and "0.1235" in out
