"""NER scorer: entity-level P/R/F1 of spaCy alone and spaCy + the actor registry.

Both gold sets are mapped onto three types, the ones actors are made of: PER, ORG, LOC.
WikiGold (CoNLL, IOB1): PER, ORG, LOC kept; MISC dropped. re3d: Person → PER,
Organisation → ORG, Location → LOC; Nationality, Temporal, Weapon... dropped; annotations
below confidence 0.5 dropped and overlaps resolved (highest confidence, then longest), as
its README advises. spaCy: PERSON → PER; ORG → ORG; GPE, LOC, FAC → LOC; the rest dropped.
With the registry, registry phrase matches join the entities (longest wins) and an entity
the registry knows takes the type of its actor kind (country → LOC, person → PER, else ORG).
OntoNotes spans include a leading "the" ("the Reading Railroad") that WikiGold leaves out;
for WikiGold it is trimmed from predictions (re3d spans keep their articles, so not there).
Scores are exact (same offsets and type) and overlap (same type, overlapping, one-to-one).
`spacy+registry` also applies `entity_types` to names the registry does not know (a place
typed as a person becomes LOC), as actor extraction does; `spacy+registry-untyped` is the same
without that step, so its effect is measured in every run.

    evaluate_ner("/work/shared/data/wikigold", "wikigold")
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimgraph.nlp.actors import ActorResolver, candidate_spans
from claimgraph.nlp.entity_types import label_votes, name_type
from claimgraph.nlp.parsed import keep_hyphenated_words
from claimgraph.nlp.spacy_model import load_nlp

SCORED_TYPES = ("PER", "ORG", "LOC")
SPACY_TYPES = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
RE3D_TYPES = {"Person": "PER", "Organisation": "ORG", "Location": "LOC"}
KIND_TYPES = {"country": "LOC", "person": "PER", "role": None, "place": "LOC"}  # any other kind: ORG
# `entity_types.name_type` verdicts on unregistered names, as kinds (None: keep spaCy's label).
NAME_TYPE_KINDS = {"place": "place", "media": "media"}
RE3D_MIN_CONFIDENCE = 0.5  # per the re3d README: ~30% of labels are crowd posteriors below it

Entity = tuple[int, int, str]  # start, end (characters), type


@dataclass(frozen=True, slots=True)
class GoldDocument:
    text: str
    entities: tuple[Entity, ...]


def read_conll(path: Path) -> Iterator[GoldDocument]:
    """WikiGold-style CoNLL: `token label` lines, IOB1 or IOB2, `-DOCSTART-` between documents."""
    tokens: list[tuple[str, str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), "-DOCSTART- O"]:
        parts = line.split()
        if parts and parts[0] == "-DOCSTART-":
            if tokens:
                yield _conll_document(tokens)
            tokens = []
        elif len(parts) >= 2:
            label = "O" if parts[-1] == "0" else parts[-1]  # one token carries the typo "0"
            tokens.append((parts[0], label))
    return


def _conll_document(tokens: list[tuple[str, str]]) -> GoldDocument:
    pieces: list[str] = []
    entities: list[list[Any]] = []  # [start, end, type], the end grown by each I- token
    offset, current = 0, None
    for token, label in tokens:
        start, end = offset, offset + len(token)
        prefix, _, kind = label.partition("-")
        if label == "O":
            current = None
        elif current is not None and prefix == "I" and current[2] == kind:
            current[1] = end
        else:
            current = [start, end, kind]
            entities.append(current)
        pieces.append(token)
        offset = end + 1
    kept = tuple((s, e, t) for s, e, t in entities if t in SCORED_TYPES)
    return GoldDocument(" ".join(pieces), kept)


def read_re3d(root: Path) -> Iterator[GoldDocument]:
    """re3d subsets under `root`: documents.json + entities.json per folder (mongoexport lines)."""
    for folder in sorted(p for p in root.iterdir() if (p / "documents.json").is_file()):
        lines = (folder / "documents.json").read_text(encoding="utf-8").splitlines()
        docs = [json.loads(line) for line in lines if line.strip()]
        by_doc: dict[str, list[dict]] = {}
        for line in (folder / "entities.json").open(encoding="utf-8"):
            if line.strip():
                record = json.loads(line)
                by_doc.setdefault(record["documentId"], []).append(record)
        for doc in docs:
            yield GoldDocument(doc["text"], _flat_re3d(by_doc.get(doc["_id"], [])))


def _flat_re3d(records: list[dict]) -> tuple[Entity, ...]:
    usable = [r for r in records if r["type"] in RE3D_TYPES and r["confidence"] >= RE3D_MIN_CONFIDENCE]
    usable.sort(key=lambda r: (-r["confidence"], -(r["end"] - r["begin"]), r["begin"]))
    kept: list[Entity] = []
    for r in usable:
        if all(r["end"] <= s or r["begin"] >= e for s, e, _ in kept):
            kept.append((r["begin"], r["end"], RE3D_TYPES[r["type"]]))
    return tuple(sorted(kept))


def _offsets(span: SpacySpan, trim_article: bool) -> tuple[int, int]:
    trimmed = trim_article and span.text.lower().startswith("the ")
    return (span.start_char + 4 if trimmed else span.start_char), span.end_char


def _predictions(
    parsed: Doc, nlp: Language, resolver: ActorResolver | None, trim_article: bool, typing: bool = True
) -> list[Entity]:
    if resolver is None:
        spans = [e for e in parsed.ents if e.label_ in SPACY_TYPES]
        return [(*_offsets(e, trim_article), SPACY_TYPES[e.label_]) for e in spans]
    found: list[Entity] = []
    spans = candidate_spans(parsed, nlp, resolver)
    votes = label_votes(spans, parsed.text)
    for span in spans:
        kind = None
        if span.label_ != "NORP":
            actor_id = resolver.resolve(span.text)
            kind = resolver.entries[actor_id].actor.kind if actor_id else None
        if kind is None and typing:
            kind = NAME_TYPE_KINDS.get(name_type(span, votes) or "")
        entity_type = KIND_TYPES.get(kind, "ORG") if kind else SPACY_TYPES.get(span.label_)
        if entity_type:
            found.append((*_offsets(span, trim_article), entity_type))
    return found


def score(gold: Iterable[Iterable[Entity]], predicted: Iterable[Iterable[Entity]]) -> dict:
    """Micro and per-type P/R/F1, exact and overlap, over parallel lists of documents."""
    counts = {mode: {t: [0, 0, 0] for t in SCORED_TYPES} for mode in ("exact", "overlap")}  # tp, gold, pred
    for gold_doc, pred_doc in zip(gold, predicted, strict=True):
        gold_set, pred_set = set(gold_doc), set(pred_doc)
        for entity_type in SCORED_TYPES:
            g = [e for e in gold_set if e[2] == entity_type]
            p = [e for e in pred_set if e[2] == entity_type]
            for mode in ("exact", "overlap"):
                counts[mode][entity_type][1] += len(g)
                counts[mode][entity_type][2] += len(p)
            counts["exact"][entity_type][0] += len(set(g) & set(p))
            unmatched = sorted(p)
            for entity in sorted(g):
                hit = next((q for q in unmatched if q[0] < entity[1] and entity[0] < q[1]), None)
                if hit:
                    unmatched.remove(hit)
                    counts["overlap"][entity_type][0] += 1
    result: dict = {}
    for mode, by_type in counts.items():
        total = [sum(v[i] for v in by_type.values()) for i in range(3)]
        result[mode] = {"micro": _prf(*total), **{t: _prf(*v) for t, v in by_type.items()}}
    return result


def _prf(tp: int, gold: int, pred: int) -> dict:
    precision = tp / pred if pred else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "gold": gold}


def evaluate_ner(dataset_dir: str | Path, name: str) -> dict:
    """Scores on one gold set: `name` is "wikigold" (a dir holding *.conll) or "re3d"."""
    root = Path(dataset_dir)
    if name == "wikigold":
        documents = [d for path in sorted(root.glob("*.conll")) for d in read_conll(path)]
    elif name == "re3d":
        documents = list(read_re3d(root))
    else:
        raise ValueError(f"unknown NER data set {name!r}: expected 'wikigold' or 're3d'")
    nlp = load_nlp()
    keep_hyphenated_words(nlp)
    resolver = ActorResolver()
    parses = list(nlp.pipe(d.text for d in documents))
    gold = [d.entities for d in documents]
    trim = name == "wikigold"
    return {
        "dataset": name,
        "documents": len(documents),
        "spacy": score(gold, [_predictions(p, nlp, None, trim) for p in parses]),
        "spacy+registry": score(gold, [_predictions(p, nlp, resolver, trim) for p in parses]),
        "spacy+registry-untyped": score(gold, [_predictions(p, nlp, resolver, trim, False) for p in parses]),
    }
