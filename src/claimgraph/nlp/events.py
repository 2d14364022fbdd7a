"""Events: who did what to whom, where and when, from the dependency parse.

A trigger (a verb lemma, or a noun such as "airstrikes", "talks", "cooperation") gives the
action class; its subject (or the agent of a passive, or the subject of a light verb like
"launched airstrikes") the actor; its object or "with/against X" the target; "in X" the
place; a date expression attached to it the date. Negators, modals, conditionals and
reporting verbs above the trigger give the modality. Taxonomy: docs/events.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimgraph.model import ActorRef, Document, Event, Modality, Span
from claimgraph.nlp.actors import ActorResolver, candidate_spans, clean_mention
from claimgraph.nlp.discourse import Discourse, is_first_person, is_pair_phrase
from claimgraph.nlp.event_roles import (
    EventContext,
    date_of,
    is_place,
    noun_actor_heads,
    objects_of,
    place_of,
    ref_for,
    refs_for,
    subject_heads,
)
from claimgraph.nlp.event_triggers import (
    action_of,
    noun_trigger,
    phrase_tokens,
    refine,
    triggers,
    with_conjuncts,
)
from claimgraph.nlp.lexicon import WORDS
from claimgraph.nlp.modality import REPORTING_VERBS, conditional_clause, modality
from claimgraph.nlp.parsed import parse_document
from claimgraph.taxonomy import CAMEO, SYMMETRIC

PLACE_TARGETS = frozenset({"seize", "attack", "airstrike"})  # a town can be what is taken or hit
UNRESOLVED_TARGETS = PLACE_TARGETS | {"arrest"}  # other actions need a known actor as target
# Denials and refusals whose complement holds an event are that event's negation, not events.
STANCE_ACTIONS = frozenset({"deny", "reject"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "pcomp", "prep", "pobj"})
# Nouns whose source speaks the sentence: "the message from Tehran: there will be no ...".
MESSAGE_NOUNS = WORDS["message_nouns"]
DEFINITE_DETERMINERS = frozenset({"the", "these", "those", "this", "that"})
# An event noun points back to an event of its family: "the raids" to "bombed".
ACTION_FAMILIES = {
    "airstrike": frozenset({"airstrike", "attack"}),
    "attack": frozenset({"airstrike", "attack"}),
}
# Actions a side orders its own forces to do: "could be sent" in its announcement is a plan.
AUTHORISED_ACTIONS = frozenset({"deploy_forces", "withdraw"})
CAPABILITY_MODALS = frozenset({"could", "can", "may", "might"})
EVENTS_EXTENSION = "claimgraph_events"  # Doc._ slot: the run's events
if not Doc.has_extension(EVENTS_EXTENSION):
    Doc.set_extension(EVENTS_EXTENSION, default=None)
ANNOUNCING_VERBS = frozenset({"notify", "inform", "announce", "brief"})
UNDER_WAY = frozenset({"already", "now", "currently", "still"})


def _event_id(doc_id: str, start: int, action: str, actor: ActorRef, target: ActorRef | None) -> str:
    key = f"{doc_id}|{start}|{action}|{actor.actor_id or actor.name}|{target.name if target else ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _has_inner_event(token: Token) -> bool:
    stack = [c for c in token.children if c.dep_ in COMPLEMENT_DEPS]
    while stack:
        current = stack.pop()
        if action_of(current):
            return True
        stack.extend(c for c in current.children if c.dep_ in COMPLEMENT_DEPS | {"conj"})
    return False


def _reporter_heads(trigger: Token) -> list[Token]:
    """Subject of the nearest reporting verb above: "US officials stressed there was no
    coordination" makes the US a party to the (denied) coordination. Else the source of a
    message noun in the sentence: "the message from Tehran is clear: no partnership"."""
    for ancestor in trigger.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS | {"deny"}:
            return subject_heads(ancestor)[0]
    for token in trigger.sent:
        if token.lemma_.lower() in MESSAGE_NOUNS and token.i < trigger.i:
            sources = [
                g for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
            ]
            sources += [c for c in token.children if c.dep_ == "poss" and not is_first_person(c)]
            if sources:
                return [h for s in sources if s.dep_ in ("pobj", "poss") for h in with_conjuncts(s)]
    return []


def _sentence_pair(trigger: Token, ctx: EventContext) -> list[ActorRef]:
    """A pair phrase earlier in the trigger's sentence: "whatever the two countries share,
    it is not an alliance"."""
    for token in trigger.sent:
        if token.i < trigger.i and is_pair_phrase(token):
            return ctx.discourse.recent_pair(ctx.offset(token))
    return []


def _phrase_partner(head: Token, first: ActorRef, ctx: EventContext) -> ActorRef | None:
    """The second actor inside one phrase: "US and Iranian officials" → Iran."""
    for token in phrase_tokens(head):
        span = ctx.spans_by_token.get(token.i)
        if span is None or span.start != token.i:
            continue
        actor_id = ctx.resolver.resolve(span.text, context=ctx.doc.published)
        if actor_id and actor_id != first.actor_id:
            return ActorRef(clean_mention(span.text), actor_id)
    return None


def _events_at(trigger: Token, ctx: EventContext) -> Iterator[Event]:
    action = action_of(trigger)
    if action is None:
        return
    is_noun = trigger.pos_ in ("NOUN", "PROPN")
    if is_noun and trigger.head.i != trigger.i and action_of(trigger.head) and trigger.dep_ == "dobj":
        return  # "coordinate the strikes": the noun is the verb's theme, not a second event
    if is_noun and trigger.dep_ in ("nsubj", "nsubjpass") and action_of(trigger.head) == action:
        return  # "troops could be sent": the noun takes part in the verb's event, the same one
    if action in STANCE_ACTIONS and _has_inner_event(trigger):
        return
    objects = objects_of(trigger, action)
    if is_noun and trigger.head.pos_ in ("VERB", "AUX"):
        objects += [o for o in objects_of(trigger.head, action) if o.dep_ == "pobj"]
    action = refine(action, trigger, objects)
    if action is None:
        return
    from_discourse = False
    if is_noun:
        actor_heads, patients = noun_actor_heads(trigger), []
        if not actor_heads and action in SYMMETRIC:
            actor_heads = _reporter_heads(trigger)
    else:
        actor_heads, patients = subject_heads(trigger)
    actors = [r for h in actor_heads for r in refs_for(h, ctx)]
    if not actors and is_noun and action in SYMMETRIC:
        actors = [r for h in _reporter_heads(trigger) for r in refs_for(h, ctx)]
        if not actors and not actor_heads:  # no participant in the sentence at all: the topic pair
            actors = _sentence_pair(trigger, ctx) or ctx.discourse.recent_pair(ctx.offset(trigger))
            from_discourse = True
    if not actors and action == "deploy_forces" and patients:
        actors = [ref for ref in (ref_for(h, ctx) for h in patients) if ref is not None]
        patients = []  # "US troops were sent": the troops' country sends them
    if not actors and action in SYMMETRIC and patients:
        actors = _event_anaphora(patients, ctx)
        patients = []  # "the raids were not coordinated with X": the raiders did (not) coordinate
    if not actors:
        return
    heads = [h for h in [*patients, *objects] if not is_place(h, ctx) or action in PLACE_TARGETS]
    targets = [ref for ref in (ref_for(h, ctx, pronouns=False) for h in heads) if ref is not None]
    targets = [t for t in targets if t.actor_id is not None or action in UNRESOLVED_TARGETS]
    if from_discourse and targets:  # "any cooperation with Tehran": the pair's other member acts
        named = {ctx.discourse.group(t.actor_id) for t in targets if t.actor_id}
        actors = [a for a in actors if a.actor_id and ctx.discourse.group(a.actor_id) not in named][:1]
    if action in SYMMETRIC and not targets:
        partner = actors[1] if len(actors) > 1 else None
        if partner is None and actor_heads:
            partner = _phrase_partner(actor_heads[0], actors[0], ctx)
        actors, targets = actors[:1], [partner] if partner else []
    scope = [trigger, trigger.head] if is_noun else [trigger]
    place = place_of([trigger, *objects] + ([trigger.head] if is_noun else []), ctx)
    if place is None and action in PLACE_TARGETS and heads and is_place(heads[0], ctx):
        place = clean_mention(ctx.spans_by_token[heads[0].i].text)
    date = date_of(scope, ctx)
    mood = _in_context(modality(trigger), trigger, action, actors[0], ctx)
    sentence = trigger.sent
    start = ctx.segment.start + sentence.start_char
    span = Span(ctx.doc.id, start, ctx.segment.start + sentence.end_char)
    for actor in actors:
        target = next((t for t in targets if t.actor_id != actor.actor_id or t.actor_id is None), None)
        kind = action
        if (
            action == "cooperate"
            and target
            and ctx.discourse.military_relation(frozenset({actor.actor_id, target.actor_id}))
        ):
            kind = "cooperate_militarily"  # "allies" after the text told of their military cooperation
        yield Event(
            id=_event_id(ctx.doc.id, ctx.segment.start + trigger.idx, kind, actor, target),
            doc_id=ctx.doc.id,
            voice=ctx.segment.voice,
            actor=actor,
            action=kind,
            cameo=CAMEO[kind],
            target=target,
            place=place,
            date=date,
            modality=str(mood),
            text=sentence.text.strip(),
            span=span,
        )


def _event_anaphora(patients: list[Token], ctx: EventContext) -> list[ActorRef]:
    """ "the raids were not coordinated": a definite event noun points back to the latest
    event of its class, whose actor is the actor here."""
    for patient in patients:
        action = noun_trigger(patient)
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in patient.children)
        if action and definite:
            actor = ctx.discourse.event_actor(
                ACTION_FAMILIES.get(action, frozenset({action})), ctx.offset(patient)
            )
            if actor is not None:
                return [actor]
    return []


def _in_context(mood: Modality, trigger: Token, action: str, actor: ActorRef, ctx: EventContext) -> Modality:
    """Planned readings the sentence alone leaves open: a futurate progressive ("is sending
    advisers") and a side announcing what its own forces may do ("Obama notified Congress
    that troops could be sent")."""
    if action not in AUTHORISED_ACTIONS or mood == Modality.DENIED:
        return mood
    if mood in (Modality.ASSERTED, Modality.REPORTED) and _futurate_progressive(trigger):
        return Modality.PLANNED
    if mood == Modality.HYPOTHETICAL and _announced_by_own_side(trigger, actor, ctx):
        return Modality.PLANNED
    return mood


def _futurate_progressive(verb: Token) -> bool:
    """ "is sending", "are deploying": present progressive of a deployment is a plan, unless
    something says it is under way now ("already", "now")."""
    if verb.tag_ != "VBG" or any(c.lower_ in UNDER_WAY for c in verb.children):
        return False
    return any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_ == "be" for c in verb.children)


def _announced_by_own_side(trigger: Token, actor: ActorRef, ctx: EventContext) -> bool:
    """A capability modal with no condition, under an announcement by the actor's own side."""
    modals = {c.lower_ for c in trigger.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if not modals or not modals <= CAPABILITY_MODALS or actor.actor_id is None:
        return False
    for ancestor in (trigger, *trigger.ancestors):
        if any(conditional_clause(c) for c in ancestor.children if c.dep_ == "advcl"):
            return False
        if ancestor is not trigger and ancestor.lemma_.lower() in REPORTING_VERBS | ANNOUNCING_VERBS:
            speakers = [r for h in subject_heads(ancestor)[0] for r in refs_for(h, ctx)]
            own = ctx.discourse.group(actor.actor_id)
            return any(s.actor_id and ctx.discourse.group(s.actor_id) == own for s in speakers)
    return False


def extract_events(doc: Document, nlp: Language, resolver: ActorResolver) -> list[Event]:
    """Events of a document's non-boilerplate segments, in text order, each with its voice.

    One discourse model per document (`nlp.discourse`) resolves back-references across
    sentences: pairs ("the two countries"), definite descriptions, event anaphora and
    first-person actors inside quotations.
    """
    parsed_segments = parse_document(doc, nlp)
    spans = [candidate_spans(parsed, nlp, resolver) for _, parsed in parsed_segments]
    discourse = Discourse.build(
        doc, resolver, [(seg, sp) for (seg, _), sp in zip(parsed_segments, spans, strict=True)]
    )
    for (segment, parsed), segment_spans in zip(parsed_segments, spans, strict=True):
        by_token = {i: span for span in segment_spans for i in range(span.start, span.end)}
        found = list(events_in(parsed, EventContext(doc, segment, parsed, resolver, by_token, discourse)))
        parsed._.set(EVENTS_EXTENSION, found)
    return list(discourse.events)


def events_in(parsed: Doc, ctx: EventContext) -> Iterator[Event]:
    """The events of one voice run's parse at its triggers, with document offsets and the
    run's voice; each is added to the document's discourse model (`ctx.discourse`) before it
    is yielded, so later triggers can point back to it ("the raids")."""
    for index in triggers(parsed):
        for event in _events_at(parsed[index], ctx):
            ctx.discourse.events.append(event)
            yield event
