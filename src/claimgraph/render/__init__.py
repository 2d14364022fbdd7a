"""Everything the command line prints, in one place: tables, JSON listings, documents, claims.

`cli.py` parses options and calls `claimgraph.queries` / the store; these modules turn the
values into rich tables and text for a terminal (tab-separated rows when piped) or into JSON.
"""
