"""Bytes to text: UTF-8 first, then a legacy-encoding guess, and a refusal for binary data.

Web pages and text dumps from 2014 arrive in UTF-8, cp1252 or latin-1, sometimes mislabelled.
The order here (BOM, strict UTF-8, declared charset, detection) follows what browsers do.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

# How much of a file the binary check and charset detection look at: 32 KiB is ample for
# charset-normalizer to settle and keeps a 50 MB page from being scanned twice.
SAMPLE_BYTES = 32 * 1024
# Share of control characters (other than tab, newline, carriage return, form feed) above
# which decoded "text" is really binary: real text has none; 10% leaves room for stray bytes.
MAX_CONTROL_SHARE = 0.10

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# charset-normalizer often names a sibling of cp1252 (cp1250, cp1257) for short Western text;
# when cp1252 is among the plausible charsets it is the right answer for English news.
_WESTERN = "cp1252"
# WHATWG: pages labelled latin-1 or ASCII are decoded as windows-1252.
_WHATWG_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252"}


class BinaryDataError(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes outside UTF-16 mean an image, archive or executable, not a text file."""
    return b"\x00" in sample and bom_encoding(sample) not in ("utf-16",)


def normalise_charset(label: str) -> str | None:
    """A Python codec name for a declared charset label, or None when unknown."""
    try:
        name = codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None
    return _WHATWG_ALIASES.get(name.replace("-", "_"), name)


def guess_encoding(data: bytes, declared: str | None = None) -> str:
    """The encoding to decode `data` with; raises BinaryDataError for binary data.

    `data` may be a prefix of a larger file: a multi-byte character cut at its end is
    tolerated when testing UTF-8.
    """
    if looks_binary(data[:SAMPLE_BYTES]):
        raise BinaryDataError("binary file, not text")
    bom = bom_encoding(data)
    if bom:
        return bom
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
        return "utf-8"
    except UnicodeDecodeError as error:
        first_bad = error.start
    if declared and (charset := normalise_charset(declared)) and charset != "utf-8":
        return charset
    return _detect(data, first_bad)


def _detect(data: bytes, first_bad: int) -> str:
    """Ask charset-normalizer about the start of the file plus the first non-UTF-8 bytes."""
    half = SAMPLE_BYTES // 2
    sample = data[:half] + b"\n" + data[max(half, first_bad - half) : first_bad + half]
    matches = charset_normalizer.from_bytes(sample)
    if any(_WESTERN in match.could_be_from_charset for match in matches):
        return _WESTERN if _decodes(data, _WESTERN) else "latin-1"
    best = matches.best()
    if best is None:
        raise BinaryDataError("binary file, not text")
    return best.encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode a whole file's bytes to text; raises BinaryDataError for binary data."""
    encoding = guess_encoding(data, declared)
    text = data.decode(encoding, errors="replace")
    sample = text[:SAMPLE_BYTES]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise BinaryDataError("binary file, not text")
    return text


def decode_line(line: bytes) -> str:
    """One line of a record file: UTF-8 as JSON and CSV should be, else Western legacy text."""
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return line.decode(_WESTERN, errors="replace")
