"""Starlette app serving the patient page and the widget's files, with strict security headers."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Iterable
from urllib.parse import urlparse

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from bot.settings import PROJECT_ROOT, get_settings
from bot.web.page import render_page

WEB_DIR = Path(__file__).resolve().parent
STATIC_DIR = WEB_DIR / "static"
VENDOR_FILE = PROJECT_ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"


def content_security_policy(rasa_url: str) -> str:
    """Only our own scripts and styles; connections only to this site and the Rasa server."""
    parsed = urlparse(rasa_url)
    ws_scheme = "wss" if parsed.scheme == "https" else "ws"
    origin = f"{parsed.scheme}://{parsed.netloc}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        f"connect-src 'self' {origin} {ws_scheme}://{parsed.netloc}; font-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


class SecurityHeaders:
    """Adds CSP and the usual hardening headers to every response."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app, self.csp = app, csp

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap ``send`` to add the headers."""
        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                for name, value in (
                    ("content-security-policy", self.csp), ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"), ("x-frame-options", "DENY"),
                    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
                ):
                    headers.append((name.encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def page_html(rasa_url: str) -> str:
    """The full patient page with the one-line widget embed."""
    settings = get_settings()
    body = render_page(settings.source_path.read_text(encoding="utf-8"))
    template = (WEB_DIR / "templates" / "index.html").read_text(encoding="utf-8")
    return (template.replace("{{ body }}", body)
            .replace("{{ rasa_url }}", html.escape(rasa_url, quote=True))
            .replace("{{ clinic_phone }}", html.escape(settings.clinic_phone)))


def create_app(rasa_url: str = "http://localhost:5005", extra_origins: Iterable[str] = ()) -> Starlette:
    """The web app; ``rasa_url`` is where the widget connects."""

    page = page_html(rasa_url)  # the source page and settings are read once, at start-up

    async def index(_: Request) -> Response:
        return HTMLResponse(page)

    async def vendor(_: Request) -> Response:
        if not VENDOR_FILE.exists():
            return JSONResponse({"error": "run `make install` (npm ci) first"}, status_code=503)
        return Response(VENDOR_FILE.read_bytes(), media_type="application/javascript",
                        headers={"cache-control": "public, max-age=3600"})

    async def health(_: Request) -> Response:
        return JSONResponse({"status": "ok"})

    routes = [
        Route("/", index),
        Route("/health", health),
        Route("/widget/vendor/socket.io.min.js", vendor),
        Mount("/widget", app=StaticFiles(directory=STATIC_DIR), name="widget"),
    ]
    return Starlette(routes=routes, middleware=[
        Middleware(SecurityHeaders, csp=content_security_policy(rasa_url)),
    ])
