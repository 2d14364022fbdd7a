"""User priors on outlet reliability: a CSV `outlet,prior`, each prior strictly between 0 and 1.

Bad input stops with one line naming the file and row (a `ClaimgraphError`); outlets the corpus
does not have are not an error (a prior file is often shared between corpora) but come back as a
`PriorWarning` the caller prints.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.model import Document
from claimgraph.naming import holder_key

HEADER = ("outlet", "prior")


def _problem(path: Path, problem: str) -> ClaimgraphError:
    return ClaimgraphError(Errors.E010, path=path, problem=problem)


def load_priors(csv_path: str | Path) -> dict[str, float]:
    """Outlet -> prior from a CSV with header `outlet,prior`; raises ClaimgraphError on bad input."""
    path = Path(csv_path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ClaimgraphError(Errors.E006, path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _problem(path, f"cannot read the prior file ({exc})") from None
    rows = list(csv.reader(text.splitlines()))
    if not rows or tuple(c.strip().casefold() for c in rows[0][:2]) != HEADER:
        raise _problem(path, "the first row must be the header 'outlet,prior'")
    priors: dict[str, float] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2 or not row[0].strip():
            raise _problem(path, f"row {number}: expected 'outlet,prior', got {','.join(row)!r}")
        outlet, raw = row[0].strip(), row[1].strip()
        try:
            prior = float(raw)
        except ValueError:
            raise _problem(path, f"row {number}: prior {raw!r} for {outlet!r} is not a number") from None
        if not math.isfinite(prior) or not 0.0 < prior < 1.0:
            raise _problem(path, f"row {number}: prior {raw} for {outlet!r} must be strictly between 0 and 1")
        if outlet in priors:
            raise _problem(path, f"row {number}: outlet {outlet!r} is listed twice")
        priors[outlet] = prior
    return priors


@dataclass(frozen=True, slots=True)
class PriorWarning:
    """Outlets in the prior file that no document of the corpus comes from; their priors are unused."""

    unknown: tuple[str, ...]

    def __str__(self) -> str:
        names = ", ".join(self.unknown)
        return f"{len(self.unknown)} outlet(s) in the prior file are not in the corpus: {names}"


def check_priors(priors: Mapping[str, float], documents: Iterable[Document]) -> PriorWarning | None:
    """A warning listing prior-file outlets the corpus lacks (matched case- and article-blind)."""
    known = {holder_key(d.outlet) for d in documents if d.outlet}
    unknown = tuple(sorted(o for o in priors if holder_key(o) not in known))
    return PriorWarning(unknown) if unknown else None
