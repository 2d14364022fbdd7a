"""Verdicts: source reliability learned jointly with claim truth, and a label per claim.

One call: `judge(claims, stances, documents, groups=..., priors=...)` -> (verdicts, sources).
Stances fold into independent voices (`voices`: syndication, citation, circular quoting and quoted
text undone). The voices vote in a Dawid-Skene truth discovery (`truth`) that estimates each
source's reliability; the learned verdict model (`model`, trained on Emergent rumours) reads the
claim's first-hand voices and gives P(true / false / unknown), which `labels` turns into a label
(its probability is the confidence), and `explain` writes the sentence. Pure functions over model
types (plus the model's small JSON weights).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from claimgraph.clean.provenance import source_name
from claimgraph.model import Actor, Claim, Document, SourceReliability, Stance, Statement, Verdict
from claimgraph.settings import VerdictSettings
from claimgraph.verdicts.explain import Parties, explain
from claimgraph.verdicts.features import claim_features, stance_dicts
from claimgraph.verdicts.features import voices as stance_voices
from claimgraph.verdicts.labels import hand_weight, label_for
from claimgraph.verdicts.model import CLASSES, VerdictModel, decide_class, sides_of
from claimgraph.verdicts.priors import PriorWarning, check_priors, load_priors
from claimgraph.verdicts.truth import TruthEstimate, Vote, discover
from claimgraph.verdicts.voices import ClaimVoices, VoiceIndex, claim_voices, source_key

__all__ = ["Judgement", "PriorWarning", "assess", "check_priors", "judge", "load_priors"]


@dataclass(frozen=True, slots=True)
class Judgement:
    """Everything behind the verdicts, for reports that want more than the labels."""

    verdicts: list[Verdict]
    sources: list[SourceReliability]
    voices: dict[str, ClaimVoices]
    estimate: TruthEstimate


def votes_of(voices: ClaimVoices, settings: VerdictSettings | None = None) -> list[Vote]:
    """One vote per holder; an independent voice of k holders splits its weight k ways."""
    return [
        Vote(
            n.key,
            voices.claim_id,
            n.sign,
            n.strength * hand_weight(n.first_hand, settings),
            1.0 / len(g.nodes),
        )
        for g in voices.groups
        for n in g.nodes
    ]


def model_input(stances: Sequence[Stance], voices: ClaimVoices, index: VoiceIndex) -> list[dict[str, Any]]:
    """The verdict model's stance dicts for one claim: every holder of one independent voice
    (syndicated copies, an outlet and the speaker it cites) under one name, and sided stances
    known only from reproduced text (second-hand) left out: the page does not vouch for them."""
    name_of = {n.key: g.nodes[0].name for g in voices.groups for n in g.nodes}
    rows = []
    for stance, row in zip(stances, stance_dicts(stances), strict=True):
        key, name, kind, first_hand = index.key(stance)
        if row["stance"] in ("agree", "disagree") and not first_hand:
            continue
        if row["stance"] not in ("agree", "disagree", "discuss"):
            continue
        row["holder"] = name_of.get(key, name)
        row["holder_kind"] = kind.value
        rows.append(row)
    return rows


def assess(
    claims: Sequence[Claim],
    stances: Iterable[Stance],
    documents: Iterable[Document],
    *,
    groups: Mapping[str, str] | None = None,
    priors: Mapping[str, float] | None = None,
    statements: Iterable[Statement] = (),
    actors: Iterable[Actor] = (),
    settings: VerdictSettings | None = None,
    model: VerdictModel | None = None,
    tick: Callable[[int, int], None] | None = None,
) -> Judgement:
    """`judge` with its workings: voices per claim and the truth-discovery estimate, every holder
    starting at its prior (an incremental run's warm start is `verdicts.incremental`);
    `tick(claims labelled, claims)` after each claim's verdict."""
    settings = settings or VerdictSettings()
    model = model or VerdictModel.load(settings.model_path)
    docs = list(documents)
    index = VoiceIndex(docs, groups)
    by_claim: dict[str, list[Stance]] = defaultdict(list)
    for stance in stances:
        by_claim[stance.claim_id].append(stance)
    voices = {c.id: claim_voices(c.id, by_claim.get(c.id, []), index) for c in claims}
    holder_priors = {source_key(o): p for o, p in (priors or {}).items()}
    estimate = discover(
        [v for cv in voices.values() for v in votes_of(cv, settings)],
        voices,
        holder_priors,
        settings.default_prior,
        settings.prior_strength,
    )
    parties = Parties(actors, statements)
    verdicts = []
    for claim in claims:
        rows = model_input(by_claim.get(claim.id, []), voices[claim.id], index)
        posterior = estimate.posterior[claim.id]
        verdicts.append(verdict_of(claim, rows, voices[claim.id], posterior, parties, model, settings))
        if tick is not None:
            tick(len(verdicts), len(claims))
    outlet_of = {d.id: source_name(d) for d in docs}
    sources = sources_of(outlet_of, heard_sources(voices.values()), estimate, holder_priors, settings)
    return Judgement(verdicts, sources, voices, estimate)


def verdict_of(
    claim: Claim,
    rows: list[dict[str, Any]],
    voices: ClaimVoices,
    posterior: float,
    parties: Parties,
    model: VerdictModel,
    settings: VerdictSettings,
) -> Verdict:
    """One claim's verdict from its model input (`model_input`), voices and truth-discovery P(true)."""
    text = explain(claim, voices, posterior, parties)
    if not rows:
        return Verdict(claim.id, label_for("unknown", voices), 1.0, text)
    sources = stance_voices(rows)  # built once: the features and the class check read the same voices
    probs = model.probabilities(claim_features(rows, sources))[0]
    k = CLASSES.index(decide_class(probs, rows, settings, sides_of(rows, sources)))
    odds = ", ".join(f"P({c})={p:.2f}" for c, p in zip(CLASSES, probs, strict=True))
    return Verdict(
        claim.id,
        label_for(CLASSES[k], voices),
        round(float(probs[k]), 4),
        f"{text}; the verdict model gives {odds}",
    )


def heard_sources(
    voices: Iterable[ClaimVoices], into: dict[str, tuple[str, set[str]]] | None = None
) -> dict[str, tuple[str, set[str]]]:
    """Source key -> (its first name, the documents it is heard in) over these claims' voices:
    where a page reproduces it (issue 12: a source quoted only through others once showed
    `documents = 0`). `into`: add to what earlier batches of claims gave."""
    heard = {} if into is None else into
    for cv in voices:
        for g in cv.groups:
            for n in g.nodes:
                if n.key.startswith("source:"):
                    heard.setdefault(n.key, (n.name, set()))[1].update(n.doc_ids)
    return heard


def own_documents(outlet_of: Mapping[str, str]) -> tuple[dict[str, str], dict[str, set[str]]]:
    """Source key -> its first name, and -> its own documents (`outlet_of`: document id ->
    `source_name`), in document order."""
    names: dict[str, str] = {}
    docs: dict[str, set[str]] = {}
    for doc_id, outlet in outlet_of.items():
        key = source_key(outlet)
        names.setdefault(key, outlet)
        docs.setdefault(key, set()).add(doc_id)
    return names, docs


def sources_of(
    outlet_of: Mapping[str, str],
    heard: Mapping[str, tuple[str, set[str]]],
    estimate: TruthEstimate,
    holder_priors: Mapping[str, float],
    settings: VerdictSettings,
) -> list[SourceReliability]:
    """Every source's row: the documents it is heard in are its own (`outlet_of`: document id ->
    `source_name`) and those reproducing it (`heard_sources`)."""
    names, docs = own_documents(outlet_of)
    for key, (name, doc_ids) in heard.items():
        names.setdefault(key, name)
        docs.setdefault(key, set()).update(doc_ids)
    rows = [
        SourceReliability(
            name,
            round(estimate.reliability.get(key, holder_priors.get(key, settings.default_prior)), 4),
            len(docs[key]),
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
    settings: VerdictSettings | None = None,
    model: VerdictModel | None = None,
) -> tuple[list[Verdict], list[SourceReliability]]:
    """A verdict per claim (in `claims` order) and every outlet's reliability (most reliable first).

    `groups` maps document id -> near-duplicate group id (syndication); `priors` outlet -> prior
    reliability (see `load_priors`); `statements` and `actors` only sharpen the explanations
    (speakers' affiliations); `model` defaults to the shipped verdict model (`settings.model_path`).
    Empty input gives empty lists.
    """
    judgement = assess(
        claims,
        stances,
        documents,
        groups=groups,
        priors=priors,
        statements=statements,
        actors=actors,
        settings=settings,
        model=model,
    )
    return judgement.verdicts, judgement.sources
