"""How far a store's claims are from the stances step's per-claim bound (issue 11, the exponent).

    python benchmarks/stance_saturation.py STORE.db [STORE.db ...]

The stances step judges at most `StanceSettings.max_documents` candidate documents per claim,
so its cost per claim is bounded, and the step turns linear in the claims once claims reach the
bound. Below it, the cost grows with the documents a claim's candidates relate to. For each store
(read-only) this prints the documents, the claims, and the documents holding a stance per claim
(mean, median, p90, max; a claim's holders' statements can add documents beyond the cap), and the
share of claims with at least 90% of the cap. Between two stores of one corpus, the growth of the
mean against the growth of the documents gives the per-claim exponent, printed for neighbours.
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import statistics
from pathlib import Path

from claimgraph.settings import DEFAULT_SETTINGS


def per_claim(db: Path) -> tuple[int, list[int]]:
    """(documents in the store, documents holding a stance for each claim)."""
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        rows = connection.execute(
            "SELECT c.id, count(DISTINCT s.doc_id) FROM claims c "
            "LEFT JOIN stances s ON s.claim_id = c.id GROUP BY c.id"
        ).fetchall()
    finally:
        connection.close()
    return documents, sorted(n for _, n in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stores", type=Path, nargs="+")
    args = parser.parse_args()
    cap = DEFAULT_SETTINGS.stance.max_documents
    previous: tuple[int, float] | None = None
    for db in args.stores:
        if not db.exists():
            raise SystemExit(f"error: {db} does not exist")
        documents, counts = per_claim(db)
        if not counts:
            print(f"{db}: {documents} documents, no claims")
            continue
        mean = statistics.mean(counts)
        p90 = counts[int(0.9 * (len(counts) - 1))]
        near = sum(n >= 0.9 * cap for n in counts) / len(counts)
        line = (
            f"{db.name}: {documents} documents, {len(counts)} claims; documents with a stance per claim: "
            f"mean {mean:.1f}, median {statistics.median(counts):.0f}, p90 {p90}, max {counts[-1]}; "
            f"claims at >= 90% of the cap ({cap}): {near:.1%}"
        )
        if previous is not None and documents != previous[0] and previous[1] > 0:
            exponent = math.log(mean / previous[1]) / math.log(documents / previous[0])
            line += f"; per-claim exponent from the store before: {exponent:.2f}"
        print(line)
        previous = (documents, mean)


if __name__ == "__main__":
    main()
