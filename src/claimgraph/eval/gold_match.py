"""How a found statement, event or actor is matched to the example corpus gold (`eval/gold.py`).

All matches are one-to-one per document:

- **Statements.** A gold statement's `content_startswith` is located in the document text
  (whitespace and quote-mark style ignored). A found statement matches when its content span
  covers at least `MIN_PREFIX_COVER` of that prefix; the best-covering unused one wins.
  - *speaker right*: gold names a speaker → the found name (else description) resolves to
    the same actor as the gold name; unregistered people compare by surname. Gold gives only
    a description → the found description (or name) contains the gold description's head
    noun and at least `MIN_DESCRIPTION_WORDS` of its content words (articles, "one",
    "some" and plural -s ignored): "a Pentagon spokesman" ~ "A Pentagon spokesman".
  - *voice right*: equal `Voice`. *chain right*: same length, the same outlets in order
    (case and a leading "the" ignored) and the speaker right.
- **Events.** A gold event's `text_startswith` is located; found events whose sentence
  overlaps it are candidates, and pairs are assigned greedily by how many of actor, action
  class and modality agree. Actors and targets compare at country or group level (the
  gold convention: Pentagon, White House, IRGC count as their country); for a symmetric
  action (consult, cooperate...) actor and target may come in either order. Action classes are
  the taxonomy's, with the issue's paired classes merged: attack = airstrike, deny = reject.
  Target, place and date are reported separately over matched events.
- **Actors.** Every named gold speaker, event actor and event target must be among the
  document's extracted actors (or be the country/group one of them belongs to).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from claimgraph.model import Speaker, Statement
from claimgraph.nlp.actors import ActorResolver, clean_mention, slug

# A found content must cover half the gold prefix: enough to say it is the same utterance,
# lenient on where the content starts ("that", an opening quote, a lead-in clause).
MIN_PREFIX_COVER = 0.5
# Half the gold description's content words: "senior administration official" ~ "a senior
# official"; "Iranian officials" ≁ "US officials" (head shared, 1 of 2 words, but see below).
MIN_DESCRIPTION_WORDS = 0.5
MAX_AFFILIATION_HOPS = 3  # person → body → country is the deepest chain in the registry
ACTION_CLASSES = {"airstrike": "attack", "reject": "deny"}  # the "attack/airstrike", "deny/reject"
GROUP_KINDS = frozenset({"country", "armed_group"})
DESCRIPTION_STOPWORDS = frozenset({"a", "an", "the", "one", "some", "two", "several"})
# The head noun of "delegates at the meeting" is the last word before its first preposition.
DESCRIPTION_PREPOSITIONS = frozenset({"at", "of", "in", "from", "for", "with", "on"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_WORD = re.compile(r"\w+")

Range = tuple[int, int]


def locate(text: str, prefix: str) -> list[Range]:
    """Every place `prefix` occurs in `text`, ignoring whitespace runs and quote-mark style."""
    words = prefix.translate(_QUOTES).split()
    if not words:
        return []
    pattern = r"\s+".join(re.escape(w) for w in words)
    return [(m.start(), m.end()) for m in re.finditer(pattern, text.translate(_QUOTES))]


def coverage(found: Range, gold: Range) -> float:
    """Share of the gold range's characters inside the found range."""
    inside = min(found[1], gold[1]) - max(found[0], gold[0])
    return max(inside, 0) / max(gold[1] - gold[0], 1)


def norm_name(name: str) -> str:
    """A name as compared: no article or possessive, case and spacing folded."""
    return " ".join(clean_mention(name).casefold().split())


def _words(description: str) -> list[str]:
    words = [w.casefold() for w in _WORD.findall(description.translate(_QUOTES))]
    words = [w for w in words if w not in DESCRIPTION_STOPWORDS and w != "s"]
    return [w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words]


def _head(words: list[str]) -> str | None:
    before = next((words[:i] for i, w in enumerate(words) if w in DESCRIPTION_PREPOSITIONS), words)
    head = before or words
    return head[-1] if head else None


def _content_words(words: list[str]) -> list[str]:
    return [w for w in words if w not in DESCRIPTION_PREPOSITIONS]


def _capitalised(text: str) -> set[str]:
    """Capitalised words but articles ("A Pentagon spokesman"): a description's affiliation."""
    words = _WORD.findall(text)
    return {w.casefold() for w in words if w[:1].isupper() and w.casefold() not in DESCRIPTION_STOPWORDS}


def description_matches(gold: str, found: str | None) -> bool:
    """Loose match of described speakers: head noun shared and enough content words shared.

    Words naming a different affiliation break the match: when gold and found each carry
    a capitalised modifier, those must agree ("US officials" is not "Iranian officials").
    """
    if not found:
        return False
    gold_all, found_words = _words(gold), set(_words(found))
    gold_words = _content_words(gold_all)
    if not gold_words or _head(gold_all) not in found_words:
        return False
    shared = sum(1 for w in gold_words if w in found_words) / len(gold_words)
    gold_caps, found_caps = _capitalised(gold), _capitalised(found)
    if gold_caps and found_caps and not gold_caps & found_caps:
        return False
    return shared >= MIN_DESCRIPTION_WORDS


@dataclass(slots=True)
class Scorer:
    """Resolution helpers shared by every comparison of one evaluation."""

    resolver: ActorResolver
    published: str | None = None

    def actor_id(self, name: str | None) -> str | None:
        """The registry actor `name` names, else a generated person id from its surname."""
        if not name:
            return None
        found = self.resolver.resolve(name, context=self.published)
        words = norm_name(name).split()
        if found is None and words:
            return f"name:{slug(words[-1])}"
        return found

    def group(self, actor_id: str | None) -> str | None:
        """The country or armed group an actor belongs to (itself when it is one)."""
        current = actor_id
        for _ in range(MAX_AFFILIATION_HOPS):
            entry = self.resolver.entries.get(current or "")
            if entry is None or entry.actor.kind in GROUP_KINDS or not entry.actor.affiliation:
                return current
            current = entry.actor.affiliation
        return current

    def speaker_matches(self, gold: dict, found: Speaker) -> bool:
        if gold.get("speaker"):
            want = self.actor_id(gold["speaker"])
            got = found.actor_id or self.actor_id(found.name) or self.actor_id(found.description)
            return want is not None and want == got
        return description_matches(gold.get("description") or "", found.description or found.name)

    def chain_matches(self, gold: dict, found: Statement) -> bool:
        links = list(gold.get("chain") or [])
        if len(links) != len(found.chain):
            return False
        outlets_equal = all(
            norm_name(a) == norm_name(b) for a, b in zip(links[:-1], found.chain[:-1], strict=True)
        )
        return outlets_equal and self.speaker_matches(gold, found.speaker)

    def same_party(self, gold_name: str | None, found_name: str | None, found_id: str | None) -> bool:
        """Actor or target equal at country/group level; unresolved names compare as text."""
        if not gold_name:
            return not found_name
        if not found_name:
            return False
        want = self.group(self.resolver.resolve(gold_name, context=self.published))
        got = self.group(found_id or self.resolver.resolve(found_name, context=self.published))
        if want is not None or got is not None:
            return want == got
        return norm_name(gold_name) == norm_name(found_name)


def action_class(action: str) -> str:
    return ACTION_CLASSES.get(action, action)


def greedy(pairs: Iterable[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one assignment, best score first: gold index → found index."""
    taken_gold: dict[int, int] = {}
    taken_found: set[int] = set()
    for _, g, f in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if g not in taken_gold and f not in taken_found:
            taken_gold[g] = f
            taken_found.add(f)
    return taken_gold
