"""A self-contained HTML report of an export: claims, verdicts, evidence, graph, timeline, documents.

`render_report(export)` takes the dict of docs/schema.md and returns the page;
`write_report(export, path)` writes it (atomically). The page needs no network and no third-party code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from claimgraph.outputs import write_text
from claimgraph.report.page import DEFAULT_TITLE, render_report


def write_report(export: dict[str, Any], path: str | Path, *, title: str = DEFAULT_TITLE) -> Path:
    """Render the report and write it as UTF-8; returns the path written."""
    return write_text(path, render_report(export, title=title))


__all__ = ["render_report", "write_report"]
