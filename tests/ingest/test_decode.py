"""Decoding: UTF-8 first, cp1252 for Western legacy text, other legacy charsets detected, binary refused."""

from __future__ import annotations

import pytest

from claimgraph.ingest.decode import BinaryDataError, decode, decode_line, guess_encoding, normalise_charset

WESTERN = "The minister said: “We will not cooperate” — café, résumé, naïve. " * 3
RUSSIAN = "Министр иностранных дел заявил, что сотрудничество с Тегераном исключено. " * 3


@pytest.mark.parametrize(
    ("data", "declared", "encoding"),
    [
        (WESTERN.encode("utf-8"), None, "utf-8"),
        (WESTERN.encode("utf-8"), "windows-1252", "utf-8"),  # valid UTF-8 wins over a wrong label
        (WESTERN.encode("utf-8-sig"), None, "utf-8-sig"),
        (WESTERN.encode("utf-16"), None, "utf-16"),
        (WESTERN.encode("cp1252"), None, "cp1252"),
        (WESTERN.encode("cp1252"), "iso-8859-1", "cp1252"),  # WHATWG: latin-1 labels mean cp1252
        (RUSSIAN.encode("cp1251"), None, "cp1251"),
        (RUSSIAN.encode("koi8_r"), "koi8-r", "koi8-r"),
    ],
)
def test_decode_guess_encoding(data, declared, encoding):
    assert guess_encoding(data, declared) == encoding


def test_decode_utf8_cut_mid_character_is_still_utf8():
    data = WESTERN.encode("utf-8")
    cut = data.index("é".encode()) + 1
    assert guess_encoding(data[:cut]) == "utf-8"


@pytest.mark.parametrize("text", [WESTERN, RUSSIAN])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_decode_round_trip(text, encoding):
    assert decode(text.encode(encoding)) == text


@pytest.mark.parametrize("data", [b"\x00" * 10 + b"abc", bytes(range(1, 32)) * 20])
def test_decode_binary_is_refused(data):
    with pytest.raises(BinaryDataError, match="binary file, not text"):
        decode(data)


@pytest.mark.parametrize(("label", "codec"), [("UTF-8", "utf-8"), ("latin1", "cp1252"), ("x-unknown", None)])
def test_decode_normalise_charset(label, codec):
    assert normalise_charset(label) == codec


@pytest.mark.parametrize(
    ("line", "text"), [("café\n".encode(), "café\n"), ("café\n".encode("cp1252"), "café\n")]
)
def test_decode_line(line, text):
    assert decode_line(line) == text
