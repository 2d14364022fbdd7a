"""CSV export neutralises spreadsheet formulas (issue 12, item 7; OWASP "CSV injection").

A headline such as `=HYPERLINK("http://evil","click")` was written raw, and a spreadsheet opening
the export would run it. Every text cell starting with =, +, -, @, tab or CR now starts with '.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimgraph.export import writers as export_module
from claimgraph.export.tables import CSV_TABLES
from claimgraph.export.writers import export, export_csv_dir
from claimgraph.graph import TABLES, write_tables
from claimgraph.model import Actor, Document, Segment, Voice
from claimgraph.outputs import FORMULA_STARTS, spreadsheet_safe
from claimgraph.store import Store

FORMULAS = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def dangerous(cell: str) -> bool:
    return cell.startswith(FORMULA_STARTS)


@pytest.mark.parametrize("value", FORMULAS)
def test_spreadsheet_safe_prefixes_formulas(value: str) -> None:
    assert spreadsheet_safe(value) == "'" + value


@pytest.mark.parametrize("value", ["Iran", "", "'quoted", "a=b", "3 - 2", None, -1, 0.5, True])
def test_spreadsheet_safe_keeps_other_cells(value: Any) -> None:
    assert spreadsheet_safe(value) == value


@pytest.mark.parametrize("table", list(CSV_TABLES))
def test_every_csv_table_neutralises_formulas(
    store: Store, table: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever a table's rows hold, the writer prefixes every formula cell (all columns, all tables)."""
    columns = CSV_TABLES[table]

    def hostile_rows(_store: Store, _table: str) -> Iterator[dict[str, Any]]:
        for formula in FORMULAS:
            yield dict.fromkeys(columns, formula)

    monkeypatch.setattr(export_module, "table_rows", hostile_rows)
    out = io.StringIO()
    assert export(store, "csv", out, table) == len(FORMULAS)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == list(columns)
    for formula, row in zip(FORMULAS, rows[1:], strict=True):
        assert row == ["'" + formula] * len(columns)


def test_stored_formulas_are_neutralised_end_to_end(store: Store, tmp_path: Path) -> None:
    text = "=1+1 said the envoy.\n-2+3"
    store.add_documents(
        [
            Document(
                id="0123456789abcdef",
                uri="@evil.txt",
                format="text",
                text=text,
                segments=(Segment(Voice.OWN, 0, 20), Segment(Voice.OWN, 21, 25)),
                title='=HYPERLINK("http://evil","x")',
                outlet="+Outlet",
                author="-Author",
            )
        ]
    )
    store.replace_actors([Actor("person:evil", "=cmd|' /C calc'!A0", "person", aliases=("@alias",))], {})
    export_csv_dir(store, tmp_path)
    cells = [
        cell
        for name in CSV_TABLES
        for row in csv.reader((tmp_path / f"{name}.csv").open(encoding="utf-8", newline=""))
        for cell in row
    ]
    assert not [c for c in cells if dangerous(c)]
    assert '\'=HYPERLINK("http://evil","x")' in cells and "'+Outlet" in cells and "'-2+3" in cells
    assert "'=cmd|' /C calc'!A0" in cells and "'@evil.txt" in cells


def test_graph_tables_neutralise_formulas(tmp_path: Path) -> None:
    data = {"actors": [{"id": "person:evil", "name": "=1+1", "aliases": ["@x"]}], "edges": []}
    write_tables(data, tmp_path)
    cells = [c for t in TABLES for row in csv.reader((tmp_path / f"{t}.csv").open(newline="")) for c in row]
    assert "'=1+1" in cells and not [c for c in cells if dangerous(c)]
