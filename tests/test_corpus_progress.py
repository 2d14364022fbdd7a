"""Each corpus step reports its own progress (issue 11): items done of a total known before the
first item, ending at the total, so the terminal can show a per-step count, rate and ETA.

The example corpus is analysed in two batches with the real models: the first run builds the
whole stage (claims by phase, stances and verdicts per claim), the second adds documents
(the incremental claims and stances steps).
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

import claimgraph
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, CorpusStep, quiet, run_corpus_stage
from claimgraph.store import Store


class Heard:
    """What a run reports: step starts, and each step's (done, total) items in order."""

    def __init__(self) -> None:
        self.steps: list[tuple[str, int, int]] = []
        self.items: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def step(self, name: str, done: int, count: int) -> None:
        self.steps.append((name, done, count))

    def item(self, name: str, done: int, total: int) -> None:
        self.items[name].append((done, total))


def _inputs() -> tuple[list[Path], list[Path]]:
    """June's three plain-text stories, then the rest of the example corpus."""
    root = Path(str(files("claimgraph").joinpath("example_corpus")))
    inputs = sorted(p for p in root.iterdir() if p.name != "gold.json")
    june = [p for p in inputs if p.name.startswith("2014-06") and p.suffix == ".txt"]
    assert len(june) == 3
    return june, [p for p in inputs if p not in june]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Each run's summary, step starts, items per step, and the stances it rewrote."""
    root = tmp_path_factory.mktemp("progress")
    db = root / "store.db"
    context = CorpusContext()
    out = []
    for k, batch in enumerate(_inputs()):
        folder = root / f"batch{k}"  # a folder, so a sidecar .json is read as its .txt's metadata
        folder.mkdir()
        for path in batch:
            shutil.copy(path, folder / path.name)
        heard = Heard()
        summary = claimgraph.analyze(
            [folder], db=db, corpus=context, corpus_progress=heard.step, corpus_items=heard.item
        )
        assert not summary.errors and context.delta is not None
        out.append(
            {
                "summary": summary,
                "steps": heard.steps,
                "items": dict(heard.items),
                "rebuild": context.delta.rebuild,
                "restanced": len(context.delta.restanced),
            }
        )
    assert context.tick is quiet  # the stage leaves no callback behind in a reused context
    return out


def test_every_step_counts_up_to_its_total(runs: list[dict[str, Any]]) -> None:
    for run in runs:
        assert [s[0] for s in run["steps"]] == [*(s.name for s in CORPUS_STEPS), "done"]
        assert list(run["items"]) == [s.name for s in CORPUS_STEPS]
        for name, ticks in run["items"].items():
            done = [d for d, _ in ticks]
            assert done == sorted(done), (name, ticks)
            assert all(0 <= d <= t for d, t in ticks), (name, ticks)
            assert ticks[-1][0] == ticks[-1][1] > 0, (name, ticks)


def test_a_full_build_reports_its_phases_and_every_claim(runs: list[dict[str, Any]]) -> None:
    first = runs[0]
    assert first["rebuild"]  # the store's first run builds the whole stage
    claims, items = first["summary"].claims, first["items"]
    assert claims > 0
    assert items["actors"] == [(1, 1)] and items["contradictions"] == [(1, 1)]  # one item each
    assert items["claims"] == [(k, 3) for k in range(4)]  # build, store, index
    assert items["stances"] == [(k, claims) for k in range(claims + 1)]  # every claim, one by one
    assert items["verdicts"] == [(k, claims) for k in range(1, claims + 1)]  # after each verdict


def test_an_incremental_run_counts_the_claims_it_rejudges(runs: list[dict[str, Any]]) -> None:
    second = runs[1]
    assert not second["rebuild"] and second["restanced"] > 0
    items = second["items"]
    assert items["claims"] == [(k, 2) for k in range(3)]  # the neighbourhood, then its writes
    stances = items["stances"]
    assert stances[-1] == (second["restanced"], second["restanced"])
    assert len(stances) == second["restanced"] + 1  # a report before the first claim, one per claim
    verdicts = items["verdicts"]  # one report per verdict the run rewrote (verdicts.incremental)
    total = verdicts[-1][1]
    assert total > 1  # reported by the step, not the 1/1 a silent step is closed at
    assert verdicts == [(k, total) for k in range(1, total + 1)]


def _step(name: str, run: Any) -> CorpusStep:
    return CorpusStep(name, (), (), run)


def test_a_step_is_closed_at_its_total(store: Store) -> None:
    """A step that says nothing counts as one item; one that ends short is done all the same."""

    def short(store: Store, context: CorpusContext) -> int:
        context.tick(0, 4)
        context.tick(2, 4)
        return 0

    seen: list[tuple[str, int, int]] = []
    steps = (_step("silent", lambda store, context: 0), _step("short", short))
    run_corpus_stage(store, CorpusContext(), steps=steps, items=lambda *a: seen.append(a))
    assert seen == [("silent", 1, 1), ("short", 0, 4), ("short", 2, 4), ("short", 4, 4)]


def test_a_step_run_without_items_ticks_quietly(store: Store) -> None:
    heard: list[Any] = []

    def step(store: Store, context: CorpusContext) -> int:
        heard.append(context.tick)
        context.tick(1, 1)
        return 0

    context = CorpusContext()
    run_corpus_stage(store, context, steps=(_step("one", step),))
    assert heard == [quiet] and context.tick is quiet
