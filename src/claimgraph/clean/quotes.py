"""Decide which blocks a page reproduces from another outlet, and from which.

A quote is opened by a lead-in:

- a paragraph ending in a colon that names an outlet ("From the UK's Guardian:",
  "According to a Guardian article:", "This is from Jerusalem Online:");
- a headline ending "-- WSJ", whose excerpt follows until "Read more";
- in a page whose writer speaks in the first person, an own paragraph that points at an
  article ("An article in the Washington Post shows ... (See our post below)");
- a colon lead-in naming no outlet ("Your attention is redirected:") reopens the outlet
  quoted last on the page; with none quoted yet, only text with copy marks follows as quoted
  (footnote numbers, cut ellipses).

In a news report a lead-in covers one paragraph. A run goes on over several paragraphs only
where the page is set up for it: a standalone lead-in line, an excerpt under a "-- Outlet"
headline, or a blog writing in the first person. It continues while paragraphs read like
news copy (see `register`) and stops at the first that speaks in person. In such a blog, a
later news paragraph with attribution ("officials said") or a cut mark ("…") resumes the
quote: that is how blogs interleave an article with their rebuttals. A plain news report
meets none of these conditions and stays in its own voice.

HTML blockquotes arrive as tentative quotes: embedded posts come with their platform and are
quoted; other blockquotes are quoted when a lead-in, a credit line ("[Engadget]", "— CNET")
or a colon lead-in says they come from elsewhere, and otherwise stay `own` (news sites
set speech and pull quotes in blockquotes; the statement inside is the outlet's reporting).
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

# A lead-in standing alone on its line ("From the UK's Guardian:") sets up a long excerpt;
# one closing a paragraph of reporting introduces a single paragraph. Real standalone
# lead-ins in the seeds have 3-9 words.
STANDALONE_LEAD_IN_MAX_WORDS = 12

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[”\"’)]*\s+")
# "[Engadget]", "— CNET", "-- The Verge": a credit line under a quoted block.
_CREDIT = re.compile(r"\[\s*([A-Z][^\]]{0,40}?)\s*\]|(?:—|–|--)\s*([A-Z][\w'’.&/ -]{0,40}?)")


def _last_sentence(text: str) -> str:
    return _SENTENCE_BREAK.split(text.rstrip())[-1]


def credit_line(text: str) -> str | None:
    """The outlet named by a credit line under a quote."""
    match = _CREDIT.fullmatch(text.strip())
    return (match.group(1) or match.group(2)).strip() if match else None


@dataclass(slots=True)
class _State:
    open: bool = False  # inside a quote run
    long_run: bool = False  # the run may go on past its first paragraph
    source: str | None = None  # the run's outlet
    context: str | None = None  # the outlet of the last quote opened on the page
    quoted_before: bool = False  # a quote run has been opened on the page
    first_person: bool = False  # the page's writer has said "I", "we" or "our"
    weak: bool = False  # after a colon lead-in with no outlet known: copy marks needed

    def start(self, source: str | None, *, long_run: bool) -> None:
        self.open, self.source, self.quoted_before, self.long_run = True, source, True, long_run
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
        state.open = state.long_run
        return Label(Voice.QUOTED, source=state.source)
    resumes = register.attributes(line) or register.continues_excerpt(line)
    if not state.open and state.quoted_before and state.first_person and not own and resumes:
        state.start(state.context, long_run=True)
        return Label(Voice.QUOTED, source=state.source)
    if state.weak and not own and register.looks_reproduced(line):
        state.start(None, long_run=False)
        state.open = False
        return Label(Voice.QUOTED)
    state.open = False
    return OWN


def _lead_in(line: str, label: Label, state: _State) -> None:
    """Open a quote for the next block when this one leads into it."""
    stripped = line.rstrip()
    long_run = state.first_person or register.word_count(stripped) <= STANDALONE_LEAD_IN_MAX_WORDS
    outlet = named_outlet(_last_sentence(stripped)) if stripped.endswith((":", ";")) else None
    if outlet is not None and state.context is not None and set(outlet.split()) <= set(state.context.split()):
        outlet = state.context  # "The Herald goes on:" after "From the Potomac Herald:"
    if outlet is not None:
        state.start(outlet, long_run=long_run)
        return
    if label.voice is not Voice.OWN:
        return
    reference = article_reference(line)
    if reference is not None and state.first_person:
        state.start(reference, long_run=True)
    elif stripped.endswith(":") and state.context is not None:
        state.start(state.context, long_run=long_run)
    elif stripped.endswith(":"):
        state.weak = True


def _blockquote(preset: Label, credit: str | None, state: _State) -> Label:
    """Resolve an HTML quote: quoted when its origin is shown, else own."""
    source = preset.source or credit or (state.source if state.open else None)
    shown = not preset.tentative or source is not None or state.open or state.weak
    state.open, state.weak = False, False
    return Label(Voice.QUOTED, source=source, group=preset.group) if shown else OWN


def label_quotes(text: str, blocks: list[Block], labels: list[Label | None]) -> list[Label]:
    """Fill every unlabelled block with `own` or `quoted`; preset labels are kept.

    Comment and boilerplate blocks close any open quote run.
    """
    state = _State()
    in_list = _list_neighbours(text, blocks)
    result: list[Label] = []
    credited: Label | None = None  # the quote a credit line below it belongs to
    for i, block in enumerate(blocks):
        line = block.text(text)
        preset = labels[i]
        if preset is not None and preset.voice is Voice.QUOTED:
            following = blocks[i + 1].text(text) if i + 1 < len(blocks) and labels[i + 1] is None else ""
            credit = credit_line(following) if following else None
            result.append(_blockquote(preset, credit, state))
            credited = result[-1] if credit is not None and result[-1].voice is Voice.QUOTED else None
            continue
        if credited is not None:
            result.append(credited)
            credited = None
            continue
        if preset is not None:
            result.append(preset)
            if preset.voice is Voice.COMMENT or ends_excerpt(line):
                state.open = False
            continue
        dash_outlet = dash_suffix_outlet(line, in_list=in_list[i])
        if dash_outlet is not None:
            state.start(dash_outlet, long_run=True)
            result.append(Label(Voice.QUOTED, source=dash_outlet))
            continue
        label = _classify(line, state)
        state.weak = False
        if label.voice is Voice.OWN and register.speaks_in_first_person(line):
            state.first_person = True
        result.append(label)
        _lead_in(line, label, state)
    return result
