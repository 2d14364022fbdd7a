"""Plain text and Markdown files: one document each, title from the first line.

Metadata comes, by precedence, from a sidecar JSON, a front-matter block (`---` lines with
`key: value` pairs, read without a YAML parser), and the first non-empty line as title.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from claimgraph.config import IngestOptions
from claimgraph.ingest.decode import BinaryDataError, decode
from claimgraph.ingest.fields import Metadata, metadata, resolve
from claimgraph.ingest.sidecar import sidecar_metadata
from claimgraph.ingest.source import ReadFailure, read_bytes
from claimgraph.model import IngestError, RawDocument

# A first line longer than this is a paragraph, not a headline: the seed pages open with
# 396-character paragraphs while real headlines stay under ~150 characters.
TITLE_MAX_CHARS = 300
# Front-matter longer than this without a closing `---` is not front-matter.
FRONT_MATTER_MAX_LINES = 100

_FENCE = "---"
_FENCE_END = ("---", "...")
_HEADING_MARKS = re.compile(r"^\s*#+|\s#+\s*$")
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")


def read_text_file(path: Path, fmt: str, options: IngestOptions) -> Iterator[RawDocument | IngestError]:
    uri = str(path)
    try:
        text = decode(read_bytes(path, options.max_bytes))
    except (ReadFailure, BinaryDataError) as error:
        yield IngestError(uri, str(error))
        return
    given = yield from sidecar_metadata(path, options)
    yield text_document(text, uri, fmt, options, given)


def text_document(
    text: str, uri: str, fmt: str, options: IngestOptions, given: Metadata
) -> RawDocument | IngestError:
    """A decoded text as a RawDocument; `given` metadata wins over what the text itself says."""
    fields, body = split_front_matter(text)
    if not body.strip():
        return IngestError(uri, "empty file" if not text.strip() else "no text after the front-matter")
    front = metadata(fields, resolve(fields, options))
    meta = given.over(front.over(Metadata(title=first_line_title(body))))
    return meta.document(uri, fmt, text=body)


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(key/value pairs, remaining text); no pairs and the whole text when there is no block."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        return {}, text
    fields: dict[str, str] = {}
    for number, line in enumerate(lines[1 : FRONT_MATTER_MAX_LINES + 1], start=1):
        if line.strip() in _FENCE_END:
            return fields, "".join(lines[number + 1 :])
        if match := _KEY_VALUE.match(line.strip()):
            key, value = match.groups()
            fields[key] = value.strip().strip("\"'")
        elif line.strip() and not line[:1].isspace() and not line.startswith("-"):
            return {}, text  # prose between two rules, not a key: value block
    return {}, text


def first_line_title(text: str) -> str | None:
    """The first non-empty line without Markdown heading marks, if it is short enough to be one."""
    for line in text.splitlines():
        title = _HEADING_MARKS.sub("", line).strip()
        if title:
            return title if len(title) <= TITLE_MAX_CHARS else None
    return None
