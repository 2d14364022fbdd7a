"""Voices on plain text: invariants, invented fixtures, and the seed pages (fail under CI=true if absent)."""

import json
import re
from pathlib import Path

import pytest
from shared_data import require_shared

from claimgraph.clean.voices import split_voices
from claimgraph.model import Segment, Voice

DATA = Path(__file__).resolve().parents[1] / "data" / "clean"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
# Share of seed 004's paragraphs whose voice matches the hand labelling: measured 68/68 with
# the rules as committed (they were calibrated while reading that page); the floor leaves room
# for a rule change to trade one paragraph for generality elsewhere.
SEED_004_MIN_ACCURACY = 0.95

# Every chrome string issue 2 lists, each in the seed where it occurs.
SEED_CHROME = {
    "000": ["…read more", "Source: Israpundit", "Please enter your comment!", "Please enter your name here"],
    "001": ["Read more ....", "ReplyDelete"],
    "002": [
        "Remember meForgot",
        "Log in with Twitter",
        "More news from",
        "Latest News",
        "Top News",
        "More about Iraq",
    ],
    "003": [
        "« Front Page | To Top",
        "« | »",
        "Comments are currently closed",
        "Sorry, comments for this entry are closed",
    ],
}


def _seed(prefix: str) -> str:
    return next(require_shared(SEEDS).glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _at(segments: list[Segment], offset: int) -> Segment:
    return next(s for s in segments if s.start <= offset < s.end)


def _check_invariants(text: str, segments: list[Segment]) -> None:
    covered = [False] * len(text)
    previous_end = 0
    for segment in segments:
        assert previous_end <= segment.start < segment.end <= len(text)
        chunk = text[segment.start : segment.end]
        assert chunk == chunk.strip()
        covered[segment.start : segment.end] = [True] * (segment.end - segment.start)
        previous_end = segment.end
    assert all(covered[i] for i, ch in enumerate(text) if not ch.isspace())


def _all_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DATA.glob("*.txt"))]
    if SEEDS.is_dir():
        texts += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("0*.txt"))]
    return texts


@pytest.mark.parametrize("text", _all_texts())
def test_voices_segments_sorted_trimmed_and_covering(text: str) -> None:
    _check_invariants(text, split_voices(text))


@pytest.mark.parametrize("text", ["", "   \n\n ", "One line.", "\u00a0Indented line\n"])
def test_voices_tiny_inputs(text: str) -> None:
    _check_invariants(text, split_voices(text))


def test_voices_plain_news_stays_own_except_chrome() -> None:
    text = (DATA / "news_plain.txt").read_text(encoding="utf-8")
    segments = split_voices(text)
    assert {s.voice for s in segments} == {Voice.OWN, Voice.BOILERPLATE}
    chrome = " ".join(text[s.start : s.end] for s in segments if s.voice is Voice.BOILERPLATE)
    assert chrome == "By Mara Velden, Northbridge Ledger Share this:\nRead more"


def test_voices_blog_quoting_an_outlet() -> None:
    text = (DATA / "blog_quoting.txt").read_text(encoding="utf-8")
    segments = split_voices(text)
    quoted = [s for s in segments if s.voice is Voice.QUOTED]
    assert [s.source for s in quoted] == ["Daily Clarion"]
    assert text[quoted[0].start :].startswith("Officials in Baghdad said")
    assert text[quoted[0].start : quoted[0].end].endswith("had been taken.")
    assert _at(segments, text.index("So much for")).voice is Voice.OWN
    assert _at(segments, text.index("From the Daily Clarion:")).voice is Voice.OWN
    comments = [s for s in segments if s.voice is Voice.COMMENT]
    assert [s.author for s in comments] == ["Jane Roe", "Sam Hill"]
    assert _at(segments, text.index("Leave a Reply")).voice is Voice.BOILERPLATE


def test_voices_blogger_thread() -> None:
    text = (DATA / "blogger_thread.txt").read_text(encoding="utf-8")
    segments = split_voices(text)
    excerpt = _at(segments, 0)
    assert (excerpt.voice, excerpt.source) == (Voice.QUOTED, "Reuters")
    assert text[excerpt.end - len("ministry statement.") : excerpt.end] == "ministry statement."
    assert _at(segments, text.index("My Comment")).voice is Voice.OWN
    comments = [s for s in segments if s.voice is Voice.COMMENT]
    assert [(s.author, text[s.start : s.end].split("\n")[-1][:12]) for s in comments] == [
        ("Anonymous", "Slowly is th"),
        (None, "They will sa"),
    ]


def test_voices_bullet_thread_authors() -> None:
    text = (DATA / "bullet_thread.txt").read_text(encoding="utf-8")
    segments = split_voices(text)
    assert _at(segments, text.index("We have seen")).voice is Voice.OWN
    comments = [s for s in segments if s.voice is Voice.COMMENT]
    assert [s.author for s in comments] == ["Carla M", "tomas", None]


@pytest.mark.parametrize(
    ("prefix", "chrome"), [(p, c) for p, strings in SEED_CHROME.items() for c in strings]
)
def test_voices_seed_chrome_is_not_own(prefix: str, chrome: str) -> None:
    text = _seed(prefix)
    segments = split_voices(text)
    pattern = r"\s+".join(re.escape(word) for word in chrome.split())  # the pages use no-break spaces
    offsets = [m.start() for m in re.finditer(pattern, text)]
    assert offsets, f"{chrome!r} not in seed {prefix}"
    for offset in offsets:
        assert _at(segments, offset).voice is not Voice.OWN


def test_voices_seed_000_article_is_own() -> None:
    text = _seed("000")
    segments = split_voices(text)
    assert _at(segments, 0).voice is Voice.OWN
    assert _at(segments, text.index("abstaining from owning up")).voice is Voice.OWN


def test_voices_seed_001_wsj_excerpt_and_comments() -> None:
    text = _seed("001")
    segments = split_voices(text)
    excerpt = _at(segments, 0)
    assert (excerpt.voice, excerpt.source) == (Voice.QUOTED, "WSJ")
    assert text.index("stabilize its neighbor") < excerpt.end < text.index("Read more")
    assert _at(segments, text.index("My Comment")).voice is Voice.OWN
    for start in ("Diyala Province", "On an analytical note", "I concur James", "Well WNU"):
        segment = _at(segments, text.index(start))
        assert (segment.voice, segment.author) == (Voice.COMMENT, None)


def test_voices_seed_003_guardian_quote() -> None:
    text = _seed("003")
    segments = split_voices(text)
    for start in ("US and Iran hold talks", "John Kerry, the US secretary", "Less than three hours later"):
        segment = _at(segments, text.index(start))
        assert (segment.voice, segment.source) == (Voice.QUOTED, "Guardian")
    assert _at(segments, text.index("What a sad joke")).voice is Voice.OWN


def test_voices_seed_004_comment_authors() -> None:
    text = _seed("004")
    comments = [s for s in split_voices(text) if s.voice is Voice.COMMENT]
    assert {s.author for s in comments} >= {"Don L", "liz"}
    assert text[comments[0].start :].startswith("• Don L")
    assert all(s.start > text.index("Marie Harf") for s in comments)


def test_voices_seed_004_paragraph_accuracy() -> None:
    text = _seed("004")
    gold = json.loads((DATA / "seed004_paragraph_voices.json").read_text(encoding="utf-8"))
    names = {"o": Voice.OWN, "q": Voice.QUOTED, "b": Voice.BOILERPLATE}
    starts = [m.start() for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
    labels = [names[c] for c in gold["paragraphs"].split()]
    expected = labels + [Voice.COMMENT] * (len(starts) - len(labels))
    segments = split_voices(text)
    right = sum(_at(segments, start).voice is voice for start, voice in zip(starts, expected, strict=True))
    assert right / len(starts) >= SEED_004_MIN_ACCURACY
    for source, numbers in gold["quoted_sources"].items():
        found = [_at(segments, starts[n - 1]).source for n in numbers]
        assert found.count(source) >= SEED_004_MIN_ACCURACY * len(numbers)
