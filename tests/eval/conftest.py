"""Fixtures shared by the evaluation tests."""

from __future__ import annotations

import pytest

from claimgraph.eval.gold_match import Scorer
from claimgraph.nlp.actors import ActorResolver


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    """Gold matching with the shipped actor registry, dated inside the example corpus."""
    return Scorer(ActorResolver(), "2014-09-01")
