"""Lookups over an export dict, built once, so each section renders in one pass.

The export is the contract of docs/schema.md; the report reads it defensively (`.get`
everywhere), because a report of a half-built store should still open.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from claimgraph.export.records import JSON_LISTS
from claimgraph.model import Event
from claimgraph.report import as_model
from claimgraph.report.markup import date_of, readable_source

# Statements starting before an evidence span that may still contain it: reported speech
# nests (outlet quotes outlet quotes official) but never more than a few levels deep.
STATEMENT_LOOKBACK = 8
MAX_TITLE_CHARS = 90  # a title longer than a line is usually the first sentence of the text


def _list(export: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = export.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


@dataclass(slots=True)
class ExportIndex:
    """The export's lists (fields in `JSON_LISTS` order) plus the lookups sections share."""

    documents: list[dict[str, Any]]
    actors: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    events: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    contradictions: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    tracked: list[dict[str, Any]] = field(default_factory=list)
    doc_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    actor_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    statement_by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    statements_by_doc: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _statement_starts: dict[str, list[int]] = field(default_factory=dict)
    evidence_refs: Counter[str] = field(default_factory=Counter)
    _model_events: list[Event] | None = None

    @classmethod
    def build(cls, export: dict[str, Any]) -> ExportIndex:
        index = cls(*(_list(export, k) for k in JSON_LISTS))
        index.claims = [*index.tracked, *index.claims]  # claims the user follows come first
        index.doc_by_id = {str(d.get("id")): d for d in index.documents}
        index.actor_by_id = {str(a.get("id")): a for a in index.actors}
        index.statement_by_id = {str(s.get("id")): s for s in index.statements}
        by_doc: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in index.statements:
            by_doc[str(s.get("doc_id"))].append(s)
        for doc_id, items in by_doc.items():
            items.sort(key=lambda s: _int(s.get("start")))
            index._statement_starts[doc_id] = [_int(s.get("start")) for s in items]
        index.statements_by_doc = dict(by_doc)
        for claim in index.claims:
            for stance in claim.get("stances") or ():
                if isinstance(stance, dict):
                    index.evidence_refs[str(stance.get("doc_id"))] += 1
        return index

    def model_events(self) -> list[Event]:
        """The events as model `Event`s (report/as_model.py), converted once: the graph and the
        timeline both read them."""
        if self._model_events is None:
            self._model_events = as_model.events(self.events)
        return self._model_events

    def doc_date(self, doc_id: Any) -> dt.date | None:
        doc = self.doc_by_id.get(str(doc_id))
        return date_of(doc.get("published")) if doc else None

    def outlet(self, doc_id: Any) -> str | None:
        """The document's outlet as a person reads it: never a path or `file.csv#135`."""
        doc = self.doc_by_id.get(str(doc_id))
        if not doc:
            return None
        return readable_source(doc.get("outlet")) or readable_source(doc.get("uri")) or None

    @staticmethod
    def holder(stance: dict[str, Any]) -> str:
        """Who holds a stance, as shown: an outlet (own voice) made readable, a speaker as written."""
        holder = str(stance.get("holder") or "")
        return (readable_source(holder) or holder) if stance.get("holder_kind") == "source" else holder

    def doc_label(self, doc_id: Any) -> str:
        """Which document of its outlet: the title, else the corpus's own record id, else a short id."""
        doc = self.doc_by_id.get(str(doc_id)) or {}
        title = str(doc.get("title") or "")
        if title:
            return title if len(title) <= MAX_TITLE_CHARS else title[: MAX_TITLE_CHARS - 1] + "…"
        if doc.get("source_id"):
            return f"record {doc['source_id']}"
        return f"document {str(doc_id)[:8]}"

    def statement_at(self, doc_id: Any, start: Any, end: Any) -> dict[str, Any] | None:
        """The statement of a document whose span holds the range start..end, if any."""
        key = str(doc_id)
        starts = self._statement_starts.get(key)
        if not starts:
            return None
        lo, hi = _int(start), _int(end)
        pos = bisect.bisect_right(starts, lo)
        for s in reversed(self.statements_by_doc[key][max(0, pos - STATEMENT_LOOKBACK) : pos]):
            if _int(s.get("start")) <= lo and hi <= _int(s.get("end")):
                return s
        return None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
