"""A PostgreSQL server for the tests: `CLAIMGRAPH_TEST_PG_URL`, or a throwaway local cluster.

`admin_url()` is a URL whose role may create schemas in its database; `fresh_database()` makes an
empty store there per test (a schema of its own, first on the URL's search path). Without the
URL the first call starts a cluster in /tmp with the Debian PostgreSQL binaries (as the
`postgres` user when run as root: initdb refuses root), on loopback and a free port, and stops it
when the session ends.

Where PostgreSQL is needed but missing, tests fail, never skip, when CI is set or a URL was
given; elsewhere (a laptop without PostgreSQL) they skip and say why.
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from claimgraph.store.engine import database_url

ENV_URL = "CLAIMGRAPH_TEST_PG_URL"
BIN_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)  # newest version first
_state: dict[str, str] = {}


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") or os.environ.get(ENV_URL):
        pytest.fail(f"PostgreSQL is required here and unavailable: {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL: {reason}")


def _binary(name: str) -> str | None:
    for folder in BIN_DIRS:
        if (folder / name).is_file():
            return str(folder / name)
    return shutil.which(name)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(argv: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: drop to the `postgres` user when we are root."""
    if os.geteuid() != 0:
        return argv
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--clear-groups", *argv]


def _run(argv: list[str], *, check: bool = True) -> None:
    subprocess.run(_as_postgres(argv), check=check, capture_output=True, text=True, timeout=120)


def _start_cluster() -> str:
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not initdb or not pg_ctl:
        _unavailable(f"set {ENV_URL}, or install PostgreSQL (initdb and pg_ctl not found)")
    assert initdb and pg_ctl
    root = Path(tempfile.mkdtemp(prefix="claimgraph-pg-"))
    if os.geteuid() == 0:
        shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", _free_port()
    try:
        _run([initdb, "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"])
        options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        _run([pg_ctl, "-D", str(data), "-l", str(root / "log"), "-w", "-o", options, "start"])
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        log = (root / "log").read_text(errors="replace")[-1000:] if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"could not start a throwaway cluster: {exc} {getattr(exc, 'stderr', '')} {log}")

    def stop() -> None:
        _run([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], check=False)
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql+psycopg2://postgres@127.0.0.1:{port}/postgres"


def admin_url() -> str:
    """A URL of a role that may create databases (started once per test session)."""
    if "url" not in _state:
        url = database_url(os.environ.get(ENV_URL) or _start_cluster())  # names the installed driver
        try:
            engine = create_engine(url, connect_args={"connect_timeout": 10})
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            engine.dispose()
        except Exception as exc:  # any failure to reach it means "unavailable"
            _unavailable(f"{make_url(url).render_as_string(hide_password=True)} does not answer: {exc}")
        _state["url"] = url
    return _state["url"]


def fresh_database() -> str:
    """The URL of a new, empty store: a schema of its own in the admin database, made first on the
    URL's search path. A schema, not a database: CREATE and DROP DATABASE force a checkpoint each
    (about 2 s on a busy machine), CREATE and DROP SCHEMA take milliseconds."""
    url = make_url(admin_url())
    name = f"claimgraph_t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    engine.dispose()
    _state["made"] = _state.get("made", "") + name + " "
    return url.update_query_dict({"options": f"-csearch_path={name}"}).render_as_string(hide_password=False)


def drop_databases() -> None:
    """Drop the schemas `fresh_database` made (they matter on a long-lived server)."""
    names = _state.pop("made", "").split()
    if not names:
        return
    # One transaction each: dropping them all at once runs out of lock slots (max_locks_per_transaction).
    engine = create_engine(admin_url(), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
    engine.dispose()
