"""claimgraph: a sourced model of a news story from many reports."""

__version__ = "0.1.0"

from claimgraph.api import Corpus, analyze, check, open_store
from claimgraph.store import Store

__all__ = ["Corpus", "Store", "__version__", "analyze", "check", "open_store"]
