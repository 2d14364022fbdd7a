"""Which language a text is in, so English-only stages never read what they cannot.

The spaCy model, the attribution cues, the stance model and the actor registry are English.
Run on Persian or Japanese text they produce confident junk (a headline becoming a
"corroborated" claim), so each document's language is detected once, stored, and the
English-only stages skip documents confidently in another language (docs/ingest.md).

py3langid (a maintained, numpy-only fork of langid.py by trafilatura's author) was picked over
langdetect, langid and lingua on speed, determinism and load cost; the figures are in
docs/ingest.md (`python benchmarks/language_id.py`). Short texts are where every detector
guesses, so a low-confidence answer on Latin-script text is "und" (undetermined) and such a
document is treated as English: a wrongly skipped English article loses all its facts.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

ENGLISH = "en"
UNDETERMINED = "und"  # ISO 639-2 for "undetermined"
# Characters classified: the opening of a long article tells its language; the cap bounds time.
SAMPLE_CHARS = 10_000
# Fewer letters than this and no detector can tell (a name, a number, "Obama"); a non-Latin
# script (a CJK character is a word) needs fewer to show the text is not English.
MIN_LETTERS = 12
MIN_FOREIGN_LETTERS = 4
# Below this normalised probability a Latin-script guess is a guess: "und".
MIN_CONFIDENCE = 0.80
# A text whose letters are mostly outside the Latin script is not English, however short.
MIN_FOREIGN_SCRIPT_SHARE = 0.5
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """py3langid's model with probabilities normalised to 0..1 (loaded once per process, ~1.5 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """(ISO 639-1 code, confidence 0..1) of `text`; ("und", confidence) when it cannot be told.

    Only the first SAMPLE_CHARS characters are read, so the cost per document is bounded.
    """
    sample = text[:SAMPLE_CHARS]
    letters = _LETTERS.findall(sample)
    foreign_script = bool(letters) and _non_latin_share(letters) >= MIN_FOREIGN_SCRIPT_SHARE
    if len(letters) < (MIN_FOREIGN_LETTERS if foreign_script else MIN_LETTERS):
        return UNDETERMINED, 0.0
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE and not foreign_script:
        return UNDETERMINED, round(float(confidence), 3)
    if foreign_script and code == ENGLISH:
        return UNDETERMINED, round(float(confidence), 3)
    return code, round(float(confidence), 3)


def is_english(language: str | None) -> bool:
    """Whether English-only stages may run: English, undetermined, or never detected (old stores)."""
    return language in (None, ENGLISH, UNDETERMINED)


def _non_latin_share(letters: list[str]) -> float:
    foreign = sum(
        1 for letter in letters if not letter.isascii() and "LATIN" not in unicodedata.name(letter, "")
    )
    return foreign / len(letters)
