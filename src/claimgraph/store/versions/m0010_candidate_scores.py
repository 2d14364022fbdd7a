"""What admits a new document at retrieval's caps without searching the whole index (issue 11):
each retrieved candidate's score (`claims.retrieval.document_score`), the BM25 score of the
last passage kept when the claim reached the passage cap, and the passage index's size at the
claim's last full retrieval (so that its stored scores are refreshed as the index grows). Frozen: never edit
(docs/schema.md#store-migrations).

NULL on a store made before: such a claim at the caps is retrieved again in full on its next
incremental run (`claims/update.py`), which stores its scores.
"""

from __future__ import annotations

from sqlalchemy import Connection, Float, Integer

from claimgraph.store.versions import add_column


def apply(conn: Connection) -> None:
    add_column(conn, "claim_candidates", "score", Float())
    add_column(conn, "claim_retrieval", "passage_floor", Float())
    add_column(conn, "claim_retrieval", "index_size", Integer())
