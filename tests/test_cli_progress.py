"""Run progress: totals, rate and ETA on a terminal; plain lines without escape codes elsewhere."""

from __future__ import annotations

import io
import re
import time

import pytest
from rich.console import Console
from rich.progress import Progress

from claimgraph.cli_progress import SPEED_WINDOW_S, EtaColumn, RateColumn, RunCallbacks, run_progress
from claimgraph.pipeline import RunSummary


def report(n: int) -> RunSummary:
    return RunSummary(db="x.db", inputs_read=n, documents_read=n, analysed=n)


def drive(callbacks: RunCallbacks, documents: int) -> None:
    for n in range(1, documents + 1):
        callbacks.documents(report(n))
        time.sleep(0.02)  # rich needs samples apart in time for a rate
    callbacks.corpus("actors", 0, 2)
    callbacks.items("actors", 1, 1)
    callbacks.corpus("claims", 1, 2)
    for k in range(4):
        callbacks.items("claims", k, 3)
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


def test_progress_terminal_shows_each_corpus_step_with_total_rate_and_eta() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, width=160)
    with run_progress("analyze", console, total=None) as callbacks:
        callbacks.documents(report(3))
        callbacks.corpus("stances", 2, 5)
        for k in range(11):
            callbacks.items("stances", k, 40)
            time.sleep(0.02)
        time.sleep(0.25)  # a refresh while the step runs
        callbacks.corpus("done", 5, 5)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", console.file.getvalue())  # type: ignore[attr-defined]
    running = r"corpus stage 3/5: stances \S+ 10/40 +\d+\.\d/s +eta 0:00:\d\d"
    assert re.search(running, text), text
    assert re.search(r"corpus stage 3/5: stances \S+ 40/40 ", text), text  # closed at its total


class Clock:
    """A clock the test moves: rates and ETAs of slow steps without waiting for them."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rate_and_eta_of_a_step_slower_than_rich_default_window() -> None:
    """One claim every 40 s: the 30 s window rich uses by default would keep one sample and show
    no rate; the display's window keeps the last few minutes."""
    clock = Clock()
    with Progress(get_time=clock, auto_refresh=False, speed_estimate_period=SPEED_WINDOW_S) as progress:
        task = progress.add_task("stances", total=100)
        for k in range(1, 4):
            clock.now += 40.0
            progress.update(task, completed=k)
        shown = progress.tasks[task]
        assert RateColumn().render(shown).plain == "0.025/s"
        assert EtaColumn().render(shown).plain == "eta 1:04:40"  # 97 claims at 40 s each
