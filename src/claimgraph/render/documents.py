"""`claimgraph show`: one document coloured by voice, then its statements and events, one line each."""

from __future__ import annotations

from rich.text import Text

from claimgraph.model import Document, Event, Statement, Voice
from claimgraph.naming import CHAIN_SEPARATOR, speaker_label
from claimgraph.render.console import snippet

VOICE_STYLES = {Voice.OWN: "default", Voice.QUOTED: "cyan", Voice.COMMENT: "yellow", Voice.BOILERPLATE: "dim"}


def render_document(doc: Document, sources: list[str]) -> Text:
    """Title, metadata, where it was read from, then every segment labelled with its voice."""
    text = Text()
    text.append(f"{doc.title or '(no title)'}\n", style="bold")
    meta = [f"id {doc.id}", doc.outlet, doc.published, doc.author and f"by {doc.author}"]
    text.append(" · ".join(m for m in meta if m) + "\n", style="dim")
    text.append("from " + ", ".join(sources or [doc.uri]) + "\n\n", style="dim")
    for seg in doc.segments:
        label = seg.voice.value
        if seg.source:
            label += f" · {seg.source}"
        if seg.author:
            label += f" · {seg.author}"
        style = VOICE_STYLES[seg.voice]
        text.append(f"[{label}] ", style=f"bold {style}" if seg.voice != Voice.BOILERPLATE else style)
        text.append(doc.segment_text(seg) + "\n", style=style)
    return text


def statement_line(s: Statement) -> Text:
    """speaker → “content” (cue · voice · chain a > b > c)."""
    line = Text()
    line.append(speaker_label(s.speaker), style="bold")
    line.append(f" → “{snippet(s.content)}” ")
    chain = "chain " + CHAIN_SEPARATOR.join(s.chain)
    details = [s.cue, s.voice.value, "direct" if s.direct else "indirect", chain]
    line.append(f"({' · '.join(details)})", style="dim")
    return line


def event_line(e: Event) -> Text:
    """actor ACTION target [place, date] (modality · cameo)."""
    line = Text()
    line.append(e.actor.name, style="bold")
    line.append(f" {e.action.upper()}")
    if e.target is not None:
        line.append(f" {e.target.name}", style="bold")
    where = ", ".join(x for x in (e.place, e.date) if x)
    if where:
        line.append(f" [{where}]")
    line.append(f" ({e.modality} · {e.voice.value}{' · CAMEO ' + e.cameo if e.cameo else ''})", style="dim")
    return line


def render_findings(statements: list[Statement], events: list[Event]) -> Text:
    """A document's statements, then its events, under counted headings."""
    text = Text()
    text.append(f"\nStatements ({len(statements)})\n", style="bold underline")
    for s in statements:
        text.append("  ").append(statement_line(s)).append("\n")
    text.append(f"\nEvents ({len(events)})\n", style="bold underline")
    for e in events:
        text.append("  ").append(event_line(e)).append("\n")
    return text
