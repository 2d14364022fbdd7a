"""Text helpers shared by claim building and stance assignment: sentences, actors, cues, polarity.

Pure functions over model types. Actors are compared at group level (a country or an armed
group): the Pentagon, Kerry and "Washington" all count as the United States, the level at which
claims such as (United States, cooperate_militarily, Iran) are stated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from claimgraph.claims.features import sentence_spans
from claimgraph.clean.provenance import source_name
from claimgraph.model import Actor, Document, DocumentAnalysis, Span, Statement, Voice
from claimgraph.taxonomy import CUE_PAIRS, CUE_STEMS

GROUP_KINDS = frozenset({"country", "armed_group"})
MAX_AFFILIATION_HOPS = 3  # person → body → country is the deepest chain in the registry
# A sentence counts as attributed (not the outlet's own assertion) when statements cover this share
# of its characters: "The White House said that ..." is covered whole; a sentence that merely ends
# with a short quote is not.
ATTRIBUTED_SHARE = 0.5
# Pure string tests are cached: syndicated copies and repeated quotes ask the same questions.
CACHE_SIZE = 1 << 16
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")

# Cue stems and word pairs per relation class are the taxonomy's (data/actions.json).

# Words that make `cooperate` military: "coordinating military operations", "air cover".
MILITARY_CUES = (
    "militar",
    "operation",
    "airstrike",
    "strike",
    "troop",
    "forces",
    "command",
    "air cover",
    "jets",
    "targeting",
    "intelligence",
    "fight",
    "campaign",
)
# Words that deny a cooperation relation without a negator: "they are doing it separately".
NEGATIONS = frozenset(
    "not n't no never nothing none nor neither without deny denies denied denying reject rejects "
    "rejected refuse refused refuses dismiss dismissed".split()
)
NEGATING_PHRASES = ("rule out", "ruled out", "rules out", "out of the question", "no question of")
# "X but no Y": the negation excepts Y from X's object; X is still asserted. Only the determiner
# "no": "but not coordinating" negates a verb and stays a denial.
CONTRAST_EXCEPTION = re.compile(r",?\s+but\s+no\s+(?=[^\W\d_])", re.IGNORECASE)
HEDGES = frozenset("could might may would if whether perhaps possibly consider considering".split())
FIRST_PERSON = frozenset({"we", "our", "us", "ours"})


def words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text.lower())]


@lru_cache(maxsize=CACHE_SIZE)
def has_cue(text: str, relation: str) -> bool:
    """Whether `text` uses a word of the relation class (its stems or word pairs)."""
    ws = words(text)
    return cue_in(ws, " ".join(ws), relation)


def cue_in(ws: Sequence[str], lowered: str, relation: str) -> bool:
    """`has_cue` on a text's `words` and their join (asked of many relations, split once)."""
    stems = CUE_STEMS.get(relation, ())
    if any(w.startswith(stems) for w in ws) or any(" " in s and s in lowered for s in stems):
        return True
    for first, second in CUE_PAIRS.get(relation, ()):
        for k, w in enumerate(ws):
            if w.startswith(first) and second in ws[k + 1 : k + 4]:
                return True
    return False


@lru_cache(maxsize=CACHE_SIZE)
def is_military(text: str) -> bool:
    lowered = text.lower()
    return any(cue in lowered for cue in MILITARY_CUES)


@lru_cache(maxsize=CACHE_SIZE)
def polarity_of(text: str) -> int:
    """0 for an open question, -1 when negated or denied, 0 when hedged, +1 otherwise (cue words,
    no parse): "whether they work together is the question Washington has not answered" asks.
    A closing exception ("sending 300 advisers but no combat troops") leaves the main clause's reading."""
    head = CONTRAST_EXCEPTION.split(text, maxsplit=1)[0]
    text = head if words(head) else text
    ws = set(words(text))
    lowered = " ".join(words(text))
    if "whether" in ws or text.rstrip().endswith("?"):
        return 0
    if ws & NEGATIONS or any(p in lowered for p in NEGATING_PHRASES):
        return -1
    if ws & HEDGES:
        return 0
    return 1


# A negation denies a relation only within this many words before one of its cue words:
# "is not coordinating military operations" denies coordination, not a troop deployment named
# later in the sentence; "denied that Washington was coordinating" (4 words) still denies.
NEGATION_SCOPE = 6


def polarity_on(text: str, relation: str | None) -> int:
    """`polarity_of`, except that a negation (NEGATIONS) far from every word of the relation leaves
    the relation asserted: the sentence denies something else."""
    polarity = polarity_of(text)
    if polarity >= 0 or not relation or any(p in " ".join(words(text)) for p in NEGATING_PHRASES):
        return polarity
    ws = words(text)
    cues = [
        k
        for k, w in enumerate(ws)
        if has_cue(w, relation)
        or (k + 1 < len(ws) and not has_cue(ws[k + 1], relation) and has_cue(f"{w} {ws[k + 1]}", relation))
    ]
    if not cues:
        return polarity
    own = {ws[c] for c in cues}  # "rejected" asserts a rejection: the relation's own words deny nothing
    negations = [k for k, w in enumerate(ws) if w in NEGATIONS and w not in own]
    if any(0 < c - k <= NEGATION_SCOPE for k in negations for c in cues):
        return polarity
    return polarity_of(" ".join(w for w in ws if w not in NEGATIONS))


class ActorTable:
    """Every actor of every analysis; maps an actor id to its group-level id and a readable name."""

    def __init__(self, analyses: Iterable[DocumentAnalysis]) -> None:
        self.actors: dict[str, Actor] = {}
        for analysis in analyses:
            for actor in analysis.actors:
                self.actors.setdefault(actor.id, actor)

    @classmethod
    def of_actors(cls, actors: Iterable[Actor]) -> ActorTable:
        """The table of these actors (the store's canonical ones: what every analysis names)."""
        table = cls(())
        for actor in actors:
            table.actors.setdefault(actor.id, actor)
        return table

    def group(self, actor_id: str | None) -> str | None:
        """The country or armed group an actor belongs to (itself when it is one), else itself."""
        current = actor_id
        for _ in range(MAX_AFFILIATION_HOPS + 1):
            actor = self.actors.get(current or "")
            if actor is None or actor.kind in GROUP_KINDS or not actor.affiliation:
                return current
            current = actor.affiliation
        return current

    def kind(self, actor_id: str | None) -> str | None:
        actor = self.actors.get(actor_id or "")
        return actor.kind if actor else None

    def name(self, actor_id: str | None) -> str:
        actor = self.actors.get(actor_id or "")
        return actor.name if actor else (actor_id or "").split(":")[-1].replace("-", " ").title()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a document with its voice and whether statements cover it."""

    span: Span
    text: str
    voice: Voice
    attributed: bool
    segment_source: str | None = None


def document_sentences(doc: Document, statements: Sequence[Statement]) -> list[Sentence]:
    """Sentences of every non-boilerplate segment, in text order."""
    covered = [(s.span.start, s.span.end) for s in statements]
    out = []
    for seg in doc.segments:
        if seg.voice == Voice.BOILERPLATE:
            continue
        # a statement outside the segment covers none of its sentences: compare only the others
        # (the sum is the same, where comparing every sentence with every statement is quadratic)
        near = [(s, e) for s, e in covered if s < seg.end and e > seg.start]
        for a, b in sentence_spans(doc.text[seg.start : seg.end]):
            start, end = seg.start + a, seg.start + b
            inside = sum(max(0, min(end, e) - max(start, s)) for s, e in near)
            out.append(
                Sentence(
                    Span(doc.id, start, end),
                    doc.text[start:end],
                    seg.voice,
                    inside >= ATTRIBUTED_SHARE * (end - start),
                    seg.source or seg.author,
                )
            )
    return out


def groups_in(span: Span, analysis: DocumentAnalysis, table: ActorTable) -> set[str]:
    """Group-level actors mentioned inside `span`."""
    return groups_of(actors_in(span, analysis), table)


def actors_in(span: Span, analysis: DocumentAnalysis) -> list[str | None]:
    """The actor ids of the mentions inside `span`, each once, in mention order: `groups_in`
    without the actor table, for a caller that asks again under other tables (`groups_of`)."""
    return list(
        dict.fromkeys(
            m.actor_id for m in analysis.mentions if m.span.start >= span.start and m.span.end <= span.end
        )
    )


def groups_of(actor_ids: Iterable[str | None], table: ActorTable) -> set[str]:
    """`groups_in` of the span these actor ids (`actors_in`) were mentioned in."""
    return {g for actor_id in actor_ids for g in (table.group(actor_id),) if g}


def holder_of_voice(doc: Document, voice: Voice, source: str | None) -> str:
    """Who speaks in a voice: the outlet for own text, the quoted outlet or the commenter otherwise."""
    outlet = source_name(doc)
    if voice == Voice.OWN:
        return outlet
    return source or f"{voice.value} in {outlet}"


def speaker_name(statement: Statement) -> str:
    return statement.speaker.name or statement.speaker.description or "unnamed speaker"


def contains(outer: Span, inner: Span) -> bool:
    return outer.doc_id == inner.doc_id and outer.start <= inner.start and inner.end <= outer.end


def overlaps(a: Span, b: Span) -> bool:
    return a.doc_id == b.doc_id and a.start < b.end and b.start < a.end


@lru_cache(maxsize=1)
def _country_places() -> tuple[dict[str, str], frozenset[str]]:
    """Lower-cased country name, alias or capital -> the country's actor id (registry countries);
    the lower-cased names and aliases alone."""
    from claimgraph.nlp.registry import load_registry

    out: dict[str, str] = {}
    names: set[str] = set()
    for entry in load_registry():
        if entry.actor.kind == "country":
            own = {n.lower() for n in (entry.actor.name, *entry.actor.aliases)}
            names |= own
            for name in (*sorted(own), *(c.lower() for c in entry.capitals)):
                out.setdefault(name, entry.actor.id)
    return out, frozenset(names)


def place_country(place: str | None) -> str | None:
    """The country a place names or is the capital of ("Baghdad" -> Iraq), else None."""
    return _country_places()[0].get((place or "").strip().lower())


def is_country_name(place: str) -> bool:
    """Whether a place is a country's name or alias (not a city in it)."""
    return place.strip().lower() in _country_places()[1]


# --- claim texts a person would write ------------------------------------------------------------

# What opens a news text before its first sentence: a byline ("By Jane Doe"), an agency tag
# ("(Reuters) -", "(CNN) --") or a dateline ("MAIDUGURI, Nigeria —", "WASHINGTON (AP) —"): a
# capitalised place, an optional ", Region", an optional agency, then a dash or colon.
AGENCIES = r"(?i:reuters|ap|afp|upi|cnn|ians|pti|xinhua|bloomberg|dpa|efe|ansa|tass)"
DATELINE = re.compile(
    r"^\s*(?:"
    r"(?i:by)\s+(?:[A-Z][\w.'’-]*\s+){1,3}(?:and\s+(?:[A-Z][\w.'’-]*\s+){1,3})?"
    r"(?:(?:--|[-—–|,])|(?=[A-Z]{2,}[\s,(]))"  # byline, then a separator or a dateline
    r"|\(?" + AGENCIES + r"\)?\s*(?:--|[-—–])"  # agency tag
    r"|[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*"
    r"(?:\(" + AGENCIES + r"\))?\s*(?:--|[-—–])"  # dateline (a colon opens headlines: "US: …")
    r")\s*"
)
# Contents that are no proposition on their own: led by a pronoun whose antecedent is elsewhere
# ("he received the information …") or by a wh-word or "to" ("what was offered", "to release
# his returns").
DEPENDENT_OPENINGS = frozenset(
    "he she it they we i you him her them us this these those his its their our my your what which "
    "who whom whose where when why how to while as because".split()
)
_QUOTES = "\"“”'‘’″«»"
# Words that call a claim false without negating a verb ("Hunter's claim is categorically false").
DISMISSING_WORDS = frozenset("false falsely untrue baseless unfounded bogus hoax debunked".split())
_NEGATION_WORD = re.compile(
    r"\b(?:not|no|never|none|nor|neither|deny|denies|denied|denying|rejects?|rejected|refuses?|"
    r"refused|dismiss(?:es|ed)?|false|falsely|untrue|baseless|unfounded)\b\s*|(?<=\w)n['’]t\b",
    re.IGNORECASE,
)


def strip_dateline(text: str) -> str:
    """The text without a leading byline, agency tag or dateline (repeated: "By X WASHINGTON (AP) —")."""
    for _ in range(3):
        match = DATELINE.match(text)
        if match is None or match.end() >= len(text.rstrip()):
            break
        text = text[match.end() :]
    return text


def states_positively(text: str) -> bool:
    """No negating word or phrase, not a question: the text asserts its proposition."""
    lowered = " ".join(words(text))
    return not (
        set(words(text)) & (NEGATIONS | DISMISSING_WORDS)
        or "n't" in lowered
        or any(p in lowered for p in NEGATING_PHRASES)
        or text.rstrip(_QUOTES + " ").endswith("?")
    )


def affirmed(text: str) -> str:
    """The text without its negating words, so that an assertion and its denial ("Boko Haram agreed
    to a cease-fire" / "Boko Haram denied agreeing to a cease-fire") land in one cluster."""
    return " ".join(_NEGATION_WORD.sub(" ", text).split())


def proposition(text: str, *, statement: bool) -> str | None:
    """The text as a claim a person would write, or None when it is not one: byline, agency tag and
    dateline stripped, a statement's "that" dropped and its first letter capitalised, wrapping quotes
    trimmed; None for a heading (ends with ":"), a denial or question, a content not led by "that"
    or a capital (a noun phrase or an infinitive: "to release his returns"), or a pronoun-led one."""
    text = " ".join(strip_dateline(text).split()).strip(_QUOTES + " ,;")
    if text.endswith(":") or not states_positively(text):
        return None
    first = (words(text) or [""])[0]
    if statement:
        if first == "that":
            text = text[text.lower().index("that") + 4 :].lstrip(_QUOTES + " ")
            first = (words(text) or [""])[0]
        elif text[:1].islower():
            return None
    if not text or first in DEPENDENT_OPENINGS or not text[:1].isalnum():
        return None
    return text[:1].upper() + text[1:]


# Words that may stand before a country's name and still name it ("Northern Iraq", "Greater Syria").
PLACE_QUALIFIERS = frozenset(
    "north south east west northern southern eastern western central upper lower greater the".split()
)


def names_other_place(surface: str, actor: Actor | None) -> bool:
    """Whether a mention's words end with a country's name but start with another capitalised name:
    "New Jersey" is not Jersey, "New Mexico" not Mexico (the entity's span, not the registry name
    found inside it, says which place it is); "Northern Iraq" is Iraq."""
    if actor is None or actor.kind != "country":
        return False
    names = {n.lower() for n in (actor.name, *actor.aliases)}
    text = " ".join(surface.split())
    if text.lower() in names:
        return False
    for name in sorted(names, key=len, reverse=True):  # "the Bailiwick of Jersey": the whole alias
        if text.lower().endswith(" " + name):
            head = text[: -len(name)].split()
            if head[-1].endswith(","):
                return False  # "Basra, Iraq": a city and its country
            return any(w[:1].isupper() and w.lower() not in PLACE_QUALIFIERS for w in head)
    return False
