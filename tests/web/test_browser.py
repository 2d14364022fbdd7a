"""The web UI in a real headless Chromium (Debian's, driven by Playwright): every page renders
without script errors or outside requests, claim -> evidence -> document, the check box, search,
a phone-width screen, graph zoom; then the same pages on real FNC-1 articles from ../shared/data.

Set CLAIMGRAPH_WEB_SCREENSHOTS=docs to refresh docs/web-*.png.
"""

from __future__ import annotations

import csv
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import chromium

sync_api = pytest.importorskip("playwright.sync_api")
LAPTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}
REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO / ".." / "shared" / "data"
REAL_BODIES = 12  # FNC-1 bodies of one headline: enough for claims and both sides, small for time

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium(sync_api) as launched:
        yield launched


@pytest.fixture(scope="module")
def base_url(example_db: str, serve_store: Any) -> Iterator[str]:
    with serve_store(example_db) as url:
        yield url


class Tab:
    """A page with the console errors it logged and every URL it requested."""

    def __init__(self, browser: Any, base: str, viewport: dict[str, int] = LAPTOP) -> None:
        self.base = base
        self.page = browser.new_page(viewport=viewport)
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")
        assert response is not None and response.status == 200, f"{path}: {response and response.status}"
        return self.page

    def clean(self) -> None:
        assert not self.errors, self.errors  # includes CSP violations
        outside = [u for u in self.requests if not u.startswith(self.base) and not u.startswith("data:")]
        assert not outside, outside


def shoot(page: Any, name: str, tmp_path: Path) -> None:
    target = REPO / "docs" if os.environ.get("CLAIMGRAPH_WEB_SCREENSHOTS") == "docs" else tmp_path
    path = target / f"web-{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000  # a blank page compresses to a few KB


def test_web_browser_every_page_renders(browser: Any, base_url: str, tmp_path: Path, hostile_id: str) -> None:
    tab = Tab(browser, base_url)
    page = tab.open("/")
    assert page.locator("#claims-table tbody tr").count() >= 3
    assert page.locator("#claims-table .badge").count() >= 3
    claim_href = page.locator("a.claim-link").first.get_attribute("href")
    shoot(page, "claims", tmp_path)
    for path in ("/documents", "/graph", "/graph?all=true", "/timeline", "/sources", "/check",
                 claim_href, f"/documents/{hostile_id}", "/actors/country:irn"):  # fmt: skip
        page = tab.open(path)
        assert page.locator("h1").first.is_visible(), path
    page = tab.open("/graph")
    assert page.locator("#graph .node").count() >= 3
    assert page.locator("#graph line.edge").count() >= 2
    shoot(page, "graph", tmp_path)
    tab.clean()


def test_web_browser_hostile_document_runs_no_script(browser: Any, base_url: str, hostile_id: str) -> None:
    tab = Tab(browser, base_url)
    dialogs: list[str] = []
    tab.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page = tab.open(f"/documents/{hostile_id}")
    assert "<script>alert('owned')</script>" in page.locator("article.doctext").inner_text()
    assert page.locator("article.doctext a, article.doctext img, article.doctext script").count() == 0
    assert not dialogs
    tab.clean()


def test_web_browser_claim_to_evidence_to_document(browser: Any, base_url: str, tmp_path: Path) -> None:
    tab = Tab(browser, base_url)
    page = tab.open("/")
    page.locator("a.claim-link").first.click()
    page.wait_for_load_state("load")
    assert (
        page.locator("section.side-agree").is_visible() and page.locator("section.side-disagree").is_visible()
    )
    stance = page.locator("details.stance").first
    evidence = stance.locator("blockquote.evidence").first
    assert not evidence.is_visible()
    stance.locator("summary").click()
    assert evidence.is_visible()
    assert evidence.locator(".chain").count() == 1
    shoot(page, "claim", tmp_path)
    page.locator("button.expand-all").click()
    assert page.locator("details.stance[open]").count() == page.locator("details.stance").count()
    evidence.locator("a.doclink").click()
    page.wait_for_load_state("load")
    assert "/documents/" in page.url
    mark = page.locator("mark#ev")
    assert mark.is_visible() and mark.inner_text().strip()
    tab.clean()


def test_web_browser_check_box_and_search(browser: Any, base_url: str) -> None:
    tab = Tab(browser, base_url)
    page = tab.open("/")
    everything = page.locator("#claims-table tbody tr").count()
    page.fill("input[name=q]", "Iran")
    page.locator("form.filters button").click()
    page.wait_for_load_state("load")
    found = page.locator("#claims-table tbody a.claim-link")
    assert 0 < found.count() <= everything
    assert "q=Iran" in page.url
    page.fill("#check-claim", "Iran and the United States cooperate militarily in Iraq")
    page.press("#check-claim", "Enter")
    page.wait_for_load_state("load")
    result = page.locator("section.check-result")
    assert result.is_visible()
    assert result.locator("h2 .badge").inner_text().strip()
    tab.clean()


def test_web_browser_phone_width_and_graph_zoom(browser: Any, base_url: str) -> None:
    tab = Tab(browser, base_url, PHONE)
    page = tab.open("/")
    href = page.locator("a.claim-link").first.get_attribute("href")
    for path in ("/", href, "/timeline"):
        page = tab.open(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px on a phone"
    page = tab.open("/graph")
    before = page.locator("#graph").get_attribute("viewBox")
    page.locator("#zoom-in").click()
    assert page.locator("#graph").get_attribute("viewBox") != before
    tab.clean()


def fnc_articles(folder: Path) -> Path:
    """The bodies of the FNC-1 headline with the most agree and disagree bodies, as text files."""
    assert SHARED_DATA.is_dir(), (
        f"{SHARED_DATA} is missing: the real-corpus browser test needs ../shared/data"
    )
    csv.field_size_limit(sys.maxsize)
    with (SHARED_DATA / "fnc1" / "train_stances.csv").open(encoding="utf-8", newline="") as f:
        stances = list(csv.DictReader(f))
    with (SHARED_DATA / "fnc1" / "train_bodies.csv").open(encoding="utf-8", newline="") as f:
        bodies = {r["Body ID"]: r["articleBody"] for r in csv.DictReader(f)}
    sided = Counter(r["Headline"] for r in stances if r["Stance"] in ("agree", "disagree"))
    headline = sided.most_common(1)[0][0]
    chosen = [r["Body ID"] for r in stances if r["Headline"] == headline and r["Stance"] != "unrelated"]
    folder.mkdir()
    for body_id in chosen[:REAL_BODIES]:
        (folder / f"fnc1-{body_id}.txt").write_text(bodies[body_id], encoding="utf-8")
    return folder


def test_web_browser_real_fnc1_corpus(browser: Any, tmp_path: Path, serve_store: Any) -> None:
    from claimgraph.api import analyze

    db = str(tmp_path / "fnc1.db")
    summary = analyze([str(fnc_articles(tmp_path / "fnc1"))], db=db)
    assert summary.new >= REAL_BODIES // 2 and summary.claims > 0
    with serve_store(db) as base:
        tab = Tab(browser, base)
        page = tab.open("/")
        assert page.locator("#claims-table a.claim-link").count() > 0
        page.locator("a.claim-link").first.click()
        page.wait_for_load_state("load")
        assert page.locator("details.stance").count() > 0
        for path in ("/graph", "/graph?all=true", "/timeline", "/documents", "/sources"):
            assert tab.open(path).locator("h1").first.is_visible()
        doc = tab.open("/documents").locator("a.doc-link").first
        doc.click()
        page.wait_for_load_state("load")
        assert page.locator("article.doctext").inner_text().strip()
        tab.clean()
