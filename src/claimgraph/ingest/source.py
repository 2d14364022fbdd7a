"""Opening input files: gzip by magic bytes, size limits, and OS errors turned into one line.

Readers get bytes or a binary stream from here and never see an OSError; a failure is a
`ReadFailure` whose message is the problem as a user should read it.
"""

from __future__ import annotations

import fcntl
import gzip
import io
import os
import shutil
import stat
import sys
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from claimgraph.model import IngestError

GZIP_MAGIC = b"\x1f\x8b"
# Bytes read to guess a file's format when its name does not say.
SNIFF_BYTES = 4096
STDIN_URI = "<stdin>"


class ReadFailure(Exception):
    """A file could not be read; the message is the problem, without the file name."""


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MiB"
    if size >= 1024:
        return f"{size / 1024:.1f} KiB"
    return f"{size} bytes"


def too_large(size: int, max_bytes: int, *, at_least: bool = False) -> str:
    """The refusal for an oversized file or record; `at_least` when reading stopped at the limit."""
    over = "over " if at_least else ""
    return f"too large ({over}{human_size(size)}; limit {human_size(max_bytes)}, IngestOptions.max_bytes)"


def describe(error: BaseException) -> str:
    """One line for an error raised while reading a file."""
    if isinstance(error, PermissionError):
        return "permission denied"
    if isinstance(error, FileNotFoundError):
        return "no such file or directory"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, EOFError):
        return "truncated gzip file (compressed data ends early)"
    if isinstance(error, gzip.BadGzipFile | zlib.error):
        return f"corrupt gzip file ({error})"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


@contextmanager
def open_binary(path: Path) -> Iterator[BinaryIO]:
    """The file's bytes, transparently decompressed when it is gzip; errors as ReadFailure."""
    try:
        with open(path, "rb") as raw:
            stream: BinaryIO = gzip.GzipFile(fileobj=raw) if raw.peek(2)[:2] == GZIP_MAGIC else raw
            yield stream
    except (OSError, EOFError, zlib.error) as error:
        raise ReadFailure(describe(error)) from error


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """A whole single-document file, refused when larger than `max_bytes` (after gunzip)."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReadFailure(describe(error)) from error
    with open_binary(path) as stream:
        if not isinstance(stream, gzip.GzipFile) and size > max_bytes:
            raise ReadFailure(too_large(size, max_bytes))
        data = _read_limited(stream, max_bytes)
    return data


def read_document(path: Path, max_bytes: int, *, empty_ok: bool = False) -> bytes | IngestError:
    """`read_bytes` for a reader: the failure, or an empty file unless `empty_ok`, as an error."""
    try:
        data = read_bytes(path, max_bytes)
    except ReadFailure as error:
        return IngestError(str(path), str(error))
    if not empty_ok and not data.strip():
        return IngestError(str(path), "empty file")
    return data


def is_stream(path: Path) -> bool:
    """Whether `path` is a pipe or device (`<(cat a.txt)` gives /dev/fd/63): readable once only."""
    try:
        return not stat.S_ISREG(os.stat(path).st_mode) and not stat.S_ISDIR(os.stat(path).st_mode)
    except OSError:
        return False


@contextmanager
def spooled(path: Path, max_bytes: int) -> Iterator[Path]:
    """A stream's bytes (at most `max_bytes`) copied to a temporary regular file, so readers that
    sniff first and read after see all of it. A FIFO nobody writes to reads as empty at once
    (opened non-blocking), instead of hanging."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        flags = fcntl.fcntl(descriptor, fcntl.F_GETFL)
        fcntl.fcntl(descriptor, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
    except OSError as error:
        raise ReadFailure(describe(error)) from error
    with tempfile.TemporaryDirectory(prefix="claimgraph-stream-") as folder:
        copy = Path(folder) / (path.name or "stream")
        with os.fdopen(descriptor, "rb") as stream, open(copy, "wb") as out:
            try:
                shutil.copyfileobj(io.BufferedReader(_Limited(stream, max_bytes + 1)), out)
            except OSError as error:
                raise ReadFailure(describe(error)) from error
        if copy.stat().st_size > max_bytes:
            raise ReadFailure(too_large(max_bytes, max_bytes, at_least=True))
        yield copy


class _Limited(io.RawIOBase):
    """At most `limit` bytes of a stream: an endless device (/dev/zero) stops at the size limit."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream, self.left = stream, limit

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.stream.read(min(len(buffer), self.left)) if self.left > 0 else b""
        buffer[: len(data)] = data
        self.left -= len(data)
        return len(data)


def head(path: Path) -> bytes:
    """The first bytes of a file (decompressed), for sniffing its format."""
    with open_binary(path) as stream:
        return stream.read(SNIFF_BYTES)


def read_stdin(max_bytes: int) -> bytes:
    """Standard input as bytes (text streams without a buffer are encoded back to UTF-8)."""
    stdin = sys.stdin
    buffer = getattr(stdin, "buffer", None)
    try:
        if buffer is not None:
            return _read_limited(buffer, max_bytes)
        return _read_limited(io.BytesIO(stdin.read(max_bytes + 1).encode("utf-8")), max_bytes)
    except OSError as error:
        raise ReadFailure(describe(error)) from error


def _read_limited(stream: BinaryIO, max_bytes: int) -> bytes:
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ReadFailure(describe(error)) from error
    if len(data) > max_bytes:
        raise ReadFailure(too_large(max_bytes, max_bytes, at_least=True))
    return data


def iter_lines(stream: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a stream, never holding more than `max_bytes` of one; None for a longer line."""
    while line := stream.readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(max_bytes)) and not rest.endswith(b"\n"):
            pass
        yield None
