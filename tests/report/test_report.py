"""The report package's entry point (report/__init__.py): `write_report` writes what `render_report`
renders, as UTF-8, escaping a hostile title, replaces an older report whole, and says clearly
when it cannot write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import ClaimgraphError
from claimgraph.report import render_report, write_report


def test_report_write_report_writes_the_rendered_page(mini_export: dict[str, Any], tmp_path: Path) -> None:
    path = write_report(mini_export, tmp_path / "report.html", title="Dam talks — März")
    assert path == tmp_path / "report.html"
    written = path.read_text(encoding="utf-8")
    assert written == render_report(mini_export, title="Dam talks — März")
    assert "<title>Dam talks — März</title>" in written
    assert "Valley Post" in written  # an outlet of the export made it onto the page


def test_report_title_is_escaped(mini_export: dict[str, Any], tmp_path: Path) -> None:
    title = "</title><script>alert(1)</script>"
    written = write_report(mini_export, tmp_path / "r.html", title=title).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in written
    assert "&lt;/title&gt;&lt;script&gt;" in written


def test_report_rewrite_replaces_the_old_report(mini_export: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "r.html"
    path.write_text("x" * 10_000_000, encoding="utf-8")  # longer than any report: no leftover tail
    write_report({}, path)
    assert path.read_text(encoding="utf-8") == render_report({})
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]  # no temporary file left behind


def test_report_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ClaimgraphError) as err:
        write_report({}, tmp_path / "absent" / "r.html")
    assert err.value.code == "E008" and "absent/r.html" in str(err.value)
