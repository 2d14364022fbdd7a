"""Writing output files: whole or not at all, and never over the store.

Every command that writes a file (report, export, graph, timeline pictures) goes through
`atomic_output`: the content goes to a temporary file beside the target, which replaces the
target (`os.replace`) only once it is complete. A failure half-way leaves the old file as it
was, and readers never see a half-written one. `refuse_store` stops `-o` pointing at `--db`;
`spreadsheet_safe` keeps a CSV cell from running as a formula.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from claimgraph.errors import ClaimgraphError, Errors

_SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")
# A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"):
# `=HYPERLINK(...)` in a headline must reach the analyst as text. Such text cells get a leading '.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def same_file(first: str | Path, second: str | Path) -> bool:
    """Whether two paths name one file (by inode when both exist, else by resolved path)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return os.path.realpath(first) == os.path.realpath(second)


def refuse_store(output: str | Path, db: str) -> None:
    """Raise E030 when writing `output` would overwrite the SQLite store `db` or its side files."""
    if "://" in db:
        return  # a server database has no file to overwrite
    for suffix in _SQLITE_SIDE_FILES:
        if same_file(output, db + suffix):
            raise ClaimgraphError(Errors.E030, path=output, db=db)


def atomic_output(path: str | Path, *, binary: bool = False) -> contextlib.AbstractContextManager[IO[Any]]:
    """A stream to write `path` through: UTF-8 text (newline="" for CSV writers) or bytes.

    The target appears, complete, when the block ends without an exception; an OSError
    becomes E008 naming the target.
    """
    return _atomic(Path(path), binary)


@contextmanager
def _atomic(path: Path, binary: bool) -> Iterator[IO[Any]]:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ClaimgraphError(Errors.E008, path=path, problem=exc.strerror or exc) from None
    try:
        opened = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with opened as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(path, temp)
        os.replace(temp, path)
    except OSError as exc:
        _remove(temp)
        raise ClaimgraphError(Errors.E008, path=path, problem=exc.strerror or exc) from None
    except BaseException:
        _remove(temp)
        raise


def write_text(path: str | Path, text: str) -> Path:
    """`Path.write_text`, atomically; returns the path written."""
    with atomic_output(path) as stream:
        stream.write(text)
    return Path(path)


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet would run as a formula, prefixed with ' ; anything else as is.

    Every CSV the engine writes (export tables, graph tables) passes its cells through here."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _keep_mode(path: Path, temp: str) -> None:
    """mkstemp creates 0600 files; give the output the mode a plain `open` would have."""
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temp, mode)


def _remove(temp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temp)
