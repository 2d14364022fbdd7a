"""Split a document's text into voices: own, quoted, comment, boilerplate.

Rules over lines and paragraphs, cheapest first: chrome lines (`boilerplate`), the reader
comment thread (`comments`), then quotes of other outlets (`quotes`); what is left is the
page's own writing. Adjacent blocks with the same label merge into one segment.
"""

from __future__ import annotations

from claimgraph.clean.blocks import Block, split_blocks
from claimgraph.clean.boilerplate import is_boilerplate
from claimgraph.clean.comments import label_comments
from claimgraph.clean.labels import BOILERPLATE, Label
from claimgraph.clean.quotes import label_quotes
from claimgraph.model import Segment, Voice


def label_blocks(text: str, blocks: list[Block], presets: list[Label | None] | None = None) -> list[Label]:
    """A label for every block; `presets` (from HTML structure) win over the text rules."""
    labels: list[Label | None] = list(presets) if presets is not None else [None] * len(blocks)
    for i, block in enumerate(blocks):
        preset = labels[i]
        unset_or_comment = preset is None or preset.voice is Voice.COMMENT  # "Reply" inside a thread
        if unset_or_comment and (block.glued or is_boilerplate(block.text(text))):
            labels[i] = BOILERPLATE
    for i, label in label_comments(text, blocks).items():
        if labels[i] is None:
            labels[i] = label
    return label_quotes(text, blocks, labels)


def merge_segments(blocks: list[Block], labels: list[Label]) -> list[Segment]:
    """One segment per run of equally labelled blocks, spanning from the first to the last."""
    segments: list[Segment] = []
    previous: Label | None = None
    for block, label in zip(blocks, labels, strict=True):
        if segments and label == previous:
            last = segments[-1]
            segments[-1] = Segment(last.voice, last.start, block.end, last.source, last.author)
        else:
            segments.append(Segment(label.voice, block.start, block.end, label.source, label.author))
        previous = label
    return segments


def split_voices(text: str) -> list[Segment]:
    """Voiced segments of plain text: sorted, non-overlapping, covering every non-space character."""
    blocks = split_blocks(text)
    return merge_segments(blocks, label_blocks(text, blocks))
