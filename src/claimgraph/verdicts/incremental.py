"""Incremental verdicts (issue 11): a corpus-stage run redoes what its changed stances can affect.

A rebuild runs `assess` over every claim and keeps its workings in the store (`store.truth_state`:
each claim's votes and posterior, each holder's prior and the reliability its claims' posteriors
were computed with). An incremental run then:
1. takes the *affected* claims: touched or restanced by the run, gone, or whose stances may fold
   into voices differently because a new document shares a near-duplicate group with theirs or
   brings a new outlet a quoted speaker is named after (`affected_claims`);
2. folds their stances into votes, which replace their stored votes;
3. runs truth discovery locally, warm-started from the stored estimate (`LocalTruth`): E-step on
   the affected claims, M-step on the holders whose votes or claims' posteriors changed (summed
   by the database over each such holder's stored votes); a holder whose reliability has moved
   more than EPSILON from the one its claims' posteriors were computed with gets all of them
   computed again; rounds repeat until no reliability moves more than `truth.TOLERANCE`;
4. writes verdicts again for the affected claims and for those whose P(true), as the
   explanation prints it (two decimals), changed; updates the reliabilities and `sources`.
Cost: the stances of the affected claims, the votes of the holders they reach and of the claims
of holders moved past EPSILON (a holder voting on most claims, e.g. one outlet for a whole
corpus, moves past it only after many runs), plus one pass over the outlets (`sources` rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from claimgraph.model import SourceReliability, Stance
from claimgraph.naming import holder_key
from claimgraph.settings import VerdictSettings
from claimgraph.store import Store
from claimgraph.store.sql import chunks
from claimgraph.store.truth_state import StoredVote
from claimgraph.verdicts import heard_sources, model_input, own_documents, verdict_of, votes_of
from claimgraph.verdicts.explain import Parties
from claimgraph.verdicts.model import VerdictModel
from claimgraph.verdicts.truth import CLAIM_PRIOR, TOLERANCE, TruthEstimate, Vote, clip, m_step, posterior
from claimgraph.verdicts.voices import ClaimVoices, VoiceIndex, claim_voices, source_key

# Claims whose stances are held at once (here and in `verdicts.rebuild`): a claim at retrieval's
# cap has ~200 documents' stances (~80 on average at 3,000 generated documents), so 256 claims held
# half the 3,000 store's 46,077.
CLAIMS_PER_READ = 16
EPSILON = 0.005  # a holder's claims are recomputed once its reliability moves this far
MAX_ROUNDS = 50  # rounds of local EM; warm-started, it stops in a few


@dataclass(slots=True)
class Changes:
    """What the run changed (`claims.incremental.Delta`'s sets) and, once done, what the step did:
    `counts` affected claims, restanced claims `kept` (stances judged again to the same rows),
    claims whose printed P(true) changed (`shown`) and local EM `rounds`."""

    touched: set[str]
    restanced: set[str]
    old: set[str]  # claims the claims step read: those of them gone lose their verdicts
    new_docs: set[str]
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class VerdictInputs:
    """What verdicts read besides claims and stances: the outlet of each of the corpus's (English)
    documents (id -> `source_name`, in id order; no Documents: issue 11, memory), outlet priors,
    the model, and the speakers' parties (built on first use)."""

    outlets: Mapping[str, str]
    priors: Mapping[str, float]
    model: VerdictModel
    parties: Callable[[], Parties]
    settings: VerdictSettings = field(default_factory=VerdictSettings)

    def holder_priors(self) -> dict[str, float]:
        return {source_key(o): p for o, p in self.priors.items()}


def stored_votes(voices: ClaimVoices, settings: VerdictSettings) -> list[StoredVote]:
    """A claim's votes (`votes_of`) with the documents each holder is heard in."""
    docs = {n.key: n.doc_ids for g in voices.groups for n in g.nodes}
    return [
        StoredVote(v.claim_id, v.holder, v.sign, v.weight, v.share, docs[v.holder])
        for v in votes_of(voices, settings)
    ]


def save_truth_state(
    store: Store, votes: Sequence[StoredVote], estimate: TruthEstimate, inputs: VerdictInputs
) -> None:
    """After a full truth discovery (`verdicts.rebuild`): every claim's votes (`stored_votes`),
    posterior and stance digest, every holder's prior and the reliability its claims were
    computed with, replacing what was kept."""
    settings, priors = inputs.settings, inputs.holder_priors()
    posterior, digests = estimate.posterior, store.stance_digests()
    store.clear_truth_state()
    store.put_truth_votes((), votes, {c: (p, digests.get(c, "")) for c, p in posterior.items()})
    store.put_truth_holders(
        {h: (clip(priors.get(h, settings.default_prior)), r) for h, r in estimate.reliability.items()}
    )


def affected_claims(
    store: Store, changed: set[str], maybe_gone: set[str], new_docs: set[str], outlets: Mapping[str, str]
) -> tuple[set[str], set[str], set[str]]:
    """(the `changed` claims still there, claims whose voices may fold differently because the new
    documents join their documents' near-duplicate groups or bring an outlet a quoted speaker is
    named after, claims gone since the last run)."""
    live = store.existing_claims(changed)
    gone = (changed | maybe_gone) - live - store.existing_claims(maybe_gone - changed)
    grouped = store.near_dup_groups_of(new_docs)
    voiced = store.claims_with_stances_on(set(grouped) - new_docs)
    old_outlets = {holder_key(name) for d, name in outlets.items() if d not in new_docs}
    new_outlets = {holder_key(name) for d, name in outlets.items() if d in new_docs} - old_outlets
    voiced |= store.claims_heard_from(new_outlets)  # a quoted speaker of that name is now the outlet
    return live, voiced, gone


class LocalTruth:
    """Truth discovery around a few changed claims, from the stored estimate (module docstring)."""

    def __init__(self, store: Store, inputs: VerdictInputs) -> None:
        self.store = store
        self.settings = inputs.settings
        self.priors = inputs.holder_priors()
        self.reliability: dict[str, float] = {}
        self.held: dict[str, tuple[float, float]] = {}  # holder -> (prior, shown)
        self.written: set[str] = set()  # holders whose reliability this run sets
        self.dropped: set[str] = set()  # holders left without votes or prior
        self.before: dict[str, float | None] = {}  # claim -> stored P(true) before this run
        self.votes: dict[str, list[Vote]] = {}  # claim -> its votes, read once
        self.rounds = 0

    def prior_of(self, holder: str) -> float:
        return clip(self.priors.get(holder, self.settings.default_prior))

    def _load(self, holders: Iterable[str]) -> None:
        missing = set(holders) - self.reliability.keys() - self.dropped
        if missing:
            self.reliability.update(self.store.reliabilities_of(missing))
            self.held.update(self.store.truth_holders(missing))
            for h in missing:  # a holder never seen starts at its prior
                self.reliability.setdefault(h, self.prior_of(h))

    def changed_priors(self) -> set[str]:
        """Holders whose prior differs from the one they were estimated with (a new prior file)."""
        stored = self.store.holders_with_prior_other_than(clip(self.settings.default_prior))
        stored.update({h: p for h, (p, _) in self.store.truth_holders(self.priors).items()})
        changed = {h for h, p in stored.items() if p != self.prior_of(h)}
        return changed | (self.priors.keys() - stored.keys())

    def _e_step(self, claim_ids: set[str], affected: set[str]) -> tuple[dict[str, float], set[str]]:
        """New posteriors of these claims, and the holders voting on those that moved."""
        unread = claim_ids - self.votes.keys()  # a claim's votes do not change during the run
        found = self.store.truth_votes(unread)
        self.votes.update(
            {c: [Vote(v.holder, c, v.sign, v.weight, v.share) for v in found.get(c, [])] for c in unread}
        )
        self._load(v.holder for c in unread for v in self.votes[c])
        old = self.store.truth_posteriors(claim_ids - affected)
        new, voters = {}, set()
        for claim_id in sorted(claim_ids):
            held = self.votes[claim_id]
            new[claim_id] = posterior(held, self.reliability)
            self.before.setdefault(claim_id, old.get(claim_id))
            if claim_id in affected or new[claim_id] != old.get(claim_id):
                voters |= {v.holder for v in held}
        self.store.put_truth_posteriors(new)
        return new, voters

    def _m_step(self, holders: set[str]) -> tuple[float, set[str]]:
        """Re-estimate these holders; (largest move, holders whose claims must be recomputed)."""
        self._load(holders)
        sums = self.store.holder_sums(holders)
        shift, refresh = 0.0, set()
        for h in sorted(holders - self.dropped):
            prior = self.prior_of(h)
            if h not in sums and h not in self.priors:
                self.dropped.add(h)
                self.reliability.pop(h, None)
                continue
            total, right = sums.get(h, (0.0, 0.0))
            new = m_step(prior, total, right, self.settings.prior_strength)
            shift = max(shift, abs(new - self.reliability[h]))
            self.reliability[h] = new
            self.written.add(h)
            shown = self.held.get(h, (prior, new))[1]
            if abs(new - shown) > EPSILON:
                refresh.add(h)
                shown = new
            self.held[h] = (prior, shown)
        return shift, refresh

    def run(self, affected: set[str], holders: set[str]) -> dict[str, float]:
        """Local EM from the stored estimate; returns the new P(true) of every claim recomputed."""
        posteriors: dict[str, float] = {}
        frontier, pending = set(affected), set(holders)
        for rounds in range(1, MAX_ROUNDS + 1):
            self.rounds = rounds
            if frontier:
                new, voters = self._e_step(frontier, affected)
                posteriors.update(new)
                pending |= voters
            if not pending:
                break
            shift, refresh = self._m_step(pending)
            pending = set()
            frontier = (set(affected) if shift >= TOLERANCE else set()) | self.store.claims_voted_by(refresh)
            if not frontier:
                break
        self.store.update_reliabilities({h: self.reliability[h] for h in self.written}, self.dropped)
        self.store.put_truth_holders({h: self.held[h] for h in self.written})
        return posteriors


def update_verdicts(
    store: Store,
    inputs: VerdictInputs,
    changed: Changes,
    tick: Callable[[int, int], None] = lambda d, t: None,
) -> int:
    """The incremental verdicts step (module docstring); returns the verdicts it wrote, `tick`ing
    (done, total) after each. The affected claims' stances are read `CLAIMS_PER_READ` claims at a
    time, twice (votes before truth discovery, verdicts after), as a rebuild reads them: a run
    whose new documents reach many claims holds a batch's stances, not all of theirs."""
    touched = changed.touched | changed.restanced
    live, voiced, gone = affected_claims(store, touched, changed.old, changed.new_docs, inputs.outlets)
    digests = store.stance_digests(live | voiced)  # judged again, maybe to the same rows
    kept = store.truth_digests(live & changed.restanced)
    same = {c for c in live - changed.touched - voiced if c in kept and kept[c] == digests.get(c, "")}
    affected = (live | voiced) - same
    index = VoiceIndex.of_outlets(inputs.outlets)
    holders = {v.holder for vs in store.truth_votes(gone - affected).values() for v in vs}
    store.put_truth_votes(gone - affected, (), {})
    for part in chunks(sorted(affected), CLAIMS_PER_READ):
        holders |= {v.holder for vs in store.truth_votes(part).values() for v in vs}  # before they go
        votes = [
            v for _, _, cv in voiced_claims(store, part, index) for v in stored_votes(cv, inputs.settings)
        ]
        holders |= {v.holder for v in votes}
        store.put_truth_votes(part, votes, {c: (CLAIM_PRIOR, digests.get(c, "")) for c in part})
    truth = LocalTruth(store, inputs)
    posteriors = truth.run(affected, holders | truth.changed_priors())
    shown = {
        c for c, p in posteriors.items() if c not in affected and _printed(truth.before[c]) != _printed(p)
    }
    order = [*sorted(affected), *sorted(shown)]
    parties = inputs.parties() if order else Parties()
    heard: dict[str, tuple[str, set[str]]] = {}
    done = 0
    store.put_verdicts((), gone)
    for part in chunks(order, CLAIMS_PER_READ):
        claims = store.claims_by_id(part)
        verdicts = []
        for claim_id, stances, voices in voiced_claims(store, part, index):
            heard_sources([voices], into=heard)
            if claim_id not in claims:
                continue
            rows = model_input(stances, voices, index)
            verdicts.append(
                verdict_of(
                    claims[claim_id],
                    rows,
                    voices,
                    posteriors[claim_id],
                    parties,
                    inputs.model,
                    inputs.settings,
                )
            )
            done += 1
            tick(done, len(order))
        store.put_verdicts(verdicts, part)
    touched_holders = holders | truth.written | truth.dropped
    store.replace_sources(_sources(store, inputs, touched_holders, changed.new_docs, heard))
    changed.counts.update(
        {"affected": len(affected), "kept": len(same), "shown": len(shown), "rounds": truth.rounds}
    )
    return done


def voiced_claims(
    store: Store, claim_ids: Sequence[str], index: VoiceIndex
) -> Iterator[tuple[str, list[Stance], ClaimVoices]]:
    """Each claim with its stances and voices, in the given order. `index`'s near-duplicate groups
    become those of these claims' documents: a claim's voices look up only its own documents'."""
    stances = store.stances_of(claim_ids)
    index.groups = store.near_dup_groups_of({s.doc_id for ss in stances.values() for s in ss})
    for claim_id in claim_ids:
        yield claim_id, stances[claim_id], claim_voices(claim_id, stances[claim_id], index)


def _printed(p: float | None) -> str | None:
    return None if p is None else f"{p:.2f}"


def _sources(
    store: Store,
    inputs: VerdictInputs,
    holders: set[str],
    new_docs: set[str],
    heard_in: Mapping[str, tuple[str, set[str]]],
) -> list[SourceReliability]:
    """Every outlet's row: reliability from the estimate; documents it is heard in counted again
    for the outlets this run's votes or new documents touch, kept from the stored row otherwise."""
    names, own = own_documents(inputs.outlets)
    stored = {source_key(s.name): s for s in store.list_sources()}
    for key, row in stored.items():
        names.setdefault(key, row.name)
    for key, (name, _) in heard_in.items():  # `heard_sources` of the claims this run labelled
        names.setdefault(key, name)
    recount = {h for h in holders if h.startswith("source:")}
    recount |= {k for k, docs in own.items() if docs & new_docs}
    heard = store.heard_documents(recount)
    reliability = store.reliabilities_of(names)
    default = inputs.settings.default_prior
    priors = inputs.holder_priors()
    rows = []
    for key, name in names.items():
        if key in recount or key not in stored:
            count = len(own.get(key, set()) | heard.get(key, set()))
        else:
            count = stored[key].documents
        if count == 0:  # no page of its own and no vote left
            continue
        rows.append(SourceReliability(name, round(reliability.get(key, priors.get(key, default)), 4), count))
    return sorted(rows, key=lambda r: (-r.reliability, r.name))
