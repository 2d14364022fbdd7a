"""Plain text and Markdown: titles, front-matter, sidecars, encodings and refusals."""

from __future__ import annotations

import pytest

from claimgraph.config import IngestOptions
from claimgraph.ingest.fields import Metadata
from claimgraph.ingest.text import first_line_title, split_front_matter, text_document

STORY = "The minister said: “We will not cooperate” — café, résumé, naïve.\n\nSecond paragraph.\n"


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("\n\n  Harbour reopens  \nBody.", "Harbour reopens"),
        ("# Harbour reopens\n\nBody.", "Harbour reopens"),
        ("## Harbour reopens ##\nBody.", "Harbour reopens"),
        ("C# compiler released\nBody.", "C# compiler released"),
        ("x" * 400 + "\nBody.", None),
        ("   \n\t\n", None),
    ],
)
def test_text_title_is_the_first_non_empty_line(text, title):
    assert first_line_title(text) == title


def test_text_front_matter_gives_metadata_and_is_removed(ingest, data):
    docs, errors = ingest([data / "corpus" / "sub" / "notes.md"])
    assert errors == []
    doc = docs[0]
    assert (doc.title, doc.outlet, doc.author, doc.published, doc.url) == (
        "Ferry service suspended after storm",
        "Harbour Weekly",
        "Tom Okafor",
        "2014-06-18",
        "https://harbour.example/ferry",
    )
    assert doc.text.startswith("# Ferry service suspended\n")
    assert "---" not in doc.text


def test_text_rules_around_prose_are_not_front_matter():
    text = "---\nA quoted passage, set between two rules.\n---\nThe blogger's reply.\n"
    assert split_front_matter(text) == ({}, text)


def test_text_unclosed_front_matter_is_kept_as_text():
    text = "---\ntitle: Never closed\n\nBody text.\n"
    assert split_front_matter(text) == ({}, text)


def test_text_sidecar_json_gives_metadata(ingest, data):
    docs, errors = ingest([data / "corpus" / "talks.txt"])
    assert errors == []
    doc = docs[0]
    assert doc.title == "Officials meet in Vienna as border talks resume"
    assert (doc.outlet, doc.author, doc.published, doc.url) == (
        "The Lakeside Courier",
        "Mara Jensen",
        "2014-06-17",
        "https://courier.example/talks",
    )


def test_text_sidecar_wins_over_front_matter():
    given = Metadata(title="From the sidecar")
    doc = text_document(
        "---\ntitle: From front-matter\n---\nFirst line\n", "x.md", "markdown", IngestOptions(), given
    )
    assert doc.title == "From the sidecar"


def test_text_bad_sidecar_is_an_error_but_the_document_is_read(ingest, tmp_path):
    (tmp_path / "story.txt").write_text("Headline\n\nBody.\n", encoding="utf-8")
    (tmp_path / "story.json").write_text("{not json", encoding="utf-8")
    docs, errors = ingest([tmp_path])
    assert [d.title for d in docs] == ["Headline"]
    assert len(errors) == 1
    assert errors[0].uri == str(tmp_path / "story.json")
    assert errors[0].problem.startswith("invalid sidecar JSON")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_text_empty_file_is_an_error(ingest, tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert docs == []
    assert [str(e) for e in errors] == [f"{path}: empty file"]


@pytest.mark.parametrize(
    "content",
    [
        bytes(range(256)) * 8,  # every byte value, NULs included
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        b"PK\x03\x04" + bytes([7, 1, 2, 3, 250, 251]) * 50,  # a zip renamed .txt
        bytes(b % 32 for b in range(1, 2000) if b % 32 not in (0, 9, 10, 13)),  # control characters
    ],
)
def test_text_binary_file_renamed_txt_is_an_error(ingest, tmp_path, content):
    path = tmp_path / "photo.txt"
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert docs == []
    assert [str(e) for e in errors] == [f"{path}: binary file, not text"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_encodings_decode_to_the_same_text(ingest, tmp_path, encoding):
    path = tmp_path / "story.txt"
    path.write_bytes(STORY.encode(encoding))
    docs, errors = ingest([path])
    assert errors == []
    assert docs[0].text == STORY


def test_text_latin1_decodes(ingest, tmp_path):
    story = "Le ministre a déclaré à Téhéran que la coopération était exclue.\n\nÀ suivre.\n"
    path = tmp_path / "story.txt"
    path.write_bytes(story.encode("latin-1"))
    docs, errors = ingest([path])
    assert errors == []
    assert docs[0].text == story


def test_text_invalid_utf8_is_read_not_refused(ingest, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("Headline\n\nMostly UTF-8 text: café.\n".encode() + b"Then a stray byte \xff here.\n")
    docs, errors = ingest([path])
    assert errors == []
    assert docs[0].title == "Headline"
    assert "stray byte" in docs[0].text


def test_text_file_over_max_bytes_is_refused(ingest, tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Headline\n\n" + "word " * 400, encoding="utf-8")
    docs, errors = ingest([path], max_bytes=1000)
    assert docs == []
    assert errors[0].uri == str(path)
    assert errors[0].problem.startswith("too large (")
