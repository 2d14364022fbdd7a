"""The commands that write outputs from a store: `export`, `timeline`, `graph`, `report`.

Registered on the app in cli.py; each opens the store read-only and refuses an `-o` that names it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TextIO, cast

import typer
from rich.markup import escape

from claimgraph import api
from claimgraph.cli_edge import DbOption, edge
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.export.records import export_dict
from claimgraph.export.tables import CSV_TABLES
from claimgraph.export.writers import FORMATS, export, export_csv_dir
from claimgraph.outputs import atomic_output, refuse_store
from claimgraph.render.console import err, out, print_rows
from claimgraph.render.corpus import PICTURE_SUFFIXES, TIMELINE_COLUMNS, timeline_picture, timeline_rows
from claimgraph.store import Store


@edge
def export_command(
    db: DbOption = "claimgraph.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "json",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write here instead of stdout; csv into a folder (or a name without suffix): every table.",
        ),
    ] = None,
    table: Annotated[
        str, typer.Option(help=f"csv only: the table to write, one of {', '.join(CSV_TABLES)}.")
    ] = "segments",
) -> None:
    """Export the store: json (docs/schema.md contract), jsonl (a document a line), csv (one table)."""
    if fmt not in FORMATS:
        raise ClaimgraphError(Errors.E007, fmt=fmt, choices=", ".join(FORMATS))
    if table not in CSV_TABLES:
        raise ClaimgraphError(Errors.E013, what="CSV table", value=table, choices=", ".join(CSV_TABLES))
    if output is not None:
        refuse_store(output, db)
    with api.open_store(db) as store:
        if output is None:
            export(store, fmt, sys.stdout, table)
            return
        if fmt == "csv" and (output.is_dir() or not output.suffix):
            try:
                output.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise ClaimgraphError(Errors.E008, path=output, problem=exc.strerror or exc) from None
            counts = export_csv_dir(store, output)
            written = ", ".join(f"{name}.csv ({n} rows)" for name, n in counts.items())
            err.print(f"written to {escape(str(output))}: {written}")
            return
        with atomic_output(output) as stream:
            count = export(store, fmt, cast("TextIO", stream), table)  # a text stream: binary=False
        unit = f"{table} row(s)" if fmt == "csv" else "document(s)"
        err.print(f"{count} {unit} written to {escape(str(output))}")


@edge
def timeline_command(
    db: DbOption = "claimgraph.db",
    claim_id: Annotated[
        str | None, typer.Option("--claim", help="Only this claim's facts (id or prefix).")
    ] = None,
    actor: Annotated[
        list[str] | None,
        typer.Option(help="Only facts of this actor (id or name); give it twice for an actor pair."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Also draw the timeline into FILE.svg or FILE.html.")
    ] = None,
) -> None:
    """Events and statements ordered by date (event date, else publication date), undated last."""
    from claimgraph.timeline import timeline

    actors = actor or []
    if len(actors) > 2:
        raise ClaimgraphError(Errors.E010, path="--actor", problem="give one actor, or two for a pair")
    if output is not None and output.suffix.lower() not in PICTURE_SUFFIXES:
        raise ClaimgraphError(Errors.E013, what="picture format", value=output.suffix, choices="svg, html")
    if output is not None:
        refuse_store(output, db)
    with api.open_store(db) as store:
        chosen = store.get_claim(claim_id) if claim_id else None
        wanted: str | tuple[str, str] | None = (
            (actors[0], actors[1]) if len(actors) == 2 else (actors[0] if actors else None)
        )
        entries = timeline(
            store.iter_events(), store.iter_statements(), store.iter_documents(), claim=chosen, actor=wanted
        )
        print_rows(TIMELINE_COLUMNS, timeline_rows(entries))
        if output is not None:
            try:
                timeline_picture(store, output, chosen, entries)
            except OSError as exc:
                raise ClaimgraphError(Errors.E008, path=output, problem=exc.strerror or exc) from None
            err.print(f"timeline written to {escape(str(output))}")


@edge
def graph(
    output: Annotated[Path, typer.Option("--output", "-o", help="The file to write.")],
    db: DbOption = "claimgraph.db",
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="graphml, gexf (Gephi opens both) or json.")
    ] = "graphml",
) -> None:
    """Write the relation graph: actors as nodes, edges per pair and relation class (cooperation...)."""
    from claimgraph.graph import FORMATS as GRAPH_FORMATS
    from claimgraph.graph import build_graph, write_graph

    if fmt not in GRAPH_FORMATS:
        raise ClaimgraphError(Errors.E013, what="graph format", value=fmt, choices=", ".join(GRAPH_FORMATS))
    refuse_store(output, db)
    with api.open_store(db) as store:
        mentions = [m for a in store.document_analyses() for m in a.mentions]
        built = build_graph(store.list_actors(), store.iter_events(), store.list_claims(), mentions)
    write_graph(built, output, fmt)
    err.print(
        f"{built.number_of_nodes()} actor(s), {built.number_of_edges()} edge(s) "
        f"written to {escape(str(output))}"
    )


def write_store_report(store: Store, db: str, output: Path) -> Path:
    """The self-contained HTML report of an open store `db` (an empty store gives an empty, valid page)."""
    from claimgraph.report import write_report

    refuse_store(output, db)
    data = export_dict(store)
    try:
        return write_report(data, output)
    except OSError as exc:
        raise ClaimgraphError(Errors.E008, path=output, problem=exc.strerror or exc) from None


@edge
def report(
    db: DbOption = "claimgraph.db",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
) -> None:
    """Write one self-contained HTML report (opens offline): claims, verdicts, evidence, graph, timeline."""
    with api.open_store(db) as store:  # once: the report and whether it has claims
        path = write_store_report(store, db, output)
        empty = not store.list_claims()
    note = " (no claims in the store yet: run `claimgraph analyze` first)" if empty else ""
    out.print(f"report written to {escape(str(path))}{note}")
