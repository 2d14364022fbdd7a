"""The verdicts step of a rebuild, reading stances a batch of claims at a time (issue 11, memory).

`assess` takes every stance at once; the corpus stage's stances (with their evidence text, about
4 KB each, some 15 per document) were the largest thing the stage held. Here each batch of
`CLAIMS_PER_READ` claims' stances is read, folded into voices and votes and dropped; truth
discovery runs over the votes (small: holder, claim, sign, weight); a second pass reads each
batch again to label its claims. The voices of a claim depend only on its own stances and the
corpus's outlets and near-duplicate groups, so both passes fold the same voices, and the rows
written are `assess`'s (tests/verdicts/test_rebuild.py). What stays O(documents): the outlet of
each document (`VerdictInputs.outlets`), every claim's id, verdict and votes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from claimgraph.model import Claim, Stance, Verdict
from claimgraph.store import Store
from claimgraph.store.sql import chunks
from claimgraph.store.truth_state import StoredVote
from claimgraph.verdicts import heard_sources, model_input, sources_of, verdict_of, votes_of
from claimgraph.verdicts.incremental import (
    CLAIMS_PER_READ,
    VerdictInputs,
    save_truth_state,
    stored_votes,
    voiced_claims,
)
from claimgraph.verdicts.truth import Vote, discover
from claimgraph.verdicts.voices import ClaimVoices, VoiceIndex


def _batches(
    store: Store, claim_ids: Sequence[str], index: VoiceIndex
) -> Iterator[tuple[Claim, list[Stance], ClaimVoices]]:
    """Each claim with its stances and voices, claims and stances read `CLAIMS_PER_READ` claims at
    a time."""
    for part in chunks(claim_ids, CLAIMS_PER_READ):
        claims = store.claims_by_id(part)
        for claim_id, stances, voices in voiced_claims(store, part, index):
            if claim_id in claims:
                yield claims[claim_id], stances, voices


def rebuild_verdicts(
    store: Store, inputs: VerdictInputs, tick: Callable[[int, int], None] = lambda d, t: None
) -> int:
    """Voices, truth discovery (each holder starting at its prior) and a verdict for every claim,
    written with the sources and the truth state; returns the verdicts written."""
    settings = inputs.settings
    claims = store.claim_order()  # ids: the claims are read a batch at a time
    index = VoiceIndex.of_outlets(inputs.outlets)  # groups: each batch's (`voiced_claims`)
    votes: list[Vote] = []
    kept: list[StoredVote] = []
    heard: dict[str, tuple[str, set[str]]] = {}
    for part in chunks(claims, CLAIMS_PER_READ):  # votes need no claim, only its stances
        for _, _, voices in voiced_claims(store, part, index):
            votes += votes_of(voices, settings)
            kept += stored_votes(voices, settings)
            heard_sources([voices], into=heard)
    priors = inputs.holder_priors()
    estimate = discover(votes, claims, priors, settings.default_prior, settings.prior_strength)
    del votes
    parties = inputs.parties()
    verdicts: list[Verdict] = []
    for claim, stances, voices in _batches(store, claims, index):
        rows = model_input(stances, voices, index)
        posterior = estimate.posterior[claim.id]
        verdicts.append(verdict_of(claim, rows, voices, posterior, parties, inputs.model, settings))
        tick(len(verdicts), len(claims))
    store.replace_verdicts(verdicts, sources_of(inputs.outlets, heard, estimate, priors, settings))
    store.put_holder_reliabilities(estimate.reliability)
    save_truth_state(store, kept, estimate, inputs)
    return len(verdicts)
