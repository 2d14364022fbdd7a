"""The `claimgraph` command line: a thin edge over `claimgraph.api`, `claimgraph.queries` and the store.

Options are parsed here; what a command prints is built in `claimgraph.render`. Every failure
that stops a command prints one line naming the file or database and the problem, and exits 2
(a command could not run) or 1 (`--strict` saw ingest errors, or an unexpected failure); set
CLAIMGRAPH_DEBUG=1 to see the traceback of an unexpected one (`claimgraph.cli_edge`).
"""

from __future__ import annotations

import json
import sys
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from claimgraph import api, cli_outputs, queries
from claimgraph.cli_demo import DEMO_DB, DEMO_REPORT, demo_examples, example_inputs
from claimgraph.cli_edge import (
    EXIT_FAILED,
    DbOption,
    JsonOption,
    LimitOption,
    ListJsonOption,
    edge,
)
from claimgraph.cli_eval import eval_app
from claimgraph.cli_progress import run_progress
from claimgraph.config import Config, IngestOptions
from claimgraph.corpus import CorpusContext
from claimgraph.engine import ENGINES
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.ingest.count import count_inputs
from claimgraph.pipeline import RunSummary
from claimgraph.render.console import err, out, print_rows
from claimgraph.render.corpus import (
    demo_summary,
    render_check,
    render_claim,
)
from claimgraph.render.documents import render_document, render_findings, statement_line
from claimgraph.render.listings import print_listing
from claimgraph.render.summary import print_summary
from claimgraph.settings import low_memory_settings
from claimgraph.store.doctor import examine
from claimgraph.verdicts.priors import check_priors, load_priors

app = typer.Typer(
    help="claimgraph: read many news reports about one story and build a sourced model of it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(eval_app, name="eval")


def analyze_paths(
    paths: list[str],
    config: Config,
    label: str,
    priors: dict[str, float] | None = None,
    rebuild: bool = False,
    low_memory: bool = False,
) -> RunSummary:
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise ClaimgraphError(Errors.E006, path=missing[0])
    if config.analyse_nlp:
        from claimgraph.engine.stages import require_model

        require_model(config.spacy_model)
    if config.engine == "ray":  # before the store is opened: no run is started without an engine
        from claimgraph.engine.ray import import_ray

        import_ray()
    corpus = CorpusContext(workers=config.workers, settings=low_memory_settings()) if low_memory else None
    excluded = api.store_files(config.db)
    total = count_inputs(paths, exclude=excluded) if err.is_terminal else None
    with run_progress(label, err, total) as callbacks:
        return api.analyze(
            paths,
            config=config,
            progress=callbacks.documents,
            priors=priors,
            corpus_progress=callbacks.corpus,
            corpus_items=callbacks.items,
            rebuild=rebuild,
            corpus=corpus,
        )


@app.command()
@edge
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or - for standard input.")],
    db: DbOption = "claimgraph.db",
    strict: Annotated[bool, typer.Option(help="Exit non-zero if any input could not be read.")] = False,
    text_field: Annotated[str | None, typer.Option(help="JSONL/CSV column with the text.")] = None,
    title_field: Annotated[str | None, typer.Option(help="JSONL/CSV column with the title.")] = None,
    url_field: Annotated[str | None, typer.Option(help="JSONL/CSV column with the URL.")] = None,
    date_field: Annotated[
        str | None, typer.Option(help="JSONL/CSV column with the publication date.")
    ] = None,
    outlet_field: Annotated[str | None, typer.Option(help="JSONL/CSV column with the outlet.")] = None,
    author_field: Annotated[str | None, typer.Option(help="JSONL/CSV column with the author.")] = None,
    id_field: Annotated[
        str | None, typer.Option(help="JSONL/CSV column with the corpus's own document id (kept, exported).")
    ] = None,
    nlp: Annotated[
        bool, typer.Option("--nlp/--no-nlp", help="Find actors, statements and events (off: ingest only).")
    ] = True,
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            help="Processes (or Ray actors) for per-document analysis, each loading spaCy; "
            "threads judging stances in the corpus stage.",
        ),
    ] = Config().workers,
    engine: Annotated[
        str,
        typer.Option(help="Where per-document analysis runs: local (processes) or ray (claimgraph[ray])."),
    ] = Config().engine,
    ray_address: Annotated[
        str | None,
        typer.Option(help="Ray cluster for --engine ray (e.g. ray://head:10001); default: a local one."),
    ] = None,
    priors: Annotated[
        Path | None,
        typer.Option(help="CSV `outlet,prior` of prior outlet reliabilities (0-1), kept for later runs."),
    ] = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            help="Recompute the whole corpus stage (claims onwards), not only what new documents touch."
        ),
    ] = False,
    low_memory: Annotated[
        bool, typer.Option(help="Rebuild claims in batches of documents: less memory, more CPU.")
    ] = False,
) -> None:
    """Ingest, clean, split voices, dedupe, find actors, statements, events, claims, stances, verdicts.

    Re-runs skip stored per-document work; the corpus stage (claims onwards) updates only what new
    documents touch, and is skipped when there are none (--rebuild recomputes it all).
    """
    options = IngestOptions(
        text_field=text_field,
        title_field=title_field,
        url_field=url_field,
        date_field=date_field,
        outlet_field=outlet_field,
        author_field=author_field,
        id_field=id_field,
    )
    if engine not in ENGINES:
        raise ClaimgraphError(Errors.E013, what="engine", value=engine, choices=", ".join(ENGINES))
    config = Config(
        db=db, ingest=options, analyse_nlp=nlp, workers=workers, engine=engine, ray_address=ray_address
    )
    outlet_priors = load_priors(priors) if priors is not None else None
    summary = analyze_paths(paths, config, "analyze", outlet_priors, rebuild, low_memory)
    print_summary(summary)
    if outlet_priors:
        with api.open_store(db) as store:
            warning = check_priors(outlet_priors, store.iter_documents())
        if warning is not None:
            err.print(f"warning: {escape(str(priors))}: {escape(str(warning))}")
    if strict and summary.errors:
        err.print(f"error: {Errors.E011.format(count=len(summary.errors))}")
        raise typer.Exit(EXIT_FAILED)


@app.command()
@edge
def docs(db: DbOption = "claimgraph.db", limit: LimitOption = None, as_json: ListJsonOption = False) -> None:
    """List stored documents: id, outlet, title, date, segments per voice, near-duplicate group."""
    with api.open_store(db) as store:
        print_listing("docs", queries.find_documents(store, limit), as_json)


@app.command()
@edge
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id, or a unique prefix of one.")],
    db: DbOption = "claimgraph.db",
) -> None:
    """Show one document coloured by voice (quoted outlets, commenters), then its statements and events."""
    with api.open_store(db) as store:
        doc = store.get_document(doc_id)
        out.print(render_document(doc, store.document_sources(doc.id)))
        out.print(render_findings(list(store.iter_statements(doc.id)), list(store.iter_events(doc.id))))


DocOption = Annotated[str | None, typer.Option("--doc", help="Only this document (id or unique prefix).")]


@app.command()
@edge
def statements(
    db: DbOption = "claimgraph.db",
    doc: DocOption = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only speakers whose name, description or actor contains this.")
    ] = None,
    limit: LimitOption = None,
    as_json: ListJsonOption = False,
) -> None:
    """List attributed statements: who said what, with cue, voice and attribution chain."""
    with api.open_store(db) as store:
        found = queries.find_statements(store, speaker=speaker, doc=doc, limit=limit)
        print_listing("statements", found, as_json)


@app.command()
@edge
def events(
    db: DbOption = "claimgraph.db",
    doc: DocOption = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Only events whose acting actor (as written or canonical) contains this."),
    ] = None,
    action: Annotated[
        str | None, typer.Option(help="Only this action class (attack, consult, ...: docs/events.md).")
    ] = None,
    limit: LimitOption = None,
    as_json: ListJsonOption = False,
) -> None:
    """List events: who did what to whom, where and when, with modality and CAMEO code."""
    with api.open_store(db) as store:
        found = queries.find_events(store, actor=actor, action=action, doc=doc, limit=limit)
        print_listing("events", found, as_json)


@app.command()
@edge
def actors(
    db: DbOption = "claimgraph.db", limit: LimitOption = None, as_json: ListJsonOption = False
) -> None:
    """List the corpus's actors (merged across documents) with their aliases and mention counts."""
    with api.open_store(db) as store:
        print_listing("actors", queries.find_actors(store, limit), as_json)


@app.command()
@edge
def doctor(db: DbOption = "claimgraph.db", as_json: JsonOption = False) -> None:
    """Check a store without changing it: integrity, foreign keys, orphan rows, schema, row counts.

    Exits 1 with one numbered line per problem (on standard error) when the store is not whole.
    """
    checkup = examine(db)
    if as_json:
        sys.stdout.write(json.dumps(checkup.as_dict(), sort_keys=True) + "\n")
    else:
        print_rows(("table", "rows"), ((name, str(n)) for name, n in checkup.counts.items()))
    for problem in checkup.problems:
        err.print(escape(problem))
    if not checkup.ok:
        raise typer.Exit(EXIT_FAILED)


@app.command()
@edge
def check(
    claim_text: Annotated[str, typer.Argument(metavar="CLAIM", help="The claim to check, in quotes.")],
    db: DbOption = "claimgraph.db",
    as_json: JsonOption = False,
    track: Annotated[
        bool, typer.Option("--track", help="Keep the claim: re-judged after every analyze, listed first.")
    ] = False,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Judge with documents published by this date (YYYY-MM-DD).")
    ] = None,
) -> None:
    """Check any claim: every outlet and quoted speaker that takes a position, and the verdict."""
    from claimgraph.claims.check import check as check_claim

    result = check_claim(claim_text, db=db, as_of=as_of, track=track).to_json()
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        out.print(render_check(result))


@app.command()
@edge
def claims(
    db: DbOption = "claimgraph.db",
    verdict: Annotated[
        str | None, typer.Option(help=f"Only claims with this verdict: {', '.join(queries.VERDICTS)}.")
    ] = None,
    text: Annotated[str | None, typer.Option(help="Only claims whose text contains this.")] = None,
    limit: LimitOption = None,
    as_json: ListJsonOption = False,
) -> None:
    """List claims (tracked ones first): verdict, and how many outlets (own voice) and speakers agree,
    disagree, discuss."""
    with api.open_store(db) as store:
        found = queries.find_claims(store, verdict=verdict, text=text, limit=limit)
        print_listing("claims", found, as_json)
        if not as_json and not found and not store.list_claims() and not store.tracked_claims():
            err.print(
                f"No claims in {escape(store.db)}: claims are built by `claimgraph analyze` (with NLP) "
                "from the statements and events several documents share."
            )


@app.command()
@edge
def claim(
    claim_id: Annotated[str, typer.Argument(help="Claim id, or a unique prefix (with or without 'claim:').")],
    db: DbOption = "claimgraph.db",
) -> None:
    """Show one claim: verdict, explanation, every stance with evidence, voice and chain, contradictions."""
    with api.open_store(db) as store:
        out.print(render_claim(store, store.get_claim(claim_id)))


@app.command()
@edge
def serve(
    db: DbOption = "claimgraph.db",
    host: Annotated[str, typer.Option(help="Address to bind; off loopback, --token is required.")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(envvar="CLAIMGRAPH_TOKEN", help="Bearer token for writes (every request off loopback)."),
    ] = None,
) -> None:
    """Serve the store as a web application and REST API (docs/web.md)."""
    from claimgraph.web.serve import serve as run_server

    run_server(db, host, port, token)


@app.command()
@edge
def demo(db: DbOption = DEMO_DB) -> None:
    """Run the whole pipeline on the bundled example corpus and print what it found."""
    with as_file(files("claimgraph") / "example_corpus") as corpus:
        if not corpus.is_dir():
            raise ClaimgraphError(Errors.E009, path=corpus)
        summary = analyze_paths(example_inputs(corpus), Config(db=db), "demo")
    print_summary(summary)
    with api.open_store(db) as store:
        print_listing("docs", queries.find_documents(store), as_json=False)
        for group in store.near_dup_groups():
            out.print(f"near-duplicates (syndicated copies): {', '.join(group.doc_ids)}")
        counts = store.table_counts()
        out.print(
            f"\n{counts['actors']} actor(s), {counts['statements']} statement(s), "
            f"{counts['events']} event(s) in the store. Some statements:"
        )
        for statement in demo_examples(store):
            out.print(Text("  ").append(statement_line(statement)))
        out.print(demo_summary(store))
        report_file = Path(db).expanduser().resolve().with_name(DEMO_REPORT)
        report_path = cli_outputs.write_store_report(store, db, report_file)
    out.print(f"Report: {escape(str(report_path))} (open it in a browser; it needs no network)")
    out.print(
        f"\nNext: claimgraph claims --db {db}   ·   claimgraph claim ID --db {db}   ·   "
        f"claimgraph export --db {db} --format json -o story.json"
    )


app.command("export")(cli_outputs.export_command)
app.command("timeline")(cli_outputs.timeline_command)
app.command()(cli_outputs.graph)
app.command()(cli_outputs.report)


def main() -> None:
    """Console entry point (`claimgraph`)."""
    app()


if __name__ == "__main__":
    main()
