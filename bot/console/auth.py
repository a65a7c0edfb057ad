"""Who is signed in: the session cookie, Starlette's AuthenticationMiddleware backend, role checks and CSRF."""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
from typing import Awaitable, Callable, Optional
from urllib.parse import urlencode

from starlette.authentication import AuthCredentials, AuthenticationBackend, BaseUser, requires
from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from bot.console import sessions
from bot.console.security import STATIC_PREFIX
from bot.settings import var_secret

SESSION_COOKIE = "hfs_console"
LOGIN_COOKIE = "hfs_console_login"  # a nonce for the sign-in form's CSRF token (no session exists yet)
# What each role may do; handlers ask for one of these scopes.
SCOPES = {
    "reviewer": ("staff",),
    "coordinator": ("staff", "personal_data"),
    "admin": ("staff", "personal_data", "admin"),
}
Handler = Callable[[Request], Awaitable[Response]]


class StaffMember(BaseUser):
    """The signed-in user of a request (``request.user``)."""

    def __init__(self, session: sessions.Active) -> None:
        self.session = session

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def display_name(self) -> str:
        return self.session.user

    @property
    def identity(self) -> str:
        return self.session.user

    @property
    def name(self) -> str:
        """The staff user's name."""
        return self.session.user

    @property
    def role(self) -> str:
        """reviewer, coordinator or admin."""
        return self.session.role

    @property
    def csrf(self) -> str:
        """The session's CSRF token."""
        return self.session.csrf


class SessionBackend(AuthenticationBackend):
    """Looks the session cookie up in ``console_sessions``; static files need no lookup."""

    def __init__(self, url: Optional[str] = None) -> None:
        self.url = url

    async def authenticate(self, conn: HTTPConnection) -> Optional[tuple[AuthCredentials, BaseUser]]:
        token = conn.cookies.get(SESSION_COOKIE)
        if not token or conn.url.path.startswith(STATIC_PREFIX):
            return None
        active = await run_in_threadpool(sessions.lookup, token, self.url)
        if active is None:
            return None
        return AuthCredentials(["authenticated", *SCOPES.get(active.role, ())]), StaffMember(active)


async def csrf_ok(request: Request, expected: str) -> bool:
    """Whether the POSTed form's csrf_token equals ``expected``."""
    sent = str((await request.form()).get("csrf_token") or "")
    return bool(expected) and hmac.compare_digest(sent, expected)


def allow(scope: str = "staff") -> Callable[[Handler], Handler]:
    """Let through signed-in users whose role grants ``scope``; a POST also needs the session's CSRF token.

    The role check is Starlette's ``requires`` (403 without the scope). Anonymous GETs are sent to
    /login?next=<path> (``requires`` would put the full URL there), other anonymous requests get 401.
    """

    def wrap(handler: Handler) -> Handler:
        @requires(scope, status_code=403)
        async def checked(request: Request) -> Response:
            if request.method == "POST" and not await csrf_ok(request, request.user.csrf):
                return PlainTextResponse("Missing or wrong CSRF token.", status_code=403)
            return await handler(request)

        @functools.wraps(handler)
        async def guarded(request: Request) -> Response:
            if not request.user.is_authenticated:
                if request.method in ("GET", "HEAD"):
                    return RedirectResponse("/login?" + urlencode({"next": request.url.path}), 303)
                return PlainTextResponse("Sign in first.", status_code=401)
            return await checked(request)

        return guarded

    return wrap


def secret_key() -> str:
    """HFS_CONSOLE_SECRET, else a random key kept in var/console_secret."""
    key = os.environ.get("HFS_CONSOLE_SECRET")
    if key:
        return key
    return var_secret("console_secret", lambda: secrets.token_urlsafe(32))


def login_token(nonce: str, key: str) -> str:
    """The sign-in form's CSRF token: the cookie's nonce signed with the server key (signed double submit)."""
    return hmac.new(key.encode(), b"login:" + nonce.encode(), hashlib.sha256).hexdigest()


class Cookies:
    """Sets and clears the console's cookies: HttpOnly, SameSite=Strict, path /, Secure over https."""

    def __init__(self, https: bool) -> None:
        self.https = https

    def set(self, response: Response, name: str, value: str, max_age: int) -> None:
        """Set one cookie."""
        response.set_cookie(name, value, max_age=max_age, path="/", secure=self.https, httponly=True,
                            samesite="strict")

    def clear(self, response: Response, name: str) -> None:
        """Tell the browser to drop one cookie."""
        response.delete_cookie(name, path="/", secure=self.https, httponly=True, samesite="strict")

    def set_session(self, response: Response, token: str) -> None:
        """The session cookie: the opaque id only."""
        self.set(response, SESSION_COOKIE, token, int(sessions.LIFETIME.total_seconds()))
