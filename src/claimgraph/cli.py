"""The `claimgraph` command line: a thin edge over `claimgraph.api` and the store.

Every failure that stops a command prints one line naming the file or database and the
problem, and exits 2 (a command could not run) or 1 (`--strict` saw ingest errors, or an
unexpected failure); set CLAIMGRAPH_DEBUG=1 to see the traceback of an unexpected one.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from importlib.resources import as_file, files
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from claimgraph import api
from claimgraph.config import Config, IngestOptions
from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.ingest.sidecar import sidecar_names
from claimgraph.model import Document, Voice
from claimgraph.pipeline import RunSummary
from claimgraph.store import Store
from claimgraph.store.export import FORMATS, export

EXIT_CANNOT_RUN = 2  # bad database, missing file or id, bad option value
EXIT_FAILED = 1  # --strict saw ingest errors, or an unexpected failure
MAX_ERRORS_SHOWN = 20  # longer error lists are cut; the store keeps them all (ingest_errors)
DEMO_DB = "claimgraph-demo.db"
DEMO_SKIP = frozenset({"gold.json", "README.md"})  # the example corpus's answer key and notes, not articles
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
        except Exception as exc:
            if os.environ.get("CLAIMGRAPH_DEBUG"):
                raise
            err.print(
                f"error: unexpected {type(exc).__name__}: {escape(str(exc))} (CLAIMGRAPH_DEBUG=1 shows more)"
            )
            raise typer.Exit(EXIT_FAILED) from None

    return wrapper


@contextmanager
def run_progress(label: str) -> Iterator[Callable[[RunSummary], None]]:
    """A live counter on stderr while documents stream in (their total is not known up front)."""
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task(label)

        def update(s: RunSummary) -> None:
            progress.update(
                task,
                description=f"{label}: {s.documents_read} read, {s.new} new, {s.duplicates} duplicate, "
                f"{len(s.errors)} error(s)",
            )

        yield update


def print_summary(summary: RunSummary) -> None:
    out.print(
        f"{summary.new} new document(s) stored in {escape(summary.db)}: {summary.documents_read} read, "
        f"{summary.duplicates} duplicate(s), {summary.near_duplicates} joined a near-duplicate group "
        f"({summary.near_duplicate_groups} group(s) in the store), {summary.analysed} analysed, "
        f"{summary.analyses_skipped} already analysed."
    )
    if summary.errors:
        err.print(f"{len(summary.errors)} input(s) could not be read:")
        for error in summary.errors[:MAX_ERRORS_SHOWN]:
            err.print(f"  {escape(str(error))}")
        if len(summary.errors) > MAX_ERRORS_SHOWN:
            err.print(
                f"  ... and {len(summary.errors) - MAX_ERRORS_SHOWN} more (all are recorded in the store)"
            )


def analyze_paths(paths: list[str], config: Config, label: str) -> RunSummary:
    missing = [p for p in paths if p != "-" and not Path(p).exists()]
    if missing:
        raise ClaimgraphError(Errors.E006, path=missing[0])
    with run_progress(label) as progress:
        return api.analyze(paths, config=config, progress=progress)


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
) -> None:
    """Ingest, clean, split voices, dedupe and store documents; re-running skips stored work."""
    options = IngestOptions(
        text_field=text_field,
        title_field=title_field,
        url_field=url_field,
        date_field=date_field,
        outlet_field=outlet_field,
        author_field=author_field,
    )
    summary = analyze_paths(paths, Config(db=db, ingest=options, strict=strict), "analyze")
    print_summary(summary)
    if strict and summary.errors:
        err.print(f"error: {Errors.E011.format(count=len(summary.errors))}")
        raise typer.Exit(EXIT_FAILED)


DOCS_COLUMNS = ("id", "outlet", "title", "published", *(v.value for v in Voice), "group")


def docs_rows(store: Store) -> Iterator[tuple[str, ...]]:
    for d in store.list_documents():
        voices = (str(d.voices.get(v.value, 0)) for v in Voice)
        yield (d.id, d.outlet or "", d.title or d.uri, d.published or "", *voices, d.near_dup_group or "")


def print_docs(store: Store) -> None:
    """A table on a terminal; tab-separated lines when piped, so `docs | grep` keeps whole rows."""
    if not out.is_terminal:
        out.print("\t".join(DOCS_COLUMNS), markup=False)
        for row in docs_rows(store):
            out.print("\t".join(" ".join(cell.split()) for cell in row), markup=False)
        return
    table = Table()
    table.add_column("id", no_wrap=True, min_width=16)  # ids are what `show` takes: never cut them
    for name in DOCS_COLUMNS[1:]:
        table.add_column(name)
    for row in docs_rows(store):
        table.add_row(*(escape(cell) for cell in row))
    out.print(table)


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


@app.command()
@edge
def show(
    doc_id: Annotated[str, typer.Argument(help="Document id, or a unique prefix of one.")],
    db: DbOption = "claimgraph.db",
) -> None:
    """Show one document with its segments coloured by voice (quoted outlets and commenters named)."""
    with api.open_store(db) as store:
        doc = store.get_document(doc_id)
        out.print(render_document(doc, store.document_sources(doc.id)))


@app.command("export")
@edge
def export_command(
    db: DbOption = "claimgraph.db",
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
) -> None:
    """Export the store: json (docs/schema.md contract), jsonl (a document a line), csv (a segment a row)."""
    if fmt not in FORMATS:
        raise ClaimgraphError(Errors.E007, fmt=fmt, choices=", ".join(FORMATS))
    with api.open_store(db) as store:
        if output is None:
            export(store, fmt, sys.stdout)
            return
        try:
            with output.open("w", encoding="utf-8", newline="") as stream:
                count = export(store, fmt, stream)
        except OSError as exc:
            raise ClaimgraphError(Errors.E008, path=output, problem=exc.strerror or exc) from None
        err.print(f"{count} document(s) written to {escape(str(output))}")


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
    out.print(
        f"\nNext: claimgraph show ID --db {db}   ·   claimgraph export --db {db} --format json -o story.json"
    )


def _plain(result: Any) -> Any:
    return asdict(result) if is_dataclass(result) and not isinstance(result, type) else result


@eval_app.command("extraction")
@edge
def eval_extraction(
    html_dir: Annotated[Path, typer.Option(help="Folder of the benchmark's HTML pages.")],
    truth: Annotated[Path, typer.Option(help="The benchmark's ground-truth JSON file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")] = False,
) -> None:
    """Score main-text extraction (own voice of HTML pages) against trafilatura on the same pages."""
    from claimgraph.eval.extraction import evaluate_extraction

    for path in (html_dir, truth):
        if not path.exists():
            raise ClaimgraphError(Errors.E006, path=path)
    result = _plain(evaluate_extraction(html_dir, truth))
    if as_json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
        return
    table = Table("measure", "value")
    for key, value in result.items():
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else str(value))
    out.print(table)


def main() -> None:
    """Console entry point (`claimgraph`)."""
    app()


if __name__ == "__main__":
    main()
