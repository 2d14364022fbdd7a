"""Stances: where each document's own voice, and each speaker it quotes, stands on each claim.

Source stance (one per claim and document that mentions it) comes from the OWN voice only:
own-voice sentences that statements do not cover (reporting what someone said is not asserting
it; quoted outlets and reader comments never count). The stance model reads the claim text as
headline and those sentences as body; its label is then combined with the polarity of the
outlet's own facts about the claim (events and headline/lead sentences it asserts or denies):

- no own-voice sentence, or the model finds them unrelated: `discuss` when the own voice reports
  the claim (statements it attributes), `unrelated` when only quoted outlets or comments touch it;
- own facts with net polarity > 0 (< 0) and the model not confidently on the other side
  (probability < OWN_FACT_OVERRIDE): `agree` (`disagree`);
- otherwise the model's label, when it takes a side with probability >= MIN_SIDE_PROBABILITY
  (else `discuss`).

Speaker stance (one per statement that touches the claim): the statement's polarity as a member
(denial verbs, negation → disagree; hedges, "would not rule out" → discuss; assertion → agree);
a statement that only fits the claim by its words takes the model's label on its content,
flipped to disagree when negated. The score is the model's probability for the chosen label,
floored at SPEAKER_MIN_SCORE (the polarity rule is precise on its own). Bad input (no
sentences, one word, non-English) gives `unrelated` with the model's "not enough text" reason
as the only thing said.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from claimgraph.claims.build import done_by_others
from claimgraph.claims.embed import content_words
from claimgraph.claims.text import (
    PAIR_ANAPHORA,
    ActorTable,
    Sentence,
    document_sentences,
    groups_in,
    has_anti_cue,
    has_cue,
    is_report,
    overlaps,
    polarity_of,
    polarity_on,
    speaker_name,
)
from claimgraph.model import (
    Claim,
    ClaimMember,
    Document,
    DocumentAnalysis,
    Evidence,
    HolderKind,
    Stance,
    StanceLabel,
    Statement,
    Voice,
)

# Own facts decide the source stance unless the model gives the opposite label at least this
# probability (calibrated on the example corpus: the model's confident disagreements were right).
OWN_FACT_OVERRIDE = 0.8
SPEAKER_MIN_SCORE = 0.5
# The model takes a side for an outlet only this sure; below it, `discuss` (a coin-flip agree on a
# story about whether two armies "end up working beside" each other is a report, not a side).
# Set on the example corpus with the stance model of 2014-11-25: its right sides scored 0.88+,
# its one wrong side 0.50.
MIN_SIDE_PROBABILITY = 0.6
# Score of a label the rules chose against the model's argmax (not calibrated: a plain "likely").
RULE_SCORE = 0.6
MAX_EVIDENCE = 6
# A free-text claim is touched by a sentence sharing this share of the claim's content words.
FREE_TEXT_OVERLAP = 0.5
BODY_SEPARATOR = "\n\n"  # a paragraph break: the stance model's sentence splitter always splits there


class StancePredictor(Protocol):
    def predict(self, pairs: list[tuple[str, str]]) -> list[Any]: ...


@dataclass
class _DocView:
    doc: Document
    analysis: DocumentAnalysis
    sentences: list[Sentence]
    groups: list[set[str]]


def _claim_actors(claim: Claim) -> set[str]:
    return {r.actor_id for r in (claim.subject, claim.object) if r and r.actor_id}


def _named(claim: Claim, text: str, named: set[str]) -> set[str]:
    """Actors a sentence names, with "the two countries" standing for both of a pair claim."""
    actors = _claim_actors(claim)
    return named | actors if len(actors) == 2 and PAIR_ANAPHORA.search(text) else named


def _done_by_others(claim: Claim, sentence: Sentence, view: _DocView, table: ActorTable) -> bool:
    """A sentence whose events of the claim's relation are all someone else's ("Iraqi troops broke
    the siege") says nothing about the claim's actors doing it."""
    if not claim.relation:
        return False
    actors = {table.group(a) for a in _claim_actors(claim)}
    return done_by_others(sentence.span, claim.relation, actors, view.analysis, table)


def _touches(claim: Claim, text: str, named: set[str]) -> bool:
    """Whether a sentence talks about the claim: its relation's words (or words denying it) and
    every one of its actors, or (free-text claims) most of its content words."""
    if claim.relation:
        cue = has_cue(text, claim.relation) or has_anti_cue(text, claim.relation)
        return cue and _claim_actors(claim) <= _named(claim, text, named)
    wanted = set(content_words(claim.text))
    return bool(wanted) and len(wanted & set(content_words(text))) >= FREE_TEXT_OVERLAP * len(wanted)


def assign_stances(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    analyses: Sequence[DocumentAnalysis],
    *,
    stance_model: StancePredictor,
) -> list[Stance]:
    """Source and speaker stances for every claim, ordered by claim, document, holder kind, position."""
    table = ActorTable(analyses)
    by_doc = {a.doc_id: a for a in analyses}
    views = {}
    for doc in sorted(documents, key=lambda d: d.id):
        analysis = by_doc.get(doc.id, DocumentAnalysis(doc.id))
        sentences = document_sentences(doc, analysis.statements)
        groups = [groups_in(s.span, analysis, table) for s in sentences]
        views[doc.id] = _DocView(doc, analysis, sentences, groups)
    jobs: list[tuple[str, Claim, _DocView, Any]] = []
    pairs: list[tuple[str, str]] = []
    for claim in claims:
        members: dict[str, list[ClaimMember]] = defaultdict(list)
        for m in claim.members:
            members[m.fact.doc_id].append(m)
        for doc_id, view in views.items():
            touching = [
                s
                for s, g in zip(view.sentences, view.groups, strict=True)
                if s.voice != Voice.BOILERPLATE
                and _touches(claim, s.text, g)
                and not _done_by_others(claim, s, view, table)
            ]
            if not members[doc_id] and not touching:
                continue
            own = [s for s in view.sentences if s.voice == Voice.OWN and not s.attributed]
            jobs.append(("source", claim, view, (own, members[doc_id], touching)))
            pairs.append((claim.text, BODY_SEPARATOR.join(s.text for s in own)))
            for st, member in _speaker_statements(claim, view, members[doc_id], table):
                jobs.append(("speaker", claim, view, (st, member)))
                pairs.append((claim.text, st.content))
    unique = list(dict.fromkeys(pairs))  # syndicated copies repeat the same pairs word for word
    answers = dict(zip(unique, stance_model.predict(unique) if unique else [], strict=True))
    predictions = [answers[p] for p in pairs]
    out = []
    for (kind, claim, view, data), pred in zip(jobs, predictions, strict=True):
        if kind == "source":
            out.append(_source_stance(claim, view, *data, pred))
        else:
            out.append(_speaker_stance(claim, view, *data, pred))
    return out


def _speaker_statements(
    claim: Claim, view: _DocView, members: list[ClaimMember], table: ActorTable
) -> list[tuple[Statement, ClaimMember | None]]:
    """Statements of a document that touch the claim, each with its member when it is one."""
    by_fact = {m.fact.id: m for m in members if m.fact.kind == "statement"}
    out = []
    for st in view.analysis.statements:
        if st.voice == Voice.BOILERPLATE:
            continue
        member = by_fact.get(st.id)
        if member is None:
            named = groups_in(st.content_span, view.analysis, table)
            if st.speaker.actor_id and {"we", "our", "us"} & set(st.content.lower().split()):
                named.add(table.group(st.speaker.actor_id) or "")
            if not _touches(claim, st.content, named):
                continue
        out.append((st, member))
    return out


def _label(pred: Any) -> str:
    return str(pred.label)


def _prob(pred: Any, label: str) -> float:
    probs = getattr(pred, "probs", None) or {}
    return float(probs.get(label, pred.score if _label(pred) == label else 0.0))


def _cue_vote(claim: Claim, sentence: Sentence) -> int:
    """An own sentence's polarity on the claim from cue words; reports of what others say count 0."""
    if is_report(sentence.text):
        return 0
    if claim.relation and has_anti_cue(sentence.text, claim.relation):
        return -1
    return polarity_on(sentence.text, claim.relation)


def _fact_vote(member: ClaimMember, text: str) -> int:
    """An own fact's polarity; a headline or lead sentence that reports what others say counts 0."""
    if member.fact.kind == "sentence" and is_report(text[member.span.start : member.span.end]):
        return 0
    return member.polarity


def _source_stance(
    claim: Claim,
    view: _DocView,
    own: list[Sentence],
    members: list[ClaimMember],
    touching: list[Sentence],
    pred: Any,
) -> Stance:
    doc = view.doc
    own_facts = [m for m in members if m.voice == Voice.OWN and m.fact.kind != "statement"]
    own_touch = [
        s
        for s in touching
        if s.voice == Voice.OWN and not s.attributed and not any(overlaps(s.span, m.span) for m in own_facts)
    ]
    model_label = _label(pred)
    if not own_facts and not own_touch:
        in_own_voice = any(m.voice == Voice.OWN for m in members) or any(
            s.voice == Voice.OWN for s in touching
        )
        label = StanceLabel.DISCUSS if in_own_voice else StanceLabel.UNRELATED
        chosen = [s for s in touching if s.voice == Voice.OWN][:MAX_EVIDENCE]
    else:
        vote = sum(_fact_vote(m, doc.text) for m in own_facts) + sum(_cue_vote(claim, s) for s in own_touch)
        label = StanceLabel.DISCUSS if model_label == StanceLabel.UNRELATED else StanceLabel(model_label)
        if label != StanceLabel.DISCUSS and _prob(pred, label) < MIN_SIDE_PROBABILITY:
            label = StanceLabel.DISCUSS
        if vote:
            wanted, other = (
                (StanceLabel.AGREE, StanceLabel.DISAGREE)
                if vote > 0
                else (StanceLabel.DISAGREE, StanceLabel.AGREE)
            )
            if label != wanted and _prob(pred, other) < OWN_FACT_OVERRIDE:
                label = wanted
        chosen = own_touch + [own[k] for k in getattr(pred, "evidence_sentence_indices", ()) if k < len(own)]
    spans = {(s.span.start, s.span.end): Evidence(s.span, s.text, s.voice) for s in chosen}
    for m in own_facts:
        text = doc.text[m.span.start : m.span.end]
        spans.setdefault((m.span.start, m.span.end), Evidence(m.span, text, m.voice))
    evidence = tuple(spans[k] for k in sorted(spans))[:MAX_EVIDENCE]
    score = _prob(pred, label) if label == model_label else RULE_SCORE
    return Stance(
        claim_id=claim.id,
        doc_id=doc.id,
        holder=doc.outlet or doc.uri,
        holder_kind=HolderKind.SOURCE,
        stance=label,
        score=round(score, 4),
        evidence=evidence if label != StanceLabel.UNRELATED else (),
    )


def _speaker_stance(
    claim: Claim, view: _DocView, statement: Statement, member: ClaimMember | None, pred: Any
) -> Stance:
    if member is not None:
        polarity = member.polarity
        label = {1: StanceLabel.AGREE, -1: StanceLabel.DISAGREE}.get(polarity, StanceLabel.DISCUSS)
    else:
        label = StanceLabel(_label(pred))
        on_relation = polarity_on(statement.content, claim.relation)
        if label == StanceLabel.AGREE and on_relation < 0:
            label = StanceLabel.DISAGREE
        elif label == StanceLabel.DISAGREE and on_relation >= 0 and polarity_of(statement.content) < 0:
            label = StanceLabel.DISCUSS  # it denies another relation ("not coordinating operations")
        if label == StanceLabel.UNRELATED:
            label = StanceLabel.DISCUSS
    text = view.doc.text[statement.content_span.start : statement.content_span.end]
    evidence = (Evidence(statement.content_span, text, statement.voice),)
    return Stance(
        claim_id=claim.id,
        doc_id=view.doc.id,
        holder=speaker_name(statement),
        holder_kind=HolderKind.SPEAKER,
        stance=label,
        score=round(max(_prob(pred, label), SPEAKER_MIN_SCORE), 4),
        evidence=evidence,
        actor_id=statement.speaker.actor_id,
        statement_id=statement.id,
    )
