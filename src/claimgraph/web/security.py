"""The guard in front of every request: token check, body size limit, security headers.

- With a token, writes need `Authorization: Bearer <token>`; when the server binds to a
  non-loopback address every request does (`claimgraph serve` refuses to bind there without one).
  A browser cannot add that header to a page visit, so `/login` trades the token for an
  HttpOnly, SameSite=Strict cookie that is accepted for page and API reads only, never for writes.
- Bodies over `max_body` bytes are refused with 413, whether announced by Content-Length or
  streamed chunked (counted as they arrive).
- Every response carries a strict Content-Security-Policy (scripts and styles from this server's
  /static only, nothing inline, no frames, forms post here only) and related headers.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any

from starlette.exceptions import HTTPException

from claimgraph.errors import Errors
from claimgraph.web.problems import body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
OPEN_PATHS = frozenset({"/login"})  # reachable before logging in, with the public /static/ files
COOKIE = "claimgraph_token"
MIN_TOKEN_CHARS = 16
DEFAULT_MAX_BODY = 5_000_000  # bytes: a batch of long articles fits, a runaway upload does not
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses; any other name or address is public."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException, so FastAPI's body parsing passes it on."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, Errors.E083.format(limit=f"{limit:,}"))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


class Guard:
    """ASGI middleware: authentication, body limit, security headers."""

    def __init__(self, app: ASGIApp, token: str | None, everything: bool, max_body: int = DEFAULT_MAX_BODY):
        self.app = app
        self.token = token
        self.everything = everything  # reads need the token too (non-loopback bind)
        self.max_body = max_body

    def authorised(self, scope: Scope) -> bool:
        """Whether this request may go on: no token set, an open path, or the right credentials."""
        if self.token is None or scope["path"] in OPEN_PATHS or scope["path"].startswith("/static/"):
            return True
        safe = scope["method"] in SAFE_METHODS
        if safe and not self.everything:
            return True
        given = _header(scope, b"authorization") or ""
        scheme, _, value = given.partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(value.strip().encode(), self.token.encode()):
            return True
        if safe:
            cookie = SimpleCookie(_header(scope, b"cookie") or "").get(COOKIE)
            return cookie is not None and hmac.compare_digest(cookie.value.encode(), self.token.encode())
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *HEADERS]
            await send(message)

        if not self.authorised(scope):
            await self._refuse(scope, send_with_headers)
            return
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _json(send_with_headers, 413, "E083", Errors.E083.format(limit=f"{self.max_body:,}"))
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise BodyTooLarge(self.max_body)
            return message

        await self.app(scope, counted, send_with_headers)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        if scope["method"] == "GET" and not scope["path"].startswith("/api/"):
            await send({"type": "http.response.start", "status": 303, "headers": [(b"location", b"/login")]})
            await send({"type": "http.response.body", "body": b""})
            return
        challenge = [(b"www-authenticate", b'Bearer realm="claimgraph"')]
        await _json(send, 401, "E084", Errors.E084.value, challenge)


async def _json(
    send: Send, status: int, code: str, message: str, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    payload = json.dumps(body(code, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(payload)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra or [])})
    await send({"type": "http.response.body", "body": payload})
