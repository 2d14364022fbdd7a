"""Workers die with their parent (issue 12, item 11): kill -9 of `analyze --workers 2` left the
workers (about 230 MB each) running under PID 1."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import claimgraph

SRC = str(Path(claimgraph.__file__).resolve().parents[1])
# A pool whose workers sit in their initializer (as while loading spaCy) for two minutes, each
# leaving a file named by its pid in the folder given as argv[1] once it is there.
SCRIPT = """
import functools, operator, sys
from claimgraph.engine import Stage
from claimgraph.engine.local import LocalEngine
from claimgraph.model import Document

READY = "import os, pathlib, time; pathlib.Path(%r, str(os.getpid())).touch(); time.sleep(120)"
stages = (Stage("slow", "1", operator.attrgetter("text"), functools.partial(exec, READY % sys.argv[1])),)
engine = LocalEngine(stages, workers=2)
doc = Document(id="0" * 16, uri="u", format="text", text="x", segments=())
for _ in engine.map_batches([(0, [doc, doc])]):
    pass
"""
GONE_WITHIN_S = 5  # the issue asks for "a few seconds"; prctl makes it immediate on Linux
STARTING_GONE_WITHIN_S = 90  # a worker still importing claimgraph notices at its initializer


def children(pid: int) -> list[int]:
    """Pool workers (multiprocessing spawn_main) whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a PID 1 that may never reap it."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def kill_parent_and_wait(tmp_path: Path, in_initializer: bool, gone_within_s: float) -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path)], env=env)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert parent.poll() is None, "the pool script ended early"
            workers = children(parent.pid)
            ready = len(list(tmp_path.iterdir())) == 2 if in_initializer else len(workers) == 2
            if ready:
                break
            time.sleep(0.1)
        assert len(workers) == 2, f"workers did not start: {workers}"
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + gone_within_s
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if alive(w)], "workers outlived their killed parent"
    finally:
        for pid in [parent.pid, *workers]:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_exit_when_parent_is_killed(tmp_path: Path) -> None:
    kill_parent_and_wait(tmp_path, in_initializer=True, gone_within_s=GONE_WITHIN_S)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_still_starting_exit_when_parent_is_killed(tmp_path: Path) -> None:
    """Killed while its workers still import claimgraph: each exits on reaching its initializer."""
    kill_parent_and_wait(tmp_path, in_initializer=False, gone_within_s=STARTING_GONE_WITHIN_S)
