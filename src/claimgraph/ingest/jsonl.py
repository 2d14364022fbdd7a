"""JSON Lines corpora (one object per line, optionally gzipped) and plain JSON files of records.

JSONL streams line by line: a bad line is an error naming `file:line` and the next line is
read. A `.json` file that is not a sidecar holds either one record or a list of records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from claimgraph.config import IngestOptions
from claimgraph.ingest.decode import decode_line
from claimgraph.ingest.fields import record_to_raw, resolve
from claimgraph.ingest.source import ReadFailure, human_size, iter_lines, open_binary, read_document
from claimgraph.model import IngestError, RawDocument

FORMAT = "jsonl"
JSON_FORMAT = "json"


def read_jsonl_file(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    uri = str(path)
    number = records = 0
    try:
        with open_binary(path) as stream:
            for number, line in enumerate(iter_lines(stream, options.max_bytes), start=1):
                if line is None:
                    records += 1
                    yield IngestError(f"{uri}:{number}", f"line longer than {human_size(options.max_bytes)}")
                elif line.strip():
                    records += 1
                    yield _line(decode_line(line), uri, number, options)
    except ReadFailure as error:
        yield IngestError(uri, f"{error} after line {number}" if number else str(error))
        return
    if records == 0:
        yield IngestError(uri, "empty file")


def _line(line: str, uri: str, number: int, options: IngestOptions) -> RawDocument | IngestError:
    try:
        record = json.loads(line)
    except ValueError as error:
        return IngestError(f"{uri}:{number}", f"invalid JSON ({error})")
    if not isinstance(record, dict):
        return IngestError(f"{uri}:{number}", f"not a JSON object but a {type(record).__name__}")
    return record_to_raw(
        record, resolve(record, options), (f"{uri}#{number}", f"{uri}:{number}"), FORMAT, options
    )


def read_json_file(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    """A JSON object with a text field, or a list of such objects."""
    uri = str(path)
    data = read_document(path, options.max_bytes)
    if isinstance(data, IngestError):
        yield data
        return
    try:
        value = json.loads(data)
    except ValueError as error:
        yield IngestError(uri, f"invalid JSON ({error})")
        return
    if isinstance(value, dict):
        yield record_to_raw(value, resolve(value, options), (uri, uri), JSON_FORMAT, options)
    elif isinstance(value, list):
        for number, record in enumerate(value, start=1):
            if isinstance(record, dict):
                where = (f"{uri}#{number}", f"{uri}#{number}")
                yield record_to_raw(record, resolve(record, options), where, JSON_FORMAT, options)
            else:
                yield IngestError(f"{uri}#{number}", f"not a JSON object but a {type(record).__name__}")
    else:
        yield IngestError(uri, "JSON holds neither a record nor a list of records")
