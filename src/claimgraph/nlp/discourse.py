"""A small per-document discourse model: who has been named so far, and as what.

Sentences lean on what came before them: "the two countries" are the two states the text
has been talking about, "the department" is the Defense Department named a sentence ago,
"the raids" are the strikes just reported (their actor is the raiders), and "our policy"
inside a quotation is the policy of the speaker's side. Events read these back-references
here instead of guessing from the sentence alone. Salience is recency among mentions in
actor roles: a country named as a location ("troops in Iraq") is not a discourse party.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from claimgraph.model import ActorKind, ActorRef, Document, Event, Segment
from claimgraph.nlp.actors import ActorResolver, clean_mention
from claimgraph.nlp.attribution_rules import attributions
from claimgraph.nlp.lexicon import WORDS
from claimgraph.nlp.speakers import antecedent_phrase, is_pronoun

# Heads of plural phrases that name two parties at once: "the two countries", "both capitals".
PAIR_NOUNS = WORDS["pair_nouns"]
PAIR_WORDS = frozenset({"two", "both"})
# Definite descriptions that point back to a named actor whose name holds the same noun:
# "the department" → the Defense Department, "the agency" → Fars News Agency.
NAMED_BODY_NOUNS = WORDS["named_body_nouns"]
# Definite plurals/collectives that point back to the last armed group named: "the militants".
ARMED_GROUP_NOUNS = WORDS["armed_group_nouns"]
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
FIRST_PERSON = frozenset({"we", "us", "our", "ours"})
# A country named as the object of these prepositions is where something happens, not who.
LOCATION_PREPS = frozenset(
    {"in", "into", "at", "near", "across", "inside", "to", "around", "outside", "over"}
)
MAX_AFFILIATION_HOPS = 3  # person → body → country is the deepest chain in the registry
GROUP_KINDS = frozenset({ActorKind.COUNTRY, ActorKind.ARMED_GROUP})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
# Salience of a mention halves every this many characters (about two sentences of news):
# "the two countries" are the two named most, most recently, not merely the last two named.
SALIENCE_HALF_LIFE_CHARS = 300
SUBJECT_WEIGHT = 2.0  # a party named as subject counts double (centering: subjects lead)


@dataclass(frozen=True, slots=True)
class Mention:
    """One resolved actor mention, in document offsets."""

    start: int
    name: str
    actor_id: str
    group: str  # the country or armed group it belongs to (itself when it is one)
    place: bool  # named as a location ("in Iraq"): not a party of the discourse
    subject: bool  # named as a clause's subject: the role that makes a party most salient


@dataclass(slots=True)
class Discourse:
    """Mentions and events of one document so far, and the back-references they resolve.

    Attributions are the statements' own (`attribution_rules.attributions`, once per parse
    of a voice run), so statements and the discourse model agree on who speaks where.
    """

    resolver: ActorResolver
    published: str | None
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @classmethod
    def build(
        cls,
        doc: Document,
        resolver: ActorResolver,
        segments: Sequence[tuple[Segment, Sequence[SpacySpan]]],
    ) -> Discourse:
        """The document's resolved mentions, from each segment's candidate spans."""
        found = cls(resolver, doc.published)
        for segment, spans in segments:
            for span in spans:
                actor_id = resolver.resolve(span.text, context=doc.published)
                if actor_id is None:
                    continue
                found.mentions.append(
                    Mention(
                        segment.start + span.start_char,
                        clean_mention(span.text),
                        actor_id,
                        found.group(actor_id),
                        _is_location(span.root),
                        span.root.dep_ in SUBJECT_DEPS,
                    )
                )
        return found

    def group(self, actor_id: str) -> str:
        """The country or armed group an actor belongs to (itself when it is one)."""
        current = actor_id
        for _ in range(MAX_AFFILIATION_HOPS):
            entry = self.resolver.entries.get(current)
            if entry is None or entry.actor.kind in GROUP_KINDS or not entry.actor.affiliation:
                return current
            current = entry.actor.affiliation
        return current

    def _kind(self, actor_id: str) -> str | None:
        entry = self.resolver.entries.get(actor_id)
        return entry.actor.kind if entry is not None else None

    def salience(self, before: int) -> dict[str, float]:
        """Country parties by salience at `before`: each earlier mention in an actor role adds
        a weight that decays with distance (subjects weigh more); locations add nothing."""
        scores: dict[str, float] = {}
        for m in self.mentions:
            if m.start >= before or m.place or self._kind(m.group) != ActorKind.COUNTRY:
                continue
            weight = (SUBJECT_WEIGHT if m.subject else 1.0) * 0.5 ** (
                (before - m.start) / SALIENCE_HALF_LIFE_CHARS
            )
            scores[m.group] = scores.get(m.group, 0.0) + weight
        return scores

    def recent_pair(self, before: int) -> list[ActorRef]:
        """The two most salient countries before `before`, in the order the document
        introduced them (the first-introduced is the story's topic actor)."""
        scores = self.salience(before)
        chosen = sorted(scores, key=lambda g: -scores[g])[:2]
        if len(chosen) < 2:
            return []
        first = {g: next(m.start for m in self.mentions if m.group == g) for g in chosen}
        ordered = sorted(chosen, key=first.__getitem__)
        return [ActorRef(self.resolver.entries[g].actor.name, g) for g in ordered]

    def definite(self, noun: str, before: int) -> ActorRef | None:
        """The actor a definite description points back to: the latest mention whose name
        holds the noun ("the department"), or for fighters the latest armed group."""
        earlier = [m for m in reversed(self.mentions) if m.start < before]
        if noun in NAMED_BODY_NOUNS:
            hit = next((m for m in earlier if noun in m.name.casefold().split()), None)
            return ActorRef(hit.name, hit.actor_id) if hit else None
        if noun in ARMED_GROUP_NOUNS:
            hit = next((m for m in earlier if self._kind(m.group) == ActorKind.ARMED_GROUP), None)
            return ActorRef(hit.name, hit.group) if hit else None
        return None

    def event_actor(self, actions: frozenset[str], before: int) -> ActorRef | None:
        """Who did the latest earlier event of these classes: "the raids" → the raiders."""
        hit = next((e for e in reversed(self.events) if e.action in actions and e.span.start <= before), None)
        return hit.actor if hit else None

    def speaker_side(self, token: Token, segment_start: int) -> ActorRef | None:
        """The side of whoever speaks where `token` stands (inside an attribution's content):
        "we" in a Pentagon spokesman's quotation is the United States. `token` belongs to the
        parse of the segment starting at `segment_start`."""
        for found in attributions(token.doc):
            if found.source is None or not found.content[0] <= token.idx < found.content[1]:
                continue
            phrase = antecedent_phrase(found.source)
            actor_id = self._resolve(phrase.text)
            if actor_id is None and is_pronoun(phrase):  # "he said": the last person named
                before = segment_start + phrase.start_char
                person = next(
                    (
                        m
                        for m in reversed(self.mentions)
                        if m.start < before and self._kind(m.actor_id) == ActorKind.PERSON
                    ),
                    None,
                )
                actor_id = person.actor_id if person else None
            if actor_id:
                group = self.group(actor_id)
                return ActorRef(self.resolver.entries[group].actor.name, group)
        return None

    def military_relation(self, actors: frozenset[str | None]) -> bool:
        """Has the document already told of military cooperation between these two parties?"""
        groups = {self.group(a) for a in actors if a}
        return len(groups) == 2 and any(
            e.action == "cooperate_militarily"
            and {self.group(r.actor_id) for r in (e.actor, e.target) if r and r.actor_id} == groups
            for e in self.events
        )

    def _resolve(self, text: str | None) -> str | None:
        return self.resolver.resolve(text, context=self.published) if text else None


def _is_location(root: Token) -> bool:
    """ "in Iraq", "into Syria"; not "a letter to Tehran" (a recipient: the parser's dative)."""
    return root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.lower_ in LOCATION_PREPS


def is_pair_phrase(head: Token) -> bool:
    """ "the two countries", "both capitals", "the two old adversaries": two parties at once."""
    return head.lemma_.lower() in PAIR_NOUNS and any(
        c.lower_ in PAIR_WORDS and c.dep_ in ("nummod", "det", "predet", "amod") for c in head.children
    )


def definite_noun(head: Token) -> str | None:
    """The head lemma of a definite description without a name ("the department"), else None."""
    if head.pos_ != "NOUN" or not any(
        c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in head.children
    ):
        return None
    if any(c.dep_ in ("compound", "amod", "poss") and c.pos_ == "PROPN" for c in head.children):
        return None  # "the Defense Department" names itself
    lemma = head.lemma_.lower()
    return lemma if lemma in NAMED_BODY_NOUNS | ARMED_GROUP_NOUNS else None


def is_first_person(token: Token) -> bool:
    return token.lower_ in FIRST_PERSON
