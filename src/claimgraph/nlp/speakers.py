"""Turn a source phrase into a speaker: name, description, affiliation; resolve pronouns.

"lieutenant commander Bill Speaks, a Pentagon spokesman" -> name "Bill Speaks", description
"a Pentagon spokesman", affiliation "Pentagon". "a senior State Department official" -> no
name, the phrase as description, affiliation "State Department". "he"/"she" -> the nearest
PERSON mention in the few sentences before (subjects first, quoted words skipped), else the
nearest earlier named person speaker; "they" -> the nearest earlier plural or organisation
speaker; "the official" -> the nearest earlier speaker described as an official. No
coreference model ships offline, so this is the usual "nearest compatible antecedent"
heuristic.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimgraph.nlp.quotes import doc_quotes

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
AFFILIATION_LABELS = ("ORG", "GPE", "NORP")
EDGE_WORDS = frozenset({",", "-", "—", "–", "and", "(", ")"})  # trimmed; articles are kept
# Sentences searched back for a he/she antecedent: the pronoun's own and two before covers
# 'Karen Lindqvist was less convinced. "…," she said.' and a question between name and pronoun.
PRONOUN_WINDOW_SENTENCES = 3
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


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


def is_definite_description(source: SpacySpan) -> bool:
    """ "the official", "the spokeswoman": a definite common noun naming no one."""
    words = [t for t in source if not t.is_punct]
    return (
        len(words) == 2
        and words[0].lower_ == "the"
        and words[1].pos_ == "NOUN"
        and not any(t.ent_type_ for t in words)
    )


def _quoted(doc: Doc, start_char: int) -> bool:
    return any(q.start <= start_char < q.end for q in doc_quotes(doc))


def _nearby_person(source: SpacySpan) -> SpacySpan | None:
    """The nearest PERSON mention before `source` in its sentence or the few before it,
    a sentence subject first; names inside quotation marks are someone's words, not a cue."""
    doc = source.doc
    sentence = source.sent
    for _ in range(PRONOUN_WINDOW_SENTENCES):
        found = [
            e
            for e in doc.ents
            if e.label_ == "PERSON"
            and sentence.start <= e.start
            and e.end <= min(sentence.end, source.start)
            and not _quoted(doc, e.start_char)
        ]
        subjects = [e for e in found if e.root.dep_ in SUBJECT_DEPS]
        if subjects or found:
            return (subjects or found)[-1]
        if sentence.start == 0:
            return None
        sentence = doc[sentence.start - 1].sent
    return None


def _same_person(mention: str, info: SpeakerInfo) -> bool:
    return bool(info.person and info.name and info.name.split()[-1] == mention.split()[-1])


def resolve_pronoun(source: SpacySpan, earlier: list[SpeakerInfo]) -> SpeakerInfo | None:
    """he/she: the nearby PERSON mention (as the earlier speaker of that surname when there
    is one), else the nearest earlier person speaker; they: the nearest plural speaker."""
    want_person = source[0].lower_ in PERSON_PRONOUNS
    if want_person:
        mention = _nearby_person(source)
        if mention is not None:
            known = next((i for i in reversed(earlier) if _same_person(mention.text, i)), None)
            return known or SpeakerInfo(mention.text, None, None, person=True, plural=False)
    for info in reversed(earlier):
        if (info.person if want_person else info.plural) and info.label:
            return info
    return None


def resolve_description(source: SpacySpan, earlier: list[SpeakerInfo]) -> SpeakerInfo | None:
    """ "the official" -> the nearest earlier speaker whose description ends in "official"."""
    noun = [t for t in source if not t.is_punct][-1].lower_
    for info in reversed(earlier):
        if info.description and info.description.split()[-1].lower() == noun:
            return info
    return None
