"""Writing the export: JSON, JSONL (one document a line) or CSV, to a stream or a folder.

Writers stream row by row, so exporting a large store needs no more memory than one document
(plus the corpus's actor list). CSV is one table per file: `segments` by default (the 0.1
behaviour), or any of CSV_TABLES; `export_csv_dir` writes them all into a folder, each file
atomically (`claimgraph/outputs.py`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.export.records import JSON_LISTS, document_record, json_records
from claimgraph.export.tables import CSV_TABLES, table_rows
from claimgraph.outputs import atomic_output, spreadsheet_safe
from claimgraph.store import Store

FORMATS = ("json", "jsonl", "csv")


def export_csv(store: Store, out: IO[str], table: str = "segments") -> int:
    """One table as CSV; returns the number of rows."""
    if table not in CSV_TABLES:
        raise ClaimgraphError(Errors.E013, what="CSV table", value=table, choices=", ".join(CSV_TABLES))
    # RFC 4180 line ends: with "\n" alone, a cell holding a bare CR was written unquoted and split its row.
    writer = csv.DictWriter(out, fieldnames=CSV_TABLES[table], lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in table_rows(store, table):
        writer.writerow({key: spreadsheet_safe(value) for key, value in row.items()})
        count += 1
    return count


def export_csv_dir(store: Store, folder: Path) -> dict[str, int]:
    """Every CSV table into `folder` as NAME.csv; returns rows per table."""
    counts = {}
    for table in CSV_TABLES:
        with atomic_output(folder / f"{table}.csv") as out:
            counts[table] = export_csv(store, out, table)
    return counts


def _json_list(out: IO[str], name: str, records: Iterable[dict[str, Any]], first: bool = False) -> int:
    out.write(("" if first else ", ") + f'"{name}": [')
    count = 0
    for record in records:
        out.write(("," if count else "") + "\n" + json.dumps(record, ensure_ascii=False))
        count += 1
    out.write("\n]" if count else "]")
    return count


def export(store: Store, fmt: str, out: IO[str], table: str = "segments") -> int:
    """Write the store to `out` in `fmt`; return the number of documents (CSV: rows) written."""
    if fmt not in FORMATS:
        raise ClaimgraphError(Errors.E007, fmt=fmt, choices=", ".join(FORMATS))
    if fmt == "csv":
        return export_csv(store, out, table)
    if fmt == "jsonl":
        count = 0
        for doc in store.iter_documents():
            out.write(json.dumps(document_record(doc), ensure_ascii=False) + "\n")
            count += 1
        return count
    out.write("{")
    count = 0
    for i, name in enumerate(JSON_LISTS):
        written = _json_list(out, name, json_records(store, name), first=i == 0)
        count = written if name == "documents" else count
    out.write("}\n")
    return count
