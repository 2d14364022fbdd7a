"""The per-document view: text coloured by voice, quoted outlets and commenters labelled.

Only the documents most cited as evidence get their full text (then by date); the rest are
listed, so a 10,000-document report stays small enough to open.
"""

from __future__ import annotations

from typing import Any

from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import anchor, css_token, esc, more_note

VOICES = frozenset({"own", "quoted", "comment", "boilerplate"})
MAX_FULL_DOCUMENTS = 40  # full texts shown; ~3 KB each keeps this section near 150 KB
MAX_LISTED_DOCUMENTS = 2000  # listed without text; the export holds the rest
MAX_DOCUMENT_CHARS = 20_000  # a long page is cut here: about ten screens of text
MAX_STATEMENTS_SHOWN = 25  # statements listed under a document's text


def ordered_documents(index: ExportIndex) -> list[dict[str, Any]]:
    """Most cited as evidence first, then newest, then by id: deterministic."""
    docs = sorted(index.documents, key=lambda d: str(d.get("id")))
    docs.sort(key=lambda d: str(d.get("published") or ""), reverse=True)
    docs.sort(key=lambda d: -index.evidence_refs[str(d.get("id"))])
    return docs


def _segment_label(seg: dict[str, Any]) -> str:
    voice = seg.get("voice")
    if voice == "quoted":
        return f"quoted from {seg['source']}" if seg.get("source") else "quoted, source not named"
    if voice == "comment":
        return f"comment by {seg['author']}" if seg.get("author") else "reader comment"
    return ""


def coloured_text(doc: dict[str, Any]) -> str:
    """The document's text with each voiced segment wrapped and labelled; gaps kept as plain text."""
    text = str(doc.get("text") or "")[:MAX_DOCUMENT_CHARS]
    segments = sorted(
        (s for s in doc.get("segments") or () if isinstance(s, dict) and isinstance(s.get("start"), int)),
        key=lambda s: s["start"],
    )
    out, cursor = [], 0
    for seg in segments:
        start, end = max(seg["start"], cursor), min(int(seg.get("end") or 0), len(text))
        if start >= end:
            continue
        out.append(esc(text[cursor:start]))
        label = _segment_label(seg)
        tag = f'<span class="tag">{esc(label)}</span>' if label else ""
        voice = css_token(seg.get("voice"), VOICES)
        out.append(
            f'<span class="seg v-{voice}" title="{esc(seg.get("voice"))}">{tag}{esc(text[start:end])}</span>'
        )
        cursor = end
    out.append(esc(text[cursor:]))
    cut = len(str(doc.get("text") or "")) - len(text)
    more = f'<p class="muted">… {cut} more characters in the export.</p>' if cut > 0 else ""
    return f'<div class="doctext">{"".join(out)}</div>{more}'


def _statements(index: ExportIndex, doc_id: str) -> str:
    items = index.statements_by_doc.get(doc_id, [])
    if not items:
        return ""
    rows = []
    for s in items[:MAX_STATEMENTS_SHOWN]:
        speaker = s.get("speaker") if isinstance(s.get("speaker"), dict) else {}
        who = speaker.get("name") or speaker.get("description") or "unnamed"
        chain = " → ".join(str(x) for x in s.get("chain") or ())
        rows.append(
            f'<tr><td><span class="voice v-{css_token(s.get("voice"), VOICES)}">'
            f"{esc(s.get('voice'))}</span></td>"
            f"<td>{esc(who)}</td><td>{esc(s.get('cue'))}</td><td>{esc(s.get('content'))}</td>"
            f'<td class="chain">{esc(chain)}</td></tr>'
        )
    tail = more_note(len(items) - MAX_STATEMENTS_SHOWN, "statements")
    return (
        '<table class="statements"><thead><tr><th>Voice</th><th>Speaker</th><th>Cue</th><th>Said</th>'
        f"<th>Attribution chain</th></tr></thead><tbody>{''.join(rows)}</tbody></table>{tail}"
    )


def _heading(doc: dict[str, Any]) -> str:
    return (
        f"<b>{esc(doc.get('outlet') or 'unknown outlet')}</b> · {esc(doc.get('title') or doc.get('uri'))}"
        f' <span class="muted">{esc(doc.get("published"))} · {esc(doc.get("author"))}'
        f" · {esc(doc.get('id'))}</span>{_language_note(doc)}"
    )


def _language_note(doc: dict[str, Any]) -> str:
    """A document in another language was stored, not analysed: the models are English-only."""
    language = doc.get("language")
    if language in (None, "en", "und"):
        return ""
    return f' <span class="badge">{esc(language)}: not analysed (English-only models)</span>'


def languages_note(docs: list[dict[str, Any]]) -> str:
    """One line counting the documents skipped for their language, or nothing."""
    counts: dict[str, int] = {}
    for doc in docs:
        if doc.get("language") not in (None, "en", "und"):
            counts[str(doc["language"])] = counts.get(str(doc["language"]), 0) + 1
    if not counts:
        return ""
    listed = ", ".join(
        f"{esc(code)} {n}" for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    )
    return (
        f'<p class="muted">{sum(counts.values())} document(s) not in English ({listed}): stored, but no '
        "actors, statements, events or stances are read from them (the models are English-only).</p>"
    )


def documents_section(index: ExportIndex, docs: list[dict[str, Any]]) -> str:
    full = docs[:MAX_FULL_DOCUMENTS]
    listed = docs[MAX_FULL_DOCUMENTS : MAX_FULL_DOCUMENTS + MAX_LISTED_DOCUMENTS]
    blocks = [
        f'<details class="doc" id="{anchor("doc", d.get("id"))}"><summary>{_heading(d)}'
        f' <span class="muted">· cited {index.evidence_refs[str(d.get("id"))]}×</span></summary>'
        f"{coloured_text(d)}{_statements(index, str(d.get('id')))}</details>"
        for d in full
    ]
    items = "".join(f'<li id="{anchor("doc", d.get("id"))}">{_heading(d)}</li>' for d in listed)
    rest = len(docs) - len(full) - len(listed)
    tail = f'<p class="muted">and {rest} more documents in the export.</p>' if rest > 0 else ""
    listing = f'<h3>More documents, without text</h3><ul class="doclist">{items}</ul>' if items else ""
    legend = (
        '<p class="legend"><span class="seg v-own">own voice</span> <span class="seg v-quoted">quoted outlet'
        '</span> <span class="seg v-comment">reader comment</span> <span class="seg v-boilerplate">'
        "boilerplate</span></p>"
    )
    return f"{legend}{languages_note(docs)}{''.join(blocks)}{listing}{tail}"
