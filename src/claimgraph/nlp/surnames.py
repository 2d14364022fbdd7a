"""Fuzzy surname groups in linear time: the first earlier surname within a fuzz ratio.

`merge_actor_ids` puts each generated person under the first surname seen so far that is equal
or fuzzy-equal (`fuzz.ratio` ≥ threshold) to theirs. Comparing every surname with every
earlier one is quadratic in distinct surnames (issue 11). Two strings with
ratio ≥ t (t = 87: at most 13% of their joint length is inserted or deleted) reach a common
subsequence by deleting at most ⌊(1 - t/100)(la + lb)⌋ characters between them, so each side
deletes at most `max_deletions(len)` of its own. Every
surname is indexed under each of its deletion variants (SymSpell's blocking); a query looks
up its own variants, and `fuzz.ratio` confirms the candidates. The candidates are a superset
of the matches, so the result is the one the pairwise scan gave. Names longer than
`MAX_INDEXED_CHARS` (variants grow as C(n, k)) are compared with the surnames of a compatible
length instead: rare, and still no scan of every surname.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rapidfuzz import fuzz

MAX_INDEXED_CHARS = 13  # at t = 87, 13 letters delete at most 2: 92 variants a surname


def max_deletions(length: int, threshold: float) -> int:
    """Most characters a string of `length` deletes on the way to a longest common subsequence
    with a partner it is fuzz-equal to. With slack s = 1 - t/100, the distance d ≤ s(la + lb)
    and la - lb ≤ d, so lb ≥ la(1 - s)/(1 + s); its own deletions (d + la - lb)/2 are largest
    for the shortest partner: la · 2s/(1 + s)."""
    slack = 1 - threshold / 100
    return int(length * 2 * slack / (1 + slack) + 1e-6)


def _variants(text: str, deletions: int) -> set[str]:
    """`text` with every choice of up to `deletions` characters removed."""
    out = {text}
    for k in range(1, min(deletions, len(text)) + 1):
        for drop in combinations(range(len(text)), k):
            out.add("".join(ch for i, ch in enumerate(text) if i not in drop))
    return out


class SurnameIndex:
    """Surnames in insertion order; `home(surname)` is the first equal or fuzzy-equal one."""

    def __init__(self, threshold: float) -> None:
        self.threshold = threshold
        self.order: dict[str, int] = {}  # surname -> insertion rank
        self._by_variant: dict[str, set[str]] = defaultdict(set)
        self._by_length: dict[int, list[str]] = defaultdict(list)  # every surname, for long ones

    def home(self, surname: str) -> str:
        """The earliest surname fuzzy-equal to `surname` (itself when new; then it is added)."""
        if surname in self.order:
            return surname
        matches = [s for s in self._candidates(surname) if fuzz.ratio(s, surname) >= self.threshold]
        if matches:
            return min(matches, key=self.order.__getitem__)
        self._add(surname)
        return surname

    def _candidates(self, surname: str) -> set[str]:
        """Every stored surname that can be fuzz-equal to `surname` (and some that are not)."""
        found: set[str] = set()
        low, high = self._length_range(len(surname))
        if len(surname) > MAX_INDEXED_CHARS:  # not indexed: every surname of a possible length
            for length in range(low, high + 1):
                found.update(self._by_length.get(length, ()))
            return found
        for variant in _variants(surname, max_deletions(len(surname), self.threshold)):
            found |= self._by_variant.get(variant, set())
        for length in range(max(low, MAX_INDEXED_CHARS + 1), high + 1):
            found.update(self._by_length.get(length, ()))  # long partners are not indexed
        return found

    def _length_range(self, length: int) -> tuple[int, int]:
        """Lengths a fuzz-equal partner can have: |la - lb| ≤ d ≤ s(la + lb)."""
        slack = 1 - self.threshold / 100
        return int(length * (1 - slack) / (1 + slack)), int(length * (1 + slack) / (1 - slack)) + 1

    def _add(self, surname: str) -> None:
        self.order[surname] = len(self.order)
        self._by_length[len(surname)].append(surname)
        if len(surname) <= MAX_INDEXED_CHARS:
            for variant in _variants(surname, max_deletions(len(surname), self.threshold)):
                self._by_variant[variant].add(surname)
