"""What every table of the live model shares: the `MetaData` and the widths of the id columns.

Importing `portable` here registers the PostgreSQL column types before any table is compiled.
"""

from __future__ import annotations

from sqlalchemy import MetaData

from claimgraph.store import portable  # noqa: F401 -- registers the PostgreSQL column types

metadata = MetaData()

ACTOR_ID = 200  # "<kind>:<slug>" of a long organisation name
CLAIM_ID = 40  # a claim id: a hash of its key, or "tracked:" + 16 hex digits
