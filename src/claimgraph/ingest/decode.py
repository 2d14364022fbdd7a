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
# NUL bytes (count and share of the sample) above which a file is binary: images and
# executables are full of them, compressed data has one in 256 bytes; a few stray NULs in a
# text file or CSV field are dropped the same way everywhere (`scrub`).
MAX_NULS = 8
MAX_NUL_SHARE = 0.001
# Lone surrogates (from JSON escapes such as "\ud800" or undecodable file names) cannot be
# encoded as UTF-8: the store, the terminal and every export would fail on them.
_UNENCODABLE = re.compile("[\ud800-\udfff]")
_MIXED = "claimgraph-cp1252-fallback"
_HIGH_BYTES = re.compile(rb"[\x80-\xff]")
_ASCII = re.compile(r"[\x00-\x7f]")
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
    """Many NUL bytes outside UTF-16 mean an image, archive or executable, not a text file."""
    nuls = sample.count(b"\x00")
    return nuls > max(MAX_NULS, MAX_NUL_SHARE * len(sample)) and bom_encoding(sample) not in ("utf-16",)


def scrub(text: str) -> str:
    """Text safe to store and print: NULs dropped, lone surrogates replaced by U+FFFD."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text.isascii():
        text = _UNENCODABLE.sub("\ufffd", text)
    return text


def safe_name(name: str) -> str:
    """A file name as text that can be stored: undecodable bytes (kept by Python as surrogate
    escapes) shown as `\\xff`, like `ls -b` does, so the name still points at its file."""
    if name.isascii() or not _UNENCODABLE.search(name):
        return name
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return scrub(name)


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes that are not UTF-8 are read as cp1252 (latin-1 where undefined)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    bad = error.object[error.start : error.end]
    text = "".join(bytes([b]).decode(_WESTERN, errors="ignore") or chr(b) for b in bad)
    return text, error.end


codecs.register_error(_MIXED, _cp1252_fallback)


def decode_mixed(data: bytes) -> str:
    """UTF-8 where the bytes are UTF-8, cp1252 elsewhere: files pasted together from both
    (a UTF-8 article with a cp1252 paragraph) are read without mojibake in either part."""
    return data.decode("utf-8", errors=_MIXED)


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
    if _mostly_utf8(data[: SAMPLE_BYTES * 32]):
        return _WESTERN  # `decode` reads it as UTF-8 with cp1252 for the odd bytes
    return _detect(data, first_bad)


def _mostly_utf8(sample: bytes) -> bool:
    """Whether most non-ASCII bytes form valid UTF-8 sequences: a UTF-8 file with some cp1252
    pasted in. Legacy text (cp1252, cp1251) forms UTF-8 sequences only by accident."""
    non_ascii = len(_HIGH_BYTES.findall(sample))
    valid = sample.decode("utf-8", errors="ignore")
    utf8_bytes = len(valid.encode("utf-8")) - len(_ASCII.findall(valid))
    return non_ascii > 0 and utf8_bytes >= non_ascii / 2


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
    western = encoding in (_WESTERN, "latin-1")
    text = decode_mixed(data) if western else data.decode(encoding, errors="replace")
    sample = text[:SAMPLE_BYTES]
    if sample and len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
        raise BinaryDataError("binary file, not text")
    return scrub(text)


def decode_line(line: bytes) -> str:
    """One line of a record file: UTF-8 as JSON and CSV should be, cp1252 for the bytes that are not."""
    return scrub(decode_mixed(line))
