"""Settled claims (`claims.settled`): what an incremental run grows instead of rebuilding.

End to end on the example corpus with claims settled at two documents (the default, 50, is never
reached by 14 documents): the third batch added with walls and, to a copy, without them. The
walls must engage, keep documents out of what the run reads, never take a member from a settled
claim, and stay within the tolerance docs/architecture.md states against a rebuild.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import claimgraph
from claimgraph.claims import incremental_claims
from claimgraph.claims.agreement import agreement
from claimgraph.claims.incremental_claims import Neighbourhood
from claimgraph.claims.settled import key_pairs, restless_pairs, triple_pairs
from claimgraph.corpus import CORPUS_STEPS, CorpusContext, run_corpus_stage
from claimgraph.model import ActorRef, Claim
from claimgraph.settings import DEFAULT_SETTINGS, Settings
from claimgraph.store import Store
from tests.example_batches import example_batches

IRAN, IRAQ = "country:irn", "country:irq"
LIMIT = 2  # documents that settle a claim in these tests
# Settled batches vs rebuild, with nearly every claim settled: measured ids 0.94, facts 0.87,
# pairwise F1 0.96 (without walls on the same batches: 1.00, 0.98, 0.99)
CLAIM_ID_AGREEMENT = 0.9
FACT_AGREEMENT = 0.8
PAIRWISE_F1 = 0.93


def test_pairs_of_a_claim() -> None:
    triple = Claim("claim:t", "t", ActorRef("Iran", IRAN), "attack", ActorRef("targets"))  # object unresolved
    assert triple_pairs(triple) == {(IRAN, "attack")}
    both = Claim("claim:u", "u", ActorRef("Iran", IRAN), "attack", ActorRef("Iraq", IRAQ))
    assert triple_pairs(both) == {(IRAN, "attack"), (IRAQ, "attack")}
    assert triple_pairs(Claim("claim:f", "the talks ended")) == set()
    assert key_pairs((IRAN, "attack", IRAQ)) == triple_pairs(both)
    assert key_pairs((IRAN, "attack", None)) == {(IRAN, "attack")}


def test_restless_pairs_are_those_a_rebuild_would_re_place() -> None:
    """New facts of a key that move its stored facts in a rebuild (`triple_drafts`) make its
    pairs restless: a first place, a country over a stored city, a new main place."""
    key = (IRAN, "attack", IRAQ)

    def item(place: str | None) -> tuple:
        return (place, None, IRAN)

    placeless = {key: [("claim:a", None, 9)]}
    assert restless_pairs(placeless, {key: [item(None)]}) == set()
    assert restless_pairs(placeless, {key: [item("Diyala")]}) == key_pairs(key)
    # a foreign place keeps its claim unless it overtakes the main place (ties: by name)
    placed = {key: [("claim:b", "Syria", 4), ("claim:c", "Jordan", 2)]}
    assert restless_pairs(placed, {key: [item("Jordan")]}) == set()
    assert restless_pairs(placed, {key: [item("Jordan")] * 3}) == key_pairs(key)
    # a city joins its country's claim when the key is placed in that country
    city = {(IRAN, "attack", None): [("claim:d", "Damascus", 5)]}
    assert restless_pairs(city, {(IRAN, "attack", None): [item("Syria")]}) == {(IRAN, "attack")}
    assert restless_pairs({}, {key: [item("Diyala")]}) == set()  # a new key: nothing stored moves


def _settled_at(limit: int | None) -> Settings:
    return replace(DEFAULT_SETTINGS, build=replace(DEFAULT_SETTINGS.build, settled_documents=limit))


def _claims(db: Path) -> list[Claim]:
    with Store.open(db, read_only=True) as store:
        return store.list_claims()


@pytest.fixture(scope="module")
def hoods() -> Iterator[list[Neighbourhood]]:
    """Every neighbourhood `update_claims` returns while the module's runs go."""
    seen: list[Neighbourhood] = []
    inner = incremental_claims.update_claims

    def spy(*args: Any, **kwargs: Any) -> tuple[list[Claim], Neighbourhood]:
        claims, hood = inner(*args, **kwargs)
        seen.append(hood)
        return claims, hood

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(incremental_claims, "update_claims", spy)
        yield seen


def _analyze(folder: Path, batch: Sequence[Path], db: Path, context: CorpusContext) -> None:
    folder.mkdir(exist_ok=True)  # a folder, so a sidecar .json is read as its .txt's metadata
    for path in batch:
        shutil.copy(path, folder / path.name)
    assert not claimgraph.analyze([folder], db=db, corpus=context).errors


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, hoods: list[Neighbourhood]) -> dict[str, Any]:
    """The claims before the last batch, after it with and without walls, and of a rebuild; the
    neighbourhoods of the last batch's two runs."""
    root = tmp_path_factory.mktemp("settled")
    db, exact = root / "settled.db", root / "exact.db"
    walled, unwalled = CorpusContext(settings=_settled_at(LIMIT)), CorpusContext(settings=_settled_at(None))
    *first, last = example_batches()
    for k, batch in enumerate(first):
        _analyze(root / f"batch{k}", batch, db, walled)
    shutil.copy(db, exact)
    before = _claims(db)
    _analyze(root / "last", last, db, walled)
    _analyze(root / "last", last, exact, unwalled)
    rebuilt = root / "rebuilt.db"
    shutil.copy(db, rebuilt)
    with Store.open(rebuilt) as store:
        steps = [s for s in CORPUS_STEPS if s.name in ("actors", "claims")]
        run_corpus_stage(store, CorpusContext(rebuild=True), steps=steps)
    return {
        "before": before,
        "settled": _claims(db),
        "exact": _claims(exact),
        "rebuilt": _claims(rebuilt),
        "hood": hoods[-2],
        "exact_hood": hoods[-1],
    }


def test_walls_engage_and_read_less(runs: dict[str, Any]) -> None:
    hood, exact = runs["hood"], runs["exact_hood"]
    assert hood.settled, "no claim reached two documents: the walls were never tried"
    assert len(hood.documents) < len(exact.documents)
    assert not exact.settled


def test_a_settled_claim_only_grows(runs: dict[str, Any]) -> None:
    """A settled claim keeps its id, text and every member; some gain members."""
    before = {c.id: c for c in runs["before"]}
    after = {c.id: c for c in runs["settled"]}
    grew = 0
    for claim_id in runs["hood"].settled:
        old, new = before[claim_id], after[claim_id]
        assert new.text == old.text
        old_facts, new_facts = {m.fact for m in old.members}, {m.fact for m in new.members}
        assert old_facts <= new_facts
        grew += new_facts > old_facts
    assert grew


def test_settled_batches_are_within_tolerance_of_a_rebuild(runs: dict[str, Any]) -> None:
    found = agreement(runs["settled"], runs["rebuilt"])
    assert found.ids >= CLAIM_ID_AGREEMENT
    assert found.facts >= FACT_AGREEMENT
    assert found.pairwise_f1 >= PAIRWISE_F1
