"""Property tests for the voice splitter: on any text, segments are in order, inside it, and cover it.

Texts are drawn from arbitrary characters and from lines that look like what the rules react to
(outlet lead-ins, quote marks, comment headers, site chrome), so the rules' branches are reached.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.clean.voices import split_voices
from claimgraph.model import Voice

CHEAP = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

RULE_LINES = st.sampled_from(
    [
        "From the Guardian:",
        "-- WSJ",
        "> quoted line from another site",
        '"We will not cooperate," the minister said.',
        "Comments",
        "3 comments",
        "John Smith says:",
        "June 16, 2014 at 10:00 am",
        "Reply",
        "Log in",
        "Share this:",
        "Read more ...",
        "Posted by admin",
        "Source: Reuters",
        "",
        "   ",
    ]
)
LINES = st.lists(st.one_of(RULE_LINES, st.text(max_size=80)), max_size=25)
SEPARATORS = st.sampled_from(["\n", "\n\n", "\r\n", " \n", "\u2028", "\n\u00a0\n"])


def _check(text: str) -> None:
    segments = split_voices(text)
    previous_end = 0
    covered = [False] * len(text)
    for segment in segments:
        assert isinstance(segment.voice, Voice)
        assert previous_end <= segment.start < segment.end <= len(text), (segment, len(text))
        covered[segment.start : segment.end] = [True] * (segment.end - segment.start)
        previous_end = segment.end
    missed = [i for i, ch in enumerate(text) if not ch.isspace() and not covered[i]]
    assert not missed, f"characters outside every segment at {missed[:5]}"


@CHEAP
@given(text=st.text(max_size=400))
def test_fuzz_voices_any_text_is_covered_in_order(text: str) -> None:
    _check(text)


@CHEAP
@given(lines=LINES, separator=SEPARATORS)
def test_fuzz_voices_rule_like_lines_are_covered_in_order(lines: list[str], separator: str) -> None:
    _check(separator.join(lines))
