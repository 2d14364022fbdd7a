"""Property tests for every reader: arbitrary bytes and generated files never raise, and nothing is lost.

Each test goes through `fuzz_targets.run_reader`: the reader is called directly (no catch-all),
every item must be a RawDocument or an IngestError with storable strings, and every document is
cleaned. Structured strategies add the "lose nothing" half: one item (document or error) per
record, so one bad record never costs its neighbours.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape

import fuzz_targets
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimgraph.model import IngestError, RawDocument

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any code point, lone surrogates included (what a JSON "\ud800" escape decodes to).
# (`st.text` over a union alphabet rarely draws the surrogate branch: build the string by hand.)
SURROGATE = st.integers(0xD800, 0xDFFF).map(chr)
ANY_CHAR = st.characters(codec=None, exclude_categories=()) | SURROGATE
ANY_TEXT = st.lists(ANY_CHAR, max_size=60).map("".join)
WORDS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
FIELD_NAMES = st.sampled_from(["text", "body", "content", "title", "outlet", "author", "date", "url", "id"])
JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), ANY_TEXT)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(ANY_TEXT, inner, max_size=3)),
    max_leaves=8,
)


def _kinds(items: list[object]) -> tuple[list[RawDocument], list[IngestError]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    errors = [i for i in items if isinstance(i, IngestError)]
    assert len(docs) + len(errors) == len(items)
    return docs, errors


@pytest.mark.parametrize("name", sorted(fuzz_targets.READERS))
@FAST
@given(data=st.binary(max_size=2048))
def test_fuzz_reader_any_bytes_give_values_not_exceptions(name: str, data: bytes) -> None:
    items = fuzz_targets.run_reader(name, data)
    assert items, "every file gets a document or an error"


@pytest.mark.parametrize("name", sorted(fuzz_targets.READERS))
@SLOW
@given(data=st.data())
def test_fuzz_reader_mutated_seed_gives_values(name: str, data: st.DataObject) -> None:
    """Seeds with a slice replaced (structure mostly kept), plain and gzipped."""
    seeds = fuzz_targets.SEEDS[name] or [b""]
    seed = data.draw(st.sampled_from(seeds))
    a, b = sorted(data.draw(st.tuples(st.integers(0, len(seed)), st.integers(0, len(seed)))))
    mutated = seed[:a] + data.draw(st.binary(max_size=40)) + seed[b:]
    assert fuzz_targets.run_reader(name, mutated, gzipped=data.draw(st.booleans()))


@FAST
@given(
    records=st.lists(
        st.one_of(st.dictionaries(FIELD_NAMES, JSON_VALUES, max_size=6), JSON_VALUES), max_size=6
    )
)
def test_fuzz_jsonl_one_item_per_line(records: list[object]) -> None:
    lines = [json.dumps(r, ensure_ascii=True) for r in records]
    items = fuzz_targets.run_reader("jsonl", "\n".join(lines).encode() + b"\n")
    _docs, errors = _kinds(items)
    if records:
        assert len(items) == len(records), "each line is one document or one error"
    else:
        assert [e.problem for e in errors] == ["empty file"]


@FAST
@given(
    extra=st.lists(st.sampled_from(["title", "outlet", "date", "author", "url"]), unique=True, max_size=3),
    rows=st.lists(st.lists(ANY_TEXT.filter(lambda t: t.strip()), min_size=1, max_size=4), max_size=5),
)
def test_fuzz_csv_one_item_per_row(extra: list[str], rows: list[list[str]]) -> None:
    header = ["text", *extra]
    out = io.StringIO()
    writer = csv.writer(out)  # CRLF rows: the writer then quotes every CR and LF inside a field
    writer.writerow(header)
    for row in rows:
        writer.writerow((row + [""] * len(header))[: len(header)])
    items = fuzz_targets.run_reader("csv", out.getvalue().encode("utf-8", "surrogatepass"))
    _kinds(items)
    if rows:
        assert len(items) == len(rows), "each row is one document or one error"


_XML_SAFE = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")) | st.sampled_from("\n\t"), max_size=80
)


@SLOW
@given(entries=st.lists(st.tuples(_XML_SAFE, _XML_SAFE), min_size=1, max_size=4), atom=st.booleans())
def test_fuzz_feed_one_item_per_entry(entries: list[tuple[str, str]], atom: bool) -> None:
    if atom:
        body = "".join(
            f"<entry><title>{escape(t)}</title><summary>{escape(d)}</summary></entry>" for t, d in entries
        )
        xml = f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>{body}</feed>"
    else:
        body = "".join(
            f"<item><title>{escape(t)}</title><description>{escape(d)}</description></item>"
            for t, d in entries
        )
        xml = f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>{body}</channel></rss>"
    items = fuzz_targets.run_reader("feed", xml.encode("utf-8"))
    _kinds(items)
    assert len(items) == len(entries), "each feed item is one document or one error"


@SLOW
@given(
    pages=st.lists(
        st.tuples(
            st.sampled_from(["text/html; charset=utf-8", "text/html", "text/plain", "application/xhtml+xml"]),
            st.text(max_size=200),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_fuzz_warc_one_item_per_html_response(pages: list[tuple[str, str]]) -> None:
    archive = b"".join(
        fuzz_targets.warc_record(
            f"https://example.org/{n}", f"<html><body><p>{escape(body)}</p></body></html>".encode(), kind
        )
        for n, (kind, body) in enumerate(pages)
    )
    items = fuzz_targets.run_reader("warc", archive)
    _kinds(items)
    html_pages = [p for p in pages if not p[0].startswith("text/plain")]
    assert len(items) == max(len(html_pages), 1), "one item per HTML response; one error when none"


_HTML_TAGS = st.sampled_from(
    ["p", "div", "article", "blockquote", "span", "h1", "li", "table", "td", "script", "a"]
)
_HTML = st.recursive(
    st.text(max_size=40).map(escape),
    lambda inner: st.tuples(_HTML_TAGS, st.lists(inner, max_size=4)).map(
        lambda t: f"<{t[0]}>{''.join(t[1])}</{t[0]}>"
    ),
    max_leaves=20,
)


@SLOW
@given(body=_HTML)
def test_fuzz_html_generated_pages_give_values(body: str) -> None:
    page = f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"
    items = fuzz_targets.run_reader("html", page.encode("utf-8"))
    assert len(items) == 1


@FAST
@given(text=ANY_TEXT)
def test_fuzz_text_file_is_one_item(text: str) -> None:
    items = fuzz_targets.run_reader("text", text.encode("utf-8", "surrogatepass"))
    assert len(items) == 1
    if isinstance(items[0], RawDocument):
        assert items[0].text is not None and items[0].text.strip()


@FAST
@given(
    text=WORDS.filter(lambda t: t.strip()),
    meta=st.dictionaries(st.sampled_from(["title", "outlet", "author", "date", "url"]), ANY_TEXT, max_size=5),
)
def test_fuzz_jsonl_any_metadata_keeps_the_record(text: str, meta: dict[str, str]) -> None:
    """Metadata with any code point (lone surrogates included) never costs the record or the run."""
    line = json.dumps({"text": text, **meta}, ensure_ascii=True)
    items = fuzz_targets.run_reader("jsonl", line.encode() + b"\n" + json.dumps({"text": "next"}).encode())
    assert len(items) == 2
    assert isinstance(items[1], RawDocument) and items[1].text == "next"
