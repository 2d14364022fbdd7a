"""The `claimgraph` command line: a thin edge over `claimgraph.api` and the store.

Every failure that stops a command prints one line naming the file or database and the
problem, and exits 2 (a command could not run) or 1 (`--strict` saw ingest errors, or an
unexpected failure); set CLAIMGRAPH_DEBUG=1 to see the traceback of an unexpected one.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, is_dataclass
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from claimgraph import api
from claimgraph.cli_corpus import (
    CLAIM_COLUMNS,
    PICTURE_SUFFIXES,
    TIMELINE_COLUMNS,
    claim_rows,
    demo_summary,
    render_check,
    render_claim,
    timeline_picture,
    timeline_rows,
    tracked_rows,
)
from claimgraph.config import Config, IngestOptions
from claimgraph.corpus import StepProgress
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.ingest.sidecar import sidecar_names
from claimgraph.model import Document, Event, Statement, Voice
from claimgraph.outputs import atomic_output, refuse_store
from claimgraph.pipeline import RunSummary
from claimgraph.store import Store
from claimgraph.store.doctor import disk_write_failure, examine
from claimgraph.store.export import CSV_TABLES, FORMATS, export, export_csv_dir, export_dict
from claimgraph.verdicts.priors import check_priors, load_priors

EXIT_CANNOT_RUN = 2  # bad database, missing file or id, bad option value
EXIT_FAILED = 1  # --strict saw ingest errors, or an unexpected failure
MAX_ERRORS_SHOWN = 20  # longer error lists are cut; the store keeps them all (ingest_errors)
DEMO_DB = "claimgraph-demo.db"
DEMO_REPORT = "claimgraph-demo-report.html"  # written next to the demo's store
DEMO_SKIP = frozenset({"gold.json", "README.md"})  # the example corpus's answer key and notes, not articles
DEMO_EXAMPLES = 5  # example statements the demo prints
SNIPPET_CHARS = 100  # statement contents and event sentences are cut here in listings
NER_DATASETS = ("wikigold", "re3d")
VOICE_STYLES = {Voice.OWN: "default", Voice.QUOTED: "cyan", Voice.COMMENT: "yellow", Voice.BOILERPLATE: "dim"}

app = typer.Typer(
    help="claimgraph: read many news reports about one story and build a sourced model of it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Score claimgraph against the shared evaluation sets.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or SQLAlchemy URL of the store.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")]

P = ParamSpec("P")
R = TypeVar("R")


def edge(command: Callable[P, R]) -> Callable[P, R]:
    """Turn errors into one line and an exit code: no traceback reaches the user."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ClaimgraphError as exc:
            err.print(f"error: {escape(str(exc))}")
            raise typer.Exit(EXIT_CANNOT_RUN) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:
            # `claimgraph claims | head`: the reader has gone; stop quietly, as Unix tools do.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - the interpreter flushes it at exit
            raise typer.Exit(0) from None
        except Exception as exc:
            if (problem := disk_write_failure(exc)) is not None:  # disk full: a numbered line, not a dump
                path = getattr(exc, "filename", None) or kwargs.get("db") or "claimgraph.db"
                err.print(f"error: {escape(Errors.E064.format(path=path, problem=problem))}")
                raise typer.Exit(EXIT_CANNOT_RUN) from None
            if os.environ.get("CLAIMGRAPH_DEBUG"):
                raise
            err.print(
                f"error: unexpected {type(exc).__name__}: {escape(str(exc))} (CLAIMGRAPH_DEBUG=1 shows more)"
            )
            raise typer.Exit(EXIT_FAILED) from None

    return wrapper


@dataclass(slots=True)
class RunCallbacks:
    """What `api.analyze` reports to: documents as they stream, then the corpus stage's steps."""

    documents: Callable[[RunSummary], None]
    corpus: StepProgress


@contextmanager
def run_progress(label: str) -> Iterator[RunCallbacks]:
    """A live counter on stderr while documents stream in (their total is not known up front),
    then a bar over the corpus stage's steps (actors, claims, stances, contradictions, verdicts)."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)
        steps: list[TaskID] = []
        started = time.monotonic()

        def update(s: RunSummary) -> None:
            done = s.analysed + s.analyses_skipped
            rate = done / max(time.monotonic() - started, 1e-3)
            progress.update(
                task,
                description=f"{label}: {s.documents_read} read, {s.new} new, {s.duplicates} duplicate, "
                f"{done} analysed ({rate:.1f} docs/s), {len(s.errors)} error(s)",
            )

        def step(name: str, done: int, total: int) -> None:
            if not steps:
                steps.append(progress.add_task("corpus stage", total=total))
            progress.update(steps[0], completed=done, description=f"corpus stage: {name}")

        yield RunCallbacks(update, step)


def print_summary(summary: RunSummary) -> None:
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


def analyze_paths(
    paths: list[str],
    config: Config,
    label: str,
    priors: dict[str, float] | None = None,
    rebuild: bool = False,
) -> RunSummary:
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise ClaimgraphError(Errors.E006, path=missing[0])
    if config.analyse_nlp:
        from claimgraph.engine.stages import require_model

        require_model(config.spacy_model)
    with run_progress(label) as callbacks:
        return api.analyze(
            paths,
            config=config,
            progress=callbacks.documents,
            priors=priors,
            corpus_progress=callbacks.corpus,
            rebuild=rebuild,
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
        int, typer.Option(min=1, help="Processes for per-document analysis (each loads spaCy once).")
    ] = Config().workers,
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
    config = Config(db=db, ingest=options, strict=strict, analyse_nlp=nlp, workers=workers)
    outlet_priors = load_priors(priors) if priors is not None else None
    summary = analyze_paths(paths, config, "analyze", outlet_priors, rebuild)
    print_summary(summary)
    if outlet_priors:
        with api.open_store(db) as store:
            warning = check_priors(outlet_priors, store.iter_documents())
        if warning is not None:
            err.print(f"warning: {escape(str(priors))}: {escape(str(warning))}")
    if strict and summary.errors:
        err.print(f"error: {Errors.E011.format(count=len(summary.errors))}")
        raise typer.Exit(EXIT_FAILED)


DOCS_COLUMNS = ("id", "outlet", "title", "published", *(v.value for v in Voice), "group")


def docs_rows(store: Store) -> Iterator[tuple[str, ...]]:
    for d in store.list_documents():
        voices = (str(d.voices.get(v.value, 0)) for v in Voice)
        yield (d.id, d.outlet or "", d.title or d.uri, d.published or "", *voices, d.near_dup_group or "")


def print_rows(columns: tuple[str, ...], rows: Iterable[tuple[str, ...]]) -> None:
    """A table on a terminal; tab-separated lines when piped, so `... | grep` keeps whole rows.

    The first column is an id another command takes: it is never cut.
    """
    if not out.is_terminal:
        # Plain writes: rich would expand the tabs into spaces.
        out.file.write("\t".join(columns) + "\n")
        for row in rows:
            out.file.write("\t".join(" ".join(cell.split()) for cell in row) + "\n")
        return
    table = Table()
    table.add_column(columns[0], no_wrap=True, min_width=16)
    for name in columns[1:]:
        table.add_column(name)
    for row in rows:
        table.add_row(*(escape(cell) for cell in row))
    out.print(table)


def print_docs(store: Store) -> None:
    print_rows(DOCS_COLUMNS, docs_rows(store))


@app.command()
@edge
def docs(db: DbOption = "claimgraph.db") -> None:
    """List stored documents: id, outlet, title, date, segments per voice, near-duplicate group."""
    with api.open_store(db) as store:
        print_docs(store)


def render_document(doc: Document, sources: list[str]) -> Text:
    text = Text()
    text.append(f"{doc.title or '(no title)'}\n", style="bold")
    meta = [f"id {doc.id}", doc.outlet, doc.published, doc.author and f"by {doc.author}"]
    text.append(" · ".join(m for m in meta if m) + "\n", style="dim")
    text.append("from " + ", ".join(sources or [doc.uri]) + "\n\n", style="dim")
    for seg in doc.segments:
        label = seg.voice.value
        if seg.source:
            label += f" · {seg.source}"
        if seg.author:
            label += f" · {seg.author}"
        style = VOICE_STYLES[seg.voice]
        text.append(f"[{label}] ", style=f"bold {style}" if seg.voice != Voice.BOILERPLATE else style)
        text.append(doc.segment_text(seg) + "\n", style=style)
    return text


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def speaker_label(s: Statement) -> str:
    return s.speaker.name or s.speaker.description or "(unnamed)"


def statement_line(s: Statement) -> Text:
    """speaker → “content” (cue · voice · chain a > b > c)."""
    line = Text()
    line.append(speaker_label(s), style="bold")
    line.append(f" → “{snippet(s.content)}” ")
    details = [s.cue, s.voice.value, "direct" if s.direct else "indirect", "chain " + " > ".join(s.chain)]
    line.append(f"({' · '.join(details)})", style="dim")
    return line


def event_line(e: Event) -> Text:
    """actor ACTION target [place, date] (modality · cameo)."""
    line = Text()
    line.append(e.actor.name, style="bold")
    line.append(f" {e.action.upper()}")
    if e.target is not None:
        line.append(f" {e.target.name}", style="bold")
    where = ", ".join(x for x in (e.place, e.date) if x)
    if where:
        line.append(f" [{where}]")
    line.append(f" ({e.modality} · {e.voice.value}{' · CAMEO ' + e.cameo if e.cameo else ''})", style="dim")
    return line


def render_findings(statements: list[Statement], events: list[Event]) -> Text:
    text = Text()
    text.append(f"\nStatements ({len(statements)})\n", style="bold underline")
    for s in statements:
        text.append("  ").append(statement_line(s)).append("\n")
    text.append(f"\nEvents ({len(events)})\n", style="bold underline")
    for e in events:
        text.append("  ").append(event_line(e)).append("\n")
    return text


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


def _doc_filter(store: Store, doc_id: str | None) -> str | None:
    return store.get_document(doc_id).id if doc_id is not None else None


STATEMENT_COLUMNS = ("id", "doc", "voice", "speaker", "cue", "content", "chain")


@app.command()
@edge
def statements(
    db: DbOption = "claimgraph.db",
    doc: DocOption = None,
    speaker: Annotated[
        str | None, typer.Option(help="Only speakers whose name, description or actor contains this.")
    ] = None,
) -> None:
    """List attributed statements: who said what, with cue, voice and attribution chain."""
    with api.open_store(db) as store:
        rows = (
            (s.id, s.doc_id, s.voice.value, speaker_label(s), s.cue, snippet(s.content), " > ".join(s.chain))
            for s in store.iter_statements(_doc_filter(store, doc), speaker)
        )
        print_rows(STATEMENT_COLUMNS, rows)


EVENT_COLUMNS = ("id", "doc", "voice", "actor", "action", "target", "place", "date", "modality", "text")


@app.command()
@edge
def events(
    db: DbOption = "claimgraph.db",
    doc: DocOption = None,
    actor: Annotated[
        str | None,
        typer.Option(help="Only events whose acting actor (as written or canonical) contains this."),
    ] = None,
) -> None:
    """List events: who did what to whom, where and when, with modality and CAMEO code."""
    with api.open_store(db) as store:
        rows = (
            (
                e.id,
                e.doc_id,
                e.voice.value,
                e.actor.name,
                e.action,
                e.target.name if e.target else "",
                e.place or "",
                e.date or "",
                e.modality,
                snippet(e.text),
            )
            for e in store.iter_events(_doc_filter(store, doc), actor)
        )
        print_rows(EVENT_COLUMNS, rows)


ACTOR_COLUMNS = ("id", "name", "kind", "affiliation", "code", "mentions", "aliases")


@app.command()
@edge
def actors(db: DbOption = "claimgraph.db") -> None:
    """List the corpus's actors (merged across documents) with their aliases and mention counts."""
    with api.open_store(db) as store:
        counts = store.actor_mention_counts()
        rows = (
            (
                a.id,
                a.name,
                a.kind,
                a.affiliation or "",
                a.code or "",
                str(counts.get(a.id, 0)),
                "; ".join(a.aliases),
            )
            for a in store.list_actors()
        )
        print_rows(ACTOR_COLUMNS, rows)


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


@app.command("export")
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
            count = export(store, fmt, stream, table)
        unit = f"{table} row(s)" if fmt == "csv" else "document(s)"
        err.print(f"{count} {unit} written to {escape(str(output))}")


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
def claims(db: DbOption = "claimgraph.db") -> None:
    """List claims (tracked ones first): verdict, and how many sources (own voice) and speakers agree,
    disagree, discuss."""
    with api.open_store(db) as store:
        tracked = list(tracked_rows(store))
        if tracked:
            print_rows(CLAIM_COLUMNS, tracked)
        if not store.list_claims():
            if tracked:
                return
            err.print(
                f"No claims in {escape(store.db)}: claims are built by `claimgraph analyze` (with NLP) "
                "from the statements and events several documents share."
            )
            return
        print_rows(CLAIM_COLUMNS, claim_rows(store))


@app.command()
@edge
def claim(
    claim_id: Annotated[str, typer.Argument(help="Claim id, or a unique prefix (with or without 'claim:').")],
    db: DbOption = "claimgraph.db",
) -> None:
    """Show one claim: verdict, explanation, every stance with evidence, voice and chain, contradictions."""
    with api.open_store(db) as store:
        out.print(render_claim(store, store.get_claim(claim_id)))


@app.command("timeline")
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
            (actors[0], actors[1]) if len(actors) == 2 else (actors or [None])[0]
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


@app.command()
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


def write_store_report(db: str, output: Path) -> Path:
    """The self-contained HTML report of a store (an empty store gives an empty, valid page)."""
    from claimgraph.report import write_report

    refuse_store(output, db)
    with api.open_store(db) as store:
        data = export_dict(store)
    try:
        return write_report(data, output)
    except OSError as exc:
        raise ClaimgraphError(Errors.E008, path=output, problem=exc.strerror or exc) from None


@app.command()
@edge
def report(
    db: DbOption = "claimgraph.db",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "report.html"
    ),
) -> None:
    """Write one self-contained HTML report (opens offline): claims, verdicts, evidence, graph, timeline."""
    path = write_store_report(db, output)
    with api.open_store(db) as store:
        empty = not store.list_claims()
    note = " (no claims in the store yet: run `claimgraph analyze` first)" if empty else ""
    out.print(f"report written to {escape(str(path))}{note}")


def example_inputs(corpus: Path) -> list[str]:
    """The corpus's articles: not its answer key, notes or metadata sidecars (their articles read those)."""
    entries = sorted(p for p in corpus.iterdir() if not p.name.startswith("."))
    sidecars = {name for p in entries for name in sidecar_names(p.name)}
    return [str(p) for p in entries if p.name not in DEMO_SKIP and p.name not in sidecars]


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
        print_docs(store)
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
    report_path = write_store_report(db, Path(db).expanduser().resolve().with_name(DEMO_REPORT))
    out.print(f"Report: {escape(str(report_path))} (open it in a browser; it needs no network)")
    out.print(
        f"\nNext: claimgraph claims --db {db}   ·   claimgraph claim ID --db {db}   ·   "
        f"claimgraph export --db {db} --format json -o story.json"
    )


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


def _plain(result: Any) -> Any:
    return asdict(result) if is_dataclass(result) and not isinstance(result, type) else result


def _flatten(result: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in result.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def print_result(result: Any, as_json: bool) -> None:
    """Exactly one JSON object with --json; a measure/value table otherwise."""
    result = _plain(result)
    if as_json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
        return
    table = Table("measure", "value")
    for key, value in _flatten(result):
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else escape(str(value)))
    out.print(table)


def _require(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            raise ClaimgraphError(Errors.E006, path=path)


@eval_app.command("extraction")
@edge
def eval_extraction(
    html_dir: Annotated[Path, typer.Option(help="Folder of the benchmark's HTML pages.")],
    truth: Annotated[Path, typer.Option(help="The benchmark's ground-truth JSON file.")],
    split: Annotated[
        Path | None, typer.Option(help="Split file (benchmarks/extraction_split.json): score one part.")
    ] = None,
    part: Annotated[str, typer.Option(help="Part of --split to score: tune or held-out.")] = "held-out",
    as_json: JsonOption = False,
) -> None:
    """Score main-text extraction (own voice of HTML pages) against trafilatura on the same pages."""
    from claimgraph.eval.extraction import evaluate_extraction, read_split

    _require(html_dir, truth)
    pages = None
    if split is not None:
        _require(split)
        try:
            pages = read_split(split, part)
        except ValueError as error:
            raise ClaimgraphError(Errors.E050, path=split, problem=error) from None
    result = evaluate_extraction(html_dir, truth, pages=pages)
    if split is not None:
        result = {"split": part, **result}
    print_result(result, as_json)


@eval_app.command("polnear")
@edge
def eval_polnear(
    split_dir: Annotated[Path, typer.Option(help="A PolNeAR split folder holding text/ and attributions/.")],
    as_json: JsonOption = False,
) -> None:
    """Attribution (source, cue, content) span F1 on a PolNeAR split, overlap and exact."""
    from claimgraph.eval.polnear import evaluate_polnear

    _require(split_dir)
    for part in ("text", "attributions"):
        if not (split_dir / part).is_dir():
            raise ClaimgraphError(Errors.E010, path=split_dir, problem=f"not a PolNeAR split (no {part}/)")
    print_result(evaluate_polnear(split_dir), as_json)


@eval_app.command("ner")
@edge
def eval_ner(
    dataset: Annotated[str, typer.Option(help=f"One of: {', '.join(NER_DATASETS)}.")],
    dir: Annotated[Path, typer.Option("--dir", help="The data set's folder.")],
    as_json: JsonOption = False,
) -> None:
    """Entity (person, organisation, location) P/R/F1 of spaCy alone and with the actor registry."""
    from claimgraph.eval.ner import evaluate_ner

    if dataset not in NER_DATASETS:
        raise ClaimgraphError(
            Errors.E013, what="NER data set", value=dataset, choices=", ".join(NER_DATASETS)
        )
    _require(dir)
    print_result(evaluate_ner(dir, dataset), as_json)


@eval_app.command("events")
@edge
def eval_events(
    dir: Annotated[Path, typer.Option("--dir", help="The PETRARCH/CAMEO unit-test folder.")],
    as_json: JsonOption = False,
) -> None:
    """Event recall and precision (source, target, CAMEO root) on PETRARCH's unit-test records."""
    from claimgraph.eval.events import evaluate_petrarch

    _require(dir)
    print_result(evaluate_petrarch(dir), as_json)


@eval_app.command("fnc1")
@edge
def eval_fnc1(
    bodies: Annotated[Path, typer.Option(help="FNC-1 bodies CSV (Body ID, articleBody).")],
    stances: Annotated[Path, typer.Option(help="FNC-1 stances CSV (Headline, Body ID, Stance).")],
    as_json: JsonOption = False,
) -> None:
    """Stance classification on FNC-1: relative score, macro-F1, per-class F1, confusion matrix."""
    from claimgraph.eval.fnc1 import Fnc1FormatError, evaluate_fnc1

    _require(bodies, stances)
    try:
        result = evaluate_fnc1(bodies, stances)
    except Fnc1FormatError as exc:
        raise ClaimgraphError(Errors.E010, path=stances, problem=f"bad FNC-1 input: {exc}") from None
    print_result(result, as_json)


@eval_app.command("gold")
@edge
def eval_gold(
    corpus: Annotated[
        Path | None, typer.Option(help="Corpus folder with gold.json (default: the bundled example corpus).")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Statements, events and actors against the example corpus's hand-written gold."""
    if importlib.util.find_spec("claimgraph.eval.gold") is None:
        raise ClaimgraphError(
            Errors.E014, what="eval gold", problem="claimgraph.eval.gold is not in this installation"
        )
    from claimgraph.eval.gold import evaluate_gold

    if corpus is not None:
        _require(corpus / "gold.json")
    print_result(evaluate_gold(corpus), as_json)


@eval_app.command("veracity")
@edge
def eval_veracity(
    csv_file: Annotated[
        Path, typer.Option("--csv", help="Emergent-format CSV (claimId, claimHeadline, ...).")
    ],
    folds: Annotated[
        int, typer.Option(help="Retrain the verdict model per fold (GroupKFold by claim); 0: shipped model.")
    ] = 0,
    limit: Annotated[int | None, typer.Option(help="Only the first N claims of the file.")] = None,
    nlp: Annotated[
        bool, typer.Option(help="Run the NLP stage too (quoted speakers' stances; ~20x slower).")
    ] = False,
    save_stances: Annotated[
        Path | None, typer.Option(help="Write the gathered stances (JSON) for training/train_verdict.py.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check each claim of an Emergent CSV on its own articles: verdict and article-stance scores."""
    from claimgraph.eval.veracity import evaluate_veracity, stances_json

    _require(csv_file)

    def progress(done: int, total: int) -> None:
        if not as_json:
            sys.stderr.write(f"\r{done}/{total} claims")
            sys.stderr.flush()

    kept: list[Any] = []
    result = evaluate_veracity(csv_file, folds=folds, limit=limit, nlp=nlp, progress=progress, keep=kept)
    if not as_json:
        sys.stderr.write("\n")
        result.pop("reliability", None)
    if save_stances is not None:
        try:
            save_stances.write_text(json.dumps(stances_json(kept)), encoding="utf-8")
        except OSError as exc:
            raise ClaimgraphError(Errors.E008, path=save_stances, problem=str(exc)) from None
    print_result(result, as_json)


def main() -> None:
    """Console entry point (`claimgraph`)."""
    app()


if __name__ == "__main__":
    main()
