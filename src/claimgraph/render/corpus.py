"""What the corpus commands print (`check`, `claim`, `timeline`, `demo`'s summary): rows, rich Text
and the timeline picture built from the store."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from rich.text import Text

from claimgraph.clean.provenance import source_name
from claimgraph.export.records import export_dict
from claimgraph.model import Claim, Contradiction, HolderKind, Stance, Statement, TimelineEntry, Verdict
from claimgraph.naming import CHAIN_SEPARATOR
from claimgraph.outputs import write_text
from claimgraph.store import Store

TIMELINE_COLUMNS = ("date", "from", "kind", "doc", "voice", "text")
VERDICT_STYLES = {
    "corroborated": "green",
    "disputed": "yellow",
    "denied": "red",
    "single-source": "blue",
    "unverified": "dim",
}
STANCE_STYLES = {"agree": "green", "disagree": "red", "discuss": "default", "unrelated": "dim"}
EVIDENCE_CHARS = 240  # an evidence sentence is cut here in `claimgraph claim`
DEMO_CLAIMS = 8  # claims the demo summary lists
PICTURE_SUFFIXES = (".svg", ".html")
# What a stance's holder kind is called on screen: "outlet" everywhere a person reads (CLI and report).
HOLDER_WORDS = {"source": "outlet", "speaker": "speaker"}
EMPTY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="30"><text y="20">Nothing dated.</text></svg>'
)


def render_check(result: dict[str, Any]) -> Text:
    """`claimgraph check`'s page: the verdict, both sides' stances with evidence and chain, history."""
    verdict = result["verdict"]
    text = Text()
    text.append(result["claim"] + "\n", style="bold")
    style = VERDICT_STYLES.get(verdict["label"], "default")
    text.append(f"{verdict['label']} ({verdict['confidence']:.0%})", style=style)
    text.append(f"  {verdict['explanation']}\n")
    if result.get("as_of"):
        text.append(f"as of {result['as_of']}\n", style="dim")
    if result.get("note"):
        text.append(result["note"] + "\n", style="dim")
    for side in ("agree", "disagree", "discuss"):
        stances = [s for s in result["stances"] if s["stance"] == side]
        if not stances:
            continue
        text.append(f"\n{side} ({len(stances)})\n", style=STANCE_STYLES[side] + " bold")
        for s in stances:
            kind = HOLDER_WORDS.get(s["holder_kind"], s["holder_kind"])
            text.append(f"  {s['holder']} [{kind}] {s['score']:.2f}\n")
            for e in s["evidence"][:2]:
                chain = CHAIN_SEPARATOR.join(e.get("chain", []))
                text.append(f"    {e['doc_id']}:{e['start']}-{e['end']} {e['voice']} {chain}: ", style="dim")
                text.append(_cut(e["text"]) + "\n")
    if result["history"]:
        text.append("\nover time\n", style="bold")
        for h in result["history"]:
            text.append(
                f"  {h['date']}  agree {h['agree']}  disagree {h['disagree']}  discuss {h['discuss']}  "
            )
            text.append(h["label"] + "\n", style=VERDICT_STYLES.get(h["label"], "default"))
    return text


def _cut(text: str, limit: int = EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _chain(stance: Stance, statements: dict[str, Statement], outlet: str | None) -> str:
    if stance.statement_id and stance.statement_id in statements:
        return CHAIN_SEPARATOR.join(statements[stance.statement_id].chain)
    return outlet or stance.holder


def render_claim(store: Store, claim: Claim) -> Text:
    """A claim: its triple, verdict and explanation, every stance with evidence, contradictions."""
    verdict: Verdict | None = store.list_verdicts().get(claim.id)
    stances = list(store.iter_stances(claim.id))
    docs = {d.id: d for d in store.list_documents()}
    statements = {
        st.id: st for doc_id in sorted({s.doc_id for s in stances}) for st in store.iter_statements(doc_id)
    }
    text = Text()
    text.append(f"{claim.text}\n", style="bold")
    triple = [
        claim.subject.name if claim.subject else None,
        claim.relation,
        claim.object.name if claim.object else None,
    ]
    meta = [f"id {claim.id}", " · ".join(x for x in triple if x), claim.place and f"in {claim.place}"]
    text.append(" · ".join(m for m in meta if m) + "\n\n", style="dim")
    label = verdict.label.value if verdict else "unverified"
    text.append("Verdict: ").append(label, style=f"bold {VERDICT_STYLES.get(label, 'default')}")
    if verdict:
        text.append(f" (confidence {verdict.confidence:.2f})\n  {verdict.explanation}\n")
    else:
        text.append(" (not computed)\n")
    text.append(f"\nStances ({len(stances)})\n", style="bold underline")
    for s in stances:
        doc = docs.get(s.doc_id)
        outlet = doc.outlet if doc else None
        text.append(f"  {s.holder}", style="bold")
        text.append(f" ({HOLDER_WORDS.get(s.holder_kind.value, s.holder_kind.value)}) ")
        text.append(s.stance.value, style=STANCE_STYLES.get(s.stance.value, "default"))
        text.append(f" {s.score:.2f}  doc {s.doc_id}", style="dim")
        text.append(f" · chain {_chain(s, statements, outlet)}\n", style="dim")
        for e in s.evidence:
            text.append(f"      [{e.voice.value}] “{_cut(e.text)}” ({e.span.start}-{e.span.end})\n")
    found = store.list_contradictions(claim.id)
    text.append(f"\nContradictions ({len(found)})\n", style="bold underline")
    for c in found:
        text.append(f"  {c.reason}\n")
        text.append(f"    {_fact(c, 'a')}  vs  {_fact(c, 'b')}\n", style="dim")
    return text


def _fact(c: Contradiction, side: str) -> str:
    ref = getattr(c, side)
    return f"{ref.kind} {ref.id} (doc {ref.doc_id})"


def timeline_rows(entries: Sequence[TimelineEntry]) -> Iterator[tuple[str, ...]]:
    for e in entries:
        yield (e.date or "", e.date_source or "", e.kind, e.doc_id, e.voice.value, _cut(e.text, 100))


def timeline_picture(store: Store, path: Path, claim: Claim | None, entries: Sequence[TimelineEntry]) -> None:
    """The report's timeline lanes for the selection: an SVG (stances by date, or events between
    actors when no claim is chosen) or an HTML page with both. The SVG's lanes get the store's
    model types straight; the HTML page is the report's timeline section, built from the export."""
    from claimgraph.report.markup import date_of
    from claimgraph.report.style import CSS
    from claimgraph.report.timeline import claim_lanes, lanes_svg, pair_lanes

    if path.suffix.lower() == ".html":
        _timeline_page(store, path, claim, entries)
        return
    if claim is not None:
        days = {d.id: day for d in store.list_documents() if (day := date_of(d.published))}
        lanes, prefix = claim_lanes([(claim.text, list(store.iter_stances(claim.id)))], days), "st"
    else:
        wanted = {e.id for e in entries if e.kind == "event"}
        by_id = {e.id: e for e in store.iter_events() if e.id in wanted}
        events = [(entry, by_id[entry.id]) for entry in entries if entry.id in by_id]
        lanes, prefix = pair_lanes(events, {a.id: a.name for a in store.list_actors()}), "md"
    svg = lanes_svg(lanes, "timeline", prefix) or EMPTY_SVG
    head, rest = svg.split(">", 1)
    write_text(path, f"{head}><style>{CSS}</style>{rest}\n")


def _timeline_page(store: Store, path: Path, claim: Claim | None, entries: Sequence[TimelineEntry]) -> None:
    """The report's timeline section (lanes, dated and undated rows) as a page of its own."""
    from claimgraph.report.index import ExportIndex
    from claimgraph.report.style import CSS
    from claimgraph.report.timeline import timeline_html

    export: dict[str, Any] = export_dict(store)
    if claim is not None:
        export["claims"] = [c for c in export["claims"] if c["id"] == claim.id]
    event_ids = {e.id for e in entries if e.kind == "event"}
    export["events"] = [e for e in export["events"] if e["id"] in event_ids]
    page = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>claimgraph timeline</title>'
        f"<style>{CSS}</style></head><body><main>{timeline_html(ExportIndex.build(export))}</main></body></html>\n"
    )
    write_text(path, page)


def demo_summary(store: Store) -> Text:
    """The claims with their verdicts, then where each document stands on the central claim."""
    claims = store.list_claims()
    text = Text()
    if not claims:
        return text.append("\nNo claims were built.\n")
    verdicts = store.list_verdicts()
    text.append(f"\nClaims ({len(claims)}), most widely carried first:\n", style="bold underline")
    for claim in claims[:DEMO_CLAIMS]:
        v = verdicts.get(claim.id)
        label = v.label.value if v else "unverified"
        text.append("  ").append(f"{label:<14}", style=VERDICT_STYLES.get(label, "default"))
        text.append(f" {claim.text}  ").append(claim.id, style="dim").append("\n")
    central = claims[0]
    docs = {d.id: d for d in store.list_documents()}
    text.append(f"\nWhere each document stands on “{central.text}”:\n", style="bold underline")
    for s in store.iter_stances(central.id):
        doc = docs.get(s.doc_id)
        # A summary has no URL: the full document names an outlet-less, untitled page (never its path).
        where = (doc.outlet or doc.title or source_name(store.get_document(doc.id))) if doc else s.doc_id
        who = "own voice" if s.holder_kind == HolderKind.SOURCE else f"quoted: {s.holder}"
        text.append(f"  {where} ({who}): ").append(
            s.stance.value, style=STANCE_STYLES.get(s.stance.value, "")
        )
        text.append("\n")
    v = verdicts.get(central.id)
    if v:
        text.append(f"Verdict: {v.label.value} ({v.confidence:.2f}). {v.explanation}\n")
    return text
