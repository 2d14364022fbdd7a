"""The assembled page: every section present, self-contained, and every export string escaped."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import markupsafe
import pytest

from claimgraph.report import render_report, write_report

PAYLOADS = ["<script>alert(1)</script>", '"onmouseover=alert(1) x="', "'><img src=x onerror=alert(1)>"]
SECTIONS = ("claims", "evidence", "outlets", "graph", "timeline", "documents")


def _inject(value: Any, payload: str) -> Any:
    """Every string of the export with the payload appended (keys and numbers kept)."""
    if isinstance(value, str):
        return value + payload
    if isinstance(value, list):
        return [_inject(v, payload) for v in value]
    if isinstance(value, dict):
        return {k: _inject(v, payload) for k, v in value.items()}
    return value


def _stretch_segments(export: dict[str, Any]) -> None:
    """Let each document's last segment reach the end of its (now longer) text."""
    for doc in export["documents"]:
        doc["segments"][-1]["end"] = len(doc["text"])


def test_page_renders_every_section(mini_export: dict[str, Any], parse_page: Any) -> None:
    page = render_report(mini_export, title="Kessel dam")
    tags = parse_page(page).tags
    ids = {attrs.get("id") for _, attrs in tags}
    assert set(SECTIONS) <= ids
    assert {"relation-graph", "timeline-claims", "timeline-events", "claims-table"} <= ids
    rows = [a for t, a in tags if t == "tr" and "data-verdict" in a]
    assert [a["data-verdict"] for a in rows] == ["disputed", "single_source", "unverified"]
    assert "<title>Kessel dam</title>" in page


@pytest.mark.parametrize("payload", PAYLOADS)
def test_page_escapes_every_text_field(mini_export: dict[str, Any], parse_page: Any, payload: str) -> None:
    export = _inject(mini_export, payload)
    _stretch_segments(export)
    page = render_report(export, title=payload)
    assert payload not in page
    assert "<script>alert" not in page and '"onmouseover=' not in page and "<img" not in page
    parsed = parse_page(page)
    assert [t for t, _ in parsed.tags if t in ("script", "img", "iframe", "object")] == ["script"]
    assert not [(t, a) for t, a in parsed.tags for name in a if name.startswith("on")]
    assert "alert" not in "".join(parsed.scripts)
    assert page.count(str(markupsafe.escape(payload))) > 10  # the text is shown, escaped, not dropped


def test_page_is_self_contained(mini_export: dict[str, Any], parse_page: Any) -> None:
    page = render_report(mini_export)
    parsed = parse_page(page)
    assert not [a for _, a in parsed.tags if a.get("src") or a.get("rel")]
    assert set(re.findall(r"https?://[^\"' ]+", page)) <= {"http://www.w3.org/2000/svg"}
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    digest = base64.b64encode(hashlib.sha256(parsed.scripts[0].encode()).digest()).decode()
    assert "default-src 'none'" in csp and f"'sha256-{digest}'" in csp


@pytest.mark.parametrize(
    "export",
    [
        {},
        {"documents": None, "claims": "not a list"},
        {"claims": [{"id": "k", "text": "t", "stances": [None, {"stance": 3}], "verdict": "odd"}]},
        {"claims": [{"verdict": {"label": "??", "confidence": "high"}}], "sources": [{"reliability": "x"}]},
        {"documents": [{"id": "d", "text": "abc", "segments": [{"voice": "own", "start": 2, "end": 99}]}]},
        {"events": [{"actor": {"name": "A"}, "target": "B", "date": "not a date"}]},
    ],
)
def test_page_renders_broken_exports(export: dict[str, Any]) -> None:
    page = render_report(export)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")


def test_page_write_report_writes_utf8(mini_export: dict[str, Any], tmp_path: Any) -> None:
    path = write_report(mini_export, tmp_path / "r.html")
    assert path.read_text(encoding="utf-8") == render_report(mini_export)
