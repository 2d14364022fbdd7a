"""The two consoles and the generic printers: rows as a table or tab-separated, JSON, results."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, is_dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

SNIPPET_CHARS = 100  # statement contents and event sentences are cut here in listings

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """One line of at most `limit` characters, whitespace folded, cut with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def print_json(value: Any) -> None:
    """One JSON value on one line of standard output (UTF-8 text kept as is)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


def _flatten(result: dict[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    for key, value in result.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def print_result(result: Any, as_json: bool) -> None:
    """An evaluation result: exactly one JSON object with --json; a measure/value table otherwise."""
    if is_dataclass(result) and not isinstance(result, type):
        result = asdict(result)
    if as_json:
        sys.stdout.write(json.dumps(result, sort_keys=True) + "\n")
        return
    table = Table("measure", "value")
    for key, value in _flatten(result):
        table.add_row(key, f"{value:.4f}" if isinstance(value, float) else escape(str(value)))
    out.print(table)
