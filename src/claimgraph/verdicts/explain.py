"""The sentence a person reads under a verdict: who asserts, who denies, on whose word.

Built only from the folded voices, so every name in it points back to stances (and through them to
evidence spans). Officials are grouped under the party they belong to when their affiliation
(statement affiliation, or the actor registry's affiliation chain) leads to the claim's subject or
object: "officials of both governments deny it (Pentagon, NSC, ...)".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from claimgraph.model import Actor, Claim, HolderKind, Statement
from claimgraph.naming import holder_key
from claimgraph.verdicts.voices import ClaimVoices, Node, VoiceGroup

MAX_AFFILIATION_DEPTH = 6  # Kerry -> State Department -> United States is 2; guards against cycles
MAX_NAMES = 8  # names listed per clause before "and N more"


def _names(names: Iterable[str]) -> str:
    unique = list(dict.fromkeys(names))
    shown = ", ".join(unique[:MAX_NAMES])
    return shown + (f" and {len(unique) - MAX_NAMES} more" if len(unique) > MAX_NAMES else "")


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _singular(verb: str) -> str:
    return verb[:-1] + "ies" if verb.endswith("y") else verb + "s"


def _outlets(n: int, verb: str) -> str:
    """ "1 outlet asserts", "3 outlets assert": `verb` in its plural form."""
    return f"{_count(n, 'outlet')} {verb if n != 1 else _singular(verb)}"


class Parties:
    """Resolves a speaker to the top of its affiliation chain (a country or group) by id or name."""

    def __init__(
        self,
        actors: Iterable[Actor] = (),
        statements: Iterable[Statement] = (),
        affiliations: Mapping[str, str] | None = None,
    ) -> None:
        """`affiliations`: statement id -> affiliation, given instead of the statements
        (`Store.statement_affiliations`: the corpus stage holds no statements)."""
        self.actors = {a.id: a for a in actors}
        self.by_name: dict[str, str] = {}
        for actor in self.actors.values():
            for name in (actor.name, *actor.aliases):
                self.by_name.setdefault(holder_key(name), actor.id)
        self.affiliation_of = {s.id: s.affiliation for s in statements if s.affiliation}
        self.affiliation_of.update(affiliations or {})

    def top(self, actor_id: str | None, name: str | None = None) -> str | None:
        """The display name at the top of the chain, or the name itself when no actor is known."""
        ident = actor_id if actor_id in self.actors else self.by_name.get(holder_key(name or ""))
        if ident is None:
            return name
        for _ in range(MAX_AFFILIATION_DEPTH):
            parent = self.actors[ident].affiliation
            if parent is None or parent not in self.actors:
                break
            ident = parent
        return self.actors[ident].name

    def of_node(self, node: Node) -> str | None:
        """The party a speaker node speaks for, from its actor id, its statements, then its name."""
        for s in node.stances:
            affiliation = self.affiliation_of.get(s.statement_id or "")
            party = self.top(s.actor_id) if s.actor_id in self.actors else None
            if party is None and affiliation:
                party = self.top(None, affiliation)
            if party is not None:
                return party
        top = self.top(None, node.name)
        return top if top != node.name else None

    def claim_parties(self, claim: Claim) -> set[str]:
        found = set()
        for ref in (claim.subject, claim.object):
            if ref is not None:
                party = self.top(ref.actor_id, ref.name)
                if party:
                    found.add(holder_key(party))
        return found


def _side_clauses(
    groups: list[VoiceGroup], verb: str, parties: Parties, claim_parties: set[str]
) -> list[str]:
    outlets = [n for g in groups for n in g.nodes if n.kind == HolderKind.SOURCE and n.first_hand]
    speakers = [n for g in groups for n in g.nodes if n.kind == HolderKind.SPEAKER and n.first_hand]
    second = [n for g in groups for n in g.nodes if not n.first_hand]
    clauses = []
    official: dict[str, list[str]] = {}
    other: list[str] = []
    for node in speakers:
        party = parties.of_node(node)
        if party is not None and holder_key(party) in claim_parties:
            official.setdefault(party, []).append(node.name)
        else:
            other.append(node.name)
    if official:
        whose = "both governments" if len(official) == 2 else " and ".join(official)
        names = [name for group in official.values() for name in group]
        clauses.append(f"officials of {whose} {verb} it ({_names(names)})")
    if other:
        clauses.append(f"{_names(other)} {verb if len(set(other)) > 1 else _singular(verb)} it")
    if outlets:
        listed = _names(n.name for n in outlets)
        if verb == "deny" and speakers:
            clauses.append(f"{_outlets(len(outlets), 'side')} with the denials ({listed})")
        else:
            own = "assert" if verb == "support" else "deny"
            clauses.append(f"{_outlets(len(outlets), own)} it in their own voice ({listed})")
    if second:
        side = "for" if verb == "support" else "against"
        clauses.append(f"reproduced text only: {_names(n.name for n in second)} ({side})")
    return clauses


def _copy_clauses(groups: Sequence[VoiceGroup]) -> list[str]:
    clauses = []
    for g in groups:
        outlets = sorted({n.name for n in g.nodes if n.kind == HolderKind.SOURCE})
        if g.syndicated and len(outlets) > 1:
            clauses.append(f"{_names(outlets)} carry one syndicated story, counted once")
        elif g.cited and len(outlets) > 1:
            clauses.append(f"{_names(outlets)} rest on each other's reports, counted as one voice")
    return clauses


def _citation_clause(pro: list[VoiceGroup]) -> str | None:
    """Which asserting outlets rest on a named speaker of theirs, and which cite nobody named."""
    citing: list[str] = []
    bare: list[str] = []
    for g in pro:
        speakers = [n for n in g.nodes if n.kind == HolderKind.SPEAKER and n.named]
        for outlet in (n for n in g.nodes if n.kind == HolderKind.SOURCE and n.first_hand):
            cited = [sp.name for sp in speakers if set(sp.doc_ids) & set(outlet.doc_ids)]
            if cited:
                citing.append(f"{outlet.name} cites {_names(cited)}")
            else:
                bare.append(outlet.name)
    if not citing and not bare:
        return None
    if not citing:
        return "the asserting outlets cite no named source"
    rest = f"; {_names(bare)} {'cites' if len(bare) == 1 else 'cite'} no named source" if bare else ""
    return "; ".join(citing) + rest


def explain(
    claim: Claim,
    voices: ClaimVoices,
    posterior: float,
    parties: Parties,
) -> str:
    """One readable paragraph: support, denial, on whose word, copying folded, truth-discovery odds."""
    if not voices.groups:
        if voices.discussing:
            return (
                f"{_outlets(len(voices.discussing), 'report')} it without taking a side "
                f"({_names(voices.discussing)}); nobody asserts or denies it"
            )
        return "no source or speaker takes a side on it"
    claim_parties = parties.claim_parties(claim)
    pro = [g for g in voices.groups if g.sign > 0]
    con = [g for g in voices.groups if g.sign < 0]
    clauses = _side_clauses(pro, "support", parties, claim_parties)
    clauses += _side_clauses(con, "deny", parties, claim_parties)
    if not any(g.first_hand for g in voices.groups):
        clauses.append("no outlet or speaker takes a side first-hand")
    citation = _citation_clause(pro)
    if citation:
        clauses.append(citation)
    clauses += _copy_clauses(voices.groups)
    if voices.discussing:
        clauses.append(f"{_outlets(len(voices.discussing), 'report')} it without taking a side")
    clauses.append(
        f"{_count(len(pro), 'independent voice')} for, {len(con)} against; "
        f"truth discovery puts P(true) at {posterior:.2f}"
    )
    text = "; ".join(clauses)
    return text[0].upper() + text[1:]
