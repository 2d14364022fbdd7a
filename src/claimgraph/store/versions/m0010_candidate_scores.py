"""What admits a new document at retrieval's caps without searching the whole index (issue 11):
each retrieved candidate's BM25 score, and the score of the last passage kept when the claim
reached the passage cap. Frozen: never edit (docs/schema.md#store-migrations).

NULL on a store made before: such a claim at the caps is retrieved again in full on its next
incremental run (`claims/update.py`), which stores its scores.
"""

from __future__ import annotations

from sqlalchemy import Connection, Float

from claimgraph.store.versions import add_column


def apply(conn: Connection) -> None:
    add_column(conn, "claim_candidates", "score", Float())
    add_column(conn, "claim_retrieval", "passage_floor", Float())
