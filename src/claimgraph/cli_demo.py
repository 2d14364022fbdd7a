"""The bundled example corpus as the demo reads it: which files are articles, and which
statements the demo prints (`claimgraph demo`, and tests and benchmarks that analyse the corpus)."""

from __future__ import annotations

from pathlib import Path

from claimgraph.ingest.sidecar import sidecar_names
from claimgraph.model import Statement
from claimgraph.store import Store

DEMO_DB = "claimgraph-demo.db"
DEMO_REPORT = "claimgraph-demo-report.html"  # written next to the demo's store
DEMO_SKIP = frozenset({"gold.json", "README.md"})  # the example corpus's answer key and notes, not articles
DEMO_EXAMPLES = 5  # example statements the demo prints


def example_inputs(corpus: Path) -> list[str]:
    """The corpus's articles: not its answer key, notes or metadata sidecars (their articles read those)."""
    entries = sorted(p for p in corpus.iterdir() if not p.name.startswith("."))
    sidecars = {name for p in entries for name in sidecar_names(p.name)}
    return [str(p) for p in entries if p.name not in DEMO_SKIP and p.name not in sidecars]


def demo_examples(store: Store) -> list[Statement]:
    """The first named-speaker statement of each document, up to DEMO_EXAMPLES: a spread of
    outlets rather than five quotes from one article."""
    picked: dict[str, Statement] = {}
    for s in store.iter_statements():
        if s.speaker.name and s.doc_id not in picked:
            picked[s.doc_id] = s
            if len(picked) == DEMO_EXAMPLES:
                break
    return list(picked.values())
