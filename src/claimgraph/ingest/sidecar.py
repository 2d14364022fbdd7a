"""Metadata for a single-document file from a JSON file beside it (`a.txt` + `a.json`)."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

from claimgraph.config import IngestOptions
from claimgraph.ingest.fields import Metadata, metadata, resolve
from claimgraph.ingest.jsonl import clean_record, loads
from claimgraph.ingest.source import describe
from claimgraph.model import IngestError

# A sidecar holds a handful of fields; anything bigger is a corpus, not metadata.
MAX_SIDECAR_BYTES = 1024 * 1024


def sidecar_names(name: str) -> tuple[str, ...]:
    """File names that would hold metadata for the document file `name`."""
    if name.endswith(".json"):
        return ()
    bare = name.removesuffix(".gz")
    stem = bare.rsplit(".", 1)[0] if "." in bare.lstrip(".") else bare
    return tuple(dict.fromkeys((f"{stem}.json", f"{bare}.json")))


def find_sidecar(path: Path) -> Path | None:
    for name in sidecar_names(path.name):
        candidate = path.with_name(name)
        if candidate.is_file():
            return candidate
    return None


def sidecar_metadata(path: Path, options: IngestOptions) -> Generator[IngestError, None, Metadata]:
    """The sidecar's metadata, empty without one; an unusable sidecar is yielded as an error and ignored.

    Use as `given = yield from sidecar_metadata(path, options)` inside a reader.
    """
    found = load_sidecar(path, options)
    if isinstance(found, IngestError):
        yield found
        return Metadata()
    return found or Metadata()


def load_sidecar(path: Path, options: IngestOptions) -> Metadata | IngestError | None:
    """The sidecar's metadata; an IngestError naming the sidecar when it is unreadable or not an object."""
    sidecar = find_sidecar(path)
    if sidecar is None:
        return None
    try:
        if sidecar.stat().st_size > MAX_SIDECAR_BYTES:
            return IngestError(str(sidecar), "sidecar JSON too large to be metadata")
        record = loads(sidecar.read_bytes())
    except OSError as error:
        return IngestError(str(sidecar), describe(error))
    except ValueError as error:
        return IngestError(str(sidecar), f"invalid sidecar JSON ({error}); metadata ignored, document kept")
    if not isinstance(record, dict):
        return IngestError(str(sidecar), "sidecar JSON is not an object")
    record = clean_record(record)
    return metadata(record, resolve(record, options))
