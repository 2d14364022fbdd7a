"""Verdicts: source reliability learned jointly with claim truth, and a label per claim.

One call: `judge(claims, stances, documents, groups=..., priors=...)` -> (verdicts, sources).
Stances fold into independent voices (`voices`: syndication, citation, circular quoting and quoted
text undone), the voices vote in a Dawid-Skene truth discovery (`truth`), and each claim gets a
label by the rules in `labels` with the sentence from `explain`. Pure functions over model types.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from claimgraph.clean.provenance import source_name
from claimgraph.model import Actor, Claim, Document, SourceReliability, Stance, Statement, Verdict
from claimgraph.verdicts.explain import Parties, explain
from claimgraph.verdicts.labels import decide, hand_weight
from claimgraph.verdicts.priors import PriorWarning, check_priors, load_priors
from claimgraph.verdicts.truth import DEFAULT_PRIOR, TruthEstimate, Vote, discover
from claimgraph.verdicts.voices import ClaimVoices, VoiceIndex, claim_voices, source_key

__all__ = ["Judgement", "PriorWarning", "assess", "check_priors", "judge", "load_priors"]


@dataclass(frozen=True, slots=True)
class Judgement:
    """Everything behind the verdicts, for reports that want more than the labels."""

    verdicts: list[Verdict]
    sources: list[SourceReliability]
    voices: dict[str, ClaimVoices]
    estimate: TruthEstimate


def votes_of(voices: ClaimVoices) -> list[Vote]:
    """One vote per holder; an independent voice of k holders splits its weight k ways."""
    return [
        Vote(n.key, voices.claim_id, n.sign, n.strength * hand_weight(n.first_hand), 1.0 / len(g.nodes))
        for g in voices.groups
        for n in g.nodes
    ]


def assess(
    claims: Sequence[Claim],
    stances: Iterable[Stance],
    documents: Iterable[Document],
    *,
    groups: Mapping[str, str] | None = None,
    priors: Mapping[str, float] | None = None,
    statements: Iterable[Statement] = (),
    actors: Iterable[Actor] = (),
) -> Judgement:
    """`judge` with its workings: voices per claim and the truth-discovery estimate."""
    docs = list(documents)
    index = VoiceIndex(docs, groups)
    by_claim: dict[str, list[Stance]] = defaultdict(list)
    for stance in stances:
        by_claim[stance.claim_id].append(stance)
    voices = {c.id: claim_voices(c.id, by_claim.get(c.id, []), index) for c in claims}
    holder_priors = {source_key(o): p for o, p in (priors or {}).items()}
    estimate = discover([v for cv in voices.values() for v in votes_of(cv)], voices, holder_priors)
    parties = Parties(actors, statements)
    verdicts = []
    for claim in claims:
        posterior = estimate.posterior[claim.id]
        label, confidence = decide(voices[claim.id], posterior, estimate.reliability)
        text = explain(claim, voices[claim.id], posterior, parties)
        verdicts.append(Verdict(claim.id, label, round(confidence, 4), text))
    return Judgement(verdicts, _sources(docs, voices, estimate, holder_priors), voices, estimate)


def _sources(
    docs: list[Document],
    voices: Mapping[str, ClaimVoices],
    estimate: TruthEstimate,
    holder_priors: Mapping[str, float],
) -> list[SourceReliability]:
    # Documents a source is heard in: its own, and those where a page reproduces it (issue 12:
    # a source quoted only through others once showed `documents = 0`).
    heard: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for d in docs:
        key = source_key(source_name(d))
        names.setdefault(key, source_name(d))
        heard[key].add(d.id)
    for cv in voices.values():
        for g in cv.groups:
            for n in g.nodes:
                if n.key.startswith("source:"):
                    names.setdefault(n.key, n.name)
                    heard[n.key].update(n.doc_ids)
    rows = [
        SourceReliability(
            name,
            round(estimate.reliability.get(key, holder_priors.get(key, DEFAULT_PRIOR)), 4),
            len(heard[key]),
        )
        for key, name in names.items()
    ]
    return sorted(rows, key=lambda r: (-r.reliability, r.name))


def judge(
    claims: Sequence[Claim],
    stances: Iterable[Stance],
    documents: Iterable[Document],
    *,
    groups: Mapping[str, str] | None = None,
    priors: Mapping[str, float] | None = None,
    statements: Iterable[Statement] = (),
    actors: Iterable[Actor] = (),
) -> tuple[list[Verdict], list[SourceReliability]]:
    """A verdict per claim (in `claims` order) and every outlet's reliability (most reliable first).

    `groups` maps document id -> near-duplicate group id (syndication); `priors` outlet -> prior
    reliability (see `load_priors`); `statements` and `actors` only sharpen the explanations
    (speakers' affiliations). Empty input gives empty lists.
    """
    judgement = assess(
        claims, stances, documents, groups=groups, priors=priors, statements=statements, actors=actors
    )
    return judgement.verdicts, judgement.sources
