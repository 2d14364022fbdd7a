"""Per-document resource caps (issue 12, item 5) and deep HTML (item 15): a hostile document
costs one error line and bounded memory; the rest of the input is read."""

from __future__ import annotations

import gzip
import io
import tracemalloc
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from claimgraph.clean.html import parse_html
from claimgraph.engine import StageFailure, analyse_document
from claimgraph.engine.stages import nlp_stage
from claimgraph.model import Document, IngestError, Segment, Voice
from claimgraph.report.style import CSS

GOOD = "<html><body><p>Ships waited outside the port on Monday, officials said.</p></body></html>"


def _gzip_bomb(size: int) -> bytes:
    packed = io.BytesIO()
    with gzip.GzipFile(fileobj=packed, mode="wb", compresslevel=9) as out:
        out.write(b"<html><body><p>")
        for _ in range(size // 2**20):
            out.write(b"a" * 2**20)
        out.write(b"</p></body></html>")
    return packed.getvalue()


def _warc(path: Path, bodies: list[tuple[str, bytes, bool]]) -> Path:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body, gzipped in bodies:
            fields = [("Content-Type", "text/html")] + ([("Content-Encoding", "gzip")] if gzipped else [])
            headers = StatusAndHeaders("200 OK", fields, protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            )
    return path


def test_gzip_content_encoding_is_capped_while_decompressing(ingest, tmp_path):
    """2.3 KB of WARC expanded to 1 GB in memory; now the body stops at max_bytes + 1."""
    bomb = _gzip_bomb(256 * 2**20)
    path = _warc(
        tmp_path / "b.warc.gz", [("http://x/bomb", bomb, True), ("http://x/ok", GOOD.encode(), False)]
    )
    assert path.stat().st_size < 1_000_000
    tracemalloc.start()
    docs, errors = ingest([path], max_bytes=4 * 2**20)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [d.url for d in docs] == ["http://x/ok"]
    assert [e.uri for e in errors] == [f"{path}#http://x/bomb"]
    assert "decoded response body too large" in errors[0].problem
    assert peak < 64 * 2**20  # some copies of the 4 MiB cap, never the 256 MiB body


def test_document_over_max_document_chars_is_one_error(ingest, tmp_path):
    (tmp_path / "a-long.txt").write_text("word " * 3000, encoding="utf-8")
    (tmp_path / "b-fine.txt").write_text("A short fine text.\n", encoding="utf-8")
    docs, errors = ingest([tmp_path], max_document_chars=10_000)
    assert [Path(d.uri).name for d in docs] == ["b-fine.txt"]
    assert [str(e) for e in errors] == [
        f"{tmp_path / 'a-long.txt'}: document too long (15,000 characters; limit 10,000, "
        "IngestOptions.max_document_chars)"
    ]


def test_page_with_too_many_elements_is_one_error(ingest, tmp_path):
    page = "<html><body><p>Start.</p>" + "<i>x" * 5000 + "</body></html>"
    (tmp_path / "a.html").write_text(page, encoding="utf-8")
    (tmp_path / "b.html").write_text(GOOD, encoding="utf-8")
    docs, errors = ingest([tmp_path], max_html_elements=1000)
    assert [Path(d.uri).name for d in docs] == ["b.html"]
    assert errors[0].problem.startswith("page has too many elements (about 5,006; limit 1,000")


def test_html_nested_past_256_levels_still_yields_text():
    for depth in (300, 1000):
        nested = "<div>" * depth + "<p>Deeply nested text the reader must find.</p>" + "</div>" * depth
        found = parse_html(f"<html><body>{nested}<p>And the text after it.</p></body></html>", "deep.html")
        assert not isinstance(found, IngestError), depth
        assert found.text == "Deeply nested text the reader must find.\nAnd the text after it."


def test_report_wraps_long_unbroken_strings():
    """A 77,000-px-wide report: nothing let an unbroken string (a URL, a hash) wrap."""
    body_rule = CSS[CSS.index("body{") : CSS.index("}", CSS.index("body{"))]
    assert "overflow-wrap:anywhere" in body_rule


def test_nlp_time_limit_is_a_per_document_failure(monkeypatch):
    import claimgraph.nlp.analysis as analysis

    monkeypatch.setattr(analysis, "CHUNK_CHARS", 100)
    text = "Kerry said Iran could help.\n" * 20
    doc = Document("0" * 16, "long.txt", "text", text, (Segment(Voice.OWN, 0, len(text)),), language="en")
    result = analyse_document(doc, (nlp_stage("en_core_web_sm", max_seconds=0),))
    assert isinstance(result, StageFailure)
    assert result.stage == "nlp" and "NLP time limit of 0 s" in result.problem
