"""The command line's edge: options every command shares, and errors turned into one line and an
exit code (2: a command could not run; 1: `--strict` saw ingest errors, or an unexpected failure)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.markup import escape

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.render.console import err
from claimgraph.store.doctor import disk_write_failure

EXIT_CANNOT_RUN = 2  # bad database, missing file or id, bad option value
EXIT_FAILED = 1  # --strict saw ingest errors, or an unexpected failure

DbOption = Annotated[str, typer.Option("--db", help="SQLite file or SQLAlchemy URL of the store.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print exactly one JSON object.")]
ListJsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON array: a record per row.")]
LimitOption = Annotated[int | None, typer.Option("--limit", min=0, help="At most this many rows.")]

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
