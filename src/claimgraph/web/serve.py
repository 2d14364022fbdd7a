"""`claimgraph serve`: check the address, the token and the store, then run uvicorn.

Every refusal is one numbered line before anything listens: a non-loopback address without a
token (E080), a short token (E081), a port that cannot be bound (E082), a store that does not
open (the store's own E001/E006/E041...).
"""

from __future__ import annotations

import socket
from typing import Any

from claimgraph.errors import ClaimgraphError, Errors
from claimgraph.web.security import MIN_TOKEN_CHARS, is_loopback

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def check_address(host: str, port: int) -> None:
    """Bind and release the address, so a busy port is a clear error rather than uvicorn's exit."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        family, kind, proto, _, address = infos[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)
    except OSError as exc:
        raise ClaimgraphError(Errors.E082, host=host, port=port, problem=exc.strerror or str(exc)) from None


def check_token(host: str, token: str | None) -> bool:
    """Whether every request needs the token (non-loopback); refuse an unsafe combination."""
    public = not is_loopback(host)
    if public and not token:
        raise ClaimgraphError(Errors.E080, host=host)
    if token is not None and len(token) < MIN_TOKEN_CHARS:
        raise ClaimgraphError(Errors.E081, length=len(token), minimum=MIN_TOKEN_CHARS)
    return public


def server_config(app: Any, host: str, port: int) -> Any:
    """uvicorn's settings for the app: no `Server: uvicorn` header."""
    import uvicorn

    return uvicorn.Config(app, host=host, port=port, log_level="info", server_header=False)


def serve(db: str, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, token: str | None = None) -> None:
    """Serve the store at `db` until interrupted."""
    import uvicorn

    from claimgraph.web.app import create_app

    everything = check_token(host, token)
    app = create_app(db, token=token, everything=everything)
    check_address(host, port)
    uvicorn.Server(server_config(app, host, port)).run()
