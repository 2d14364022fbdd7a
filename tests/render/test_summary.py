"""The end-of-run summary: counts on stdout; other languages and unreadable inputs on stderr, cut."""

from __future__ import annotations

import pytest

from claimgraph.model import IngestError
from claimgraph.pipeline import RunSummary
from claimgraph.render.summary import MAX_ERRORS_SHOWN, print_summary


def test_summary_counts_and_cut_error_list(capsys: pytest.CaptureFixture[str]) -> None:
    errors = [IngestError(f"bad{i}.txt", "not text") for i in range(MAX_ERRORS_SHOWN + 3)]
    print_summary(
        RunSummary(db="s.db", documents_read=5, new=4, duplicates=1, errors=errors, languages={"fa": 2})
    )
    captured = capsys.readouterr()
    assert captured.out.startswith("4 new document(s) stored in s.db: 5 read, 1 duplicate(s)")
    assert "NLP:" not in captured.out  # no actors: an ingest-only run
    assert "2 document(s) not in English (fa 2)" in captured.err
    assert f"bad{MAX_ERRORS_SHOWN - 1}.txt: not text" in captured.err
    assert f"bad{MAX_ERRORS_SHOWN}.txt" not in captured.err and "... and 3 more" in captured.err
