"""The staff console web app (Starlette + Jinja2). Every page but /login needs a signed-in user.

Each page is a module of bot.console.pages exposing ``routes``; ``create_app`` adds them in the order of
``PAGES`` behind the security headers and Starlette's AuthenticationMiddleware. Sessions live in the
database (bot.console.sessions); the cookie holds only a random id, resolved into ``request.user`` and role
scopes, which ``bot.console.auth.allow`` checks with Starlette's ``requires`` (plus CSRF on every POST).
Handlers read their settings from ``request.app.state``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from bot.appointments.repository import create_tables as create_appointment_tables
from bot.console import accounts
from bot.console.auth import Cookies, SessionBackend, secret_key
from bot.console.pages import appointments, auth_pages, conversations, follow_up, handoffs, insights, users
from bot.console.security import SecurityHeaders, security_headers
from bot.handoff import RasaApi

HERE = Path(__file__).resolve().parent
# The console's pages, each a module with ``routes``; a new page is one import and one entry here.
PAGES = [auth_pages, conversations, appointments, handoffs, follow_up, insights, users]


def create_app(db_url: Optional[str] = None, https: Optional[bool] = None,
               rasa: Optional[RasaApi] = None) -> Starlette:
    """The console; ``db_url`` defaults to DATABASE_URL (tracker store, appointments, console tables).

    ``rasa`` is the HTTP API staff messages go through (default: RASA_URL and RASA_TOKEN).
    """
    accounts.create_tables(db_url)
    create_appointment_tables(db_url)
    https = os.environ.get("HFS_CONSOLE_HTTPS") == "1" if https is None else https

    def server_error(request: Request, exc: Exception) -> Response:
        """Runs outside the middleware, so it sets the security headers itself."""
        return PlainTextResponse("Internal server error.", status_code=500,
                                 headers=dict(security_headers(request.url.path, https)))

    routes = [route for page in PAGES for route in page.routes]
    routes.append(Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"))
    middleware = [Middleware(SecurityHeaders, https=https),
                  Middleware(AuthenticationMiddleware, backend=SessionBackend(db_url))]
    app = Starlette(routes=routes, middleware=middleware, exception_handlers={500: server_error})
    app.state.db_url, app.state.https = db_url, https
    app.state.cookies, app.state.secret_key = Cookies(https), secret_key()
    app.state.rasa = rasa or RasaApi.from_env()
    return app


__all__ = ["PAGES", "create_app"]
