"""CSV and TSV corpora, row by row, with the column mapping of `IngestOptions`.

A file without the text column is one error that lists the columns it does have, so the
user can pass `--text-field` with the right name.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

from claimgraph.config import IngestOptions
from claimgraph.ingest.decode import decode_line
from claimgraph.ingest.fields import record_to_raw, resolve, text_candidates
from claimgraph.ingest.source import ReadFailure, human_size, iter_lines, open_binary
from claimgraph.model import IngestError, RawDocument

FORMAT = "csv"


def read_csv_file(path: Path, options: IngestOptions, delimiter: str) -> Iterator[RawDocument | IngestError]:
    uri = str(path)
    # csv's default 128 KiB field limit is smaller than long articles; one field may be a whole file.
    csv.field_size_limit(max(csv.field_size_limit(), min(options.max_bytes, sys.maxsize)))
    try:
        with open_binary(path) as stream:
            too_long: list[int] = []
            lines = _decoded(iter_lines(stream, options.max_bytes), too_long)
            yield from _rows(lines, delimiter, uri, options, too_long)
    except ReadFailure as error:
        yield IngestError(uri, str(error))


def _decoded(lines: Iterator[bytes | None], too_long: list[int]) -> Iterator[str]:
    """Decoded lines; an over-long line becomes an empty one and its number goes to `too_long`."""
    for number, line in enumerate(lines, start=1):
        if line is None:
            too_long.append(number)
            yield "\n"
        else:
            yield decode_line(line)


def _rows(
    lines: Iterator[str], delimiter: str, uri: str, options: IngestOptions, too_long: list[int]
) -> Iterator[RawDocument | IngestError]:
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader, None)
    except csv.Error as error:  # found by fuzzing: a bare CR inside the header line
        yield IngestError(uri, f"bad CSV header ({error})")
        return
    if header is None:
        yield IngestError(uri, "empty file")
        return
    header = [name.strip().lstrip("\ufeff") for name in header]
    fields = resolve(header, options)
    if fields.text is None:
        looked = ", ".join(text_candidates(options))
        yield IngestError(uri, f"no text column (looked for {looked}; found columns: {', '.join(header)})")
        return
    rows = 0
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            yield IngestError(f"{uri}:{start}", f"bad CSV row ({error})")
            continue
        yield from _too_long_errors(too_long, uri, options)
        if not any(cell.strip() for cell in row):
            continue
        rows += 1
        record = dict(zip(header, row, strict=False))
        yield record_to_raw(record, fields, (f"{uri}#{start}", f"{uri}:{start}"), FORMAT, options)
    yield from _too_long_errors(too_long, uri, options)
    if rows == 0:
        yield IngestError(uri, "no rows after the header")


def _too_long_errors(too_long: list[int], uri: str, options: IngestOptions) -> Iterator[IngestError]:
    while too_long:
        yield IngestError(f"{uri}:{too_long.pop(0)}", f"line longer than {human_size(options.max_bytes)}")
