"""The files behind the paths a user gives: recursive, sorted, hidden files and JSON skipped.

Inside a directory `.json` files are metadata (sidecars, gold files), never documents; a
`.json` file named on the command line is read as records.

Directories are listed one at a time, never the whole tree at once, so a corpus of a million
files streams. A path that cannot be listed is an error value and the walk goes on: a symlink
loop is reported as one, and a named pipe, socket or device found in a folder is skipped with
an error (opening a FIFO nobody writes to would block forever). Such a file named on the
command line is read as a stream (`analyze <(cat a.txt)`).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimgraph.ingest.source import describe
from claimgraph.model import IngestError

STDIN = "-"
METADATA_SUFFIX = ".json"


def iter_files(
    paths: Iterable[str | Path], *, exclude: frozenset[str] = frozenset()
) -> Iterator[Path | str | IngestError]:
    """Each file to read (a Path, or "-" for stdin) or an error for a path that cannot be read.

    Files whose resolved path is in `exclude` are skipped silently: a store kept inside the
    folder being analysed must not be read back as a document.
    """
    for item in _iter_files(paths):
        # realpath, not Path.resolve: resolve raises on a symlink loop and ended the walk
        if isinstance(item, Path) and exclude and os.path.realpath(item) in exclude:
            continue
        yield item


def _iter_files(paths: Iterable[str | Path]) -> Iterator[Path | str | IngestError]:
    for given in paths:
        if str(given) == STDIN:
            yield STDIN
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        else:
            yield IngestError(str(path), "no such file or directory")


def _walk(folder: Path) -> Iterator[Path | IngestError]:
    try:
        with os.scandir(folder) as listing:
            visible = [entry for entry in listing if not entry.name.startswith(".")]
        entries = sorted(visible, key=lambda entry: entry.name)
    except OSError as error:
        yield IngestError(str(folder), f"cannot list directory: {describe(error)}")
        return
    for entry in entries:
        path = folder / entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
        except OSError as error:
            yield IngestError(str(path), describe(error))
            continue
        if is_dir:
            yield from _walk(path)
        elif entry.is_symlink() and path.is_dir():
            yield IngestError(str(path), "symbolic link to a directory, not followed (pass it directly)")
        elif not entry.name.lower().endswith(METADATA_SUFFIX):
            yield _regular(path)


def _regular(path: Path) -> Path | IngestError:
    """The path when it is (a link to) a regular file; an error for a loop, FIFO, socket, device."""
    try:
        mode = os.stat(path).st_mode
    except OSError as error:
        return IngestError(str(path), describe(error))
    if stat.S_ISREG(mode):
        return path
    return IngestError(str(path), f"not a regular file ({special_kind(mode)}), skipped")


def special_kind(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
