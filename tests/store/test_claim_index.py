"""The claim index tables (store/claim_index.py) on both backends: clusters, their facts, LSH
buckets (a bucket past the cap stored as one FULL row), triple-fact documents and claims read by
member document round-trip by key, and `clear_claim_index` empties them all."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from claimgraph.claims.claim_index import BUCKET_CAP, FULL, capped
from claimgraph.model import ActorRef, Claim, ClaimMember, Document, FactRef, Span, Voice
from claimgraph.store import Store
from claimgraph.store.claim_index import ClusterFact, StoredCluster

A, B, C = "a" * 16, "b" * 16, "c" * 16


def _cluster(cid: int, leader: str, *values: float) -> StoredCluster:
    return StoredCluster(cid, leader, np.array(values, dtype=np.float64), len(values))


def test_clusters_round_trip_and_grow(store: Store) -> None:
    assert store.next_cluster_id() == 0 and store.recent_cluster_ids(3) == []
    store.put_clusters([_cluster(k, f"leader {k}", k + 0.5, -k, 1e-3) for k in range(5)])
    got = store.clusters([4, 1, 99])  # a missing id is left out
    assert sorted(got) == [1, 4]
    assert got[4].leader == "leader 4" and got[4].size == 3
    np.testing.assert_array_equal(got[4].centroid, [4.5, -4.0, 1e-3])  # float64, exactly
    assert store.next_cluster_id() == 5
    assert store.recent_cluster_ids(2) == [3, 4]  # newest, oldest first
    store.put_clusters([StoredCluster(1, "leader 1", np.array([9.0, 9.0]), 7)])  # grown: overwritten
    again = store.clusters([1])[1]
    assert again.size == 7 and again.centroid.tolist() == [9.0, 9.0]


def test_cluster_facts_in_joining_order(store: Store) -> None:
    assert store.next_fact_ordinal() == 0
    facts = [
        ClusterFact("sentence", "s2", B, 0, 2),
        ClusterFact("statement", "s1", A, 1, 1),
        ClusterFact("sentence", "s1", A, 0, 0),  # the same id as the statement, another kind
    ]
    store.put_cluster_facts(facts)
    assert store.cluster_facts([0]) == [facts[2], facts[0]]
    assert store.cluster_facts([0, 1]) == [facts[2], facts[1], facts[0]]
    assert store.cluster_facts([7]) == []
    assert store.next_fact_ordinal() == 3
    found = store.clusters_of_facts([("sentence", "s1"), ("statement", "s1"), ("event", "s1")])
    assert found == {("sentence", "s1"): 0, ("statement", "s1"): 1}


def test_buckets_file_clusters_and_a_full_bucket_is_one_row(store: Store) -> None:
    store.put_buckets([("v0:1", 3), ("v0:1", 5), ("w1:9", 5), ("v0:1", 3)])
    assert store.clusters_in_buckets(["v0:1", "w1:9", "v2:0"]) == {"v0:1": {3, 5}, "w1:9": {5}}
    crowded = {"w0:7": set(range(BUCKET_CAP + 1)), "w0:8": set(range(BUCKET_CAP))}
    store.put_buckets(capped(crowded, {}))
    held = store.clusters_in_buckets(["w0:7", "w0:8"])
    assert held["w0:7"] == {FULL}  # past the cap: one FULL row, not 65 cluster rows
    assert held["w0:8"] == set(range(BUCKET_CAP))  # at the cap: every cluster
    # a later run adding to either: the FULL bucket gets nothing; the one at the cap turns FULL
    more = {"w0:7": {500}, "w0:8": {500}}
    assert capped(more, held) == [("w0:8", FULL)]
    store.put_buckets(capped(more, held))
    assert FULL in store.clusters_in_buckets(["w0:8"])["w0:8"]


def test_triple_fact_documents_by_actor_and_relation(store: Store) -> None:
    store.put_triple_facts(
        [
            ("country:iran", "attack", A),
            ("country:iran", "attack", B),
            ("country:iraq", "attack", C),
            ("country:iran", "meet", C),
            ("country:iran", "attack", A),  # twice: one row
        ]
    )
    assert store.triple_fact_documents([("country:iran", "attack")]) == {A, B}
    assert store.triple_fact_documents([("country:iran", "meet"), ("country:iraq", "attack")]) == {C}
    # the pair is matched whole: Iraq's attack and Iran's meeting do not make (iraq, meet)
    assert store.triple_fact_documents([("country:iraq", "meet")]) == set()
    assert store.triple_fact_documents([]) == set()
    # by pair, for a caller that keeps each pair's documents (pairs with none left out)
    by_pair = store.triple_fact_documents_by_pair([("country:iran", "attack"), ("country:iraq", "meet")])
    assert by_pair == {("country:iran", "attack"): {A, B}}


def _member(kind: str, fact_id: str, doc_id: str) -> ClaimMember:
    return ClaimMember(FactRef(kind, fact_id, doc_id), 1, Voice.OWN, Span(doc_id, 0, 5), "Outlet")


def test_claims_read_by_member_document_and_id(store: Store, make_doc: Callable[..., Document]) -> None:
    store.add_documents([make_doc(A), make_doc(B), make_doc(C)])
    triple = Claim(
        "claim:t1",
        "Iran attacked",
        subject=ActorRef("Iran", "country:iran"),
        relation="attack",
        members=(_member("event", "e1", A), _member("statement", "st1", B)),
    )
    free = Claim("claim:f1", "the talks ended", members=(_member("sentence", "x1", B),))
    store.replace_claims([triple, free, Claim("claim:e0", "no members")])
    assert store.claims_with_facts_in([A]) == {"claim:t1": {("event", "e1")}}
    assert store.claims_with_facts_in([B]) == {
        "claim:t1": {("statement", "st1")},
        "claim:f1": {("sentence", "x1")},
    }
    assert store.claims_with_facts_in([C]) == {}
    assert store.claim_facts_by_document([A, B, C]) == {
        A: {"claim:t1": {("event", "e1")}},
        B: {"claim:t1": {("statement", "st1")}, "claim:f1": {("sentence", "x1")}},
    }
    got = store.claims_by_id(["claim:t1", "claim:e0", "claim:missing"])
    assert got == {"claim:t1": triple, "claim:e0": Claim("claim:e0", "no members")}


def test_sizes_for_settled_claims(store: Store, make_doc: Callable[..., Document]) -> None:
    """What `claims.settled` asks of the store: claims' documents and members counted, pairs'
    documents counted, a key's stored claims with place and size, a claim's key alone."""
    store.add_documents([make_doc(A), make_doc(B), make_doc(C)])
    iran, iraq = ActorRef("Iran", "country:iran"), ActorRef("Iraq", "country:iraq")
    members = (_member("event", "e1", A), _member("event", "e2", A), _member("statement", "s1", B))
    placed = Claim("claim:p", "Iran attacks Iraq in Diyala", iran, "attack", iraq, "Diyala", members)
    other = Claim(
        "claim:q", "Iran attacks Iraq in Basra", iran, "attack", iraq, "Basra", (_member("event", "e3", C),)
    )
    free = Claim("claim:f", "the talks ended", members=(_member("sentence", "x1", B),))
    store.replace_claims([placed, other, free])
    assert store.claim_document_counts(["claim:p", "claim:f", "claim:none"]) == {"claim:p": 2, "claim:f": 1}
    assert store.claim_member_counts(["claim:p", "claim:q"]) == {"claim:p": 3, "claim:q": 1}
    store.put_triple_facts(
        [("country:iran", "attack", A), ("country:iran", "attack", B), ("country:iraq", "attack", A)]
    )
    pairs = [("country:iran", "attack"), ("country:iraq", "attack"), ("country:iraq", "meet")]
    assert store.triple_fact_document_counts(pairs) == {
        ("country:iran", "attack"): 2,
        ("country:iraq", "attack"): 1,
    }
    key = ("country:iran", "attack", "country:iraq")
    wanted = [key, ("country:iraq", "attack", None)]
    assert store.triple_claims(wanted) == {key: [("claim:p", "Diyala", 3), ("claim:q", "Basra", 1)]}
    assert store.triple_claim_keys(["claim:p", "claim:f"]) == {"claim:p": key}


def test_clear_claim_index_empties_every_table(store: Store) -> None:
    store.put_clusters([_cluster(0, "leader", 1.0)])
    store.put_cluster_facts([ClusterFact("sentence", "s1", A, 0, 0)])
    store.put_buckets([("v0:1", 0)])
    store.put_triple_facts([("country:iran", "attack", A)])
    store.clear_claim_index()
    assert store.clusters([0]) == {} and store.next_cluster_id() == 0
    assert store.cluster_facts([0]) == [] and store.next_fact_ordinal() == 0
    assert store.clusters_in_buckets(["v0:1"]) == {}
    assert store.triple_fact_documents([("country:iran", "attack")]) == set()


def test_lookups_in_an_empty_index_find_nothing(store: Store) -> None:
    assert store.clusters([0]) == {} and store.cluster_facts([0]) == []
    assert store.clusters_of_facts([]) == {} and store.clusters_in_buckets([]) == {}
    assert store.claims_by_id([]) == {} and store.claims_with_facts_in([]) == {}
