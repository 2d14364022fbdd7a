"""The CLI's edge: a ClaimgraphError is one line and exit 2, anything else one line and exit 1."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from claimgraph.cli_edge import EXIT_CANNOT_RUN, EXIT_FAILED, edge
from claimgraph.errors import ClaimgraphError, Errors

app = typer.Typer()


@app.command()
@edge
def fail(kind: str) -> None:
    if kind == "numbered":
        raise ClaimgraphError(Errors.E006, path="x.txt")
    raise RuntimeError("boom")


@pytest.mark.parametrize(("kind", "code", "line"), [
    ("numbered", EXIT_CANNOT_RUN, "error: [E006] x.txt: no such file or directory"),
    ("other", EXIT_FAILED, "error: unexpected RuntimeError: boom (CLAIMGRAPH_DEBUG=1 shows more)"),
])  # fmt: skip
def test_errors_become_one_line(kind: str, code: int, line: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CLAIMGRAPH_DEBUG", raising=False)
    result = CliRunner().invoke(app, [kind])
    assert result.exit_code == code
    assert result.stderr.strip() == line and "Traceback" not in result.output
