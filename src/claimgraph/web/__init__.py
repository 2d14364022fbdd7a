"""The web application and REST API over a store (`claimgraph serve`); see docs/web.md."""

from claimgraph.web.app import create_app

__all__ = ["create_app"]
