"""Modality: how a sentence presents the event at a trigger (asserted, denied, planned...).

Read from the words between the trigger and the first reporting verb above it: negators,
modals, conditionals, plans and hearsay (docs/events.md).
"""

from __future__ import annotations

from spacy.tokens import Token

from claimgraph.model import Modality
from claimgraph.nlp.event_triggers import NEGATING_PHRASAL
from claimgraph.nlp.lexicon import WORDS

# Predicates that negate their subject: "cooperation was out of the question", "off the table".
NEGATING_IDIOMS = frozenset({("out", "question"), ("off", "table")})
NEGATORS = frozenset({"not", "n't", "no", "never", "nor", "neither", "none", "without"})
NEGATING_VERBS = frozenset({"deny", "refuse", "reject", "rebuff", "decline", "oppose", "halt", "stop", "end"})
PLANNING_WORDS = WORDS["planning_words"]
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
CONDITIONAL_AUX = frozenset({"would", "could", "might", "may", "should", "'d"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
OPENNESS = frozenset({"open", "willing", "possible", "able"})
REPORTING_VERBS = WORDS["reporting_verbs"]
HEARSAY_ADVERBS = frozenset({"reportedly", "allegedly", "apparently", "purportedly", "supposedly"})


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
        if any(c.dep_ == "advcl" and conditional_clause(c) for c in children):
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
    if reported or according_to(trigger):
        return Modality.REPORTED
    return Modality.ASSERTED


def conditional_clause(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in clause.children)


def _disjunction(head: Token) -> bool:
    """ "didn't coordinate or share": a negation scopes over "or"/"nor" conjuncts, not "and"."""
    return any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in head.children)


def according_to(trigger: Token) -> bool:
    sentence = trigger.sent
    return any(t.lower_ == "according" and t.nbor(1).lower_ == "to" for t in sentence[:-1])
