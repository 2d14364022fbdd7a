"""Turn a source phrase into a speaker: name, description, affiliation; resolve pronouns.

"lieutenant commander Bill Speaks, a Pentagon spokesman" -> name "Bill Speaks", description
"a Pentagon spokesman", affiliation "Pentagon". "a senior State Department official" -> no
name, the phrase as description, affiliation "State Department". "he" -> the nearest earlier
named person speaker (else the nearest earlier PERSON mention); "they" -> the nearest earlier
plural or organisation speaker. No coreference model ships offline, so this is the usual
"nearest compatible antecedent" heuristic.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
AFFILIATION_LABELS = ("ORG", "GPE", "NORP")
EDGE_WORDS = frozenset({",", "-", "—", "–", "and", "(", ")"})  # trimmed; articles are kept


@dataclass(frozen=True, slots=True)
class SpeakerInfo:
    """What the source phrase says about its speaker (before actor resolution)."""

    name: str | None
    description: str | None
    affiliation: str | None
    person: bool  # a named person, a usable antecedent for he/she
    plural: bool  # a group ("US officials"), a usable antecedent for they

    @property
    def label(self) -> str | None:
        return self.name or self.description


def _clean(words: list[str]) -> str | None:
    while words and words[0].lower() in EDGE_WORDS:
        words = words[1:]
    while words and words[-1].lower() in EDGE_WORDS:
        words = words[:-1]
    return " ".join(words) or None


def antecedent_phrase(source: SpacySpan) -> SpacySpan:
    """For a relative pronoun subject ("Kerry, who said …"), the noun it refers to."""
    root = source.root
    if root.lower_ in RELATIVE_PRONOUNS and root.head.dep_ == "relcl":
        noun = root.head.head
        return source.doc[noun.left_edge.i : noun.i + 1]
    return source


def describe(source: SpacySpan) -> SpeakerInfo:
    """Name, description and affiliation read off a source phrase."""
    ents = [e for e in source.ents]
    person = next((e for e in ents if e.label_ == "PERSON"), None)
    plural = source.root.tag_ in ("NNS", "NNPS")
    if person is not None:
        start, end = person.start, person.end
        while end < source.end and source.doc[end].pos_ == "PROPN" and not source.doc[end].ent_type_:
            end += 1  # NER often stops early: "Jane" of "Jane Doe"
        before = _clean([t.text for t in source if t.i < start])
        after = _clean([t.text for t in source if t.i >= end])  # the appositive
        affiliation = next((e.text for e in ents if e.label_ in AFFILIATION_LABELS), None)
        name = source.doc[start:end].text
        return SpeakerInfo(name, after or before, affiliation, person=True, plural=False)
    head_ent = next((e for e in ents if e.start <= source.root.i < e.end), None)
    if head_ent is not None and head_ent.label_ in AFFILIATION_LABELS:
        return SpeakerInfo(head_ent.text, None, None, person=False, plural=True)
    affiliation = next((e.text for e in ents if e.label_ in AFFILIATION_LABELS), None)
    return SpeakerInfo(None, _clean([t.text for t in source]), affiliation, person=False, plural=plural)


def is_pronoun(source: SpacySpan) -> bool:
    return len(source) == 1 and source[0].lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS


def resolve_pronoun(source: SpacySpan, earlier: list[SpeakerInfo]) -> SpeakerInfo | None:
    """The nearest compatible earlier speaker for he/she/they, else a preceding PERSON mention."""
    word = source[0].lower_
    want_person = word in PERSON_PRONOUNS
    for info in reversed(earlier):
        if (info.person if want_person else info.plural) and info.label:
            return info
    if want_person:
        doc = source.doc
        mention = next(
            (e for e in reversed(doc.ents) if e.label_ == "PERSON" and e.end <= source.start),
            None,
        )
        if mention is not None:
            return SpeakerInfo(mention.text, None, None, person=True, plural=False)
    return None
