"""Hostile and careless input (issue 12, items 2 and 15): one bad record costs only itself."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from claimgraph.cli import app
from claimgraph.ingest.decode import decode, decode_line
from claimgraph.store import Store

runner = CliRunner()
GOOD = "Ships waited outside the port on Monday, officials said."


def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_lone_surrogate_in_metadata_keeps_every_record_and_reruns(tmp_path):
    """`"title":"x\\ud800"` used to raise UnicodeEncodeError in the store: rc 1, batch lost."""
    path = _jsonl(
        tmp_path / "c.jsonl",
        [
            '{"title":"x\\ud800","outlet":"O\\udfff","author":"A\\ud800","text":"' + GOOD + '"}',
            json.dumps({"title": "fine", "text": "A second, good record about the harbour."}),
            '{"text":"body with a lone \\ud83d surrogate"}',
        ],
    )
    db = str(tmp_path / "s.db")
    for _ in range(2):  # the re-run used to fail the same way
        result = runner.invoke(app, ["analyze", str(path), "--db", db, "--no-nlp"])
        assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        docs = sorted(store.iter_documents(), key=lambda d: d.uri)
    assert len(docs) == 3
    first = next(d for d in docs if d.uri.endswith("#1"))
    assert (first.title, first.outlet, first.author) == ("x\ufffd", "O\ufffd", "A\ufffd")
    assert any("lone \ufffd surrogate" in d.text for d in docs)


def test_jsonl_line_nested_100k_deep_costs_only_that_line(ingest, tmp_path):
    deep = '{"text":' + "[" * 100_000 + "]" * 100_000 + "}"
    path = _jsonl(tmp_path / "d.jsonl", [deep, json.dumps({"text": GOOD})])
    docs, errors = ingest([path])
    assert [d.text for d in docs] == [GOOD]
    assert [str(e) for e in errors] == [f"{path}:1: invalid JSON (JSON nested too deeply)"]


def test_json_array_field_nested_deep_under_the_parser_limit_is_read(ingest, tmp_path):
    """900 levels parse; the reader must not recurse into them (as_text joins lists)."""
    nested = "[" * 900 + '"x"' + "]" * 900
    path = _jsonl(tmp_path / "n.jsonl", ['{"title":' + nested + ',"text":"' + GOOD + '"}'])
    docs, errors = ingest([path])
    assert errors == []
    assert [d.text for d in docs] == [GOOD]


def test_deeply_nested_sidecar_keeps_its_document(ingest, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / "a.json").write_text('{"title":' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    docs, errors = ingest([text])
    assert [d.text for d in docs] == [GOOD + "\n"]
    assert len(errors) == 1
    assert errors[0].uri == str(tmp_path / "a.json")
    assert "nested too deeply" in errors[0].problem and "document kept" in errors[0].problem


def test_text_that_is_a_number_is_named_as_such(ingest, tmp_path):
    path = _jsonl(tmp_path / "t.jsonl", ['{"text": 12345}', '{"text": {"a": 1}}', '{"text": ""}'])
    docs, errors = ingest([path])
    assert docs == []
    problems = [e.problem for e in errors]
    assert problems[0] == "text field 'text' is not a string but a int (12345)"
    assert problems[1].startswith("text field 'text' is not a string but an object")
    assert problems[2] == "empty text in field 'text'"


def test_mixed_utf8_and_cp1252_decoded_per_segment(ingest, tmp_path):
    utf8 = "Café – “quoted” in UTF-8.\n"
    legacy = "Résumé naïve – “cp1252” here.\n"
    data = (utf8 * 20).encode() + legacy.encode("cp1252") + (utf8 * 5).encode()
    assert decode(data) == utf8 * 20 + legacy + utf8 * 5
    assert decode_line(utf8.encode() + legacy.encode("cp1252")) == utf8 + legacy
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    docs, errors = ingest([path])
    assert errors == [] and "Ã" not in docs[0].text and legacy in docs[0].text


def test_pure_legacy_texts_still_decode_wholesale():
    assert decode("Résumé naïve – “cp1252” only.".encode("cp1252")) == "Résumé naïve – “cp1252” only."
    russian = "Привет, мир: «ВЫБОРЫ» — это важно. " * 10
    assert decode(russian.encode("cp1251")) == russian


def test_nul_bytes_dropped_alike_in_text_csv_and_jsonl(ingest, tmp_path):
    """A stray NUL used to make a .txt "binary" while a CSV field kept it raw."""
    (tmp_path / "a.txt").write_bytes(b"Ships\x00 waited outside the port on Monday, officials said.\n")
    (tmp_path / "b.csv").write_bytes(b'title,text\nT,"Boats\x00 waited outside the harbour today."\n')
    (tmp_path / "c.jsonl").write_bytes(b'{"text":"Cars\\u0000 waited outside the garage today."}\n')
    docs, errors = ingest([tmp_path])
    assert errors == []
    texts = sorted(d.text.strip() for d in docs)
    assert texts == [
        "Boats waited outside the harbour today.",
        "Cars waited outside the garage today.",
        "Ships waited outside the port on Monday, officials said.",
    ]


def test_undecodable_file_name_is_stored_escaped(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    bad = Path(str(folder) + "/bad\udcffname.txt")
    bad.write_text(GOOD + "\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    result = runner.invoke(app, ["analyze", str(folder), "--db", db, "--no-nlp"])
    assert result.exit_code == 0, result.output
    with Store.open(db) as store:
        assert [d.uri for d in store.iter_documents()] == [f"{folder}/bad\\xffname.txt"]
