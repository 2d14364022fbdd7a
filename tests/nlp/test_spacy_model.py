"""Loading the English pipeline: the asked-for package, else a fallback, else a clear error."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from claimgraph.nlp import spacy_model
from claimgraph.nlp.spacy_model import FALLBACK_MODELS, ModelNotInstalled

load = spacy_model.load_nlp.__wrapped__  # past the per-process cache


def test_spacy_model_falls_back_to_an_installed_package(monkeypatch: pytest.MonkeyPatch) -> None:
    tried: list[str] = []

    def fake_load(name: str) -> Language:
        tried.append(name)
        if name != FALLBACK_MODELS[1]:
            raise OSError(f"[E050] Can't find model '{name}'")
        return spacy.blank("en")

    monkeypatch.setattr(spacy, "load", fake_load)
    assert isinstance(load("en_core_web_trf"), Language)
    assert tried == ["en_core_web_trf", *FALLBACK_MODELS]


def test_spacy_model_none_installed_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_load(name: str) -> Language:
        raise OSError(name)

    monkeypatch.setattr(spacy, "load", fake_load)
    with pytest.raises(
        ModelNotInstalled, match=r"'en_core_web_md' is not installed; pip install en-core-web-sm"
    ):
        load("en_core_web_md")
