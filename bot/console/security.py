"""Security headers on every console response (a pure ASGI middleware)."""

from __future__ import annotations

from typing import List, Tuple

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
HSTS = "max-age=31536000; includeSubDomains"
STATIC_PREFIX = "/static/"


def security_headers(path: str, https: bool) -> List[Tuple[str, str]]:
    """The headers a response to ``path`` carries; pages show patient data, so only static files may be cached."""
    headers = [("content-security-policy", CSP), ("x-frame-options", "DENY"),
               ("x-content-type-options", "nosniff"), ("referrer-policy", "no-referrer")]
    if not path.startswith(STATIC_PREFIX):
        headers.append(("cache-control", "no-store"))
    if https:
        headers.append(("strict-transport-security", HSTS))
    return headers


class SecurityHeaders:
    """Set (overriding) the security headers on every HTTP response of the wrapped app."""

    def __init__(self, app: ASGIApp, https: bool = False) -> None:
        self.app = app
        self.https = https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = security_headers(scope["path"], self.https)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in extra:
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
