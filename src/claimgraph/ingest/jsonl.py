"""JSON Lines corpora (one object per line, optionally gzipped) and plain JSON files of records.

JSONL streams line by line: a bad line is an error naming `file:line` and the next line is
read. A `.json` file that is not a sidecar holds either one record or a list of records.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

from claimgraph.config import IngestOptions
from claimgraph.ingest.decode import decode_line, scrub
from claimgraph.ingest.fields import FieldMap, record_to_raw, resolve
from claimgraph.ingest.source import ReadFailure, human_size, iter_lines, open_binary, read_document
from claimgraph.model import IngestError, RawDocument

FORMAT = "jsonl"
JSON_FORMAT = "json"
# Lists inside a field are read this deep (several authors, paragraphs of a body); deeper
# structure is no metadata anyone writes, only a way to exhaust the parser's recursion.
FIELD_DEPTH = 3
TOO_DEEP = "JSON nested too deeply"


def loads(data: str | bytes) -> object:
    """json.loads that turns a recursion overflow (a line nested 100,000 deep) into ValueError."""
    try:
        return json.loads(data)
    except RecursionError:
        raise ValueError(TOO_DEEP) from None


def clean_record(record: Mapping[str, object]) -> dict[str, object]:
    """The record with keys and strings made safe to store (`scrub`: lone surrogates, NULs);
    lists deeper than FIELD_DEPTH become None, objects empty."""
    return {scrub(str(key)): _clean_value(value, FIELD_DEPTH) for key, value in record.items()}


def _clean_value(value: object, depth: int) -> object:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_clean_value(item, depth - 1) for item in value] if depth > 0 else None
    if isinstance(value, dict):
        return {}  # no reader takes a field's value from a nested object; only its type counts
    return value


def not_text(record: Mapping[str, object], fields: FieldMap) -> str | None:
    """Why the record's text field holds no text (a number, an object), or None when it may."""
    value = record.get(fields.text) if fields.text else None
    if value is None or isinstance(value, str | list):
        return None
    kind = "an object" if isinstance(value, dict) else f"a {type(value).__name__}"
    return f"text field {fields.text!r} is not a string but {kind} ({str(value)[:40]})"


def record_document(
    record: Mapping[str, object], where: tuple[str, str], fmt: str, options: IngestOptions
) -> RawDocument | IngestError:
    """One JSON object as a RawDocument, or the one-line reason it is not one."""
    record = clean_record(record)
    fields = resolve(record, options)
    if problem := not_text(record, fields):
        return IngestError(where[1], problem)
    return record_to_raw(record, fields, where, fmt, options)


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
        record = loads(line)
    except ValueError as error:
        return IngestError(f"{uri}:{number}", f"invalid JSON ({error})")
    if not isinstance(record, dict):
        return IngestError(f"{uri}:{number}", f"not a JSON object but a {type(record).__name__}")
    return record_document(record, (f"{uri}#{number}", f"{uri}:{number}"), FORMAT, options)


def read_json_file(path: Path, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    """A JSON object with a text field, or a list of such objects."""
    uri = str(path)
    data = read_document(path, options.max_bytes)
    if isinstance(data, IngestError):
        yield data
        return
    try:
        value = loads(data)
    except ValueError as error:
        yield IngestError(uri, f"invalid JSON ({error})")
        return
    if isinstance(value, dict):
        yield record_document(value, (uri, uri), JSON_FORMAT, options)
    elif isinstance(value, list):
        for number, record in enumerate(value, start=1):
            if isinstance(record, dict):
                where = (f"{uri}#{number}", f"{uri}#{number}")
                yield record_document(record, where, JSON_FORMAT, options)
            else:
                yield IngestError(f"{uri}#{number}", f"not a JSON object but a {type(record).__name__}")
    else:
        yield IngestError(uri, "JSON holds neither a record nor a list of records")
