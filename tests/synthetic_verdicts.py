"""A synthetic stance matrix with known source reliabilities and claim truth, for testing truth discovery.

Each independent outlet is right with its own probability on every claim it covers; some outlets are
syndicated by copiers that repeat their stances word for word (same near-duplicate group), which is
what fools a majority vote that counts documents. Seeded, so tests and the benchmark are reproducible.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from claimgraph.model import Claim, Document, HolderKind, Stance, StanceLabel

RELIABILITY_RANGE = (0.3, 0.95)  # from worse than a coin to a careful wire service
SCORE_RANGE = (0.6, 1.0)  # stance-model confidence on the agree/disagree it predicts


@dataclass(frozen=True, slots=True)
class SyntheticCorpus:
    claims: list[Claim]
    stances: list[Stance]
    documents: list[Document]
    groups: dict[str, str]  # copier document -> the original's document
    reliability: dict[str, float]  # outlet -> true reliability (copiers inherit the original's)
    truth: dict[str, bool]


def make_corpus(
    seed: int,
    sources: int = 30,
    claims: int = 500,
    coverage: float = 0.25,
    syndicated: int = 4,
    copiers: int = 4,
) -> SyntheticCorpus:
    """`sources` independent outlets, `syndicated` of them copied by `copiers` outlets each."""
    rng = random.Random(seed)
    reliability = {f"outlet-{i:02d}": rng.uniform(*RELIABILITY_RANGE) for i in range(sources)}
    truth = {f"claim-{j:03d}": rng.random() < 0.5 for j in range(claims)}
    copied = rng.sample(sorted(reliability), syndicated)
    copies = {o: [f"{o}-copy-{k}" for k in range(copiers)] for o in copied}
    for original, names in copies.items():
        reliability.update(dict.fromkeys(names, reliability[original]))
    stances: list[Stance] = []
    documents: list[Document] = []
    groups: dict[str, str] = {}

    def add(outlet: str, claim_id: str, label: StanceLabel, score: float) -> str:
        doc_id = f"{outlet}/{claim_id}"
        documents.append(Document(doc_id, doc_id, "text", "", (), outlet=outlet))
        stances.append(Stance(claim_id, doc_id, outlet, HolderKind.SOURCE, label, score))
        return doc_id

    for claim_id, true in truth.items():
        for outlet in sorted(o for o in reliability if "-copy-" not in o):
            if rng.random() >= coverage:
                continue
            says_true = true if rng.random() < reliability[outlet] else not true
            label = StanceLabel.AGREE if says_true else StanceLabel.DISAGREE
            score = rng.uniform(*SCORE_RANGE)
            original = add(outlet, claim_id, label, score)
            for copier in copies.get(outlet, []):
                groups[add(copier, claim_id, label, score)] = original
    claim_list = [Claim(c, f"synthetic claim {c}") for c in truth]
    return SyntheticCorpus(claim_list, stances, documents, groups, reliability, truth)


def empirical_accuracy(corpus: SyntheticCorpus) -> dict[str, float]:
    """Each outlet's share of right stances given the true answers: the ceiling any estimator can reach."""
    right: dict[str, list[bool]] = {}
    for s in corpus.stances:
        right.setdefault(s.holder, []).append((s.stance == StanceLabel.AGREE) == corpus.truth[s.claim_id])
    return {outlet: sum(r) / len(r) for outlet, r in right.items()}


def majority_vote(corpus: SyntheticCorpus) -> dict[str, bool]:
    """What counting documents says: true when at least as many documents agree as disagree."""
    tally = dict.fromkeys(corpus.truth, 0)
    for s in corpus.stances:
        tally[s.claim_id] += 1 if s.stance == StanceLabel.AGREE else -1
    return {c: t >= 0 for c, t in tally.items()}


def _ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2.0
        i = j + 1
    return ranks


def spearman(a: list[float], b: list[float]) -> float:
    """Spearman's rank correlation (Pearson on average ranks, so ties are handled)."""
    ra, rb = _ranks(a), _ranks(b)
    n = len(ra)
    ma, mb = sum(ra) / n, sum(rb) / n
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra)
    vb = sum((y - mb) ** 2 for y in rb)
    return cov / (va * vb) ** 0.5 if va and vb else 0.0
