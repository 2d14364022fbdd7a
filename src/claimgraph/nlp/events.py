"""Events: who did what to whom, where and when, from the dependency parse.

A trigger (a verb lemma, or a noun such as "airstrikes", "talks", "cooperation") gives the
action class; its subject (or the agent of a passive, or the subject of a light verb like
"launched airstrikes") the actor; its object or "with/against X" the target; "in X" the
place; a date expression attached to it the date. Negators, modals, conditionals and
reporting verbs above the trigger give the modality. Taxonomy: docs/events.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from claimgraph.model import ActorKind, ActorRef, Document, Event, Modality, Segment, Span
from claimgraph.nlp.actors import ActorResolver, candidate_spans, clean_mention
from claimgraph.nlp.discourse import Discourse, definite_noun, is_first_person, is_pair_phrase
from claimgraph.nlp.parsed import parse_document
from claimgraph.nlp.time import resolve_date
from claimgraph.taxonomy import CAMEO, NOUN_TRIGGERS, PHRASAL, SYMMETRIC, VERB_TRIGGERS

# The taxonomy (actions, CAMEO codes, triggers, symmetry) is data: claimgraph/data/actions.json.
# Verbs that only carry a noun trigger: "launched airstrikes", "held talks" -> the noun's action.
LIGHT_VERBS = frozenset(
    "launch conduct carry hold have take begin start stage make open mount provide give send "
    "continue resume pursue step use impose join order authorize authorise approve".split()
)
# "work with X", "partner with X": cooperation verbs only with their partner preposition.
COOPERATION_WITH = frozenset({"work", "partner", "team"})
# Motion verbs are deployments when forces move: "units moved into Iraq", "troops could go".
MOTION_VERBS = frozenset({"go", "move", "return", "enter", "arrive", "head", "pour", "cross"})
FORCE_NOUNS = frozenset(
    "force troop unit soldier adviser advisor personnel marine battalion brigade commando".split()
)
# Tokens either side of a cooperation trigger searched for a military word: "cleared his
# commanders to work with American forces, and … said cooperation with Washington was …".
MILITARY_WINDOW_TOKENS = 12
# Objects that turn a generic action into its military sub-class.
MILITARY_WORDS = (
    frozenset(
        "military militarily army weapon arm ammunition troop force soldier adviser advisor air "
        "cover airstrike strike intelligence drone warplane battalion ship operation commander "
        "militant combat campaign raid bombing sortie offensive assault jet".split()
    )
    | FORCE_NOUNS
)
# A consultation with or qualified by one of these is military contact, i.e. military cooperation
# ("no contact between the department and the Iranian military", "military contacts with Tehran"):
# narrower than MILITARY_WORDS, since talks *about* a campaign are still diplomacy.
MILITARY_BODIES = frozenset({"military", "militarily", "army", "commander", "armed"})
# Prepositions whose objects are a consultation's participants ("contact with/between …").
PARTICIPANT_PREPS = frozenset({"with", "between", "among"})
# Consultation verbs whose object is the topic, not a participant ("discuss the campaign").
TOPIC_VERBS = frozenset({"discuss", "discussion"})
# Nouns of consultation that, with a "that"-clause or "of", are speculation, not talks ("talk in
# Western capitals that the two might join forces", "talk of cooperation").
RUMOUR_NOUNS = frozenset({"talk", "speculation"})
# Predicates that negate their subject: "cooperation was out of the question", "off the table".
NEGATING_IDIOMS = frozenset({("out", "question"), ("off", "table")})
NEGATORS = frozenset({"not", "n't", "no", "never", "nor", "neither", "none", "without"})
NEGATING_VERBS = frozenset({"deny", "refuse", "reject", "rebuff", "decline", "oppose", "halt", "stop", "end"})
NEGATING_PHRASAL = frozenset({("rule", "out")})
PLANNING_WORDS = frozenset(
    "plan intend consider prepare aim seek decide agree pledge promise vow propose want hope offer "
    "proposal option prospect intention ready".split()
)
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should", "'d"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
OPENNESS = frozenset({"open", "willing", "possible", "able"})
REPORTING_VERBS = frozenset(
    "say tell report claim confirm announce state add allege believe suspect think insist stress "
    "acknowledge admit reveal disclose indicate suggest show quote note warn accuse".split()
)
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "csubj", "parataxis"})
PLACE_PREPS = frozenset({"in", "at", "near", "over", "across", "inside", "into", "to", "around", "outside"})
TARGET_PREPS = {
    "with": SYMMETRIC,
    "against": {"attack", "airstrike", "sanction", "threaten", "accuse", "criticize", "deploy_forces"},
    "on": {"airstrike", "attack", "sanction"},
    "to": {"provide_aid", "provide_military_aid", "share_intelligence", "appeal"},
}
PLACE_TARGETS = frozenset({"seize", "attack", "airstrike"})  # a town can be what is taken or hit
UNRESOLVED_TARGETS = PLACE_TARGETS | {"arrest"}  # other actions need a known actor as target
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Denials and refusals whose complement holds an event are that event's negation, not events.
STANCE_ACTIONS = frozenset({"deny", "reject"})
COMPLEMENT_DEPS = frozenset({"ccomp", "xcomp", "dobj", "pcomp", "prep", "pobj"})
SUBJECT_DEPS = frozenset({"nsubj", "csubj", "expl"})
PRONOUNS_PERSON = frozenset({"he", "she", "him", "her"})
PRONOUNS_OTHER = frozenset({"it", "they", "them", "we"})
# Heads of descriptions that can act without a name: "officials", "militants", "forces".
AGENT_NOUNS = frozenset(
    "official officer spokesman spokeswoman spokesperson minister president leader commander "
    "general diplomat source government administration military army force troop soldier "
    "fighter militant militiaman militia rebel insurgent jihadist group country nation state "
    "police agency ministry regime authority".split()
)
# "a joint command", "combined operations": an activity done together is cooperation.
JOINT_WORDS = frozenset({"joint", "combined"})
JOINT_ACTIVITIES = frozenset(
    "command operation campaign patrol exercise force offensive mission effort action planning "
    "operations room cell".split()
)
# Subjects of "it is not an alliance": the thing characterised, never a party to the event.
CHARACTERISING_PRONOUNS = frozenset({"it", "this", "that"})
# Nouns whose source speaks the sentence: "the message from Tehran: there will be no ...".
MESSAGE_NOUNS = frozenset("message statement signal answer word position response reply".split())
DEFINITE_DETERMINERS = frozenset({"the", "these", "those", "this", "that"})
# An event noun points back to an event of its family: "the raids" to "bombed".
ACTION_FAMILIES = {
    "airstrike": frozenset({"airstrike", "attack"}),
    "attack": frozenset({"airstrike", "attack"}),
}
# Actions a side orders its own forces to do: "could be sent" in its announcement is a plan.
AUTHORISED_ACTIONS = frozenset({"deploy_forces", "withdraw"})
CAPABILITY_MODALS = frozenset({"could", "can", "may", "might"})
ANNOUNCING_VERBS = frozenset({"notify", "inform", "announce", "brief"})
UNDER_WAY = frozenset({"already", "now", "currently", "still"})
MAX_PHRASE_TOKENS = 8  # actor phrases longer than this are clauses, not names: cut at the head


@dataclass(slots=True)
class _Context:
    """What one segment's extraction needs besides the token at hand."""

    doc: Document
    segment: Segment
    parsed: Doc
    resolver: ActorResolver
    spans_by_token: dict[int, SpacySpan]
    discourse: Discourse

    def offset(self, token: Token) -> int:
        return self.segment.start + token.idx


def _lemma(token: Token) -> str:
    """Lemma with British hyphenation folded: "co-operated" acts as "cooperate"."""
    lemma = token.lemma_.lower()
    return "co" + lemma[3:] if lemma.startswith("co-") else lemma


def _action_of(token: Token) -> str | None:
    lemma = _lemma(token)
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle and (lemma, particle) in PHRASAL:
            return PHRASAL[(lemma, particle)]
        if (lemma, particle) in NEGATING_PHRASAL:
            return None
        action = VERB_TRIGGERS.get(lemma)
        if lemma in COOPERATION_WITH and any(
            (c.dep_ == "prep" and c.lower_ == "with") or c.lower_ == "together" for c in token.children
        ):
            return "cooperate"
        if lemma in MOTION_VERBS and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in FORCE_NOUNS for c in token.children
        ):
            return "deploy_forces"
        if lemma in LIGHT_VERBS and any(_noun_trigger(c) for c in token.children if c.dep_ == "dobj"):
            return None  # the object noun is the event: "launched airstrikes"
        return action
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_trigger(token)
    return None


def _noun_trigger(token: Token) -> str | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = _lemma(token)
    if lemma in ("strike", "attack") and any(c.lower_ in ("air", "drone") for c in token.children):
        return "airstrike"
    if lemma in JOINT_ACTIVITIES and any(
        c.dep_ == "amod" and c.lower_ in JOINT_WORDS for c in token.children
    ):
        return "cooperate"  # "a joint command", "combined operations": doing it together
    return NOUN_TRIGGERS.get(lemma)


def _refine(action: str, token: Token, objects: list[Token]) -> str | None:
    """Military sub-classes from the trigger's objects and modifiers; drop vague aid verbs."""
    words = {t.lemma_.lower() for o in [token, *objects] for t in o.subtree if t.i - token.i < 12}
    military = bool(words & MILITARY_WORDS)
    if action == "cooperate" and (military or _military_nearby(token)):
        return "cooperate_militarily"
    if action == "consult" and _military_participants(token, objects):
        return "cooperate_militarily"
    if action == "consult" and _rumour(token):
        return None
    if action == "share_intelligence" and "intelligence" not in words and "information" not in words:
        return None
    if action == "provide_aid":
        if military:
            return "provide_military_aid"
        if token.pos_ == "VERB" and token.lemma_ in ("provide", "supply", "give", "back"):
            return None  # "provide support for personnel", "backed by": too vague on their own
    if action == "deploy_forces" and token.pos_ == "VERB" and not military:
        return None  # "send a message" is not a deployment
    return action


def _military_participants(token: Token, objects: list[Token]) -> bool:
    """A military body takes part in, or "military" qualifies, the consultation."""
    heads = [c for c in token.children if c.dep_ in ("amod", "compound", "advmod")]
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in PARTICIPANT_PREPS):
        heads += [t for o in prep.children if o.dep_ == "pobj" for t in _with_conjuncts(o)]
    if token.lemma_.lower() not in TOPIC_VERBS:
        heads += objects
    return any(t.lemma_.lower() in MILITARY_BODIES for h in heads for t in _phrase_tokens(h))


def _rumour(token: Token) -> bool:
    """A rumour, not a meeting: "talk that …", "talk of …" is what people say might happen."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in RUMOUR_NOUNS or token.tag_ == "NNS":
        return False
    return any(
        (c.dep_ == "acl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
        or (c.dep_ == "prep" and c.lower_ == "of")
        for c in token.children
    )


def _military_nearby(token: Token) -> bool:
    sentence = token.sent
    lo = max(sentence.start, token.i - MILITARY_WINDOW_TOKENS)
    hi = min(sentence.end, token.i + MILITARY_WINDOW_TOKENS + 1)
    return any(t.lemma_.lower() in MILITARY_WORDS for t in token.doc[lo:hi])


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of `head` without its clauses, cut to a name-sized window."""
    tokens = [head]
    stack = [c for c in head.children if c.dep_ not in CLAUSE_DEPS and c.dep_ not in ("punct", "cc", "conj")]
    while stack:
        token = stack.pop()
        if token.dep_ in ("prep",) and token.head == head and token.lower_ != "of":
            continue
        tokens.append(token)
        stack.extend(c for c in token.children if c.dep_ not in CLAUSE_DEPS)
    tokens.sort(key=lambda t: t.i)
    while len(tokens) > MAX_PHRASE_TOKENS:
        tokens.pop(0 if tokens[0].i < head.i else -1)
    return tokens


def _ref_for(head: Token, ctx: _Context, *, pronouns: bool = True) -> ActorRef | None:
    """The actor a noun phrase names: an entity or registry name in it, else a description
    headed by an agent noun ("militants"); None for anything else ("the alternative")."""
    lower = head.lower_
    if head.pos_ == "PRON" or head.tag_ in ("WP", "WDT"):
        if not pronouns:
            return None
        if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
            return _ref_for(head.head.head, ctx)  # "the militants, who captured Mosul"
        if is_first_person(head):
            side = ctx.discourse.speaker_side(head, ctx.segment.start)
            if side is not None:
                return side
        return _antecedent(head, ctx)
    span = ctx.spans_by_token.get(head.i)
    if span is None:
        inside = [ctx.spans_by_token[t.i] for t in _phrase_tokens(head) if t.i in ctx.spans_by_token]
        span = inside[0] if inside else None
    if span is not None:
        name = clean_mention(span.text)
        actor_id = ctx.resolver.resolve(span.text, context=ctx.doc.published)
        if actor_id is None and span.label_ in PLACE_LABELS and lower not in ("forces", "officials"):
            phrase = " ".join(t.text for t in _phrase_tokens(head))
            actor_id = ctx.resolver.resolve(phrase, context=ctx.doc.published)
        return ActorRef(name, actor_id)
    phrase = clean_mention(" ".join(t.text for t in _phrase_tokens(head)))
    noun = definite_noun(head)
    if noun is not None:
        earlier = ctx.discourse.definite(noun, ctx.offset(head))
        if earlier is not None:
            return ActorRef(phrase, earlier.actor_id)
    if head.pos_ not in ("NOUN", "PROPN") or head.lemma_.lower() not in AGENT_NOUNS:
        return None
    return ActorRef(phrase, ctx.resolver.resolve(phrase, context=ctx.doc.published))


def _refs_for(head: Token, ctx: _Context) -> list[ActorRef]:
    """The actors a phrase names, two for a pair ("the two countries"); an unnamed group
    of people takes its origin's actors ("diplomats from the two countries")."""
    if is_pair_phrase(head):
        return ctx.discourse.recent_pair(ctx.offset(head))
    ref = _ref_for(head, ctx)
    if ref is not None and ref.actor_id is None and head.pos_ == "NOUN":
        origins = [
            g for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "of") for g in c.children
        ]
        inherited = [r for o in origins if o.dep_ == "pobj" for r in _refs_for(o, ctx) if r.actor_id]
        if inherited:
            return inherited
    return [ref] if ref is not None else []


def _antecedent(pronoun: Token, ctx: _Context) -> ActorRef | None:
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


def _with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(_with_conjuncts(child))
    return out


def _subject_heads(verb: Token) -> tuple[list[Token], list[Token]]:
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
            return [h for s in (subjects or agents) for h in _with_conjuncts(s)], passive
        owners = [c for c in current.children if c.dep_ == "poss"] if current.pos_ == "NOUN" else []
        if owners:
            return owners, []  # "our policy of not coordinating": the policy's holder acts
        if passive:
            if current is verb:
                return [], passive
            return [h for s in passive for h in _with_conjuncts(s)], []
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


def _noun_actor_heads(noun: Token) -> list[Token]:
    """Who does a nominal event: light-verb subject, possessor, modifier or "between X and Y"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return _with_conjuncts(child)
    between = [t for t in noun.subtree if t.dep_ == "prep" and t.lower_ == "between" and t.sent == noun.sent]
    if between:  # also through coordinated nominals: "a joint command or a channel between X and Y"
        return [g for c in between[0].children if c.dep_ == "pobj" for g in _with_conjuncts(c)]
    modifiers = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_]
    if modifiers:
        return [h for m in modifiers for h in _with_conjuncts(m)]
    head = noun.head
    if noun.dep_ in ("dobj", "attr", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        subjects = _subject_heads(head)[0]  # "launched airstrikes", "ruled out cooperation"
        if noun.dep_ == "attr" and all(s.lower_ in CHARACTERISING_PRONOUNS for s in subjects):
            return []  # "it is not an alliance": the pronoun is what is characterised, not a party
        return subjects
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("AUX", "VERB"):
        return _subject_heads(head.head)[0]  # "X and Y are in talks"
    return []


def _objects(token: Token, action: str) -> list[Token]:
    """Candidate target heads: direct objects, then "with/against/on/to X" by action.

    Prepositions on the object count too: "coordinate the strikes with the U.S.".
    """
    direct = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    found = [d for d in direct if _action_of(d) is None or d.pos_ != "NOUN"]
    for holder in (token, *direct):
        for prep in (c for c in holder.children if c.dep_ == "prep"):
            allowed = TARGET_PREPS.get(prep.lower_, frozenset())
            if action in allowed:
                found.extend(g for g in prep.children if g.dep_ == "pobj")
    return found


def _is_place(head: Token, ctx: _Context) -> bool:
    span = ctx.spans_by_token.get(head.i)
    return span is not None and span.label_ in PLACE_LABELS and ctx.resolver.resolve(span.text) is None


def _proper_registry_name(span: SpacySpan) -> bool:
    """ "Iraq", "Baghdad" may be places; "the Iraqi government" may not."""
    return span.label_ == "REGISTRY" and all(w[:1].isupper() for w in span.text.split())


def _place(tokens: Iterable[Token], ctx: _Context) -> str | None:
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


def _date(tokens: Iterable[Token], ctx: _Context) -> str | None:
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


def _negations(token: Token, *, trigger: bool = False) -> int:
    """Negators on `token`; a negating verb counts for what it governs, never for itself
    ("rejected a request" is a rejection asserted, not a rejection denied)."""
    count = sum(
        1 for c in token.children if c.dep_ == "neg" or (c.lower_ in NEGATORS and c.dep_ in ("det", "advmod"))
    )
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    negating = token.lemma_.lower() in NEGATING_VERBS or (token.lemma_.lower(), particle) in NEGATING_PHRASAL
    idiom = any(
        (c.lower_, t.lemma_.lower()) in NEGATING_IDIOMS
        for c in token.children
        if c.dep_ == "prep"
        for t in c.subtree
    )
    return count + int(negating and not trigger) + int(idiom)


def modality(trigger: Token) -> Modality:
    """How the sentence presents the event at `trigger`.

    Negators are counted from the trigger up to the first reporting verb: an odd count is a
    denial ("did not coordinate", "no coordination", "denied cooperating"), an even one a
    possibility left open ("would not rule out cooperation"). Then conditionals, plans, and
    reported speech, in that order.
    """
    negations, conditional, planned, reported = 0, False, False, False
    would, if_clause = False, False  # "said he would send": future in the past, unless "if"
    current: Token | None = trigger
    shared = False  # reached through "conj": the head's own negation and modals are not ours
    while current is not None:
        children = [] if shared else list(current.children)
        negations += 0 if shared else _negations(current, trigger=current is trigger)
        lowers = {c.lower_ for c in children}
        modals = {c.lower_ for c in children if c.dep_ == "aux" and c.lower_ in CONDITIONAL_AUX}
        would = would or modals == {"would"}
        conditional = conditional or bool(modals - {"would"})
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in children):
            conditional = True
        if any(c.dep_ == "advcl" and _conditional_clause(c) for c in children):
            if_clause = conditional = True  # "prepared to order strikes if the situation required it"
        about_to = any(
            c.lower_ == "about" and c.i + 1 < len(c.doc) and c.nbor(1).lower_ == "to" for c in children
        )
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in children) or about_to:
            planned = True
        if current is not trigger and current.lemma_.lower() in PLANNING_WORDS:
            planned = True
        if current.lemma_.lower() in OPENNESS and current is not trigger:
            conditional = True
        if lowers & HEARSAY_ADVERBS:
            reported = True
        if current is not trigger and current.lemma_.lower() in REPORTING_VERBS:
            reported = True
            backshifted = would and current.tag_ == "VBD" and not if_clause
            planned = planned or backshifted
            would = would and not backshifted
            break
        if current.lemma_.lower() == "deny" and current is not trigger:
            break
        if current.dep_ in ("ROOT", "relcl") or current.head is current:
            break  # a relative clause's event stands apart: "militants who captured Mosul"
        shared = current.dep_ == "conj" and not _disjunction(current.head)
        current = current.head
    if negations % 2 == 1:
        return Modality.DENIED
    if conditional or would or negations:
        return Modality.HYPOTHETICAL
    if planned:
        return Modality.PLANNED
    if reported or _according_to(trigger):
        return Modality.REPORTED
    return Modality.ASSERTED


def _conditional_clause(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in clause.children)


def _disjunction(head: Token) -> bool:
    """ "didn't coordinate or share": a negation scopes over "or"/"nor" conjuncts, not "and"."""
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in head.children)


def _according_to(trigger: Token) -> bool:
    sentence = trigger.sent
    return any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in sentence[:-1])


def _event_id(doc_id: str, start: int, action: str, actor: ActorRef, target: ActorRef | None) -> str:
    key = f"{doc_id}|{start}|{action}|{actor.actor_id or actor.name}|{target.name if target else ''}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _has_inner_event(token: Token) -> bool:
    stack = [c for c in token.children if c.dep_ in COMPLEMENT_DEPS]
    while stack:
        current = stack.pop()
        if _action_of(current):
            return True
        stack.extend(c for c in current.children if c.dep_ in COMPLEMENT_DEPS | {"conj"})
    return False


def _reporter_heads(trigger: Token) -> list[Token]:
    """Subject of the nearest reporting verb above: "US officials stressed there was no
    coordination" makes the US a party to the (denied) coordination. Else the source of a
    message noun in the sentence: "the message from Tehran is clear: no partnership"."""
    for ancestor in trigger.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS | {"deny"}:
            return _subject_heads(ancestor)[0]
    for token in trigger.sent:
        if token.lemma_.lower() in MESSAGE_NOUNS and token.i < trigger.i:
            sources = [
                g for c in token.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
            ]
            sources += [c for c in token.children if c.dep_ == "poss" and not is_first_person(c)]
            if sources:
                return [h for s in sources if s.dep_ in ("pobj", "poss") for h in _with_conjuncts(s)]
    return []


def _sentence_pair(trigger: Token, ctx: _Context) -> list[ActorRef]:
    """A pair phrase earlier in the trigger's sentence: "whatever the two countries share,
    it is not an alliance"."""
    for token in trigger.sent:
        if token.i < trigger.i and is_pair_phrase(token):
            return ctx.discourse.recent_pair(ctx.offset(token))
    return []


def _phrase_partner(head: Token, first: ActorRef, ctx: _Context) -> ActorRef | None:
    """The second actor inside one phrase: "US and Iranian officials" → Iran."""
    for token in _phrase_tokens(head):
        span = ctx.spans_by_token.get(token.i)
        if span is None or span.start != token.i:
            continue
        actor_id = ctx.resolver.resolve(span.text, context=ctx.doc.published)
        if actor_id and actor_id != first.actor_id:
            return ActorRef(clean_mention(span.text), actor_id)
    return None


def _events_at(trigger: Token, ctx: _Context) -> Iterator[Event]:
    action = _action_of(trigger)
    if action is None:
        return
    is_noun = trigger.pos_ in ("NOUN", "PROPN")
    if is_noun and trigger.head.i != trigger.i and _action_of(trigger.head) and trigger.dep_ == "dobj":
        return  # "coordinate the strikes": the noun is the verb's theme, not a second event
    if is_noun and trigger.dep_ in ("nsubj", "nsubjpass") and _action_of(trigger.head) == action:
        return  # "troops could be sent": the noun takes part in the verb's event, the same one
    if action in STANCE_ACTIONS and _has_inner_event(trigger):
        return
    objects = _objects(trigger, action)
    if is_noun and trigger.head.pos_ in ("VERB", "AUX"):
        objects += [o for o in _objects(trigger.head, action) if o.dep_ == "pobj"]
    action = _refine(action, trigger, objects)
    if action is None:
        return
    from_discourse = False
    if is_noun:
        actor_heads, patients = _noun_actor_heads(trigger), []
        if not actor_heads and action in SYMMETRIC:
            actor_heads = _reporter_heads(trigger)
    else:
        actor_heads, patients = _subject_heads(trigger)
    actors = [r for h in actor_heads for r in _refs_for(h, ctx)]
    if not actors and is_noun and action in SYMMETRIC:
        actors = [r for h in _reporter_heads(trigger) for r in _refs_for(h, ctx)]
        if not actors and not actor_heads:  # no participant in the sentence at all: the topic pair
            actors = _sentence_pair(trigger, ctx) or ctx.discourse.recent_pair(ctx.offset(trigger))
            from_discourse = True
    if not actors and action == "deploy_forces" and patients:
        actors = [ref for ref in (_ref_for(h, ctx) for h in patients) if ref is not None]
        patients = []  # "US troops were sent": the troops' country sends them
    if not actors and action in SYMMETRIC and patients:
        actors = _event_anaphora(patients, ctx)
        patients = []  # "the raids were not coordinated with X": the raiders did (not) coordinate
    if not actors:
        return
    heads = [h for h in [*patients, *objects] if not _is_place(h, ctx) or action in PLACE_TARGETS]
    targets = [ref for ref in (_ref_for(h, ctx, pronouns=False) for h in heads) if ref is not None]
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
    place = _place([trigger, *objects] + ([trigger.head] if is_noun else []), ctx)
    if place is None and action in PLACE_TARGETS and heads and _is_place(heads[0], ctx):
        place = clean_mention(ctx.spans_by_token[heads[0].i].text)
    date = _date(scope, ctx)
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


def _event_anaphora(patients: list[Token], ctx: _Context) -> list[ActorRef]:
    """ "the raids were not coordinated": a definite event noun points back to the latest
    event of its class, whose actor is the actor here."""
    for patient in patients:
        action = _noun_trigger(patient)
        definite = any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in patient.children)
        if action and definite:
            actor = ctx.discourse.event_actor(
                ACTION_FAMILIES.get(action, frozenset({action})), ctx.offset(patient)
            )
            if actor is not None:
                return [actor]
    return []


def _in_context(mood: Modality, trigger: Token, action: str, actor: ActorRef, ctx: _Context) -> Modality:
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


def _announced_by_own_side(trigger: Token, actor: ActorRef, ctx: _Context) -> bool:
    """A capability modal with no condition, under an announcement by the actor's own side."""
    modals = {c.lower_ for c in trigger.children if c.dep_ == "aux" and c.tag_ == "MD"}
    if not modals or not modals <= CAPABILITY_MODALS or actor.actor_id is None:
        return False
    for ancestor in (trigger, *trigger.ancestors):
        if any(_conditional_clause(c) for c in ancestor.children if c.dep_ == "advcl"):
            return False
        if ancestor is not trigger and ancestor.lemma_.lower() in REPORTING_VERBS | ANNOUNCING_VERBS:
            speakers = [r for h in _subject_heads(ancestor)[0] for r in _refs_for(h, ctx)]
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
        ctx = _Context(doc, segment, parsed, resolver, by_token, discourse)
        for token in parsed:
            discourse.events.extend(_events_at(token, ctx))
    return list(discourse.events)
