"""`claimgraph serve`: a real uvicorn on loopback answers, and every refusal is one numbered line."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from claimgraph.cli import app as cli
from claimgraph.errors import ClaimgraphError
from claimgraph.web.serve import check_address, check_token


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_web_serve_real_uvicorn_on_loopback(example_db: str, serve_store: Any) -> None:
    with serve_store(example_db) as base:
        claims = httpx.get(f"{base}/api/v1/claims", params={"limit": 2}, timeout=30)
        assert claims.status_code == 200 and len(claims.json()["items"]) == 2
        page = httpx.get(f"{base}/", timeout=30)
        assert page.status_code == 200 and "Claims" in page.text
        assert "content-security-policy" in page.headers and "server" not in page.headers
        assert httpx.get(f"{base}/static/app.js", timeout=30).status_code == 200


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.5", "example.org", "::"])
def test_web_serve_refuses_a_public_address_without_a_token(host: str) -> None:
    with pytest.raises(ClaimgraphError) as caught:
        check_token(host, None)
    assert caught.value.code == "E080"
    assert check_token(host, "x" * 20) is True  # with a token: every request needs it


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_web_serve_loopback_needs_no_token(host: str) -> None:
    assert check_token(host, None) is False


def test_web_serve_refuses_a_short_token() -> None:
    with pytest.raises(ClaimgraphError) as caught:
        check_token("127.0.0.1", "short")
    assert caught.value.code == "E081"


def test_web_serve_busy_port_is_a_clear_error() -> None:
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        with pytest.raises(ClaimgraphError) as caught:
            check_address("127.0.0.1", port)
    assert caught.value.code == "E082"


def test_web_serve_cli_errors_are_one_line(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert missing.exit_code == 2 and "[E006]" in missing.output and "Traceback" not in missing.output
    public = runner.invoke(cli, ["serve", "--db", str(tmp_path / "missing.db"), "--host", "0.0.0.0"])
    assert public.exit_code == 2 and "[E080]" in public.output
    not_a_store = tmp_path / "notes.db"
    not_a_store.write_text("these are not the tables you are looking for" * 100)
    foreign = runner.invoke(cli, ["serve", "--db", str(not_a_store)])
    assert foreign.exit_code == 2 and "error: [E0" in foreign.output and "Traceback" not in foreign.output
    bad_port = runner.invoke(cli, ["serve", "--port", "70000"])
    assert bad_port.exit_code == 2
