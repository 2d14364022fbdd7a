"""Actors: find who is named in a document and map every name to one canonical actor.

Resolution is a cascade, cheapest and surest first: exact alias (acronyms case-sensitive),
normalised alias, a registered name inside a longer mention ("Secretary of State John
Kerry"), a role at the publication date, a registered surname, a demonym ("Iranian
officials" → Iran), then fuzzy matching for misspellings and transliterations.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from claimgraph.model import Actor, ActorKind, ActorMention, Document, Segment, Span
from claimgraph.nlp.entity_types import Votes, label_votes, name_type
from claimgraph.nlp.names import POSSESSIVE as _POSSESSIVE
from claimgraph.nlp.names import clean_mention
from claimgraph.nlp.parsed import parse_document
from claimgraph.nlp.registry import RegistryEntry, load_registry
from claimgraph.nlp.surnames import SurnameIndex

# Fuzzy names: ratio ≥ 87 accepts "Soleimeni"/"Suleimani" vs "Soleimani" (88.9) and
# "Qassim Suleimani" vs "Qassem Soleimani" (87.5); rejects "Barzani"/"Marzani" (85.7),
# "Khamenei"/"Khomeini" (75), "Kerry"/"Berry" (80). Pairs in tests/nlp/test_actors.py.
FUZZY_NAME_THRESHOLD = 87.0
FUZZY_MIN_CHARS = 6  # shorter names differ by one letter from too many others ("Harf"/"Hart")
MAX_SUBSPAN_TOKENS = 8  # longer mentions are descriptions, not names: do not search inside
ACRONYM_MAX_CHARS = 4  # all-caps aliases up to this length match only case-sensitively ("IS", "US")

NER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
NEW_ACTOR_KINDS = {"PERSON": ActorKind.PERSON, "ORG": ActorKind.ORGANIZATION}  # other labels: places
TITLES = frozenset(
    """mr mrs ms dr gen general lt col colonel maj major adm admiral president secretary minister
    ayatollah grand sheikh prime defense defence foreign deputy chief commander lieutenant rep
    representative sen senator spokesman spokeswoman vice sir""".split()
)
SPANS_EXTENSION = "claimgraph_actor_spans"  # Doc._ slot: (resolver names key, candidate spans)
MENTIONS_EXTENSION = "claimgraph_mentions"  # Doc._ slot: the run's actor mentions
for _extension in (SPANS_EXTENSION, MENTIONS_EXTENSION):
    if not Doc.has_extension(_extension):
        Doc.set_extension(_extension, default=None)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


SLUG_HASH_CHARS = 10  # a name with no transliteration gets this many hex digits of its hash


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated: the stable tail of a generated actor id.

    Latin names fold as always (accents and curly apostrophes dropped: "Ya’alon" -> "yaalon",
    so existing ids do not move); a name with letters of another script is transliterated
    (anyascii: "Лавров" -> "lavrov"), so two non-Latin names never share an id; a name with
    nothing to transliterate (symbols only) gets a short hash of its text, not a placeholder.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    if any(ch.isalpha() and not ch.isascii() for ch in decomposed):
        decomposed = anyascii(unicodedata.normalize("NFKC", text))
    folded = decomposed.encode("ascii", "ignore").decode()
    found = _NON_ALNUM.sub("-", folded.lower()).strip("-")
    if found:
        return found
    normal = unicodedata.normalize("NFKC", text).casefold()
    return "u" + hashlib.sha256(normal.encode()).hexdigest()[:SLUG_HASH_CHARS]


def _key(text: str) -> str:
    """Case-, dot-, hyphen- and space-insensitive form of a name ("U.S." == "us")."""
    text = unicodedata.normalize("NFKC", text).replace(".", "").replace("-", " ").replace("’", "'")
    return " ".join(text.casefold().split())


def _is_acronym(alias: str) -> bool:
    bare = alias.replace(".", "")
    return bare.isupper() and len(bare) <= ACRONYM_MAX_CHARS


class ActorResolver:
    """Maps a mention to a canonical actor id using the registry's names."""

    def __init__(self, entries: Iterable[RegistryEntry] | None = None) -> None:
        self.entries = {e.actor.id: e for e in (load_registry() if entries is None else entries)}
        self._exact: dict[str, str] = {}  # case-sensitive: acronyms
        self._keys: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._surnames: dict[str, set[str]] = defaultdict(set)
        for entry in self.entries.values():
            self._index(entry)
        self._fuzzy_keys = {
            k: a for k, a in self._keys.items() if len(k) >= FUZZY_MIN_CHARS and self._kind(a) != "country"
        }
        self._fuzzy_choices = list(self._fuzzy_keys)
        # Resolvers with the same names find the same candidate spans: one matcher, one cache.
        self.names_key = hash(tuple(sorted(self.names())))

    def _index(self, entry: RegistryEntry) -> None:
        actor = entry.actor
        for name in (actor.name, *actor.aliases, *entry.capitals):
            if _is_acronym(name):
                self._exact.setdefault(name, actor.id)
                self._exact.setdefault(name.replace(".", ""), actor.id)
            else:
                self._keys.setdefault(_key(name), actor.id)
        for demonym in entry.demonyms:
            self._demonyms.setdefault(demonym, actor.id)
        if actor.kind == ActorKind.PERSON:
            tokens = _key(actor.name).split()
            if len(tokens) > 1:
                self._surnames[tokens[-1]].add(actor.id)
                if tokens[-2] == "al":
                    self._surnames[" ".join(tokens[-2:])].add(actor.id)

    def _kind(self, actor_id: str) -> str:
        return self.entries[actor_id].actor.kind

    @property
    def actors(self) -> dict[str, Actor]:
        return {actor_id: entry.actor for actor_id, entry in self.entries.items()}

    def names(self) -> Iterable[tuple[str, str]]:
        """(surface name, actor id) for every registered name, for phrase matching."""
        for entry in self.entries.values():
            for name in (entry.actor.name, *entry.actor.aliases, *entry.capitals):
                yield name, entry.actor.id
            for demonym in entry.demonyms:
                if demonym.endswith("s") and not _is_acronym(demonym):  # "the Iranians"; "Iranian" is NORP
                    yield demonym, entry.actor.id

    def resolve(self, mention_text: str, *, context: str | None = None) -> str | None:
        """The actor id `mention_text` names, or None.

        `context` is the publication date (ISO): roles resolve to whoever held them then.
        """
        text = clean_mention(mention_text)
        if not text:
            return None
        found = self._lookup(text, context)
        if found is None:
            found = self._inside(text, context) or self._demonym(text) or self._fuzzy(text)
        if found is None and not text.isascii():
            latin = anyascii(text).replace("'", "")  # "Путин" -> "Putin", "Кремль" -> "Kreml"
            if latin.strip() and latin != text:
                found = self.resolve(latin, context=context)
        return found

    def _lookup(self, text: str, context: str | None) -> str | None:
        found = self._exact.get(text) or self._exact.get(text.replace(".", ""))
        if found is None and not _is_acronym(text):
            found = self._keys.get(_key(text)) or self._surname(text)
        return self._holder(found, context) if found else None

    def _surname(self, text: str) -> str | None:
        people = self._surnames.get(_key(text), set())
        return next(iter(people)) if len(people) == 1 else None

    def _holder(self, actor_id: str, context: str | None) -> str:
        entry = self.entries[actor_id]
        if context:
            for holder in entry.holders:
                if holder.start <= context[:10] < holder.end:
                    return holder.actor_id
        return actor_id

    def _inside(self, text: str, context: str | None) -> str | None:
        """The longest registered person inside a longer mention, else the longest name."""
        tokens = text.split()
        if len(tokens) < 2 or len(tokens) > MAX_SUBSPAN_TOKENS:
            return None
        found = []
        for size in range(len(tokens) - 1, 0, -1):
            for start in range(len(tokens) - size + 1):
                actor_id = self._lookup(clean_mention(" ".join(tokens[start : start + size])), context)
                if actor_id:
                    found.append(actor_id)
        people = [a for a in found if self.entries[a].actor.kind == ActorKind.PERSON]
        return (people or found or [None])[0]

    def _demonym(self, text: str) -> str | None:
        for token in text.replace("-", " ").split():
            actor_id = self._demonyms.get(_POSSESSIVE.sub("", token))
            if actor_id:
                return actor_id
        return None

    def _fuzzy(self, text: str) -> str | None:
        """Misspelt or transliterated registered names: whole mention, then each name token."""
        words = [w for w in text.split() if w.strip(".").lower() not in TITLES]
        candidates = [" ".join(words)] + [w for w in words if w[:1].isupper()]
        for candidate in candidates:
            key = _key(candidate)
            if len(key) < FUZZY_MIN_CHARS:
                continue
            best = process.extractOne(key, self._fuzzy_choices, scorer=fuzz.ratio)
            if best and best[1] >= FUZZY_NAME_THRESHOLD and best[0][0] == key[0]:
                return self._fuzzy_keys[best[0]]
        return None


def _phrase_matcher(nlp: Language, resolver: ActorResolver) -> tuple[PhraseMatcher, dict[str, str]]:
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    by_name = dict(resolver.names())
    matcher.add("ACTOR", list(nlp.tokenizer.pipe(by_name)))
    return matcher, by_name


_MATCHERS: dict[tuple[int, int], tuple[PhraseMatcher, dict[str, str]]] = {}


@lru_cache(maxsize=1)
def default_resolver() -> ActorResolver:
    """The resolver over the packaged registry, one per process (the pipeline's actor
    component and the NLP stage share it)."""
    return ActorResolver()


def _matcher_for(nlp: Language, resolver: ActorResolver) -> tuple[PhraseMatcher, dict[str, str]]:
    """One PhraseMatcher per (pipeline, registry names): building it costs more than a document."""
    key = (id(nlp), resolver.names_key)
    if key not in _MATCHERS:
        _MATCHERS[key] = _phrase_matcher(nlp, resolver)
    return _MATCHERS[key]


def candidate_spans(parsed: Doc, nlp: Language, resolver: ActorResolver) -> list[SpacySpan]:
    """NER entities of actor-like labels plus registry names, longest first, no overlaps;
    computed once per parse and registry (kept on `Doc._`: set by the `claimgraph_actors`
    component, read by actors and events)."""
    cached = parsed._.get(SPANS_EXTENSION)
    if cached is not None and cached[0] == resolver.names_key:
        return cached[1]
    spans = _candidate_spans(parsed, nlp, resolver)
    parsed._.set(SPANS_EXTENSION, (resolver.names_key, spans))
    return spans


def _candidate_spans(parsed: Doc, nlp: Language, resolver: ActorResolver) -> list[SpacySpan]:
    matcher, _ = _matcher_for(nlp, resolver)
    spans = [e for e in parsed.ents if e.label_ in NER_LABELS]
    spans += [SpacySpan(parsed, start, end, label="REGISTRY") for _, start, end in matcher(parsed)]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[SpacySpan] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def _new_actor(span: SpacySpan, votes: Votes | None = None) -> Actor | None:
    """An actor the registry does not know, from a PERSON or ORG entity; places are not actors.

    `votes` (spaCy's labels for the same names across the document) let `entity_types` catch
    a place or an outlet that the model typed as a person ("Tal Afar", "the Potomac Herald").
    """
    typed = name_type(span, votes)
    kind = ActorKind.MEDIA if typed == "media" else NEW_ACTOR_KINDS.get(typed or "")
    name = clean_mention(span.text)
    if kind is None or not name[:1].isupper() or any(ch.isdigit() for ch in name):
        return None
    if kind == ActorKind.PERSON:
        words = [w for w in name.split() if w.strip(".").lower() not in TITLES]
        name = " ".join(words)
        if not words:
            return None
    return Actor(id=f"{kind}:{slug(name)}", name=name, kind=str(kind))


def extract_actors(
    doc: Document, nlp: Language, resolver: ActorResolver
) -> tuple[list[Actor], list[ActorMention]]:
    """Actors named in a document's non-boilerplate segments, and each mention of them.

    Registry actors come back as registered; unknown people and organisations become new
    actors with ids from their names (`person:<slug>`), merged across documents later by
    `merge_actors`. Each run's mentions are also kept on its parse (`Doc._.claimgraph_mentions`).
    """
    actors: dict[str, Actor] = {}
    mentions: list[ActorMention] = []
    parsed_segments = [(s, p, candidate_spans(p, nlp, resolver)) for s, p in parse_document(doc, nlp)]
    votes = label_votes((span for _, _, spans in parsed_segments for span in spans), doc.text)
    for segment, parsed, spans in parsed_segments:
        found = list(mentions_in(parsed, spans, doc, segment, resolver, votes))
        parsed._.set(MENTIONS_EXTENSION, [mention for _, mention in found])
        for actor, mention in found:
            actors.setdefault(actor.id, actor)
            mentions.append(mention)
    return sorted(actors.values(), key=lambda a: a.id), mentions


def mentions_in(
    parsed: Doc,
    spans: list[SpacySpan],
    doc: Document,
    run: Segment,
    resolver: ActorResolver,
    votes: Votes | None = None,
) -> Iterator[tuple[Actor, ActorMention]]:
    """(actor, mention) for each candidate span of one voice run's parse that names an actor,
    with document offsets and the run's voice. `votes` are spaCy's labels for the same
    names across the whole document (`entity_types.label_votes`)."""
    for span in spans:
        actor_id = resolver.resolve(span.text, context=doc.published)
        actor = resolver.entries[actor_id].actor if actor_id else _new_actor(span, votes)
        if actor is not None:
            offsets = Span(doc.id, run.start + span.start_char, run.start + span.end_char)
            yield actor, ActorMention(actor.id, span.text, offsets, run.voice)


def _first_names_compatible(a: list[str], b: list[str]) -> bool:
    """ "Bill Speaks" ~ "Speaks" ~ "B. Speaks" ~ "William Speaks"? only the first three."""
    if not a or not b:
        return True
    first_a, first_b = a[0].rstrip("."), b[0].rstrip(".")
    if len(first_a) == 1 or len(first_b) == 1:
        return first_a[0] == first_b[0]
    return fuzz.ratio(first_a, first_b) >= FUZZY_NAME_THRESHOLD


def merge_actor_ids(per_doc_actors: Iterable[Iterable[Actor]]) -> dict[str, str]:
    """Map each generated person id to the id of the fullest compatible name across documents.

    Only generated people (no aliases, no code) merge: registry actors are already canonical.
    Same surname (or fuzzy-equal surnames) and compatible first names make one person.
    Linear in distinct surnames (`surnames.SurnameIndex`); the first-name check is pairwise
    only within one surname's group.
    """
    people = {
        a.id: a
        for actors in per_doc_actors
        for a in actors
        if a.kind == ActorKind.PERSON and not a.aliases and a.code is None
    }
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    surnames = SurnameIndex(FUZZY_NAME_THRESHOLD)  # the first fuzzy-equal surname, not a scan of all
    for actor in sorted(people.values(), key=lambda a: (-len(a.name), a.id)):
        by_surname[surnames.home(_key(actor.name).split()[-1])].append(actor)
    mapping: dict[str, str] = {}
    for group in by_surname.values():
        heads: list[Actor] = []
        for actor in group:  # fullest names first
            head = next(
                (h for h in heads if _first_names_compatible(h.name.split()[:-1], actor.name.split()[:-1])),
                None,
            )
            if head is None:
                heads.append(actor)
                head = actor
            mapping[actor.id] = head.id
    return mapping


def merge_actors(per_doc_actors: Iterable[Iterable[Actor]]) -> list[Actor]:
    """All documents' actors as one list, generated people merged (names kept as aliases)."""
    per_doc = [list(actors) for actors in per_doc_actors]
    mapping = merge_actor_ids(per_doc)
    merged: dict[str, Actor] = {}
    aliases: dict[str, set[str]] = defaultdict(set)
    for actors in per_doc:
        for actor in actors:
            target = mapping.get(actor.id, actor.id)
            if target == actor.id:
                merged.setdefault(actor.id, actor)
            else:
                aliases[target].add(actor.name)
    return sorted(
        (
            Actor(a.id, a.name, a.kind, tuple(sorted(aliases[a.id] - {a.name})), a.affiliation, a.code)
            if aliases[a.id]
            else a
            for a in merged.values()
        ),
        key=lambda a: a.id,
    )
