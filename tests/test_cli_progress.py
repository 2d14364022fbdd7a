"""Run progress: totals, rate and ETA on a terminal; plain lines without escape codes elsewhere."""

from __future__ import annotations

import io
import re
import time

import pytest
from rich.console import Console

from claimgraph.cli_progress import RunCallbacks, run_progress
from claimgraph.pipeline import RunSummary


def report(n: int) -> RunSummary:
    return RunSummary(db="x.db", inputs_read=n, documents_read=n, analysed=n)


def drive(callbacks: RunCallbacks, documents: int) -> None:
    for n in range(1, documents + 1):
        callbacks.documents(report(n))
        time.sleep(0.02)  # rich needs samples apart in time for a rate
    callbacks.corpus("actors", 0, 2)
    callbacks.corpus("claims", 1, 2)
    callbacks.corpus("done", 2, 2)
    callbacks.documents(report(documents))  # the run's closing report


def test_progress_plain_lines_when_not_a_terminal() -> None:
    console = Console(file=io.StringIO(), force_terminal=False, width=100)
    with run_progress("analyze", console, total=10) as callbacks:
        drive(callbacks, 10)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b" not in text
    lines = text.splitlines()
    assert len(lines) == 2, text
    rate = r"analyze: documents analysed: 10 in \d+\.\d s \(\d+\.\d\d/s\)"
    assert re.fullmatch(rate + r"; 10 input\(s\) read, 0 already analysed", lines[0])
    assert re.fullmatch(r"analyze: corpus stage \d+\.\d s \(actors \d+\.\d s, claims \d+\.\d s\)", lines[1])


def test_progress_plain_says_nothing_when_the_run_fails() -> None:
    console = Console(file=io.StringIO(), force_terminal=False, width=100)
    with pytest.raises(OSError), run_progress("analyze", console, total=10) as callbacks:
        callbacks.documents(report(1))
        raise OSError("disk full")
    assert console.file.getvalue() == ""  # type: ignore[attr-defined]


def test_progress_terminal_shows_total_rate_and_eta() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=160)
    with run_progress("analyze", console, total=40) as callbacks:
        for n in range(1, 11):
            callbacks.documents(report(n))
            time.sleep(0.02)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "analyze: reading" in text and "10/40" in text
    assert re.search(r"\d+\.\d/s", text) and re.search(r"eta 0:\d\d:\d\d", text)


def test_progress_terminal_closes_document_bars_and_times_steps() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=160)
    with run_progress("analyze", console, total=None) as callbacks:
        drive(callbacks, 3)
    text = console.file.getvalue()  # type: ignore[attr-defined]
    assert "3/3" in text and "corpus stage 2/2: claims" in text
