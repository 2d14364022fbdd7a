"""Fixtures for the NLP tests: the spaCy pipeline and the actor resolver, built once per module."""

from __future__ import annotations

import pytest
from spacy.language import Language

from claimgraph.nlp.actors import ActorResolver
from claimgraph.nlp.spacy_model import load_nlp


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def resolver() -> ActorResolver:
    return ActorResolver()
