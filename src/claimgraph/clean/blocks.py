"""Cut text into blocks: the units that get a voice (a line, or a hard-wrapped paragraph).

Saved pages come with one line per paragraph (no blank lines at all in some), with blank
lines between paragraphs, or hard-wrapped at a fixed width; a wrapped line is joined to the
next when it stops mid-sentence and the next starts in lower case. Chrome glued onto a real
line ("ReplyDelete" + the next comment) becomes a block of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.clean.boilerplate import glued_chrome

_LINE = re.compile(r"[^\n]*")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]\s*$")
_LEADING_SPACE = re.compile(r"[ \t\u00a0\u2000-\u200b\u3000]*")


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of text, trimmed, with the indentation of its first line."""

    start: int
    end: int
    indent: int
    glued: bool = False  # chrome cut off a real line

    def text(self, source: str) -> str:
        return source[self.start : self.end]


def _lines(text: str, start: int, end: int) -> list[Block]:
    lines: list[Block] = []
    for match in _LINE.finditer(text, start, end):
        raw = match.group()
        stripped = raw.strip()
        if not stripped:
            continue
        lead = raw.index(stripped[0])
        indent = len(_LEADING_SPACE.match(raw).group())  # type: ignore[union-attr]
        lines.append(Block(match.start() + lead, match.start() + lead + len(stripped), indent))
    return lines


def _join_wrapped(text: str, lines: list[Block]) -> list[Block]:
    joined: list[Block] = []
    for line in lines:
        if joined:
            previous = joined[-1]
            gap = text[previous.end : line.start]
            first = text[line.start]
            if gap.count("\n") == 1 and first.islower() and not _SENTENCE_END.search(previous.text(text)):
                joined[-1] = Block(previous.start, line.end, previous.indent)
                continue
        joined.append(line)
    return joined


def _split_glued(text: str, block: Block) -> list[Block]:
    head, tail = glued_chrome(block.text(text))
    if not head and not tail:
        return [block]
    pieces: list[Block] = []
    middle_start, middle_end = block.start + head, block.end - tail
    if head:
        pieces.append(Block(block.start, middle_start, block.indent, glued=True))
    inner = text[middle_start:middle_end]
    if inner.strip():
        offset = len(inner) - len(inner.lstrip())
        pieces.append(Block(middle_start + offset, middle_start + len(inner.rstrip()), block.indent))
    if tail:
        chrome = text[middle_end : block.end]
        offset = len(chrome) - len(chrome.lstrip())
        pieces.append(Block(middle_end + offset, block.end, block.indent, glued=True))
    return pieces


def split_blocks(text: str, start: int = 0, end: int | None = None) -> list[Block]:
    """Blocks of `text[start:end]`, in order, offsets into `text`."""
    stop = len(text) if end is None else end
    blocks: list[Block] = []
    for block in _join_wrapped(text, _lines(text, start, stop)):
        blocks.extend(_split_glued(text, block))
    return blocks
