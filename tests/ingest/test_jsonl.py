"""JSONL and JSON records: field mapping, bad lines named by file:line, gzip, size limits."""

from __future__ import annotations

import gzip
import json

import pytest


def test_jsonl_records_bad_lines_and_missing_fields(ingest, data):
    path = data / "records.jsonl"
    docs, errors = ingest([path])
    assert [d.uri for d in docs] == [f"{path}#1", f"{path}#2", f"{path}#7"]
    storm, library, harvest = docs
    assert (storm.title, storm.outlet, storm.author, storm.published, storm.url) == (
        "Storm closes schools",
        "Coast Daily",
        "Ana Lima, Bo Chen",
        "2014-06-16",
        "https://coast.example/schools",
    )
    assert storm.text.startswith("Schools in the coastal district")
    assert (library.html is not None, library.text is None) == (True, True)
    assert library.published == "2014-06-21T10:00:00+00:00"
    assert harvest.text.startswith("Farmers reported")
    assert [e.uri for e in errors] == [f"{path}:3", f"{path}:4", f"{path}:6"]
    assert errors[0].problem.startswith("invalid JSON (")
    assert errors[1].problem == "no text field (looked for text, body, content, article; found title, url)"
    assert errors[2].problem == "not a JSON object but a list"


def test_jsonl_explicit_field_mapping(ingest, tmp_path):
    path = tmp_path / "corpus.ndjson"
    record = {
        "story": "Ships waited.",
        "text": "wrong column",
        "hed": "Port",
        "when": "2014-06-16",
        "pub": "Gazette",
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    docs, errors = ingest(
        [path], text_field="story", title_field="hed", date_field="when", outlet_field="pub"
    )
    assert errors == []
    assert (docs[0].text, docs[0].title, docs[0].published, docs[0].outlet) == (
        "Ships waited.",
        "Port",
        "2014-06-16",
        "Gazette",
    )


def test_jsonl_gzip_and_truncated_gzip(ingest, tmp_path):
    lines = "".join(
        json.dumps({"text": f"Report {n}: " + "ships waited " * 50 + str(n)}) + "\n" for n in range(200)
    )
    whole = gzip.compress(lines.encode())
    path = tmp_path / "corpus.jsonl.gz"
    path.write_bytes(whole)
    docs, errors = ingest([path])
    assert (len(docs), errors) == (200, [])
    path.write_bytes(whole[: len(whole) // 2])
    docs, errors = ingest([path])
    assert 0 < len(docs) < 200
    assert len(errors) == 1
    assert errors[0].uri == str(path)
    assert errors[0].problem.startswith("truncated gzip file (compressed data ends early) after line")


def test_jsonl_line_over_max_bytes_is_an_error_and_the_next_line_is_read(ingest, tmp_path):
    path = tmp_path / "corpus.jsonl"
    long_line = json.dumps({"text": "word " * 500})
    path.write_text(f"{long_line}\n" + json.dumps({"text": "Short report."}) + "\n", encoding="utf-8")
    docs, errors = ingest([path], max_bytes=1000)
    assert [d.text for d in docs] == ["Short report."]
    assert [e.uri for e in errors] == [f"{path}:1"]
    assert errors[0].problem.startswith("line longer than")


def test_jsonl_cp1252_line_is_decoded(ingest, tmp_path):
    path = tmp_path / "legacy.jsonl"
    path.write_bytes('{"text": "The envoy said “no” in the café."}\n'.encode("cp1252"))
    docs, errors = ingest([path])
    assert errors == []
    assert docs[0].text == "The envoy said “no” in the café."


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"", "empty file"), (b"\n  \n\n", "empty file"), (b'{"text": "   "}\n', "empty text in field 'text'")],
)
def test_jsonl_empty_file_or_text_is_an_error(ingest, tmp_path, content, problem):
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert docs == []
    assert [e.problem for e in errors] == [problem]


@pytest.mark.parametrize(
    ("value", "uris", "problems"),
    [
        ({"text": "One record."}, [""], []),
        ([{"body": "First."}, 3, {"content": "Third."}], ["#1", "#3"], ["not a JSON object but a int"]),
        ("just a string", [], ["JSON holds neither a record nor a list of records"]),
    ],
)
def test_jsonl_plain_json_file_of_records(ingest, tmp_path, value, uris, problems):
    path = tmp_path / "records.json"
    path.write_text(json.dumps(value), encoding="utf-8")
    docs, errors = ingest([path])
    assert [d.uri for d in docs] == [f"{path}{suffix}" for suffix in uris]
    assert all(d.format == "json" for d in docs)
    assert [e.problem for e in errors] == problems


def test_jsonl_sidecar_json_is_not_read_as_records(ingest, data):
    docs, errors = ingest([data / "corpus"])
    assert errors == []
    assert not any(d.uri.endswith(".json") for d in docs)
