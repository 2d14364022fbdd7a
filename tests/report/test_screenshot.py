"""The report in a real headless Chromium: tables and pictures render, the filter runs, nothing is fetched.

Needs Debian's `chromium` and the `playwright` package (its bundled browsers are not used);
skips cleanly when either is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import CHROMIUM, chromium

from claimgraph.report import write_report

sync_api = pytest.importorskip("playwright.sync_api")
VIEWPORT = {"width": 1280, "height": 900}
MIN_SCREENSHOT_BYTES = 20_000  # a blank or failed page compresses to a few KB

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium is not installed"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(sync_api) as launched:
        yield launched


def _open(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """A page showing the report, with the console errors and the requests it makes."""
    page = browser.new_page(viewport=VIEWPORT)
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def _box_area(page: Any, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    return box["width"] * box["height"] if box else 0.0


def test_screenshot_example_report_renders(
    browser: Any, example_export: dict[str, Any], tmp_path: Path
) -> None:
    path = write_report(example_export, tmp_path / "report.html", title="Example corpus")
    page, errors, requests = _open(browser, path)
    assert page.locator("#claims-table tbody tr").count() == len(example_export["claims"])
    assert _box_area(page, "#claims-table") > 0
    assert page.locator("#relation-graph .node").count() >= 3
    assert page.locator("#relation-graph path.edge").count() >= 2
    assert _box_area(page, "#relation-graph") > 100_000  # drawn at its size, not collapsed
    assert page.locator("#timeline-claims circle").count() >= len(example_export["claims"])
    assert page.locator("#documents .seg.v-quoted").count() >= 1
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=False)
    graph = tmp_path / "graph.png"
    page.locator("#graph").screenshot(path=str(graph))
    assert shot.stat().st_size > MIN_SCREENSHOT_BYTES and graph.stat().st_size > MIN_SCREENSHOT_BYTES
    assert errors == []  # a blocked resource or script (CSP) shows up here
    assert requests == [path.as_uri()]


@pytest.mark.parametrize(
    ("query", "verdict", "rows"),
    [("shelled", "", 1), ("kessel", "disputed", 1), ("", "unverified", 1), ("", "", 3)],
)
def test_screenshot_filter_runs_under_csp(
    browser: Any, mini_export: dict[str, Any], tmp_path: Path, query: str, verdict: str, rows: int
) -> None:
    page, errors, _ = _open(browser, write_report(mini_export, tmp_path / "mini.html"))
    page.fill("#claim-filter", query)
    page.select_option("#verdict-filter", verdict)
    assert page.locator("#claims-table tbody tr:visible").count() == rows
    assert errors == []


def test_screenshot_claim_link_opens_its_evidence(
    browser: Any, mini_export: dict[str, Any], tmp_path: Path
) -> None:
    page, errors, _ = _open(browser, write_report(mini_export, tmp_path / "mini.html"))
    page.locator("#claims-table a").first.click()
    assert page.locator("details.claim").first.evaluate("e => e.open") is True
    assert page.locator("details.claim").nth(1).evaluate("e => e.open") is False
    assert errors == []


def test_screenshot_both_sides_visible_side_by_side(
    browser: Any, mini_export: dict[str, Any], tmp_path: Path
) -> None:
    """Issue 10: a disputed claim's disagreeing evidence is on screen next to the agreeing one."""
    page, errors, _ = _open(browser, write_report(mini_export, tmp_path / "mini.html"))
    page.locator("#claims-table a").first.click()
    block = page.locator("details.claim").first
    agree = block.locator(".side-agree").bounding_box()
    disagree = block.locator(".side-disagree").bounding_box()
    assert agree and disagree and block.locator(".side-disagree .ev-item").first.is_visible()
    assert abs(agree["y"] - disagree["y"]) < 5 and disagree["x"] > agree["x"]  # one row, two columns
    assert errors == []
