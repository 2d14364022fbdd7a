"""The per-document view: text coloured by voice, quoted outlets and commenters labelled.

Only the documents most cited as evidence get their full text (then by date); the rest are
listed, so a 10,000-document report stays small enough to open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from claimgraph.report.index import ExportIndex
from claimgraph.report.markup import anchor, css_token, readable_source

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


@dataclass(slots=True)
class Part:
    """A run of a document's text: plain (`voice` empty) or one voiced segment with its label."""

    text: str
    voice: str = ""
    token: str = ""
    label: str = ""


@dataclass(slots=True)
class StatementRow:
    voice: str
    token: str
    who: str
    cue: str
    content: str
    chain: str


@dataclass(slots=True)
class DocView:
    id: str
    outlet: str
    title: str
    published: str
    author: str
    language: str  # set only for a document the English-only models skipped
    cited: int
    parts: list[Part]
    cut: int  # characters not shown
    statements: list[StatementRow]
    statements_more: int


def coloured_text(doc: dict[str, Any]) -> tuple[list[Part], int]:
    """The document's text cut into voiced segments and the gaps between; and how much was cut."""
    full = str(doc.get("text") or "")
    text = full[:MAX_DOCUMENT_CHARS]
    segments = sorted(
        (s for s in doc.get("segments") or () if isinstance(s, dict) and isinstance(s.get("start"), int)),
        key=lambda s: s["start"],
    )
    parts, cursor = [], 0
    for seg in segments:
        start, end = max(seg["start"], cursor), min(int(seg.get("end") or 0), len(text))
        if start >= end:
            continue
        parts.append(Part(text[cursor:start]))
        voice = str(seg.get("voice"))
        parts.append(Part(text[start:end], voice, css_token(voice, VOICES), _segment_label(seg)))
        cursor = end
    parts.append(Part(text[cursor:]))
    return [p for p in parts if p.text], len(full) - len(text)


def _statements(index: ExportIndex, doc_id: str) -> tuple[list[StatementRow], int]:
    items = index.statements_by_doc.get(doc_id, [])
    rows = []
    for s in items[:MAX_STATEMENTS_SHOWN]:
        speaker: dict[str, Any] = s["speaker"] if isinstance(s.get("speaker"), dict) else {}
        who = speaker.get("name") or speaker.get("description") or "unnamed"
        chain = " → ".join(readable_source(x) or str(x) for x in s.get("chain") or ())
        rows.append(StatementRow(str(s.get("voice")), css_token(s.get("voice"), VOICES), str(who),
                                 str(s.get("cue") or ""), str(s.get("content") or ""), chain))  # fmt: skip
    return rows, max(0, len(items) - MAX_STATEMENTS_SHOWN)


def _language(doc: dict[str, Any]) -> str:
    """A document in another language was stored, not analysed: the models are English-only."""
    language = doc.get("language")
    return "" if language in (None, "en", "und") else str(language)


def languages_note(docs: list[dict[str, Any]]) -> tuple[int, str]:
    """How many documents were skipped for their language, and "fa 1, ja 1" by count."""
    counts: dict[str, int] = {}
    for doc in docs:
        if _language(doc):
            counts[str(doc["language"])] = counts.get(str(doc["language"]), 0) + 1
    listed = ", ".join(f"{code} {n}" for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return sum(counts.values()), listed


def doc_view(index: ExportIndex, doc: dict[str, Any], *, full: bool) -> DocView:
    doc_id = str(doc.get("id"))
    parts, cut = coloured_text(doc) if full else ([], 0)
    statements, more = _statements(index, doc_id) if full else ([], 0)
    return DocView(
        id=anchor("doc", doc_id),
        outlet=index.outlet(doc_id) or "unknown outlet",
        title=index.doc_label(doc_id),
        published=str(doc.get("published") or ""),
        author=str(doc.get("author") or ""),
        language=_language(doc),
        cited=index.evidence_refs[doc_id],
        parts=parts,
        cut=cut,
        statements=statements,
        statements_more=more,
    )


@dataclass(slots=True)
class DocumentsView:
    full: list[DocView]
    listed: list[DocView]
    more: int
    other_languages: int
    languages: str


def documents_view(index: ExportIndex, docs: list[dict[str, Any]]) -> DocumentsView:
    full = docs[:MAX_FULL_DOCUMENTS]
    listed = docs[MAX_FULL_DOCUMENTS : MAX_FULL_DOCUMENTS + MAX_LISTED_DOCUMENTS]
    skipped, languages = languages_note(docs)
    return DocumentsView(
        [doc_view(index, d, full=True) for d in full],
        [doc_view(index, d, full=False) for d in listed],
        len(docs) - len(full) - len(listed),
        skipped,
        languages,
    )
