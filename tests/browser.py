"""Headless Debian Chromium for the browser tests (tests/web/test_browser.py, the report's
tests/report/test_screenshot.py), driven by Playwright; Playwright's own browsers are not used."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium(sync_api: Any) -> Iterator[Any]:
    """A launched headless browser, closed afterwards. Debian's path when `which` finds none,
    so a missing browser is a loud launch error, not a skip."""
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM or "/usr/bin/chromium", headless=True, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
