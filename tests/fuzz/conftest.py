"""fuzz/fuzz_targets.py importable here; the NLP models for the attribution properties."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

FUZZ_DIR = Path(__file__).resolve().parents[2] / "fuzz"
if str(FUZZ_DIR) not in sys.path:
    sys.path.insert(0, str(FUZZ_DIR))


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]  # spaCy imported only by the tests that use it
    from claimgraph.nlp.spacy_model import load_nlp

    return load_nlp()


@pytest.fixture(scope="module")
def resolver():  # type: ignore[no-untyped-def]
    from claimgraph.nlp.actors import ActorResolver

    return ActorResolver()
