"""Decide which blocks a page reproduces from another outlet, and from which.

A quote is opened by a lead-in and runs until the writer speaks again:

- a paragraph ending in a colon that names an outlet ("From the UK's Guardian:",
  "According to a Guardian article:", "This is from Jerusalem Online:");
- a headline ending "-- WSJ", whose excerpt follows until "Read more";
- in a page already speaking in person, an own paragraph that points at an article ("An
  article in the Washington Post shows ...");
- a colon lead-in naming no outlet ("Your attention is redirected:") reopens the outlet
  quoted last on the page; with none quoted yet, only text with copy marks follows as quoted
  (footnote numbers, cut ellipses).

A run continues while paragraphs read like news copy (see `register`) and stops at the first
that speaks in person. Once a page has quoted an outlet and spoken in person, a later news
paragraph with attribution ("officials said") or a cut mark ("…") resumes the quote: that is
how blogs interleave an article with their rebuttals. A plain news report never meets these
conditions, so it stays in its own voice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from claimgraph.clean import register
from claimgraph.clean.blocks import Block
from claimgraph.clean.boilerplate import ends_excerpt
from claimgraph.clean.labels import OWN, Label
from claimgraph.clean.outlets import article_reference, dash_suffix_outlet, named_outlet
from claimgraph.model import Voice

_LAST_SENTENCE = re.compile(r"(?:^|(?<=[.!?…])\s+|(?<=[.!?…][”\")])\s+)([^.!?…]*[^\s][^.!?…]*)$")


def _last_sentence(text: str) -> str:
    stripped = text.rstrip()
    match = _LAST_SENTENCE.search(stripped)
    return match.group(1) if match else stripped


@dataclass(slots=True)
class _State:
    open: bool = False  # inside a quote run
    source: str | None = None  # the run's outlet
    context: str | None = None  # the outlet of the last quote opened on the page
    quoted_before: bool = False  # a quote run has been opened on the page
    in_person: bool = False  # the page has spoken in the first/second person or asked
    weak: bool = False  # after a colon lead-in with no outlet known: copy marks needed

    def start(self, source: str | None) -> None:
        self.open, self.source, self.quoted_before = True, source, True
        if source is not None:
            self.context = source


def _list_neighbours(text: str, blocks: list[Block]) -> list[bool]:
    """True for a block next to another "headline -- Name" line (a link list)."""
    loose = [dash_suffix_outlet(b.text(text), in_list=True) is not None for b in blocks]
    return [(i > 0 and loose[i - 1]) or (i + 1 < len(loose) and loose[i + 1]) for i in range(len(blocks))]


def _classify(line: str, state: _State) -> Label:
    own = register.has_own_voice(line)
    colon_outlet = line.rstrip().endswith(":") and named_outlet(_last_sentence(line)) is not None
    if state.open and not own and not colon_outlet:
        return Label(Voice.QUOTED, source=state.source)
    resumes = register.attributes(line) or register.continues_excerpt(line)
    if not state.open and state.quoted_before and state.in_person and not own and resumes:
        state.start(state.context)
        return Label(Voice.QUOTED, source=state.source)
    if state.weak and not own and register.looks_reproduced(line):
        state.start(None)
        return Label(Voice.QUOTED)
    state.open = False
    return OWN


def _lead_in(line: str, label: Label, state: _State) -> None:
    """Open a quote for the next block when this one leads into it."""
    stripped = line.rstrip()
    outlet = named_outlet(_last_sentence(stripped)) if stripped.endswith((":", ";")) else None
    if outlet is not None:
        state.start(outlet)
        return
    if label.voice is not Voice.OWN:
        return
    reference = article_reference(line)
    if reference is not None and state.in_person:
        state.start(reference)
    elif stripped.endswith(":") and state.context is not None:
        state.start(state.context)
    elif stripped.endswith(":"):
        state.weak = True


def label_quotes(text: str, blocks: list[Block], labels: list[Label | None]) -> list[Label]:
    """Fill every unlabelled block with `own` or `quoted`; preset labels are kept.

    A preset `quoted` block (an HTML blockquote) without a source takes the outlet its
    lead-in named; comment and boilerplate blocks close any open quote run.
    """
    state = _State()
    in_list = _list_neighbours(text, blocks)
    result: list[Label] = []
    for i, block in enumerate(blocks):
        line = block.text(text)
        preset = labels[i]
        if preset is not None and preset.voice is Voice.QUOTED:
            source = preset.source or (state.source if state.open else None)
            result.append(Label(Voice.QUOTED, source=source, group=preset.group))
            state.open, state.weak = False, False
            continue
        if preset is not None:
            result.append(preset)
            if preset.voice is Voice.COMMENT or ends_excerpt(line):
                state.open = False
            continue
        dash_outlet = dash_suffix_outlet(line, in_list=in_list[i])
        if dash_outlet is not None:
            state.start(dash_outlet)
            result.append(Label(Voice.QUOTED, source=dash_outlet))
            continue
        label = _classify(line, state)
        state.weak = False
        if label.voice is Voice.OWN and register.speaks_in_person(line):
            state.in_person = True
        result.append(label)
        _lead_in(line, label, state)
    return result
