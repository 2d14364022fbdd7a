"""The corpus stage: steps over the whole store after the per-document stages.

Now one step: merge actors across documents. Each per-document analysis keeps its actor ids
as found ("person:bill-speaks" here, "person:speaks" there); this step rebuilds the canonical
`actors` table and the found-id -> canonical-id map from all of them, so it is deterministic
and re-running it changes nothing. Later steps (claims, stances, contradictions) go here too.
"""

from __future__ import annotations

from claimgraph.store import Store


def merge_actors_step(store: Store) -> int:
    """Merge generated people across documents (`nlp.actors.merge_actor_ids`); return actors kept."""
    from claimgraph.nlp.actors import merge_actor_ids, merge_actors

    found = store.found_actors()
    mapping = merge_actor_ids([found])
    canonical = merge_actors([found])
    store.replace_actors(canonical, mapping)
    return len(canonical)


def run_corpus_stage(store: Store) -> int:
    """Every corpus step in order, in one transaction; returns the number of canonical actors."""
    with store.transaction():
        return merge_actors_step(store)
