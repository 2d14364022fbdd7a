"""Score attribution extraction against PolNeAR (brat standoff gold).

Gold: for each article in `split_dir/text/*.txt`, the alphabetically first
`split_dir/attributions/<article>_<annotator>.ann`. One annotator per article, not the union:
the few doubly annotated articles mark the same attribution twice with slightly different
spans, so a union would count it twice and no system could reach full precision or recall.

Scoring is per role (source, cue, content), independently, as in the PARC/PolNeAR
literature. A role span is a set of character offsets (discontinuous fragments are unioned);
whitespace and punctuation offsets are dropped before comparing.

- **overlap**: a predicted span matches a gold span of the same role when they share at
  least one such character. Matching is one-to-one per document (greedy, largest overlap
  first), so a long predicted span covering two gold spans earns one match, not two.
- **exact**: the two character sets are equal.

Precision = matches / predicted spans of that role, recall = matches / gold spans of that
role, F1 their harmonic mean. Attributions without a source contribute no source span.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from claimgraph.nlp.attribution import Attribution, iter_attributions

ROLES = ("Source", "Cue", "Content")

Offsets = frozenset[int]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution; each role is a set of significant character offsets (may be empty)."""

    source: Offsets
    cue: Offsets
    content: Offsets


def _significant(text: str, ranges: Iterable[tuple[int, int]]) -> Offsets:
    """Character offsets in `ranges` that are neither whitespace nor punctuation."""
    return frozenset(i for a, b in ranges for i in range(a, min(b, len(text))) if text[i].isalnum())


def _parse_ranges(field: str) -> list[tuple[int, int]]:
    """`'3 8;10 14'` -> [(3, 8), (10, 14)] (brat discontinuous spans)."""
    out = []
    for part in field.split(";"):
        a, b = part.split()
        out.append((int(a), int(b)))
    return out


def read_brat(ann: str, text: str) -> list[GoldAttribution]:
    """Gold attributions of one `.ann` file; text bodies are taken from offsets, not the file."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            head = cols[1].split(" ", 1)
            if head[0] in ROLES and len(head) == 2:
                spans[cols[0]] = (head[0], _parse_ranges(head[1]))
        elif line.startswith("E") and len(cols) >= 2:
            events.append(cols[1].split())
    gold = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {}
        for arg in args[1:]:
            _role, _, tid = arg.partition(":")
            if tid in spans:
                roles.setdefault(spans[tid][0], []).extend(spans[tid][1])
        gold.append(
            GoldAttribution(
                *(_significant(text, roles.get(r, [])) for r in ROLES)  # source, cue, content
            )
        )
    return gold


def load_split(split_dir: Path) -> Iterator[tuple[str, str, list[GoldAttribution]]]:
    """(article name, text, gold) for each article with at least one .ann file, sorted by name."""
    for txt in sorted((split_dir / "text").glob("*.txt")):
        anns = sorted((split_dir / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        yield txt.stem, text, read_brat(anns[0].read_text(encoding="utf-8"), text)


@dataclass(slots=True)
class _Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def f1(self) -> float:
        if self.tp == 0:
            return 0.0
        p, r = self.tp / self.pred, self.tp / self.gold
        return 2 * p * r / (p + r)


def _match_overlap(pred: list[Offsets], gold: list[Offsets]) -> int:
    """One-to-one matches between spans sharing a character, largest overlap first."""
    pairs = sorted(
        ((len(p & g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if p & g),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
    return len(used_p)


def _match_exact(pred: list[Offsets], gold: list[Offsets]) -> int:
    remaining = list(gold)
    hits = 0
    for p in pred:
        if p in remaining:
            remaining.remove(p)
            hits += 1
    return hits


def _roles(attrs: Iterable[GoldAttribution]) -> dict[str, list[Offsets]]:
    out: dict[str, list[Offsets]] = {"source": [], "cue": [], "content": []}
    for a in attrs:
        for role in out:
            span = getattr(a, role)
            if span:
                out[role].append(span)
    return out


def _as_gold(text: str, found: list[Attribution]) -> list[GoldAttribution]:
    def sig(span: tuple[int, int] | None) -> Offsets:
        return _significant(text, [span]) if span else frozenset()

    return [GoldAttribution(sig(a.source_span), sig(a.cue_span), sig(a.content_span)) for a in found]


def score(articles: list[tuple[str, str, list[GoldAttribution]]], found: Iterable[list[Attribution]]) -> dict:
    """The metric of the module docstring over (name, text, gold) articles and predictions."""
    overlap = {r: _Tally() for r in ("source", "cue", "content")}
    exact = {r: _Tally() for r in ("source", "content")}
    n_gold = n_found = 0
    for (_, text, gold), predicted in zip(articles, found, strict=True):
        pred = _as_gold(text, predicted)
        n_gold += len(gold)
        n_found += len(pred)
        g_roles, p_roles = _roles(gold), _roles(pred)
        for role, tally in overlap.items():
            tally.tp += _match_overlap(p_roles[role], g_roles[role])
            tally.pred += len(p_roles[role])
            tally.gold += len(g_roles[role])
        for role, tally in exact.items():
            tally.tp += _match_exact(p_roles[role], g_roles[role])
            tally.pred += len(p_roles[role])
            tally.gold += len(g_roles[role])
    return {
        "source_f1_overlap": round(overlap["source"].f1(), 4),
        "cue_f1_overlap": round(overlap["cue"].f1(), 4),
        "content_f1_overlap": round(overlap["content"].f1(), 4),
        "source_f1_exact": round(exact["source"].f1(), 4),
        "content_f1_exact": round(exact["content"].f1(), 4),
        "attributions_gold": n_gold,
        "attributions_found": n_found,
    }


def evaluate_polnear(split_dir: str | Path, nlp: Language | None = None) -> dict:
    """Run the extractor over one PolNeAR split (`text/`, `attributions/`) and score it."""
    if nlp is None:
        from claimgraph.nlp.spacy_model import load_nlp

        nlp = load_nlp()
    articles = list(load_split(Path(split_dir)))
    return score(articles, iter_attributions((text for _, text, _ in articles), nlp))
