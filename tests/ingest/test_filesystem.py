"""File-system hazards (issue 12, item 9): symlink loops, FIFOs, process substitution."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from claimgraph.config import IngestOptions
from claimgraph.ingest.walk import iter_files

TEXT = "Ships waited outside the port on Monday, officials said.\n"


def test_symlink_loop_does_not_end_the_walk(ingest, tmp_path):
    (tmp_path / "loop1").symlink_to(tmp_path / "loop2")
    (tmp_path / "loop2").symlink_to(tmp_path / "loop1")
    (tmp_path / "z.txt").write_text(TEXT, encoding="utf-8")
    # exclude is what `analyze` passes (the store's files); resolve() raised on the loop there
    items = list(iter_files([tmp_path], exclude=frozenset({str(tmp_path / "x.db")})))
    assert items[-1] == tmp_path / "z.txt"
    docs, errors = ingest([tmp_path], exclude=frozenset({str(tmp_path / "x.db")}))
    assert [d.text for d in docs] == [TEXT]
    assert sorted(e.uri for e in errors) == [str(tmp_path / "loop1"), str(tmp_path / "loop2")]
    assert all("symbolic links" in e.problem for e in errors)


def test_fifo_in_a_folder_is_skipped_not_waited_on(ingest, tmp_path):
    os.mkfifo(tmp_path / "a-pipe.txt")
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    docs, errors = ingest([tmp_path])
    assert [d.text for d in docs] == [TEXT]
    expected = f"{tmp_path / 'a-pipe.txt'}: not a regular file (a named pipe), skipped"
    assert [str(e) for e in errors] == [expected]


def test_fifo_named_without_writer_is_empty_not_a_hang(ingest, tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    docs, errors = ingest([tmp_path / "pipe.txt"])
    assert docs == [] and [e.problem for e in errors] == ["empty file"]


def test_process_substitution_reads_the_content(tmp_path):
    """`claimgraph analyze <(cat a.txt)` sniffed the pipe, then found it empty."""
    source = tmp_path / "a.txt"
    source.write_text(TEXT, encoding="utf-8")
    db = tmp_path / "s.db"
    script = f'"{sys.executable}" -m claimgraph.cli analyze <(cat "{source}") --db "{db}" --no-nlp'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "1 new document" in done.stdout + done.stderr
    assert "empty file" not in done.stdout + done.stderr


def test_endless_device_stops_at_the_size_limit(ingest):
    docs, errors = ingest([Path("/dev/zero")], max_bytes=1000)
    assert docs == [] and "too large" in errors[0].problem


def test_stream_holding_jsonl_is_read_as_records(tmp_path):
    lines = "".join(f'{{"text": "Record {n} about the port."}}\n' for n in range(3))
    read, write = os.pipe()
    os.write(write, lines.encode())
    os.close(write)
    path = Path(f"/proc/self/fd/{read}")
    try:
        from claimgraph.ingest import iter_raw

        items = list(iter_raw([path], IngestOptions()))
    finally:
        os.close(read)
    assert [getattr(i, "text", None) for i in items] == [f"Record {n} about the port." for n in range(3)]
    assert all(i.uri.startswith(str(path)) for i in items)
