"""claimgraph: a sourced model of a news story from many reports.

The public Python API; the command line calls the same functions:

    import claimgraph
    claimgraph.analyze(["news/"], db="story.db")
    with claimgraph.open_store("story.db") as store:
        disputed = claimgraph.find_claims(store, verdict="disputed", limit=10)
        said = claimgraph.find_statements(store, speaker="Kerry")
"""

__version__ = "0.1.0"

from claimgraph.api import Corpus, analyze, check, open_store
from claimgraph.queries import (
    ActorListing,
    ClaimListing,
    find_actors,
    find_claims,
    find_documents,
    find_events,
    find_statements,
)
from claimgraph.store import Store

__all__ = [
    "ActorListing",
    "ClaimListing",
    "Corpus",
    "Store",
    "__version__",
    "analyze",
    "check",
    "find_actors",
    "find_claims",
    "find_documents",
    "find_events",
    "find_statements",
    "open_store",
]
