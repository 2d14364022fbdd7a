"""`verdicts.rebuild`: a rebuild's verdicts step, reading stances a batch of claims at a time,
writes what `assess` over every stance at once gives (issue 11, memory), and never reads every
stance or document at once."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from claimgraph.corpus_inputs import english_outlets
from claimgraph.store import Store
from claimgraph.verdicts import assess, rebuild
from claimgraph.verdicts.explain import Parties
from claimgraph.verdicts.incremental import VerdictInputs, stored_votes
from claimgraph.verdicts.model import VerdictModel
from tests.synthetic_verdicts import make_corpus

BATCH = 7  # claims per read in the test: several batches, the last one short
PRIORS = {"outlet-00": 0.9, "outlet-03": 0.2}


@pytest.fixture
def synthetic_store(store: Store) -> Store:
    """A seeded synthetic stance matrix (syndicated copiers in near-duplicate groups) in a store."""
    corpus = make_corpus(seed=5, sources=12, claims=40, coverage=0.4, syndicated=2, copiers=2)
    store.add_documents(corpus.documents)
    for copy, original in sorted(corpus.groups.items()):
        store.set_near_dup_group(original, [original, copy])
    store.replace_claims(corpus.claims)
    store.replace_stances(corpus.stances)
    return store


def test_rebuild_writes_what_assess_gives(synthetic_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store = synthetic_store
    monkeypatch.setattr(rebuild, "CLAIMS_PER_READ", BATCH)
    reads: list[int] = []
    real = store.stances_of

    def stances_of(claim_ids: Any) -> Any:
        ids = list(claim_ids)
        reads.append(len(ids))
        return real(ids)

    def everything(*args: Any) -> Any:
        raise AssertionError("the verdicts step read every stance or document at once")

    groups = {d: g.id for g in store.near_dup_groups() for d in g.doc_ids}
    claims, stances, docs = store.list_claims(), list(store.iter_stances()), list(store.iter_documents())
    model = VerdictModel.load()
    expected = assess(claims, stances, docs, groups=groups, priors=PRIORS, model=model)
    monkeypatch.setattr(store, "stances_of", stances_of)
    monkeypatch.setattr(store, "iter_stances", everything)
    monkeypatch.setattr(store, "iter_documents", everything)
    inputs = VerdictInputs(english_outlets(store), PRIORS, model, Parties)
    ticks: list[tuple[int, int]] = []
    written = rebuild.rebuild_verdicts(store, inputs, lambda done, total: ticks.append((done, total)))

    assert written == len(claims) == 40 and ticks[-1] == (40, 40)
    assert reads and max(reads) == BATCH and sum(reads) == 2 * len(claims)  # two passes, in batches
    assert list(store.list_verdicts().values()) == expected.verdicts
    assert store.list_sources() == expected.sources
    assert store.holder_reliabilities() == pytest.approx(expected.estimate.reliability)
    votes = store.truth_votes([c.id for c in claims])
    want = [v for cv in expected.voices.values() for v in stored_votes(cv, inputs.settings)]
    assert Counter(v for vs in votes.values() for v in vs) == Counter(want)
    assert store.truth_posteriors([c.id for c in claims]) == pytest.approx(expected.estimate.posterior)
