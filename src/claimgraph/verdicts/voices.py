"""Independent voices on a claim: who takes a side once copying and citing are undone.

Stances are many; independent voices are few. Four rules fold them:
1. One holder is one voice per claim: an outlet's documents, or a speaker quoted by many outlets
   (keyed by actor id, else by the normalised name), collapse into one node with the net side.
2. Syndication: outlets whose documents on the claim share a near-duplicate group are one voice.
3. Citation: inside one document, the outlet's own side and every speaker it reports on the same
   side are one voice: the outlet's assertion rests on the speaker it cites. A speaker whose name is
   an outlet of the corpus *is* that outlet, so A citing B and B citing A fold into one voice
   (circular quoting is never corroboration).
4. Hand: a stance is first-hand when its evidence lies in the document's own voice (the outlet's
   writing, or a speaker the outlet reports in its own words); text reproduced from another outlet
   (quoted voice), reader comments, and a corpus outlet seen only through another outlet's pages
   are second-hand.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from claimgraph.clean.provenance import source_name
from claimgraph.model import Document, HolderKind, Stance, StanceLabel, Voice
from claimgraph.naming import holder_key

SIGNS = {StanceLabel.AGREE: 1, StanceLabel.DISAGREE: -1}
SECOND_HAND_VOICES = frozenset({Voice.QUOTED, Voice.COMMENT, Voice.BOILERPLATE})
LEADING_WORDS = frozenset({"a", "an", "the", "some", "one", "two", "three", "several", "many", "senior"})
DESCRIPTION_NOUNS = frozenset(
    {
        "official", "officials", "spokesman", "spokeswoman", "spokesperson", "source", "sources",
        "commander", "diplomat", "diplomats", "analyst", "analysts", "aide", "aides", "delegates",
        "residents", "witnesses", "administration", "lawmakers", "experts", "observers",
    }
)  # fmt: skip


def is_named(holder: str, actor_id: str | None) -> bool:
    """A named source ("John Kirby", "Pentagon") rather than a description ("a senior official")."""
    if actor_id:
        return True
    words = holder.split()
    if not words or not words[0][:1].isupper() or words[0].casefold() in LEADING_WORDS:
        return False
    return words[-1].casefold() not in DESCRIPTION_NOUNS


@dataclass(frozen=True, slots=True)
class Node:
    """One holder's net position on one claim, over all its stances."""

    key: str  # "source:<outlet>" or "speaker:<actor id or name>"
    name: str
    kind: HolderKind
    sign: int
    strength: float  # mean score of the stances on the winning side
    first_hand: bool
    named: bool
    doc_ids: tuple[str, ...]
    stances: tuple[Stance, ...]


@dataclass(frozen=True, slots=True)
class VoiceGroup:
    """An independent voice: nodes that copy or cite each other, all on one side."""

    nodes: tuple[Node, ...]
    sign: int
    first_hand: bool
    syndicated: bool  # folded because documents share a near-duplicate group
    cited: bool  # folded because an outlet reports a speaker (or another outlet) on its side


@dataclass(frozen=True, slots=True)
class ClaimVoices:
    """Everything the verdict needs about one claim's stances."""

    claim_id: str
    groups: tuple[VoiceGroup, ...]
    discussing: tuple[str, ...]  # outlets that report the claim without taking a side
    mixed: tuple[str, ...]  # holders whose stances cancel out


class _UnionFind:
    def __init__(self, keys: Iterable[str]) -> None:
        self.parent = {k: k for k in keys}

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _first_hand(stance: Stance) -> bool:
    return not stance.evidence or any(e.voice not in SECOND_HAND_VOICES for e in stance.evidence)


def source_key(outlet: str) -> str:
    """The holder key of an outlet's own voice: one key however the outlet's name is spelled."""
    return f"source:{holder_key(outlet)}"


class VoiceIndex:
    """Resolves stance holders against the corpus: outlets by document, quoted outlets by name."""

    def __init__(self, documents: Iterable[Document], groups: Mapping[str, str] | None = None) -> None:
        self.outlet_of: dict[str, str] = {}
        self.outlets: dict[str, str] = {}  # normalised outlet name -> display name
        self.groups = dict(groups or {})
        # never the document's path, even without an outlet
        self._add_outlets({doc.id: source_name(doc) for doc in documents})

    @classmethod
    def of_outlets(cls, outlet_of: Mapping[str, str], groups: Mapping[str, str] | None = None) -> VoiceIndex:
        """The index from document id -> `source_name` alone (the corpus stage holds no Documents)."""
        index = cls((), groups)
        index._add_outlets(outlet_of)
        return index

    def _add_outlets(self, outlet_of: Mapping[str, str]) -> None:
        self.outlet_of.update(outlet_of)
        for outlet in outlet_of.values():
            self.outlets.setdefault(holder_key(outlet), outlet)

    def source_name(self, stance: Stance) -> str:
        return self.outlet_of.get(stance.doc_id) or stance.holder

    def key(self, stance: Stance) -> tuple[str, str, HolderKind, bool]:
        """(key, display name, kind, first-hand) of a stance's holder."""
        if stance.holder_kind == HolderKind.SOURCE:
            name = self.source_name(stance)
            return source_key(name), name, HolderKind.SOURCE, _first_hand(stance)
        outlet = self.outlets.get(holder_key(stance.holder))
        if outlet is not None:  # a corpus outlet heard through another outlet's page
            return source_key(outlet), outlet, HolderKind.SOURCE, False
        ident = stance.actor_id or holder_key(stance.holder)
        return f"speaker:{ident}", stance.holder, HolderKind.SPEAKER, _first_hand(stance)

    def group(self, doc_id: str) -> str:
        return self.groups.get(doc_id, doc_id)


def _nodes(stances: list[Stance], index: VoiceIndex) -> tuple[list[Node], list[str]]:
    by_key: dict[str, list[tuple[Stance, str, HolderKind, bool]]] = defaultdict(list)
    for s in stances:
        key, name, kind, hand = index.key(s)
        by_key[key].append((s, name, kind, hand))
    nodes, mixed = [], []
    for key in sorted(by_key):
        items = by_key[key]
        net = sum(SIGNS[s.stance] * s.score for s, *_ in items)
        name = next((n for _, n, k, _ in items if k == HolderKind.SOURCE), items[0][1])
        if net == 0:
            mixed.append(name)
            continue
        sign = 1 if net > 0 else -1
        side = [(s, hand) for s, _, _, hand in items if SIGNS[s.stance] == sign]
        kind = items[0][2]
        named = kind == HolderKind.SOURCE or any(is_named(s.holder, s.actor_id) for s, _ in side)
        nodes.append(
            Node(
                key=key,
                name=name,
                kind=kind,
                sign=sign,
                strength=sum(s.score for s, _ in side) / len(side),
                first_hand=any(hand for _, hand in side),
                named=named,
                doc_ids=tuple(sorted({s.doc_id for s, _ in side})),
                stances=tuple(s for s, _ in side),
            )
        )
    return nodes, mixed


def claim_voices(claim_id: str, stances: list[Stance], index: VoiceIndex) -> ClaimVoices:
    """Fold one claim's stances into independent voice groups (rules in the module docstring)."""
    sided = [s for s in stances if s.stance in SIGNS and s.score > 0]
    nodes, mixed = _nodes(sided, index)
    by_key = {n.key: n for n in nodes}
    uf = _UnionFind(by_key)
    syndicated: set[str] = set()
    cited: set[str] = set()
    by_group: dict[tuple[str, int], list[str]] = defaultdict(list)
    by_doc: dict[tuple[str, int], list[str]] = defaultdict(list)
    for node in nodes:
        for s in node.stances:
            if s.holder_kind == HolderKind.SOURCE:
                by_group[(index.group(s.doc_id), node.sign)].append(node.key)
            by_doc[(s.doc_id, node.sign)].append(node.key)
    own_sides = {(s.doc_id, n.sign) for n in nodes for s in n.stances if s.holder_kind == HolderKind.SOURCE}
    # speakers fold into the outlet only where the outlet itself takes their side in that document
    citations = {k: v for k, v in by_doc.items() if k in own_sides}
    for table, marks in ((by_group, syndicated), (citations, cited)):
        for keys in table.values():
            unique = sorted(set(keys))
            if len(unique) > 1:
                marks.update(unique)
                for other in unique[1:]:
                    uf.union(unique[0], other)
    members: dict[str, list[Node]] = defaultdict(list)
    for node in nodes:
        members[uf.find(node.key)].append(node)
    groups = tuple(
        VoiceGroup(
            nodes=tuple(group),
            sign=group[0].sign,
            first_hand=any(n.first_hand for n in group),
            syndicated=len(group) > 1 and any(n.key in syndicated for n in group),
            cited=len(group) > 1 and any(n.key in cited for n in group),
        )
        for _, group in sorted(members.items())
    )
    discussing = sorted(
        {
            index.source_name(s)
            for s in stances
            if s.holder_kind == HolderKind.SOURCE and s.stance == StanceLabel.DISCUSS
        }
        - {n.name for n in nodes}
    )
    return ClaimVoices(claim_id, groups, tuple(discussing), tuple(mixed))
