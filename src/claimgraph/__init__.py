"""claimgraph: a sourced model of a news story from many reports."""

__version__ = "0.1.0"
