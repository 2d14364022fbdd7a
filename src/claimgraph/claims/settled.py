"""Settled claims: stored claims an incremental run grows without rebuilding them.

An incremental run rebuilds the claims its new facts join from all their members' documents
(`claims.incremental_claims`), so on a store where stories recur its cost grows with the store:
a widely carried claim's members grow with every batch. A claim whose members span
`BuildSettings.settled_documents` documents or more is *settled*, and so is an (actor, relation)
pair whose triple facts do, with every triple claim of it: the run keeps them out of the
neighbourhood it rebuilds (their documents are never read) and only adds what joins them:
- the new sentences of a free-text cluster a settled claim holds, as `free_text.Placement`
  would add them (a triple claim takes those using its relation's words; a claim the cluster
  gave only its denials takes only denials);
- the new documents' triple facts of a settled pair's keys, each to the claim of its place (a
  fact without a place to the key's claim with most members, as `triples.triple_drafts` folds
  them), or a new claim when the key has none there;
- the members of a claim the neighbourhood builds under a settled claim's id.
A large cluster no claim holds (copies of one sentence, or sentences none of which states a
proposition) stays out too, unless a new sentence of it could place it otherwise.
A settled claim never loses a member or changes its text, so its id stays. Against a rebuild
this is a tolerance (docs/architecture.md): a new member could have made another sentence the
most central of a large free-text cluster, or moved a key's main place; a run whose documents'
actors merge differently (`redo_docs` beyond the new ones) is exact (no walls).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from claimgraph.claims.drafts import Draft, add_member, claim_id, finish
from claimgraph.claims.free_text import Assertion, sentence_member
from claimgraph.claims.propositions import claim_place, claim_text
from claimgraph.claims.text import ActorTable, has_cue, polarity_on
from claimgraph.model import Claim, ClaimMember
from claimgraph.store import Store

Pair = tuple[str, str]  # (group-level actor, relation)
Key = tuple[str, str, str | None]  # (subject, relation, object) of a triple claim


@dataclass(slots=True)
class Walls:
    """What a run keeps out of its neighbourhood: settled claims and pairs, and the clusters
    settled claims hold. Sizes are read once each (counts in the store, not members)."""

    store: Store
    limit: int
    claims: set[str] = field(default_factory=set)  # settled claims reached
    pairs: set[Pair] = field(default_factory=set)  # settled pairs reached
    clusters: dict[int, str] = field(default_factory=dict)  # a settled claim's cluster -> the claim
    unplaced: set[int] = field(default_factory=set)  # large clusters no claim holds, left so
    restless: set[Pair] = field(default_factory=set)  # pairs whose claims a new fact re-places
    stirred: set[int] = field(default_factory=set)  # clusters a new sentence may place otherwise
    _claim_sizes: dict[str, int] = field(default_factory=dict)
    _pair_sizes: dict[Pair, int] = field(default_factory=dict)
    _owners: dict[int, set[str]] = field(default_factory=dict)  # cluster -> claims holding its facts

    def settled_pairs(self, pairs: Iterable[Pair]) -> set[Pair]:
        """These pairs whose triple facts span `limit` documents or more (kept in `pairs`)."""
        wanted = set(pairs)
        missing = wanted - self._pair_sizes.keys()
        if missing:
            found = self.store.triple_fact_document_counts(missing)
            self._pair_sizes.update({p: found.get(p, 0) for p in missing})
        settled = {p for p in wanted if self._pair_sizes[p] >= self.limit and p not in self.restless}
        self.pairs |= settled
        return settled

    def settled_claims(self, claims: Mapping[str, Claim | None]) -> set[str]:
        """These claims that are settled (kept in `claims`): by their documents, or a triple claim
        of a settled pair. A value of None: the claim is not loaded (only its size is asked)."""
        missing = claims.keys() - self._claim_sizes.keys()
        if missing:
            found = self.store.claim_document_counts(missing)
            self._claim_sizes.update({c: found.get(c, 0) for c in missing})
        settled = {c for c in claims if self._claim_sizes[c] >= self.limit}
        if settled and self.restless:  # a triple claim of a pair rebuilt now is rebuilt with it
            keys = self.store.triple_claim_keys(settled)
            settled -= {c for c, key in keys.items() if key_pairs(key) & self.restless}
        settled |= {
            c for c, claim in claims.items() if claim is not None and triple_pairs(claim) & self.pairs
        }
        self.claims |= settled
        return settled

    def sized(self, claim_ids: Iterable[str]) -> set[str]:
        """The ids among these that are settled by their documents alone (sizes read as needed)."""
        return self.settled_claims(dict.fromkeys(claim_ids))

    def note_owners(self, owners: Mapping[int, set[str]], documents: Mapping[int, int]) -> None:
        """Record the claims holding each cluster's stored facts (a cluster's facts make one
        claim), and which clusters no claim holds stay so: those of `limit` documents or more
        that no new sentence stirred (`stirred`: a new wording that denies, could fit a triple or
        states a proposition; any other adds a copy or another non-proposition, which leaves an
        unplaced cluster unplaced)."""
        self._owners.update(owners)
        self.unplaced |= {
            c
            for c, held in owners.items()
            if not held and documents[c] >= self.limit and c not in self.stirred
        }

    def unchecked(self, clusters: Iterable[int]) -> set[int]:
        """The clusters whose holding claims are not recorded yet."""
        return set(clusters) - self._owners.keys()

    def walled(self, clusters: Iterable[int]) -> set[int]:
        """The clusters a settled claim holds (each recorded in `clusters` with that claim), and
        the unplaced ones."""
        out = set(clusters) & self.unplaced
        for cluster in clusters:
            settled = sorted(self._owners.get(cluster, set()) & self.claims)
            if settled:
                self.clusters[cluster] = settled[0]
                out.add(cluster)
        return out


def triple_pairs(claim: Claim) -> set[Pair]:
    """The (actor, relation) pairs of a triple claim (none for a free-text one)."""
    if claim.relation is None:
        return set()
    return {(ref.actor_id, claim.relation) for ref in (claim.subject, claim.object) if ref and ref.actor_id}


def key_pairs(key: Key) -> set[Pair]:
    subject, relation, obj = key
    return {(a, relation) for a in (subject, obj) if a}


def cluster_members(
    walls: Walls, stored: Mapping[str, Claim], new: Sequence[tuple[Assertion, int]]
) -> dict[str, list[ClaimMember]]:
    """Settled claim id -> members from the new sentences (with their clusters) of its clusters."""
    out: dict[str, list[ClaimMember]] = {}
    for a, cluster in new:
        claim = stored.get(walls.clusters.get(cluster, ""))
        if claim is None:
            continue
        if claim.relation is not None:
            if not has_cue(a.text, claim.relation):
                continue
            member = sentence_member(a, claim.relation)
        else:
            denials_only = all(m.polarity < 0 for m in claim.members)
            if denials_only and polarity_on(a.text, None) >= 0:
                continue
            member = sentence_member(a)
        out.setdefault(claim.id, []).append(member)
    return out


StoredTriples = Mapping[Key, list[tuple[str, str | None, int]]]  # `Store.triple_claims`


def restless_pairs(stored: StoredTriples, found: Mapping[Key, list]) -> set[Pair]:
    """The pairs of the keys whose new facts (`found`: the new documents' triple members) would
    move the key's stored facts to another claim in a rebuild (`triples.triple_drafts`): a first
    place for a key stored without one (its facts fold into it), a country that takes in a
    stored city's claim ("in Baghdad" joins "in Iraq"), or a new main place (the most members).
    Such a key is rebuilt, not grown. Main places are compared by claim sizes, which count the
    placeless facts folded into the main place too: a change by fewer stays (the tolerance)."""
    out: set[Pair] = set()
    for key, items in found.items():
        claims = stored.get(key)
        if not claims:
            continue
        own = {key[0], key[2]}
        places = {p for _, p, _ in claims} | {p for p, _, _ in items}
        mapped = Counter(q for p, _, _ in items if (q := claim_place(p, own, places)))
        sizes = Counter({p: n for _, p, n in claims if p})
        moved = any(claim_place(p, own, places) != p for p in sizes)
        folded = mapped and any(p is None for _, p, _ in claims)
        if moved or folded or _main(sizes) != _main(sizes + mapped):
            out |= key_pairs(key)
    return out


def _main(counts: Counter) -> str | None:
    return min(counts, key=lambda p: (-counts[p], p)) if counts else None


def settled_triples(
    stored: StoredTriples, found: Mapping[Key, list], table: ActorTable
) -> tuple[dict[str, list[ClaimMember]], list[Claim]]:
    """The new documents' triple facts of settled keys (`stored`: their stored claims): (settled
    or stored claim id -> members, new claims of a place the key had none at)."""
    grown: dict[str, list[ClaimMember]] = {}
    new: dict[str, Draft] = {}
    for key, items in sorted(found.items(), key=lambda kv: repr(kv[0])):
        subject, relation, obj = key
        claims = stored.get(key, [])
        places = {p for _, p, _ in claims} | {p for p, _, _ in items}
        # the stored main place, or for a new key the place most of its facts name
        main = _main(
            Counter({p: n for _, p, n in claims if p}) if claims else Counter(p for p, _, _ in items if p)
        )
        for place, member, _ in items:
            place = claim_place(place, {subject, obj}, places) or main
            if obj is None and place is None:
                continue  # a fragment, as `triple_drafts` drops it
            draft_key = ("triple", subject, relation, obj, (place or "").lower() or None)
            cid = claim_id(draft_key)
            if any(c[0] == cid for c in claims):
                grown.setdefault(cid, []).append(member)
                continue
            draft = new.get(cid)
            if draft is None:
                text = claim_text(table.name(subject), table.name(obj) if obj else None, relation, place)
                draft = new[cid] = Draft(draft_key, subject, relation, obj, place, {}, text)
            add_member(draft, member)
    return grown, [finish(d, table) for d in new.values()]
