"""The voice given to one block, before adjacent blocks are merged into segments."""

from __future__ import annotations

from dataclasses import dataclass

from claimgraph.model import Voice


@dataclass(frozen=True, slots=True)
class Label:
    """A block's voice; blocks merge into one segment only when their labels are equal."""

    voice: Voice
    source: str | None = None  # quoted outlet
    author: str | None = None  # comment author
    group: int = 0  # one reader comment: consecutive comments stay separate segments
    tentative: bool = False  # an HTML blockquote: quoted only if the page shows where it is from


OWN = Label(Voice.OWN)
BOILERPLATE = Label(Voice.BOILERPLATE)
