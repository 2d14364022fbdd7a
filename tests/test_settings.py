"""Settings: one frozen object of every claim-layer threshold, each one read by the code it names."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from claimgraph.settings import (
    DEFAULT_SETTINGS,
    BuildSettings,
    ContradictionSettings,
    Settings,
    StanceSettings,
    VerdictSettings,
)

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "claimgraph"
SECTIONS = (BuildSettings, StanceSettings, ContradictionSettings, VerdictSettings)
# Fields that are shares, similarities or probabilities: only [0, 1] makes sense for them.
UNIT_INTERVAL = {
    "lexical_weight",
    "cluster_threshold_minilm",
    "cluster_threshold_lexical",
    "blocking_jaccard",
    "join_share",
    "denial_join_similarity",
    "merge_jaccard",
    "min_passage_coverage",
    "min_statement_coverage",
    "min_english_stopword_ratio",
    "min_ascii_letter_ratio",
    "min_decisive_probability",
    "default_prior",
    "second_hand_weight",
}


def test_settings_default_is_the_shipped_calibration() -> None:
    assert Settings() == DEFAULT_SETTINGS
    assert DEFAULT_SETTINGS.build == BuildSettings() and DEFAULT_SETTINGS.verdict == VerdictSettings()


def test_settings_are_frozen_and_slotted() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        DEFAULT_SETTINGS.stance.max_documents = 1  # type: ignore[misc]
    with pytest.raises((AttributeError, TypeError)):  # a misspelt field cannot be set silently
        DEFAULT_SETTINGS.stance.max_document = 1  # type: ignore[attr-defined]


def test_settings_one_section_overrides_and_the_rest_stay_shipped() -> None:
    stance = StanceSettings(min_passage_coverage=0.7)
    settings = Settings(stance=stance)
    assert settings.stance.min_passage_coverage == 0.7
    assert settings.stance.max_documents == StanceSettings().max_documents
    assert (settings.build, settings.verdict, settings.contradiction) == (
        DEFAULT_SETTINGS.build,
        DEFAULT_SETTINGS.verdict,
        DEFAULT_SETTINGS.contradiction,
    )
    assert DEFAULT_SETTINGS.stance.min_passage_coverage != 0.7  # the shipped object is untouched


def test_settings_unknown_field_is_refused() -> None:
    with pytest.raises(TypeError):
        StanceSettings(min_coverage=0.5)  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("kind", "field"),
    [
        ("lexical", "cluster_threshold_lexical"),
        ("minilm", "cluster_threshold_minilm"),
        ("other", "cluster_threshold_minilm"),
    ],
)
def test_settings_cluster_threshold_per_embedder(kind: str, field: str) -> None:
    build = BuildSettings(cluster_threshold_minilm=0.61, cluster_threshold_lexical=0.27)
    assert build.cluster_threshold(kind) == getattr(build, field)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.__name__)
def test_settings_values_are_in_range(section: type) -> None:
    for f in dataclasses.fields(section):
        value = getattr(section(), f.name)
        if f.name in UNIT_INTERVAL:
            assert 0.0 <= value <= 1.0, f.name
        elif isinstance(value, bool):
            assert f.type in (bool, "bool"), f.name  # a switch (exact_caps): either value is in range
        elif isinstance(value, int | float):
            assert value > 0, f.name  # caps, counts and strengths
        else:
            assert value is None, f.name  # model_path: None is the shipped model


@pytest.mark.parametrize("section", SECTIONS, ids=lambda s: s.__name__)
def test_settings_every_field_is_read_somewhere(section: type) -> None:
    """A threshold nobody reads is a knob that does nothing: every field is used as `.name`."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in PACKAGE.rglob("*.py"))
    unread = [f.name for f in dataclasses.fields(section) if not re.search(rf"\.{f.name}\b", source)]
    assert not unread, f"{section.__name__} fields never read: {unread}"
