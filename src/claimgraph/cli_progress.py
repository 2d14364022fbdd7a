"""What `analyze` shows while it runs: totals, rates and ETAs on a terminal, plain lines elsewhere.

Three phases report: reading (inputs taken from the readers, against a total counted before the
run by `ingest.count`), the per-document stage (documents analysed or found stored, against the
same total: duplicates and unreadable inputs make it end short, and it is closed at what it
reached), and the corpus stage, one bar per step with the step's own items against a total it
knows before its first item (`corpus.run_corpus_stage`'s `items`): claims judged (stances) or
labelled (verdicts), phases (claims: build, store, index; or, when documents are added, the
claims they touch, then their writes), or the step as one item (actors, contradictions). An
incremental stances step learns of the untouched claims the new documents reach after judging
the touched ones, so its total grows once. Rates and ETAs come from the last
`SPEED_WINDOW_S` seconds: documents arrive a batch at a time and one claim's stances can take
tens of seconds, so rich's default 30 s window would often hold a single sample and no rate.

On a terminal this is a rich live display on stderr; when stderr is not a terminal (a log, CI, a
pipe) there are no escape codes and no live updates: two plain summary lines after a run that
finished (documents and their rate; the corpus stage with each step's time), none after one that
failed, whose error stays the one line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from claimgraph.corpus import ItemProgress, StepProgress
from claimgraph.pipeline import RunSummary


@dataclass(slots=True)
class RunCallbacks:
    """What `api.analyze` reports to: documents as they stream, then the corpus stage's steps
    (`corpus`: each step starts) and each step's items (`items`)."""

    documents: Callable[[RunSummary], None]
    corpus: StepProgress
    items: ItemProgress


SPEED_WINDOW_S = 300.0  # seconds of samples behind a rate and an ETA (see the module docstring)


class RateColumn(ProgressColumn):
    """Items per second over the recent window (not since start: the rate now, for the ETA); two
    significant digits below one a second (a stances step judges a claim every few seconds)."""

    def render(self, task: Task) -> Text:
        speed = task.speed
        if not speed:
            return Text("")
        return Text(f"{speed:.1f}/s" if speed >= 1 else f"{speed:.2g}/s", style="progress.data.speed")


class EtaColumn(ProgressColumn):
    """Time left at the current rate; blank when there is no total or no rate yet."""

    def render(self, task: Task) -> Text:
        left = task.time_remaining
        if left is None or task.total is None or task.finished:
            return Text("")
        minutes, seconds = divmod(int(left), 60)
        hours, minutes = divmod(minutes, 60)
        return Text(f"eta {hours}:{minutes:02d}:{seconds:02d}", style="progress.remaining")


def rate_line(what: str, done: int, seconds: float) -> str:
    return f"{what}: {done} in {seconds:.1f} s ({done / max(seconds, 1e-3):.2f}/s)"


@contextmanager
def run_progress(label: str, console: Console, total: int | None) -> Iterator[RunCallbacks]:
    """Progress for one run; `total` is the expected number of inputs (None: unknown, no ETA)."""
    if not console.is_terminal:
        yield from _plain(label, console)
        return
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        EtaColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        speed_estimate_period=SPEED_WINDOW_S,
    ) as progress:
        read = progress.add_task(f"{label}: reading", total=total)
        analyse = progress.add_task(f"{label}: analysing", total=total)
        steps: dict[str, TaskID] = {}

        def documents(s: RunSummary) -> None:
            if steps:  # the run's last report, after the corpus stage: the bars are closed
                return
            done = s.analysed + s.analyses_skipped
            expected = None if total is None else max(total, s.inputs_read)
            progress.update(read, completed=s.inputs_read, total=expected)
            progress.update(analyse, completed=done, total=expected)

        def step(name: str, done: int, count: int) -> None:
            for task in (read, analyse):  # the documents are through: close their bars where they got
                reached = progress.tasks[task].completed
                progress.update(task, total=reached, completed=reached)
            for running in steps.values():  # the earlier steps are through
                end = progress.tasks[running].total or 1
                progress.update(running, total=end, completed=end)
            if name != "done":
                steps[name] = progress.add_task(f"corpus stage {done + 1}/{count}: {name}", total=None)

        def items(name: str, done: int, total: int) -> None:
            if name in steps:
                progress.update(steps[name], completed=done, total=total)

        yield RunCallbacks(documents, step, items)


def _plain(label: str, console: Console) -> Iterator[RunCallbacks]:
    """Two plain summary lines after a run that finished: documents with their rate, then the
    corpus stage with each step's time. Nothing while it runs, nothing when it fails (the error is
    then the one line a failed command prints)."""
    started = time.monotonic()
    documents_done: list[tuple[RunSummary, float]] = []
    steps: list[tuple[str, float]] = []  # (step, when it started); "done" closes the last

    def documents(s: RunSummary) -> None:
        if not steps:  # later reports (the run's closing one) come after the documents were through
            documents_done[:] = [(s, time.monotonic())]

    def step(name: str, done: int, count: int) -> None:
        steps.append((name, time.monotonic()))

    def items(name: str, done: int, total: int) -> None:
        """Nothing: the plain summary gives each step's time, not its items."""

    yield RunCallbacks(documents, step, items)
    if documents_done:
        s, at = documents_done[0]
        line = rate_line(f"{label}: documents analysed", s.analysed, at - started)
        console.print(
            f"{line}; {s.inputs_read} input(s) read, {s.analyses_skipped} already analysed",
            highlight=False,
            markup=False,
        )
    if len(steps) > 1:
        times = ", ".join(f"{name} {end - at:.1f} s" for (name, at), (_, end) in pairwise(steps))
        console.print(
            f"{label}: corpus stage {steps[-1][1] - steps[0][1]:.1f} s ({times})",
            highlight=False,
            markup=False,
        )
