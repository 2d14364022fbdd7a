"""`../shared` (seeds and evaluation data) for the tests that read it.

A module of its own, not a conftest function: several test folders have a `conftest.py`, and a
bare `from conftest import ...` finds whichever was imported first.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def require_shared(path: Path) -> Path:
    """A path under `../shared`: missing, it fails the test under CI=true (`.ci/run` sets it, so
    CI never passes by skipping the real-data tests) and skips it on a developer's machine."""
    if not path.exists():
        message = f"{path} is not present (../shared, the evaluation data)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path
