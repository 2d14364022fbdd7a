"""Is an unregistered name a person, an organisation, an outlet, or a place?

spaCy's small model types a place it has not seen as a person or an organisation ("Tal Afar",
"Amerli"), and a paper as a person ("Potomac Herald"). Before a name becomes a new actor we
look for better evidence, cheapest first: a gazetteer (pycountry's subdivision names), the
labels spaCy gave the same name elsewhere in the document (a place once is a place), a
locative preposition right before it ("in Amerli", "near Tal Afar"), and an outlet-looking
name (a media word: Herald, Times, Observer). Registry actors never come here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

import pycountry
from anyascii import anyascii
from spacy.tokens import Span as SpacySpan

from claimgraph.clean.outlets import looks_like_outlet
from claimgraph.nlp.names import clean_mention

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
PLACE_CONTEXT = "place-context"  # a vote for a mention whose words put it on a map
NAME_LABELS = frozenset({"PERSON", "ORG"})
# Prepositions that put the following name somewhere on a map. Not "at" ("at Google"), "from"
# ("a statement from Obama") or "to" ("said to Kerry").
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "near", "outside", "around", "inside", "across", "toward", "towards"}
)

# "the town of Amerli", "the siege of Amerli", "the fall of Mosul": "of" after one of these.
PLACE_NOUNS = frozenset(
    """town city village province district region governorate county outskirts siege fall
    capital suburb suburbs port""".split()
)

# "Tal Afar, a key city on the border": the head noun of an appositive that names a settlement.
SETTLEMENT_NOUNS = frozenset(
    "town city village province district region governorate county capital port".split()
)

Votes = dict[str, Counter[str]]


@lru_cache(maxsize=1)
def subdivision_names() -> frozenset[str]:
    """Folded names of every ISO 3166-2 subdivision (provinces, states, governorates)."""
    return frozenset(_fold(sub.name) for sub in pycountry.subdivisions)


def _fold(name: str) -> str:
    """ASCII, case-folded, no punctuation: "Diyālá" and "Diyala" meet."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", anyascii(name).casefold()).split())


def label_votes(spans: Iterable[SpacySpan], text: str | None = None) -> Votes:
    """How spaCy labelled each name across a document (name -> label counts), plus a
    `PLACE_CONTEXT` vote for a person-typed name that the words around it place on a map,
    at this mention or, when the document's `text` is given, anywhere in it ("the siege of
    Amerli" where spaCy saw no entity at all)."""
    votes: Votes = defaultdict(Counter)
    for span in spans:
        name = clean_mention(span.text)
        if not name:
            continue
        votes[name][span.label_] += 1
        if span.label_ == "PERSON" and (_place_context(span) or (text and _placed_in_text(name, text))):
            votes[name][PLACE_CONTEXT] += 1
    return votes


def _placed_in_text(name: str, text: str) -> bool:
    prepositions = "|".join(sorted(LOCATIVE_PREPOSITIONS))
    nouns = "|".join(sorted(PLACE_NOUNS))
    kinds = "|".join(sorted(SETTLEMENT_NOUNS))
    escaped = re.escape(name)
    # "in Belgrano's encampment" places the encampment, not Belgrano: no possessive after.
    before = rf"\b(?:(?i:{prepositions})|(?i:{nouns})\s+of)\s+{escaped}\b(?!\s*['’]s\b)"
    # "Tal Afar, a key city on the Syrian border": an appositive that says what it is.
    after = rf"\b{escaped},\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}(?:{kinds})\b"
    return re.search(before, text) is not None or re.search(after, text) is not None


def _place_context(span: SpacySpan) -> bool:
    """ "in Amerli", "near Tal Afar", "the town of Amerli", "the siege of Amerli"."""
    if (
        span.start == 0
        or span.doc[span.end - 1].tag_ == "POS"
        or (span.end < len(span.doc) and span.doc[span.end].tag_ == "POS")
    ):
        return False
    before = span.doc[span.start - 1]
    if before.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return before.lower_ == "of" and span.start > 1 and span.doc[span.start - 2].lower_ in PLACE_NOUNS


def looks_like_place(span: SpacySpan, votes: Votes | None = None) -> bool:
    """A PERSON/ORG span that names a place, on gazetteer, document or context evidence."""
    name = clean_mention(span.text)
    if not name:
        return False
    if _fold(name) in subdivision_names():
        return True
    seen = (votes or {}).get(name, Counter())
    if any(seen[label] for label in (*PLACE_LABELS, PLACE_CONTEXT)):  # once a place, a place
        return True
    return span.label_ == "PERSON" and _place_context(span)


def _the_outlet(span: SpacySpan) -> bool:
    """ "the Potomac Herald": a determiner and a media word; people take no article."""
    article = span.text.lower().startswith("the ") or (
        span.start > 0 and span.doc[span.start - 1].lower_ == "the"
    )
    return article and looks_like_outlet(clean_mention(span.text))


def name_type(span: SpacySpan, votes: Votes | None = None) -> str | None:
    """ "place", "media", or spaCy's label for a PERSON/ORG span the registry does not know."""
    if span.label_ not in NAME_LABELS:
        return None
    if looks_like_place(span, votes):
        return "place"
    if span.label_ == "PERSON" and _the_outlet(span):
        return "media"
    return span.label_
