"""Event roles: who acts, on whom, where and when, from the phrases around a trigger.

Subjects (through control, coordination and passives), objects and the prepositions each
action takes, actor phrases resolved through the registry, pronouns and the discourse model,
places and dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.model import ActorKind, ActorRef, Document, Segment
from claimgraph.nlp.actors import ActorResolver, clean_mention
from claimgraph.nlp.discourse import Discourse, definite_noun, is_first_person, is_pair_phrase
from claimgraph.nlp.event_triggers import (
    action_of,
    phrase_tokens,
    with_conjuncts,
)
from claimgraph.nlp.lexicon import WORDS
from claimgraph.nlp.time import resolve_date
from claimgraph.taxonomy import SYMMETRIC

PLACE_PREPS = frozenset({"in", "at", "near", "over", "across", "inside", "into", "to", "around", "outside"})
TARGET_PREPS = {
    "with": SYMMETRIC,
    "against": {"attack", "airstrike", "sanction", "threaten", "accuse", "criticize", "deploy_forces"},
    "on": {"airstrike", "attack", "sanction"},
    "to": {"provide_aid", "provide_military_aid", "share_intelligence", "appeal"},
}
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_OTHER = frozenset({"it", "they", "them", "we"})
# Heads of descriptions that can act without a name: "officials", "militants", "forces".
AGENT_NOUNS = WORDS["agent_nouns"]
# Subjects of "it is not an alliance": the thing characterised, never a party to the event.
CHARACTERISING_PRONOUNS = frozenset({"it", "this", "that"})


@dataclass(slots=True)
class EventContext:
    """What one segment's extraction needs besides the token at hand."""

    doc: Document
    segment: Segment
    parsed: Doc
    resolver: ActorResolver
    spans_by_token: dict[int, SpacySpan]
    discourse: Discourse

    def offset(self, token: Token) -> int:
        return self.segment.start + token.idx


def ref_for(head: Token, ctx: EventContext, *, pronouns: bool = True) -> ActorRef | None:
    """The actor a noun phrase names: an entity or registry name in it, else a description
    headed by an agent noun ("militants"); None for anything else ("the alternative")."""
    lower = head.lower_
    if head.pos_ == "PRON" or head.tag_ in ("WP", "WDT"):
        if not pronouns:
            return None
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            return ref_for(head.head.head, ctx)  # "the militants, who captured Mosul"
        if is_first_person(head):
            side = ctx.discourse.speaker_side(head, ctx.segment.start)
            if side is not None:
                return side
        return _antecedent(head, ctx)
    span = ctx.spans_by_token.get(head.i)
    if span is None:
        inside = [ctx.spans_by_token[t.i] for t in phrase_tokens(head) if t.i in ctx.spans_by_token]
        span = inside[0] if inside else None
    if span is not None:
        name = clean_mention(span.text)
        actor_id = ctx.resolver.resolve(span.text, context=ctx.doc.published)
        if actor_id is None and span.label_ in PLACE_LABELS and lower not in ("forces", "officials"):
            phrase = " ".join(t.text for t in phrase_tokens(head))
            actor_id = ctx.resolver.resolve(phrase, context=ctx.doc.published)
        return ActorRef(name, actor_id)
    phrase = clean_mention(" ".join(t.text for t in phrase_tokens(head)))
    noun = definite_noun(head)
    if noun is not None:
        earlier = ctx.discourse.definite(noun, ctx.offset(head))
        if earlier is not None:
            return ActorRef(phrase, earlier.actor_id)
    if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() not in AGENT_NOUNS:
        return None
    return ActorRef(phrase, ctx.resolver.resolve(phrase, context=ctx.doc.published))


def refs_for(head: Token, ctx: EventContext) -> list[ActorRef]:
    """The actors a phrase names, two for a pair ("the two countries"); an unnamed group
    of people takes its origin's actors ("diplomats from the two countries")."""
    if is_pair_phrase(head):
        return ctx.discourse.recent_pair(ctx.offset(head))
    ref = ref_for(head, ctx)
    if ref is not None and ref.actor_id is None and head.pos_ == "NOUN":
        origins = [
            g for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of") for g in c.children
        ]
        inherited = [r for o in origins if o.dep_ == "pobj" for r in refs_for(o, ctx) if r.actor_id]
        if inherited:
            return inherited
    return [ref] if ref is not None else []


def _antecedent(pronoun: Token, ctx: EventContext) -> ActorRef | None:
    """Nearest earlier registered actor of a compatible kind in the segment (he → a person)."""
    lower = pronoun.lower_
    if lower not in PRONOUNS_PERSON | PRONOUNS_OTHER:
        return None
    for index in range(pronoun.i - 1, -1, -1):
        span = ctx.spans_by_token.get(index)
        if span is None or span.start != index:
            continue
        actor_id = ctx.resolver.resolve(span.text, context=ctx.doc.published)
        if actor_id is None:
            continue
        is_person = ctx.resolver.entries[actor_id].actor.kind == ActorKind.PERSON
        if is_person == (lower in PRONOUNS_PERSON) and lower != "we":
            return ActorRef(clean_mention(span.text), actor_id)
        if lower == "we" and not is_person:
            return ActorRef(clean_mention(span.text), actor_id)
    return None


def subject_heads(verb: Token) -> tuple[list[Token], list[Token]]:
    """(actor heads, passive-subject heads) for a verb, climbing control and coordination.

    A controller's passive subject is the actor of the controlled verb: "Iran was accused of
    supplying weapons", "Iran is believed to have conducted airstrikes".
    """
    current = verb
    participle = _participle_agents(verb)
    if participle:
        return participle, [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    for _ in range(6):
        subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS and c.dep_ != "expl"]
        agents = [g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        passive = [c for c in current.children if c.dep_ == "nsubjpass"]
        if subjects or agents:
            return [h for s in (subjects or agents) for h in with_conjuncts(s)], passive
        owners = [c for c in current.children if c.dep_ == "poss"] if current.pos_ == "NOUN" else []
        if owners:
            return owners, []  # "our policy of not coordinating": the policy's holder acts
        if passive:
            if current is verb:
                return [], passive
            return [h for s in passive for h in with_conjuncts(s)], []
        if current.dep_ == "acl" and current.head.pos_ in ("NOUN", "PROPN"):
            return [], [current.head]  # "militias backed by Iran": the noun is the patient
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head
            continue
        if current.dep_ == "dobj" and current.pos_ == "NOUN":
            current = current.head  # "had no intention of coordinating": the holder acts
            continue
        if current.dep_ in ("xcomp", "conj", "advcl", "acomp") and current.head != current:
            current = current.head
            continue
        break
    return [], []


def _participle_agents(verb: Token) -> list[Token]:
    """ "some of them armed and trained by Iran": a bare past participle whose agent (its own
    or a conjunct's) acts; the parser's subject is the patient."""
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return []
    holders = [verb, *(c for c in verb.children if c.dep_ == "conj")]
    return [
        g for h in holders for c in h.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
    ]


def noun_actor_heads(noun: Token) -> list[Token]:
    """Who does a nominal event: light-verb subject, possessor, modifier or "between X and Y"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return with_conjuncts(child)
    between = [t for t in noun.subtree if t.dep_ == "prep" and t.lower_ == "between" and t.sent == noun.sent]
    if between:  # also through coordinated nominals: "a joint command or a channel between X and Y"
        return [g for c in between[0].children if c.dep_ == "pobj" for g in with_conjuncts(c)]
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_]
    if modifiers:
        return [h for m in modifiers for h in with_conjuncts(m)]
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        subjects = subject_heads(head)[0]  # "launched airstrikes", "ruled out cooperation"
        if noun.dep_ == "attr" and all(s.lower_ in CHARACTERISING_PRONOUNS for s in subjects):
            return []  # "it is not an alliance": the pronoun is what is characterised, not a party
        return subjects
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("AUX", "VERB"):
        return subject_heads(head.head)[0]  # "X and Y are in talks"
    return []


def objects_of(token: Token, action: str) -> list[Token]:
    """Candidate target heads: direct objects, then "with/against/on/to X" by action.

    Prepositions on the object count too: "coordinate the strikes with the U.S.".
    """
    direct = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    found = [d for d in direct if action_of(d) is None or d.pos_ != "NOUN"]
    for holder in (token, *direct):
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            allowed = TARGET_PREPS.get(prep.lower_, frozenset())
            if action in allowed:
                found.extend(g for g in prep.children if g.dep_ == "pobj")
    return found


def is_place(head: Token, ctx: EventContext) -> bool:
    span = ctx.spans_by_token.get(head.i)
    return span is not None and span.label_ in PLACE_LABELS and ctx.resolver.resolve(span.text) is None


def _proper_registry_name(span: SpacySpan) -> bool:
    """ "Iraq", "Baghdad" may be places; "the Iraqi government" may not."""
    return span.label_ == "REGISTRY" and all(w[:1].isupper() for w in span.text.split())


def place_of(tokens: Iterable[Token], ctx: EventContext) -> str | None:
    for token in tokens:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in PLACE_PREPS):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                span = ctx.spans_by_token.get(pobj.i)
                if span is not None and (span.label_ in PLACE_LABELS or _proper_registry_name(span)):
                    entry = ctx.resolver.resolve(span.text)
                    kind = ctx.resolver.entries[entry].actor.kind if entry else "country"
                    if kind == ActorKind.COUNTRY:
                        return clean_mention(span.text)
    return None


def date_of(tokens: Iterable[Token], ctx: EventContext) -> str | None:
    """A date expression hanging off the trigger (or its verb), resolved on publication."""
    for token in tokens:
        for child in token.children:
            candidates = [child] if child.dep_ in ("npadvmod", "tmod", "advmod", "obl") else []
            if child.dep_ == "prep":
                candidates = [g for g in child.children if g.dep_ == "pobj"]
            for candidate in candidates:
                if candidate.ent_type_ in ("DATE", "TIME"):
                    ent = next(e for e in ctx.parsed.ents if e.start <= candidate.i < e.end)
                    resolved = resolve_date(ent.text, ctx.doc.published)
                    if resolved:
                        return resolved
    return None
