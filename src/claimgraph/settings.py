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
