"""Score statements, events and actors against the example corpus's hand-written gold.

Gold lives in `<corpus>/gold.json` (its `_comment` states the conventions). Each gold
document is found among what `iter_raw` + `clean` yield by its `url`, else by `file` +
`record` (0-based within a feed, JSONL file or WARC). Matching rules, all one-to-one per
document:

- **Statements.** A gold statement's `content_startswith` is located in the document text
  (whitespace and quote-mark style ignored). A found statement matches when its content span
  covers at least `MIN_PREFIX_COVER` of that prefix; the best-covering unused one wins.
  - *speaker right*: gold names a speaker → the found name (else description) resolves to
    the same actor as the gold name; unregistered people compare by surname. Gold gives only
    a description → the found description (or name) contains the gold description's head
    noun and at least `MIN_DESCRIPTION_WORDS` of its content words (articles, "one",
    "some" and plural -s ignored): "a Pentagon spokesman" ~ "A Pentagon spokesman".
  - *voice right*: equal `Voice`. *chain right*: same length, the same outlets in order
    (case and a leading "the" ignored) and the speaker right.
- **Events.** A gold event's `text_startswith` is located; found events whose sentence
  overlaps it are candidates, and pairs are assigned greedily by how many of actor, action
  class and modality agree. Actors and targets compare at country or group level (the
  gold convention: Pentagon, White House, IRGC count as their country); for a symmetric
  action (consult, cooperate...) actor and target may come in either order. Action classes are
  the taxonomy's, with the issue's paired classes merged: attack = airstrike, deny = reject.
  Target, place and date are reported separately over matched events.
- **Actors.** Every named gold speaker, event actor and event target must be among the
  document's extracted actors (or be the country/group one of them belongs to).

Near-duplicates (`near_duplicate_of` set) are scored apart, under `near_duplicates`: the
pipeline folds a syndicated copy into its original's group, and counting the same sentences
twice would weight one text's successes and failures double in the headline figures.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from claimgraph.clean import clean
from claimgraph.config import IngestOptions
from claimgraph.ingest import iter_raw
from claimgraph.model import Document, Event, IngestError, Speaker, Statement
from claimgraph.nlp.actors import ActorResolver, clean_mention, extract_actors, slug
from claimgraph.nlp.attribution import extract_statements
from claimgraph.nlp.events import extract_events
from claimgraph.taxonomy import SYMMETRIC

# A found content must cover half the gold prefix: enough to say it is the same utterance,
# lenient on where the content starts ("that", an opening quote, a lead-in clause).
MIN_PREFIX_COVER = 0.5
# Half the gold description's content words: "senior administration official" ~ "a senior
# official"; "Iranian officials" ≁ "US officials" (head shared, 1 of 2 words, but see below).
MIN_DESCRIPTION_WORDS = 0.5
MAX_AFFILIATION_HOPS = 3  # person → body → country is the deepest chain in the registry
ACTION_CLASSES = {"airstrike": "attack", "reject": "deny"}  # the "attack/airstrike", "deny/reject"
GROUP_KINDS = frozenset({"country", "armed_group"})
DESCRIPTION_STOPWORDS = frozenset({"a", "an", "the", "one", "some", "two", "several"})
# The head noun of "delegates at the meeting" is the last word before its first preposition.
DESCRIPTION_PREPOSITIONS = frozenset({"at", "of", "in", "from", "for", "with", "on"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"\w+")

Range = tuple[int, int]


def corpus_dir_default() -> Path:
    return Path(__file__).resolve().parents[1] / "example_corpus"


def locate(text: str, prefix: str) -> list[Range]:
    """Every place `prefix` occurs in `text`, ignoring whitespace runs and quote-mark style."""
    words = prefix.translate(_QUOTES).split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text.translate(_QUOTES))]


def coverage(found: Range, gold: Range) -> float:
    """Share of the gold range's characters inside the found range."""
    inside = min(found[1], gold[1]) - max(found[0], gold[0])
    return max(inside, 0) / max(gold[1] - gold[0], 1)


def _norm(name: str) -> str:
    return " ".join(clean_mention(name).casefold().split())


def _words(description: str) -> list[str]:
    words = [w.casefold() for w in _WORD.findall(description.translate(_QUOTES))]
    words = [w for w in words if w not in DESCRIPTION_STOPWORDS and w != "s"]
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def _head(words: list[str]) -> str | None:
    before = next((words[:i] for i, w in enumerate(words) if w in DESCRIPTION_PREPOSITIONS), words)
    head = before or words
    return head[-1] if head else None


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if w not in DESCRIPTION_PREPOSITIONS]


def _capitalised(text: str) -> set[str]:
    """Capitalised words but articles ("A Pentagon spokesman"): a description's affiliation."""
    words = _WORD.findall(text)
    return {w.casefold() for w in words if w[:1].isupper() and w.casefold() not in DESCRIPTION_STOPWORDS}


def description_matches(gold: str, found: str | None) -> bool:
    """Loose match of described speakers: head noun shared and enough content words shared.

    Words naming a different affiliation break the match: when gold and found each carry
    a capitalised modifier, those must agree ("US officials" is not "Iranian officials").
    """
    if not found:
        return False
    gold_all, found_words = _words(gold), set(_words(found))
    gold_words = _content_words(gold_all)
    if not gold_words or _head(gold_all) not in found_words:
        return False
    shared = sum(1 for w in gold_words if w in found_words) / len(gold_words)
    gold_caps, found_caps = _capitalised(gold), _capitalised(found)
    if gold_caps and found_caps and not gold_caps & found_caps:
        return False
    return shared >= MIN_DESCRIPTION_WORDS


@dataclass(slots=True)
class Scorer:
    """Resolution helpers shared by every comparison of one evaluation."""

    resolver: ActorResolver
    published: str | None = None

    def actor_id(self, name: str | None) -> str | None:
        """The registry actor `name` names, else a generated person id from its surname."""
        if not name:
            return None
        found = self.resolver.resolve(name, context=self.published)
        words = _norm(name).split()
        if found is None and words:
            return f"name:{slug(words[-1])}"
        return found

    def group(self, actor_id: str | None) -> str | None:
        """The country or armed group an actor belongs to (itself when it is one)."""
        current = actor_id
        for _ in range(MAX_AFFILIATION_HOPS):
            entry = self.resolver.entries.get(current or "")
            if entry is None or entry.actor.kind in GROUP_KINDS or not entry.actor.affiliation:
                return current
            current = entry.actor.affiliation
        return current

    def speaker_matches(self, gold: dict, found: Speaker) -> bool:
        if gold.get("speaker"):
            want = self.actor_id(gold["speaker"])
            got = found.actor_id or self.actor_id(found.name) or self.actor_id(found.description)
            return want is not None and want == got
        return description_matches(gold.get("description") or "", found.description or found.name)

    def chain_matches(self, gold: dict, found: Statement) -> bool:
        links = list(gold.get("chain") or [])
        if len(links) != len(found.chain):
            return False
        outlets_equal = all(_norm(a) == _norm(b) for a, b in zip(links[:-1], found.chain[:-1], strict=True))
        return outlets_equal and self.speaker_matches(gold, found.speaker)

    def same_party(self, gold_name: str | None, found_name: str | None, found_id: str | None) -> bool:
        """Actor or target equal at country/group level; unresolved names compare as text."""
        if not gold_name:
            return not found_name
        if not found_name:
            return False
        want = self.group(self.resolver.resolve(gold_name, context=self.published))
        got = self.group(found_id or self.resolver.resolve(found_name, context=self.published))
        if want is not None or got is not None:
            return want == got
        return _norm(gold_name) == _norm(found_name)


def action_class(action: str) -> str:
    return ACTION_CLASSES.get(action, action)


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


def _greedy(pairs: Iterable[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one assignment, best score first: gold index → found index."""
    taken_gold: dict[int, int] = {}
    taken_found: set[int] = set()
    for _, g, f in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g not in taken_gold and f not in taken_found:
            taken_gold[g] = f
            taken_found.add(f)
    return taken_gold


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
    assigned = _greedy(pairs)
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
    assigned = _greedy(pairs)
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
            tally.add("event_place_right", _norm(g["place"] or "") == _norm(e.place or ""))
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
