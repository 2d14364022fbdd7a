"""Find the reader-comment thread in page text and who wrote each comment.

Three shapes seen on saved blog pages: a section header ("No Responses to “…”", "12
Comments"); Blogger threads, where each comment ends with the "Reply" "Delete" buttons
(saved as "ReplyDelete"); and threaded lists where a bullet line carries the author ("• Don
L") and the comment follows, indented deeper. From the thread's start to the end of the
text every block is a comment, except chrome.
"""

from __future__ import annotations

import re

from claimgraph.clean.blocks import Block
from claimgraph.clean.boilerplate import is_boilerplate
from claimgraph.clean.labels import BOILERPLATE, Label
from claimgraph.model import Voice

# A bare "Comments"/"12 Comments" line near the top is a comment counter under the headline,
# not the thread; past this share of the text it opens the thread.
COMMENT_HEADER_MIN_POSITION = 0.5
# Blogger puts "Name said..." above a comment; look this many blocks above the first
# "ReplyDelete" for it, else the thread starts at the block just above (one-paragraph comment).
BLOGGER_HEADER_LOOKBACK = 3
AUTHOR_MAX_WORDS = 5  # "• Don L", "Anonymous said...": names are short

_NUMBER = r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten)"
_THREAD_HEADER = re.compile(
    rf"{_NUMBER}\s+(?:responses?|comments?|replies|thoughts)\s+(?:to|on)\b.*", re.IGNORECASE
)
_BARE_HEADER = re.compile(
    rf"(?:{_NUMBER}\s+)?(?:comments?|responses?|replies)(?:\s*\(\d+\))?"
    r"|reader comments|join the discussion|discussion",
    re.IGNORECASE,
)
_REPLY_DELETE = re.compile(r"reply\s*delete", re.IGNORECASE)
_BULLET = r"[•·▪◦‣∙]"
_BULLET_AUTHOR = re.compile(rf"{_BULLET}\s*([^\s.!?,;:…][^.!?,;:…]{{0,38}})")
_BULLET_TEXT = re.compile(rf"{_BULLET}\s*\S")
_SAID_HEADER = re.compile(
    r"(.{1,50}?)\s+(?:on\s.{1,40}?\s)?(?:said|says|wrote|writes)\s*(?:\.\.\.|…|:)?", re.IGNORECASE
)


def _author(text: str) -> str | None:
    """The name in a comment's header line, or None when the line is not a header."""
    for pattern in (_BULLET_AUTHOR, _SAID_HEADER):
        match = pattern.fullmatch(text)
        if match and len(match.group(1).split()) <= AUTHOR_MAX_WORDS:
            return match.group(1).strip()
    return None


def _header_start(text: str, blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks):
        line = block.text(text)
        if _THREAD_HEADER.fullmatch(line):
            return i
        if _BARE_HEADER.fullmatch(line) and block.start >= COMMENT_HEADER_MIN_POSITION * len(text):
            return i
    return None


def _blogger_start(text: str, blocks: list[Block]) -> int | None:
    first = next((i for i, b in enumerate(blocks) if _REPLY_DELETE.fullmatch(b.text(text))), None)
    if first is None or first == 0:
        return None
    for i in range(first - 1, max(first - 1 - BLOGGER_HEADER_LOOKBACK, -1), -1):
        if _SAID_HEADER.fullmatch(blocks[i].text(text)):
            return i
    return first - 1


def _bullet_start(text: str, blocks: list[Block]) -> int | None:
    for i, block in enumerate(blocks[:-1]):
        name = _BULLET_AUTHOR.fullmatch(block.text(text))
        following = blocks[i + 1]
        short = name is not None and len(name.group(1).split()) <= AUTHOR_MAX_WORDS
        if short and following.indent > block.indent and not _BULLET_TEXT.match(following.text(text)):
            return i
    return None


def label_comments(text: str, blocks: list[Block]) -> dict[int, Label]:
    """Labels for the blocks of the comment thread, keyed by block index (empty: no thread)."""
    found = (_header_start(text, blocks), _blogger_start(text, blocks), _bullet_start(text, blocks))
    starts = [s for s in found if s is not None]
    if not starts:
        return {}
    labels: dict[int, Label] = {}
    group, author = 1, None
    for i in range(min(starts), len(blocks)):
        line = blocks[i].text(text)
        if is_boilerplate(line) or _THREAD_HEADER.fullmatch(line) or _BARE_HEADER.fullmatch(line):
            labels[i] = BOILERPLATE
            if _REPLY_DELETE.fullmatch(line):
                group, author = group + 1, None
            continue
        name = _author(line)
        if name is not None:
            group, author = group + 1, name
        elif _BULLET_TEXT.match(line):
            group, author = group + 1, None
        labels[i] = Label(Voice.COMMENT, author=author, group=group)
    return labels
