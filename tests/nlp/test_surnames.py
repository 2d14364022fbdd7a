"""The surname index links the people the pairwise scan it replaced linked (issue 11)."""

from __future__ import annotations

import json
from collections import defaultdict
from itertools import combinations
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from claimgraph.model import Actor
from claimgraph.nlp.actors import FUZZY_NAME_THRESHOLD, _first_names_compatible, _key, merge_actor_ids
from claimgraph.nlp.surnames import SurnameIndex, max_deletions

DATA = Path(__file__).resolve().parents[1] / "data" / "nlp"


def pairwise_merge(people: list[Actor]) -> dict[str, str]:
    """`merge_actor_ids` as it was: each surname compared with every earlier one (quadratic)."""
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    for actor in sorted({a.id: a for a in people}.values(), key=lambda a: (-len(a.name), a.id)):
        surname = _key(actor.name).split()[-1]
        home = next(
            (s for s in by_surname if s == surname or fuzz.ratio(s, surname) >= FUZZY_NAME_THRESHOLD),
            surname,
        )
        by_surname[home].append(actor)
    mapping: dict[str, str] = {}
    for group in by_surname.values():
        heads: list[Actor] = []
        for actor in group:
            head = next(
                (h for h in heads if _first_names_compatible(h.name.split()[:-1], actor.name.split()[:-1])),
                None,
            )
            if head is None:
                heads.append(actor)
                head = actor
            mapping[actor.id] = head.id
    return mapping


def pairwise_homes(surnames: list[str], threshold: float) -> list[str]:
    keys: list[str] = []
    homes = []
    for surname in surnames:
        home = next((s for s in keys if s == surname or fuzz.ratio(s, surname) >= threshold), surname)
        if home == surname and surname not in keys:
            keys.append(surname)
        homes.append(home)
    return homes


def test_surnames_known_spellings_share_a_home() -> None:
    names = ["soleimani", "suleimani", "soleimeni", "barzani", "marzani", "khamenei", "khomeini", "kerry"]
    index = SurnameIndex(FUZZY_NAME_THRESHOLD)
    homes = [index.home(n) for n in names]
    assert homes[:3] == ["soleimani"] * 3
    assert homes[3:] == names[3:]  # 85.7, 75: below the threshold


def test_surnames_max_deletions_bounds_every_fuzzy_pair() -> None:
    """The bound the index rests on: each side of a fuzzy-equal pair deletes at most that many."""
    words = ["abdullah", "abdulla", "abdallah", "obama", "obamas", "almaliki", "maliki", "malki",
             "kerry", "kery", "speaks", "speak", "nasrallah", "nasrallahh", "qassem", "qasem"]  # fmt: skip
    pairs = 0
    for a, b in combinations(words, 2):
        if fuzz.ratio(a, b) >= FUZZY_NAME_THRESHOLD:
            pairs += 1
            lcs = (len(a) + len(b) - Indel.distance(a, b)) // 2
            assert len(a) - lcs <= max_deletions(len(a), FUZZY_NAME_THRESHOLD)
            assert len(b) - lcs <= max_deletions(len(b), FUZZY_NAME_THRESHOLD)
    assert pairs >= 6


BASES = ("soleimani", "kerry", "al-abdulrahmanalsaud", "nasrallah", "obama", "li", "abdullahi")


@st.composite
def surname(draw: st.DrawFn) -> str:
    """A base surname (short, long and longer than the index takes) with a few random edits."""
    chars = list(draw(st.sampled_from(BASES)))
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(chars)))
        edit = draw(st.sampled_from(["insert", "delete", "replace"]))
        letter = draw(st.sampled_from("aeiklmnorst"))
        if edit == "insert":
            chars.insert(at, letter)
        elif chars and at < len(chars):
            chars[at : at + 1] = [] if edit == "delete" else [letter]
    return "".join(chars) or "x"


@settings(max_examples=200, deadline=None)
@given(st.lists(surname(), max_size=40), st.sampled_from([FUZZY_NAME_THRESHOLD, 80.0, 95.0]))
def test_surnames_index_equals_pairwise_scan(names: list[str], threshold: float) -> None:
    """Near-spellings of short and long (unindexed) names: the same homes as the scan."""
    index = SurnameIndex(threshold)
    homes = pairwise_homes(names, threshold)
    assert [index.home(s) for s in names] == homes


person = st.tuples(st.sampled_from(["", "B.", "Bill", "William", "Mary", "Marie"]), surname())


@settings(max_examples=100, deadline=None)
@given(st.lists(person, max_size=30))
def test_surnames_merge_links_what_the_pairwise_merge_linked(names: list[tuple[str, str]]) -> None:
    people = [Actor(f"person:{first}-{last}", f"{first} {last}".strip(), "person") for first, last in names]
    assert merge_actor_ids([people]) == pairwise_merge(people)


def test_surnames_merge_of_example_corpus_people_unchanged() -> None:
    """The example corpus's generated people and the links main made with the pairwise scan."""
    data = json.loads((DATA / "example_people.json").read_text(encoding="utf-8"))
    people = [[Actor(a["id"], a["name"], "person") for a in doc] for doc in data["people"]]
    assert merge_actor_ids(people) == data["links"]
    assert merge_actor_ids(people) == pairwise_merge([a for doc in people for a in doc])
