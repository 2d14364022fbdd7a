"""One spelling for holder keys, unnamed speakers and list cells."""

from __future__ import annotations

from claimgraph.model import Speaker
from claimgraph.naming import UNNAMED_SPEAKER, holder_key, speaker_label


def test_holder_key_folds_case_punctuation_and_a_leading_article() -> None:
    assert holder_key("The New York Times") == holder_key("new york times") == "new york times"
    assert holder_key("  U.S.  State Dept.") == "u s state dept"
    assert holder_key("Theresa May") == "theresa may"  # only a whole leading word "the" goes


def test_speaker_label_prefers_name_then_description() -> None:
    assert speaker_label(Speaker("John Kerry", None, "Secretary of State")) == "John Kerry"
    assert speaker_label(Speaker(None, None, "a senior official")) == "a senior official"
    assert speaker_label(Speaker(None, None, None)) == UNNAMED_SPEAKER
