"""Every threshold of the claim layer (claims/, verdicts/) in one object a user can override.

Each field names the data and split it was calibrated on. Pass a `Settings` (or one section) to
`claimgraph.check`, `analyze` and the corpus steps; `Settings()` is the shipped calibration.

    from claimgraph.settings import Settings, StanceSettings
    settings = Settings(stance=StanceSettings(min_side_probability=0.7))
"""

from __future__ import annotations

from dataclasses import dataclass, field

# --- claim building (claims/build.py) -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BuildSettings:
    """How facts become claims."""


# --- retrieval and stances (claims/retrieval.py, claims/assign.py, claims/check.py) ----------


@dataclass(frozen=True, slots=True)
class StanceSettings:
    """Which passages a claim is judged on, and how the stance model's answer becomes a stance."""

    # A claim longer than this is not one proposition: `check` refuses it with a clear message.
    max_claim_chars: int = 1000
    # BM25 passages read per claim, and documents judged per claim (best BM25 first). Bounds the
    # cost of `check` whatever the store's size: the stance model runs on at most this many bodies.
    max_passages: int = 3000
    max_documents: int = 200
    # A document is a candidate when one passage holds this share of the claim's content words
    # (claims of 1-2 content words need all of them); the stance model's relatedness stage then
    # decides. Calibrated on FNC-1 dev bodies (training/fnc1_split.json "dev", 120 headlines,
    # benchmarks/check_vs_model.py --split dev): FNC score 0.887 at 0 (any shared word, BM25 top
    # `max_documents`), 0.877 at 0.15, 0.832 at 0.25, 0.719 at 0.34; the model alone 0.893.
    min_passage_coverage: float = 0.0
    # A quoted statement is judged when its content holds this share of the claim's words.
    min_statement_coverage: float = 0.34
    # Evidence sentences kept per stance.
    max_evidence: int = 4


# --- verdicts (verdicts/) --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class VerdictSettings:
    """How stances become a verdict."""


# --- all of them -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    build: BuildSettings = field(default_factory=BuildSettings)
    stance: StanceSettings = field(default_factory=StanceSettings)
    verdict: VerdictSettings = field(default_factory=VerdictSettings)


DEFAULT_SETTINGS = Settings()
