"""The list queries behind `claimgraph docs|actors|statements|events|claims`, as Python functions.

The command line and the Python API call these same functions (as sqlite-utils does), so a filter
works the same in both; rendering them as tables or JSON is `claimgraph.render`'s job. Each takes
an open `Store` (`claimgraph.open_store`) and returns typed values, in the store's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.export.records import stance_counts
from claimgraph.model import Actor, Event, HolderKind, Stance, Statement, VerdictLabel
from claimgraph.store import DocumentSummary, Store
from claimgraph.taxonomy import ACTIONS

T = TypeVar("T")

STANCE_SIDES = ("agree", "disagree", "discuss", "unrelated")
NOT_JUDGED = "not judged yet"  # a tracked claim no analyze has re-judged since `check --track`
VERDICTS = (*(v.value for v in VerdictLabel), NOT_JUDGED)


@dataclass(frozen=True, slots=True)
class ClaimListing:
    """One claim as `claims` lists it: built by the corpus stage, or tracked (`check --track`).

    `sources` and `speakers` count the agree/disagree/discuss/unrelated stances of outlets in their own
    voice and of quoted speakers; `claimgraph claim ID` shows each stance with its evidence.
    """

    id: str
    text: str
    verdict: str
    sources: dict[str, int]
    speakers: dict[str, int]
    tracked: bool


@dataclass(frozen=True, slots=True)
class ActorListing:
    """A canonical actor with how many mentions, across the corpus, resolve to it."""

    actor: Actor
    mentions: int


def _limited(items: Iterable[T], limit: int | None) -> list[T]:
    """The first `limit` items (all with None); a negative limit is a numbered error, not a slice."""
    if limit is None:
        return list(items)
    if limit < 0:
        raise ClaimgraphError(Errors.E115, value=limit)
    return list(islice(items, limit))


def _doc_id(store: Store, doc: str | None) -> str | None:
    """A document id or unique prefix to the full id (E004/E005 when there is none or several)."""
    return store.get_document(doc).id if doc is not None else None


def find_documents(store: Store, limit: int | None = None) -> list[DocumentSummary]:
    """Stored documents in id order: metadata and segment counts per voice."""
    return _limited(store.list_documents(), limit)


def find_actors(store: Store, limit: int | None = None) -> list[ActorListing]:
    """The corpus's canonical actors in id order, with their mention counts."""
    counts = store.actor_mention_counts()
    return _limited((ActorListing(a, counts.get(a.id, 0)) for a in store.list_actors()), limit)


def find_statements(
    store: Store, speaker: str | None = None, doc: str | None = None, limit: int | None = None
) -> list[Statement]:
    """Attributed statements in (document, text) order.

    `speaker` matches, case-insensitively and anywhere, the speaker's name or description or the
    name or an alias of the speaker's canonical actor; `doc` is a document id or unique prefix.
    """
    return _limited(store.iter_statements(_doc_id(store, doc), speaker or None), limit)


def find_events(
    store: Store,
    actor: str | None = None,
    action: str | None = None,
    doc: str | None = None,
    limit: int | None = None,
) -> list[Event]:
    """Events in (document, text) order.

    `actor` matches the acting actor as written or its canonical actor's name or aliases;
    `action` is an action class of the event taxonomy (docs/events.md), e.g. "attack"; `doc` is
    a document id or unique prefix.
    """
    wanted = _action(action)
    found: Iterator[Event] = store.iter_events(_doc_id(store, doc), actor or None)
    if wanted is not None:
        found = (e for e in found if e.action == wanted)
    return _limited(found, limit)


def _action(action: str | None) -> str | None:
    if action is None:
        return None
    wanted = action.strip().lower()
    if wanted not in ACTIONS:
        raise ClaimgraphError(Errors.E013, what="action", value=action, choices=", ".join(sorted(ACTIONS)))
    return wanted


def find_claims(
    store: Store, verdict: str | None = None, text: str | None = None, limit: int | None = None
) -> list[ClaimListing]:
    """Tracked claims first (oldest first), then the built ones in the corpus stage's order.

    `verdict` keeps claims with this verdict label (corroborated, disputed, denied, single-source,
    unverified, or "not judged yet" for tracked claims awaiting an analyze); `text` keeps claims
    whose text contains it, case-insensitively.
    """
    if verdict is not None and verdict not in VERDICTS:
        raise ClaimgraphError(Errors.E013, what="verdict", value=verdict, choices=", ".join(VERDICTS))
    needle = text.casefold() if text else None
    listed = (
        c
        for c in (*_tracked_listings(store), *_built_listings(store))
        if (verdict is None or c.verdict == verdict) and (needle is None or needle in c.text.casefold())
    )
    return _limited(listed, limit)


def _built_listings(store: Store) -> Iterator[ClaimListing]:
    stances: dict[str, list[Stance]] = {}
    for s in store.iter_stances():
        stances.setdefault(s.claim_id, []).append(s)
    verdicts = store.list_verdicts()
    for claim in store.list_claims():
        own = stances.get(claim.id, [])
        judged = verdicts.get(claim.id)
        yield ClaimListing(
            claim.id,
            claim.text,
            judged.label.value if judged else VerdictLabel.UNVERIFIED.value,
            stance_counts(own, HolderKind.SOURCE),
            stance_counts(own, HolderKind.SPEAKER),
            tracked=False,
        )


def _tracked_listings(store: Store) -> Iterator[ClaimListing]:
    """Tracked claims from their latest stored judgement (a `check` result as JSON)."""
    for claim_id, text, result in store.tracked_claims():
        stances = (result or {}).get("stances", [])
        counts = {
            kind: {
                side: sum(1 for s in stances if s["holder_kind"] == kind and s["stance"] == side)
                for side in STANCE_SIDES
            }
            for kind in ("source", "speaker")
        }
        label = (result or {}).get("verdict", {}).get("label", NOT_JUDGED)
        yield ClaimListing(claim_id, text, label, counts["source"], counts["speaker"], tracked=True)
