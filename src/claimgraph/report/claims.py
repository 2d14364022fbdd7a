"""The claims table (verdict badges, stance bars) and each claim's evidence with its chain.

Stances are aggregated per holder, keeping an outlet's own voice apart from the speakers
it quotes: "Reuters agrees" and "an official quoted by Reuters agrees" are different facts.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import anchor, css_token, esc, more_note, name_of, number

STANCES = ("agree", "disagree", "discuss")
VERDICTS = frozenset({"corroborated", "disputed", "denied", "single-source", "unverified"})
HOLDER_KINDS = {"source": "own voice", "speaker": "quoted speaker"}
VOICES = frozenset({"own", "quoted", "comment", "boilerplate"})
# Evidence shown per claim; the rest is counted. Five keeps a 2,000-claim, 10,000-document report
# near 12 MB (benchmarks/report.py) and still shows each side of a typical disputed claim.
MAX_EVIDENCE_PER_CLAIM = 5
MAX_SPANS_PER_STANCE = 2  # a stance rarely rests on more than two sentences worth reading
MAX_EVIDENCE_CHARS = 600  # about three sentences; longer spans are cut with an ellipsis
MAX_HOLDER_ROWS = 8  # holders listed per claim in the per-source bars; the rest counted


def _stances(claim: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for s in claim.get("stances") or () if isinstance(s, dict)]


def _verdict(claim: dict[str, Any]) -> dict[str, Any]:
    verdict = claim.get("verdict")
    return verdict if isinstance(verdict, dict) else {}


def verdict_badge(verdict: dict[str, Any]) -> str:
    label = verdict.get("label") or "unverified"
    token = css_token(label, VERDICTS)
    confidence = number(verdict.get("confidence"))
    conf = f" {confidence:.0%}" if confidence is not None else ""
    return f'<span class="badge vd-{token}">{esc(label)}{esc(conf)}</span>'


def stance_bar(counts: Counter[str]) -> str:
    """A stacked agree/disagree/discuss bar with the counts as text beside it."""
    total = sum(counts[s] for s in STANCES)
    if not total:
        return '<span class="muted">none</span>'
    parts = "".join(
        f'<span class="st-{s}" style="width:{100 * counts[s] / total:.0f}%"></span>'
        for s in STANCES
        if counts[s]
    )
    label = " · ".join(f"{counts[s]} {s}" for s in STANCES if counts[s])
    return f'<span class="bar">{parts}</span> <span class="count">{esc(label)}</span>'


def _counts(stances: list[dict[str, Any]], kind: str) -> Counter[str]:
    return Counter(str(s.get("stance")) for s in stances if s.get("holder_kind") == kind)


def claims_table(index: ExportIndex) -> str:
    rows = []
    for n, claim in enumerate(index.claims, 1):
        stances = _stances(claim)
        verdict = _verdict(claim)
        token = css_token(verdict.get("label") or "unverified", VERDICTS)
        outlets = {s.get("holder") for s in stances if s.get("holder_kind") == "source"}
        rows.append(
            f'<tr data-verdict="{token}"><td class="num">{n}</td>'
            f'<td><a href="#{anchor("claim", claim.get("id"))}">{esc(claim.get("text"))}</a></td>'
            f"<td>{verdict_badge(verdict)}</td>"
            f'<td class="bars">{stance_bar(_counts(stances, "source"))}</td>'
            f'<td class="bars">{stance_bar(_counts(stances, "speaker"))}</td>'
            f'<td class="num">{len(outlets)}</td></tr>'
        )
    options = "".join(f'<option value="{css_token(v, VERDICTS)}">{esc(v)}</option>' for v in sorted(VERDICTS))
    return (
        '<div class="filters"><input id="claim-filter" type="search" placeholder="Filter claims">'
        f'<select id="verdict-filter"><option value="">all verdicts</option>{options}</select></div>'
        '<table id="claims-table"><thead><tr><th>#</th><th>Claim</th><th>Verdict</th>'
        "<th>Outlets, own voice</th><th>Quoted speakers</th><th>Outlets</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _holder_rows(stances: list[dict[str, Any]]) -> str:
    by_holder: dict[tuple[str, str], Counter[str]] = {}
    for s in stances:
        key = (str(s.get("holder_kind")), str(s.get("holder") or "unnamed"))
        by_holder.setdefault(key, Counter())[str(s.get("stance"))] += 1
    ordered = sorted(by_holder.items(), key=lambda kv: (kv[0][0] != "source", -sum(kv[1].values()), kv[0][1]))
    rows = "".join(
        f'<tr><td>{esc(holder)}</td><td class="kind-{css_token(kind, frozenset(HOLDER_KINDS))}">'
        f"{esc(HOLDER_KINDS.get(kind, kind))}</td><td>{stance_bar(counts)}</td></tr>"
        for (kind, holder), counts in ordered[:MAX_HOLDER_ROWS]
    )
    more = len(ordered) - MAX_HOLDER_ROWS
    tail = f'<tr><td colspan="3" class="muted">and {more} more holders</td></tr>' if more > 0 else ""
    return f'<table class="holders"><tbody>{rows}{tail}</tbody></table>'


def _chain(index: ExportIndex, stance: dict[str, Any], evidence: dict[str, Any]) -> list[str]:
    """Outlet → … → speaker: from the stance's statement, else the statement holding the evidence."""
    statement = index.statement_by_id.get(str(stance.get("statement_id"))) or index.statement_at(
        evidence.get("doc_id") or stance.get("doc_id"), evidence.get("start"), evidence.get("end")
    )
    if statement and statement.get("chain"):
        return [str(x) for x in statement["chain"]]
    outlet = index.outlet(stance.get("doc_id")) or "unknown outlet"
    return [outlet] if stance.get("holder_kind") == "source" else [outlet, str(stance.get("holder") or "")]


def _voice_of(index: ExportIndex, evidence: dict[str, Any]) -> str:
    if evidence.get("voice"):
        return str(evidence["voice"])
    doc = index.doc_by_id.get(str(evidence.get("doc_id")))
    start = evidence.get("start")
    for seg in (doc or {}).get("segments") or ():
        if isinstance(start, int) and seg.get("start", 0) <= start < seg.get("end", 0):
            return str(seg.get("voice"))
    return "unknown"


def _shown(stances: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Strongest stance of each holder first, so capped evidence still shows every side."""
    ranked = sorted(stances, key=lambda s: -(number(s.get("score")) or 0.0))
    seen: set[tuple[Any, Any]] = set()
    first, rest = [], []
    for s in ranked:
        key = (s.get("holder"), s.get("stance"))
        (rest if key in seen else first).append(s)
        seen.add(key)
    return (first + rest)[:MAX_EVIDENCE_PER_CLAIM]


def _evidence_item(index: ExportIndex, stance: dict[str, Any], doc_links: set[str]) -> str:
    doc_id = stance.get("doc_id")
    doc = index.doc_by_id.get(str(doc_id)) or {}
    where = esc(index.outlet(doc_id) or doc_id)
    if str(doc_id) in doc_links:
        where = f'<a href="#{anchor("doc", doc_id)}">{where}</a>'
    spans = [e for e in stance.get("evidence") or () if isinstance(e, dict)][:MAX_SPANS_PER_STANCE]
    quotes = []
    for ev in spans:
        text = str(ev.get("text") or "")
        if len(text) > MAX_EVIDENCE_CHARS:
            text = text[:MAX_EVIDENCE_CHARS] + "…"
        voice = _voice_of(index, ev)
        chain = " → ".join(_chain(index, stance, ev))
        quotes.append(
            f'<div class="ev"><span class="voice v-{css_token(voice, VOICES)}">{esc(voice)}</span> '
            f'<span class="chain" title="attribution chain">{esc(chain)}</span>'
            f"<blockquote>{esc(text)}</blockquote></div>"
        )
    kind = str(stance.get("holder_kind"))
    score = number(stance.get("score"))
    score_text = f" {score:.2f}" if score is not None else ""
    return (
        f'<li class="ev-item"><span class="badge st-{css_token(stance.get("stance"), frozenset(STANCES))}">'
        f"{esc(stance.get('stance'))}{esc(score_text)}</span> "
        f'<b>{esc(stance.get("holder"))}</b> <span class="muted">({esc(HOLDER_KINDS.get(kind, kind))})</span>'
        f' in {where} <span class="muted">{esc(doc.get("published"))}</span>{"".join(quotes)}</li>'
    )


def _contradictions(items: list[dict[str, Any]]) -> str:
    if not items:
        return ""
    lis = "".join(f"<li>{esc(c.get('reason'))}</li>" for c in items)
    return f'<div class="contra"><b>Contradictions</b><ul>{lis}</ul></div>'


def claim_details(index: ExportIndex, doc_links: set[str]) -> str:
    """One collapsed block per claim: verdict explanation, per-holder bars, capped evidence."""
    contradicted: dict[Any, list[dict[str, Any]]] = {}
    for c in index.contradictions:
        contradicted.setdefault(c.get("claim_id"), []).append(c)
    blocks = []
    for claim in index.claims:
        stances = _stances(claim)
        verdict = _verdict(claim)
        triple = " — ".join(
            esc(x)
            for x in (name_of(claim.get("subject")), claim.get("relation"), name_of(claim.get("object")))
            if x
        )
        shown = _shown(stances)
        tail = more_note(len(stances) - len(shown), "stances")
        evidence = "".join(_evidence_item(index, s, doc_links) for s in shown)
        blocks.append(
            f'<details class="claim" id="{anchor("claim", claim.get("id"))}"><summary>'
            f"{verdict_badge(verdict)} {esc(claim.get('text'))}</summary>"
            f'<p class="triple">{triple}</p><p class="explanation">{esc(verdict.get("explanation"))}</p>'
            f"{_holder_rows(stances)}"
            f"{_contradictions(contradicted.get(claim.get('id'), []))}"
            f'<ol class="evidence">{evidence}</ol>{tail}</details>'
        )
    return "".join(blocks)
