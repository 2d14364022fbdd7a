"""Event triggers: which action class a token starts, and its military sub-class.

The trigger words themselves (verbs, nouns, phrasal verbs per action) are the taxonomy's
(`data/actions.json`); the words that trigger only in context are spaCy Matcher patterns in
`data/trigger_patterns.jsonl` (motion verbs, "work with", joint activities, air attacks).
`TRIGGER_WORDS` matches both once per parse (`claimgraph_events` component) with patterns
built from the taxonomy's lists (one taxonomy: no second copy of its words in a file), and
the rules here run on matched tokens only, deciding when a word is a trigger in context:
light verbs hand the event to their object noun ("launched airstrikes"), motion verbs are
deployments when forces move, and the words around a trigger make cooperation or aid
military. The other word lists are looked up on tokens the rules already hold (a trigger's
objects, subject, window): tables in `data/event_lexicon.json`.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from claimgraph.nlp.lexicon import WORDS
from claimgraph.nlp.patterns import Lexicon, Pattern, lemma_pattern, packaged_patterns
from claimgraph.taxonomy import NOUN_TRIGGERS, PHRASAL, VERB_TRIGGERS

TRIGGERS_EXTENSION = "claimgraph_triggers"  # Doc._ slot: indices of trigger tokens
if not Doc.has_extension(TRIGGERS_EXTENSION):
    Doc.set_extension(TRIGGERS_EXTENSION, default=None)
# Verbs that only carry a noun trigger: "launched airstrikes", "held talks" -> the noun's action.
LIGHT_VERBS = WORDS["light_verbs"]
FORCE_NOUNS = WORDS["force_nouns"]
# Tokens either side of a cooperation trigger searched for a military word: "cleared his
# commanders to work with American forces, and … said cooperation with Washington was …".
MILITARY_WINDOW_TOKENS = 12
# Objects that turn a generic action into its military sub-class.
MILITARY_WORDS = WORDS["military_words"] | FORCE_NOUNS
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
NEGATING_PHRASAL = frozenset({("rule", "out")})
# "a joint command", "combined operations": an activity done together is cooperation.
JOINT_WORDS = frozenset({"joint", "combined"})
# Labels of data/trigger_patterns.jsonl: "motion" verbs are deployments when forces move
# ("units moved into Iraq"); "cooperation_with" verbs only with their partner preposition
# ("work with X"); a "joint_activity" noun done together is cooperation ("a joint command");
# an "air_attack" noun with "air"/"drone" is an airstrike.
CONTEXT_LABELS = ("motion", "cooperation_with", "joint_activity", "air_attack")
TAXONOMY_LABELS = ("verb", "noun")  # any lemma of the taxonomy's verb / noun triggers
CLAUSE_DEPS = frozenset({"relcl", "acl", "ccomp", "advcl", "csubj", "parataxis"})
MAX_PHRASE_TOKENS = 8  # actor phrases longer than this are clauses, not names: cut at the head


def _folded_variants(lemmas: Iterable[str]) -> set[str]:
    """The lemmas as written and, for "coX", the British "co-X" that `_lemma` folds to it."""
    words = set(lemmas)
    british = {"co-" + w[2:] for w in words if w.startswith("co")}
    return {w for w in words if not w.startswith("co-")} | british


def _trigger_patterns() -> list[Pattern]:
    verbs = {*VERB_TRIGGERS, *(verb for verb, _ in PHRASAL)}
    nouns = _folded_variants(NOUN_TRIGGERS)
    built = [lemma_pattern("verb", _folded_variants(verbs)), lemma_pattern("noun", nouns)]
    return built + packaged_patterns(PATTERN_FILE, CONTEXT_LABELS)


PATTERN_FILE = "trigger_patterns.jsonl"
TRIGGER_WORDS = Lexicon("claimgraph_trigger_words", _trigger_patterns())


def triggers(doc: Doc) -> list[int]:
    """Indices of the tokens that start an action, found once per parse (kept on `Doc._`,
    set by the `claimgraph_events` component): events are built from these alone."""
    found = doc._.get(TRIGGERS_EXTENSION)
    if found is None:
        found = [i for i in sorted(TRIGGER_WORDS.matches(doc)) if action_of(doc[i]) is not None]
        doc._.set(TRIGGERS_EXTENSION, found)
    return found


def _lemma(token: Token) -> str:
    """Lemma with British hyphenation folded: "co-operated" acts as "cooperate"."""
    lemma = token.lemma_.lower()
    return "co" + lemma[3:] if lemma.startswith("co-") else lemma


def action_of(token: Token) -> str | None:
    """The action `token` triggers in its context, or None (a word no pattern matched: None)."""
    labels = TRIGGER_WORDS.labels(token)
    if not labels:
        return None
    lemma = _lemma(token)
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
        if particle and (lemma, particle) in PHRASAL:
            return PHRASAL[(lemma, particle)]
        if (lemma, particle) in NEGATING_PHRASAL:
            return None
        action = VERB_TRIGGERS.get(lemma)
        if "cooperation_with" in labels and any(
            (c.dep_ == "prep" and c.lower_ == "with") or c.lower_ == "together" for c in token.children
        ):
            return "cooperate"
        if "motion" in labels and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in FORCE_NOUNS for c in token.children
        ):
            return "deploy_forces"
        if lemma in LIGHT_VERBS and any(noun_trigger(c) for c in token.children if c.dep_ == "dobj"):
            return None  # the object noun is the event: "launched airstrikes"
        return action
    if token.pos_ in ("NOUN", "PROPN"):
        return noun_trigger(token)
    return None


def noun_trigger(token: Token) -> str | None:
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    labels = TRIGGER_WORDS.labels(token)
    if "air_attack" in labels and any(c.lower_ in ("air", "drone") for c in token.children):
        return "airstrike"
    if "joint_activity" in labels and any(
        c.dep_ == "amod" and c.lower_ in JOINT_WORDS for c in token.children
    ):
        return "cooperate"  # "a joint command", "combined operations": doing it together
    return NOUN_TRIGGERS.get(_lemma(token))


def refine(action: str, token: Token, objects: list[Token]) -> str | None:
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
        heads += [t for o in prep.children if o.dep_ == "pobj" for t in with_conjuncts(o)]
    if token.lemma_.lower() not in TOPIC_VERBS:
        heads += objects
    return any(t.lemma_.lower() in MILITARY_BODIES for h in heads for t in phrase_tokens(h))


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


def phrase_tokens(head: Token) -> list[Token]:
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


def with_conjuncts(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(with_conjuncts(child))
    return out
