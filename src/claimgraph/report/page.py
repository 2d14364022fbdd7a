"""Assemble the report page from its sections.

The page is one file: styles and a few lines of script are inline, pictures are inline SVG,
and a Content-Security-Policy forbids every network request and every script but ours
(pinned by its hash), so even a missed escape could not run injected code.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from typing import Any

from claimgraph.report.claims import VERDICTS, claim_details, claims_table
from claimgraph.report.documents import MAX_FULL_DOCUMENTS, documents_section, ordered_documents
from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import css_token, esc, more_note, number
from claimgraph.report.relations import relation_svg
from claimgraph.report.style import CSS, SCRIPT
from claimgraph.report.timeline import timeline_section

DEFAULT_TITLE = "claimgraph report"
MAX_SOURCE_ROWS = 200  # outlets in the reliability table; the export has them all


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )


def _summary(index: ExportIndex) -> str:
    verdicts = Counter(
        str((c.get("verdict") or {}).get("label") or "unverified")
        if isinstance(c.get("verdict"), dict | None)
        else "unverified"
        for c in index.claims
    )
    counts = " ".join(
        f'<span class="badge vd-{css_token(label, VERDICTS)}">{esc(label)} {n}</span>'
        for label, n in verdicts.most_common()
    )
    sizes = ", ".join(
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
    return f'<p class="summary">{esc(sizes)}</p><p>{counts}</p>'


def _sources(index: ExportIndex) -> str:
    if not index.sources:
        return '<p class="muted">No source reliabilities in this export.</p>'
    ranked = sorted(index.sources, key=lambda s: -(number(s.get("reliability")) or 0.0))
    rows = []
    for s in ranked[:MAX_SOURCE_ROWS]:
        value = number(s.get("reliability")) or 0.0
        rows.append(
            f'<tr><td>{esc(s.get("name"))}</td><td><span class="bar"><span class="st-agree"'
            f' style="width:{100 * min(max(value, 0.0), 1.0):.1f}%"></span></span>'
            f' <span class="count">{value:.2f}</span></td><td class="num">{esc(s.get("documents"))}</td></tr>'
        )
    tail = more_note(len(ranked) - MAX_SOURCE_ROWS, "sources")
    return (
        "<table><thead><tr><th>Source</th><th>Estimated reliability</th><th>Documents</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{tail}"
    )


def render_report(export: dict[str, Any], *, title: str = DEFAULT_TITLE) -> str:
    """The whole report as one self-contained HTML page, from an export-contract dict."""
    index = ExportIndex.build(export)
    docs = ordered_documents(index)
    linked = {str(d.get("id")) for d in docs[:MAX_FULL_DOCUMENTS]}
    sections = (
        ("claims", "Claims", claims_table(index) if index.claims else '<p class="muted">No claims.</p>'),
        ("evidence", "Evidence per claim", claim_details(index, linked)),
        ("sources", "Sources", _sources(index)),
        ("graph", "Relation graph", relation_svg(index)),
        ("timeline", "Timeline", timeline_section(index)),
        ("documents", "Documents", documents_section(index, docs)),
    )
    nav = "".join(f'<a href="#{key}">{name}</a>' for key, name, _ in sections)
    body = "".join(f'<section id="{key}"><h2>{name}</h2>{html}</section>' for key, name, html in sections)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_csp()}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>{esc(title)}</h1>{_summary(index)}<nav>{nav}</nav></header>"
        f"<main>{body}</main><script>{SCRIPT}</script></body></html>\n"
    )
