"""How many inputs a run will read, counted before it starts, so progress can show a total and an ETA.

Files are listed with the same walk the readers use; a file holding many records is counted by a
fast scan, not parsed: non-blank lines of JSONL, CSV/TSV records (the csv module, which keeps
quoted newlines inside one record), `WARC-Type: response` headers of a WARC (decompressed as it
streams), `<item`/`<entry` tags of a feed, the elements of a JSON list. Every other file is one
document. The count is an estimate where a reader skips records (a WARC's non-HTML responses, a
JSONL line without text): progress treats it as the expected total, not a promise. Standard input
or a pipe cannot be read twice, so with either there is no total (None).
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

from claimgraph.ingest.detect import Kind, kind_by_name
from claimgraph.ingest.source import is_stream
from claimgraph.ingest.walk import STDIN, iter_files
from claimgraph.model import IngestError

CHUNK = 1 << 20
WARC_RESPONSE = re.compile(rb"^WARC-Type: response\r?$", re.MULTILINE)
FEED_ITEM = re.compile(rb"<(?:item|entry)[\s>]")


def count_inputs(paths: Iterable[str | Path], exclude: frozenset[str] = frozenset()) -> int | None:
    """Expected documents plus unreadable paths in `paths`; None when one is standard input or a pipe."""
    total = 0
    for item in iter_files(paths, exclude=exclude):
        if isinstance(item, IngestError):
            total += 1
        elif item == STDIN or is_stream(Path(item)):
            return None
        else:
            total += _records(Path(item))
    return total


def _records(path: Path) -> int:
    """Records in one file by a scan of its kind (see the module docstring); 1 when it cannot be read."""
    try:
        match kind_by_name(path):
            case Kind.JSONL:
                with path.open("rb") as f:
                    return sum(1 for line in f if line.strip())
            case Kind.CSV | Kind.TSV as kind:
                with path.open(encoding="utf-8", errors="replace", newline="") as f:
                    rows = csv.reader(f, delimiter="," if kind is Kind.CSV else "\t")
                    return max(sum(1 for _ in rows) - 1, 0)  # less the header
            case Kind.WARC:
                opener = gzip.open if path.name.endswith(".gz") else open
                with opener(path, "rb") as f:
                    return _count_in_chunks(f.read, WARC_RESPONSE)
            case Kind.FEED | Kind.XML:
                with path.open("rb") as f:
                    return max(_count_in_chunks(f.read, FEED_ITEM), 1)
            case Kind.JSON:
                value = json.loads(path.read_bytes())
                return len(value) if isinstance(value, list) else 1
            case _:
                return 1
    except (OSError, ValueError, EOFError, csv.Error):
        return 1  # the reader will report it: one error


def _count_in_chunks(read: Callable[[int], bytes], pattern: re.Pattern[bytes]) -> int:
    """Matches of a one-line `pattern` in a binary stream read a megabyte at a time; whole lines
    only are searched, so no match straddles two chunks and memory stays at a chunk."""
    count = 0
    tail = b""
    while chunk := read(CHUNK):
        data = tail + chunk
        cut = data.rfind(b"\n") + 1  # count whole lines only; the rest waits for the next chunk
        count += len(pattern.findall(data[:cut]))
        tail = data[cut:]
    return count + len(pattern.findall(tail))
