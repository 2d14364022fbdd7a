"""Assemble the report page: each section's values rendered by jinja2 templates, autoescaped.

The page is one file: styles and a few lines of script are inline, pictures are inline SVG,
and a Content-Security-Policy forbids every network request and every script but ours
(pinned by its hash), so even a missed escape could not run injected code. Templates live in
`report/templates/`; autoescape is on for all of them (`report/templating.py`) and none marks
export text safe: only our own stylesheet and script are passed as `Markup`.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from claimgraph.report.claims import VERDICTS, claim_views
from claimgraph.report.documents import MAX_FULL_DOCUMENTS, documents_view, ordered_documents
from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import css_token, number, readable_source, wilson
from claimgraph.report.relations import MAX_LISTED, graph_view
from claimgraph.report.style import CSS, SCRIPT
from claimgraph.report.templating import render
from claimgraph.report.timeline import timeline_view

DEFAULT_TITLE = "claimgraph report"
MAX_OUTLET_ROWS = 200  # outlets in the reliability table; the export has them all
NAV = (("claims", "Claims"), ("evidence", "Evidence per claim"), ("outlets", "Outlets"),
       ("graph", "Relation graph"), ("timeline", "Timeline"), ("documents", "Documents"))  # fmt: skip


@dataclass(slots=True)
class OutletRow:
    name: str
    value: str
    width: float
    interval: str
    documents: str


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _verdict_counts(index: ExportIndex) -> list[tuple[str, str, int]]:
    verdicts = Counter(
        str((c.get("verdict") or {}).get("label") or "unverified")
        if isinstance(c.get("verdict"), dict | None)
        else "unverified"
        for c in index.claims
    )
    return [(label, css_token(label, VERDICTS), n) for label, n in verdicts.most_common()]


def _sizes(index: ExportIndex) -> str:
    return ", ".join(
        f"{len(items)} {name}"
        for name, items in (
            ("documents", index.documents),
            ("actors", index.actors),
            ("statements", index.statements),
            ("events", index.events),
            ("claims", index.claims),
            ("contradictions", index.contradictions),
        )
    )


def outlet_rows(index: ExportIndex) -> list[OutletRow]:
    """Reliability, a rough 95% range (Wilson, one observation per document) and the document count."""
    ranked = sorted(index.sources, key=lambda s: -(number(s.get("reliability")) or 0.0))
    rows = []
    for s in ranked[:MAX_OUTLET_ROWS]:
        value = min(max(number(s.get("reliability")) or 0.0, 0.0), 1.0)
        documents = number(s.get("documents"))
        bounds = wilson(value * documents, documents) if documents else None
        interval = f"{bounds[0]:.2f}–{bounds[1]:.2f}" if bounds else "unknown"
        name = readable_source(s.get("name")) or "unnamed outlet"
        count = str(int(documents)) if documents is not None else "?"
        rows.append(OutletRow(name, f"{value:.2f}", 100 * value, interval, count))
    return rows


def render_report(export: dict[str, Any], *, title: str = DEFAULT_TITLE) -> str:
    """The whole report as one self-contained HTML page, from an export-contract dict."""
    index = ExportIndex.build(export)
    docs = ordered_documents(index)
    linked = {str(d.get("id")) for d in docs[:MAX_FULL_DOCUMENTS]}
    return (
        render(
            "page.html.j2",
            title=title,
            csp=_csp(),
            css=Markup(CSS),
            script=Markup(SCRIPT),
            sizes=_sizes(index),
            verdict_counts=_verdict_counts(index),
            nav=NAV,
            claims=claim_views(index, linked),
            verdict_options=[(css_token(v, VERDICTS), v) for v in sorted(VERDICTS)],
            outlets=outlet_rows(index),
            outlets_more=max(0, len(index.sources) - MAX_OUTLET_ROWS),
            graph=graph_view(index),
            max_listed=MAX_LISTED,
            timeline=timeline_view(index, linked),
            documents=documents_view(index, docs),
        )
        + "\n"
    )
