"""Score statements, events and actors against the example corpus's hand-written gold.

Gold lives in `<corpus>/gold.json` (its `_comment` states the conventions). Each gold
document is found among what `iter_raw` + `clean` yield by its `url`, else by `file` +
`record` (0-based within a feed, JSONL file or WARC). The matching rules are in
`eval/gold_match.py`.

Near-duplicates (`near_duplicate_of` set) are scored apart, under `near_duplicates`: the
pipeline folds a syndicated copy into its original's group, and counting the same sentences
twice would weight one text's successes and failures double in the headline figures.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from claimgraph.clean import clean
from claimgraph.config import IngestOptions
from claimgraph.eval.gold_match import (
    MIN_PREFIX_COVER,
    Scorer,
    action_class,
    coverage,
    greedy,
    locate,
    norm_name,
)
from claimgraph.ingest import iter_raw
from claimgraph.model import Document, Event, IngestError, Speaker, Statement
from claimgraph.nlp.actors import ActorResolver, extract_actors, slug
from claimgraph.nlp.attribution import extract_statements
from claimgraph.nlp.events import extract_events
from claimgraph.taxonomy import SYMMETRIC


def corpus_dir_default() -> Path:
    return Path(__file__).resolve().parents[1] / "example_corpus"


@dataclass(slots=True)
class Tally:
    """Counts of one document set; `misses` lists every gold item not fully right."""

    counts: dict[str, int] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)

    def add(self, key: str, ok: bool = True) -> None:
        self.counts[key] = self.counts.get(key, 0) + int(ok)

    def ratio(self, hits: str, total: str) -> float | None:
        n = self.counts.get(total, 0)
        return round(self.counts.get(hits, 0) / n, 3) if n else None


def _speaker_text(s: Speaker) -> str:
    return s.name or "" if not s.description else f"{s.name or ''} ({s.description})".strip()


def _statement_line(g: dict) -> str:
    speaker = g["speaker"] or g["description"]
    return (
        f"{speaker} | {g['cue']} | {g['content_startswith'][:60]} | {g['voice']} | {' > '.join(g['chain'])}"
    )


def _found_statement_line(s: Statement) -> str:
    return f"{_speaker_text(s.speaker)} | {s.cue} | {s.content[:60]} | {s.voice} | {' > '.join(s.chain)}"


def _event_line(g: dict) -> str:
    return f"{g['actor']} | {g['action']} | {g['target']} | {g['modality']} | {g['text_startswith'][:60]}"


def _found_event_line(e: Event) -> str:
    target = e.target.name if e.target else None
    return f"{e.actor.name} [{e.actor.actor_id}] | {e.action} | {target} | {e.modality} | {e.text[:60]}"


def score_statements(
    doc: Document, gold: list[dict], found: list[Statement], scorer: Scorer, tally: Tally
) -> None:
    places = [locate(doc.text, g["content_startswith"]) for g in gold]
    pairs = []
    for gi, ranges in enumerate(places):
        for fi, cand in enumerate(found):
            span = (cand.content_span.start, cand.content_span.end)
            best = max((coverage(span, r) for r in ranges), default=0.0)
            if best >= MIN_PREFIX_COVER:
                pairs.append((best + scorer.speaker_matches(gold[gi], cand.speaker), gi, fi))
    assigned = greedy(pairs)
    for gi, g in enumerate(gold):
        kind = "direct" if g["direct"] else "indirect"
        tally.add(f"{kind}_gold")
        if not places[gi]:
            tally.add("statements_unlocated")
        s: Statement | None = found[assigned[gi]] if gi in assigned else None
        speaker_ok = s is not None and scorer.speaker_matches(g, s.speaker)
        tally.add(f"{kind}_found", s is not None)
        tally.add(f"{kind}_speaker_right", speaker_ok)
        if s is not None:
            tally.add("statements_matched")
            tally.add("voice_right", str(s.voice) == g["voice"])
            tally.add("chain_right", scorer.chain_matches(g, s))
        if s is None or not speaker_ok or str(s.voice) != g["voice"] or not scorer.chain_matches(g, s):
            tally.misses.append(
                {
                    "doc": doc.uri,
                    "item": "statement",
                    "direct": g["direct"],
                    "gold": _statement_line(g),
                    "found": None if s is None else _found_statement_line(s),
                }
            )
    tally.counts["statements_found_total"] = tally.counts.get("statements_found_total", 0) + len(found)


def _event_checks(g: dict, e: Event, scorer: Scorer) -> tuple[bool, bool, bool]:
    actor = scorer.same_party(g["actor"], e.actor.name, e.actor.actor_id)
    if not actor and e.action in SYMMETRIC and e.target is not None:
        # "the two countries talked": which party of a symmetric action is the actor is arbitrary
        actor = scorer.same_party(g["actor"], e.target.name, e.target.actor_id) and scorer.same_party(
            g["target"], e.actor.name, e.actor.actor_id
        )
    return actor, action_class(e.action) == action_class(g["action"]), e.modality == g["modality"]


def score_events(doc: Document, gold: list[dict], found: list[Event], scorer: Scorer, tally: Tally) -> None:
    places = [locate(doc.text, g["text_startswith"]) for g in gold]
    pairs = []
    for gi, ranges in enumerate(places):
        for fi, cand in enumerate(found):
            if any(coverage((cand.span.start, cand.span.end), r) > 0 for r in ranges):
                pairs.append((sum(_event_checks(gold[gi], cand, scorer)), gi, fi))
    assigned = greedy(pairs)
    for gi, g in enumerate(gold):
        tally.add("events_gold")
        e: Event | None = found[assigned[gi]] if gi in assigned else None
        checks = _event_checks(g, e, scorer) if e is not None else (False, False, False)
        tally.add("events_found", e is not None)
        tally.add("events_right", all(checks))
        for name, ok in zip(("actor", "action", "modality"), checks, strict=True):
            tally.add(f"event_{name}_right", ok)
        if e is not None:
            target = e.target.name if e.target else None
            tally.add(
                "event_target_right",
                scorer.same_party(g["target"], target, e.target.actor_id if e.target else None),
            )
            tally.add("event_place_right", norm_name(g["place"] or "") == norm_name(e.place or ""))
            tally.add("event_date_right", (g["date"] or None) == (e.date or None))
        if not all(checks):
            tally.misses.append(
                {
                    "doc": doc.uri,
                    "item": "event",
                    "gold": _event_line(g),
                    "found": None if e is None else _found_event_line(e),
                }
            )
    tally.counts["events_found_total"] = tally.counts.get("events_found_total", 0) + len(found)


def score_actors(doc: Document, gold: dict, found_ids: set[str], scorer: Scorer, tally: Tally) -> None:
    names = {s["speaker"] for s in gold.get("statements", []) if s.get("speaker")}
    names |= {e[k] for e in gold.get("events", []) for k in ("actor", "target") if e.get(k)}
    lifted = found_ids | {scorer.group(a) for a in found_ids}
    for name in sorted(names):
        resolved = scorer.resolver.resolve(name, context=scorer.published)
        wanted = resolved or f"person:{slug(name)}"
        ok = wanted in lifted or (resolved is None and any(a.endswith(slug(name)) for a in found_ids))
        tally.add("actors_gold")
        tally.add("actors_found", ok)
        if not ok:
            tally.misses.append({"doc": doc.uri, "item": "actor", "gold": name, "found": None})


def corpus_documents(corpus_dir: Path) -> Iterator[tuple[Document, str, int | None]]:
    """(document, file name, 0-based record within a container or None) for the corpus."""
    seen: dict[str, int] = {}
    for raw in iter_raw([corpus_dir], IngestOptions()):
        if isinstance(raw, IngestError):
            continue
        file = Path(raw.uri.split("#", 1)[0]).name
        record = seen.get(file, -1) + 1 if "#" in raw.uri else None
        seen[file] = record if record is not None else 0
        doc = clean(raw)
        if not isinstance(doc, IngestError):
            yield doc, file, record


def find_gold_document(gold: dict, docs: list[tuple[Document, str, int | None]]) -> Document | None:
    """The read document a gold entry describes: by URL when it has one, else by file and record."""
    if gold.get("url"):
        by_url = next((d for d, _, _ in docs if d.url == gold["url"]), None)
        if by_url is not None:
            return by_url
    return next((d for d, f, r in docs if f == gold["file"] and r == gold.get("record")), None)


def _figures(tally: Tally) -> dict:
    return {
        "direct_speaker_accuracy": tally.ratio("direct_speaker_right", "direct_gold"),
        "indirect_speaker_accuracy": tally.ratio("indirect_speaker_right", "indirect_gold"),
        "event_accuracy": tally.ratio("events_right", "events_gold"),
        "statement_voice_accuracy": tally.ratio("voice_right", "statements_matched"),
        "statement_chain_accuracy": tally.ratio("chain_right", "statements_matched"),
        "event_actor_accuracy": tally.ratio("event_actor_right", "events_gold"),
        "event_action_accuracy": tally.ratio("event_action_right", "events_gold"),
        "event_modality_accuracy": tally.ratio("event_modality_right", "events_gold"),
        "event_target_accuracy": tally.ratio("event_target_right", "events_found"),
        "event_place_accuracy": tally.ratio("event_place_right", "events_found"),
        "event_date_accuracy": tally.ratio("event_date_right", "events_found"),
        "actor_recall": tally.ratio("actors_found", "actors_gold"),
        "counts": dict(sorted(tally.counts.items())),
    }


def evaluate_gold(corpus_dir: str | Path | None = None, *, nlp: Language | None = None) -> dict:
    """Figures for the corpus's gold; `details` lists every gold item not fully right."""
    root = Path(corpus_dir) if corpus_dir is not None else corpus_dir_default()
    gold = json.loads((root / "gold.json").read_text(encoding="utf-8"))
    if nlp is None:
        from claimgraph.nlp.spacy_model import load_nlp

        nlp = load_nlp()
    resolver = ActorResolver()
    docs = list(corpus_documents(root))
    main, copies = Tally(), Tally()
    for entry in gold["documents"]:
        tally = copies if entry.get("near_duplicate_of") else main
        doc = find_gold_document(entry, docs)
        if doc is None:
            tally.add("documents_missing")
            tally.misses.append(
                {"doc": entry["file"], "item": "document", "gold": entry.get("url"), "found": None}
            )
            continue
        tally.add("documents")
        scorer = Scorer(resolver, doc.published)
        resolve = lambda name, s=scorer: s.resolver.resolve(name, context=s.published)  # noqa: E731
        score_statements(
            doc,
            entry.get("statements", []),
            extract_statements(doc, nlp, resolve_actor=resolve),
            scorer,
            tally,
        )
        score_events(doc, entry.get("events", []), extract_events(doc, nlp, resolver), scorer, tally)
        actors, _ = extract_actors(doc, nlp, resolver)
        score_actors(doc, entry, {a.id for a in actors}, scorer, tally)
    return {
        **_figures(main),
        "near_duplicates": _figures(copies),
        "details": main.misses,
        "near_duplicate_details": copies.misses,
    }
