"""What `analyze` and `demo` print when a run ends: counts, languages left out, unreadable inputs."""

from __future__ import annotations

from rich.markup import escape

from claimgraph.pipeline import RunSummary
from claimgraph.render.console import err, out

MAX_ERRORS_SHOWN = 20  # longer error lists are cut; the store keeps them all (ingest_errors)


def print_summary(summary: RunSummary) -> None:
    """The run's counts on standard output; languages left out and unreadable inputs on standard error."""
    out.print(
        f"{summary.new} new document(s) stored in {escape(summary.db)}: {summary.documents_read} read, "
        f"{summary.duplicates} duplicate(s), {summary.near_duplicates} joined a near-duplicate group "
        f"({summary.near_duplicate_groups} group(s) in the store), {summary.analysed} analysed, "
        f"{summary.analyses_skipped} already analysed."
    )
    if summary.actors:
        out.print(
            f"NLP: {summary.statements} statement(s) and {summary.events} event(s) found in this run; "
            f"{summary.actors} actor(s) in the store."
        )
        out.print(
            f"Corpus: {summary.claims} claim(s), {summary.stances} stance(s), "
            f"{summary.contradictions} contradiction(s) in the store."
        )
    if summary.languages:
        listed = ", ".join(
            f"{code} {n}" for code, n in sorted(summary.languages.items(), key=lambda kv: -kv[1])
        )
        err.print(
            f"{sum(summary.languages.values())} document(s) not in English ({escape(listed)}): stored with "
            "their language; no actors, statements, events or stances read from them (English-only models)."
        )
    if summary.errors:
        err.print(f"{len(summary.errors)} input(s) could not be read:")
        for error in summary.errors[:MAX_ERRORS_SHOWN]:
            err.print(f"  {escape(str(error))}")
        if len(summary.errors) > MAX_ERRORS_SHOWN:
            err.print(
                f"  ... and {len(summary.errors) - MAX_ERRORS_SHOWN} more (all are recorded in the store)"
            )
