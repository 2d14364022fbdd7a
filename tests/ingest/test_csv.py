"""CSV and TSV corpora: column mapping, a missing text column, multi-line and huge fields."""

from __future__ import annotations

import pytest


def test_csv_rows_with_a_mapped_text_column(ingest, data):
    path = data / "records.csv"
    docs, errors = ingest([path], text_field="Story")
    assert [d.uri for d in docs] == [f"{path}#2", f"{path}#3"]
    bridge, multi = docs
    assert (bridge.title, bridge.outlet, bridge.published) == (
        "Bridge repairs delayed",
        "Town Crier",
        "2014-06-16",
    )
    assert multi.text == "First paragraph of the story.\n\nSecond paragraph, after a blank line."
    assert multi.published == "2014-06-16"
    assert [str(e) for e in errors] == [f"{path}:6: empty text in field 'Story'"]


@pytest.mark.parametrize(
    ("name", "options", "columns"),
    [
        ("records.csv", {}, "Headline, Story, Source, Date"),
        ("no_text_column.csv", {}, "headline, summary_of_story, when"),
    ],
)
def test_csv_without_the_text_column_is_one_error_listing_the_columns(ingest, data, name, options, columns):
    path = data / name
    docs, errors = ingest([path], **options)
    assert docs == []
    assert [str(e) for e in errors] == [
        f"{path}: no text column (looked for text, body, content, article; found columns: {columns})"
    ]


def test_csv_missing_explicit_text_column_names_it(ingest, data):
    docs, errors = ingest([data / "records.tsv"], text_field="story")
    assert docs == []
    assert errors[0].problem == "no text column (looked for story; found columns: title, text, url)"


def test_csv_tsv(ingest, data):
    docs, errors = ingest([data / "records.tsv"])
    assert errors == []
    assert [(d.title, d.url, d.format) for d in docs] == [("Park opens", "https://town.example/park", "csv")]


def test_csv_field_larger_than_the_csv_module_default(ingest, tmp_path):
    body = "The delegation met again. " * 20_000  # 520 KB: over csv's default 128 KiB field limit
    path = tmp_path / "big.csv"
    path.write_text(f'title,text\nLong one,"{body}"\nShort one,Ships waited.\n', encoding="utf-8")
    docs, errors = ingest([path])
    assert errors == []
    assert [len(d.text) for d in docs] == [len(body), len("Ships waited.")]


def test_csv_line_over_max_bytes_is_an_error_and_later_rows_are_read(ingest, tmp_path):
    path = tmp_path / "big.csv"
    long_row = "Long," + "x" * 5000 + "\n"
    path.write_text("title,text\n" + long_row + "Short,Ships waited.\n" + long_row, encoding="utf-8")
    docs, errors = ingest([path], max_bytes=1000)
    assert [d.title for d in docs] == ["Short"]
    assert [e.uri for e in errors] == [f"{path}:2", f"{path}:4"]
    assert errors[0].problem.startswith("line longer than")


def test_csv_bom_and_cp1252(ingest, tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes(b"\xef\xbb\xbftext\n" + "The envoy said “no” in the café.\n".encode("cp1252"))
    docs, errors = ingest([path])
    assert errors == []
    assert docs[0].text == "The envoy said “no” in the café."


@pytest.mark.parametrize(
    ("content", "problem"), [(b"", "empty file"), (b"title,text\n", "no rows after the header")]
)
def test_csv_empty_or_header_only_is_an_error(ingest, tmp_path, content, problem):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    docs, errors = ingest([path])
    assert docs == []
    assert [e.problem for e in errors] == [problem]
