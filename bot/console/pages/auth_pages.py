"""Sign in, sign out and change one's own password."""

from __future__ import annotations

import hmac
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.console import accounts, sessions
from bot.console.auth import LOGIN_COOKIE, SESSION_COOKIE, allow, login_token
from bot.console.pages.common import audit, db_url, render

LOGIN_NONCE_SECONDS = 3600


def safe_next(target: str) -> str:
    """A local path to go to after signing in, else /."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def start_session(request: Request, response: Response, name: str, role: str) -> None:
    """Open a server-side session and set its cookie."""
    token, _ = sessions.create(name, role, db_url(request))
    request.app.state.cookies.set_session(response, token)


def login_page(request: Request, error: str = "", target: str = "/") -> Response:
    """The sign-in form with a fresh (or the kept) CSRF nonce."""
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    if not 20 <= len(nonce) <= 64:
        nonce = secrets.token_urlsafe(24)
    response = render(request, "login.html", error=error, next=safe_next(target),
                      login_csrf=login_token(nonce, request.app.state.secret_key))
    request.app.state.cookies.set(response, LOGIN_COOKIE, nonce, LOGIN_NONCE_SECONDS)
    return response


async def login(request: Request) -> Response:
    """GET: the form; POST: check the signed nonce and the password, then start a session."""
    if request.method == "GET":
        return login_page(request, target=request.query_params.get("next", "/"))
    url = db_url(request)
    form = await request.form()
    nonce = request.cookies.get(LOGIN_COOKIE, "")
    expected = login_token(nonce, request.app.state.secret_key)
    if not nonce or not hmac.compare_digest(str(form.get("csrf_token") or ""), expected):
        return PlainTextResponse("Missing or wrong CSRF token.", status_code=403)
    name, target = str(form.get("name", ""))[:80], str(form.get("next") or "/")
    user, reason = await run_in_threadpool(accounts.authenticate, name, str(form.get("password", "")), url)
    if user is None:
        accounts.audit(name or "?", "login_failed", detail=reason, url=url)
        return login_page(request, accounts.LOGIN_FAILED, target)
    if request.user.is_authenticated and sessions.revoke(request.user.session.key, url):
        audit(request, "session_revoked", request.user.name, "replaced by a new sign-in")
    response = RedirectResponse(safe_next(target), 303)
    start_session(request, response, user.name, user.role)
    request.app.state.cookies.clear(response, LOGIN_COOKIE)
    accounts.audit(user.name, "login", url=url)
    return response


@allow()
async def logout(request: Request) -> Response:
    """Revoke this session and drop its cookie."""
    sessions.revoke(request.user.session.key, db_url(request))
    audit(request, "logout", detail="session revoked")
    response = RedirectResponse("/login", 303)
    request.app.state.cookies.clear(response, SESSION_COOKIE)
    return response


@allow()
async def change_password(request: Request) -> Response:
    """GET: the form; POST: check the current password, set the new one, sign out everywhere else."""
    if request.method == "GET":
        return render(request, "password.html", error="", changed=request.query_params.get("changed") == "1")
    url = db_url(request)
    form = await request.form()
    new = str(form.get("new_password", ""))
    error = "The new passwords differ." if new != str(form.get("new_password_again", "")) else ""
    try:
        accounts.check_password_rules(new)
    except ValueError as problem:
        error = error or f"The new {problem}."
    if not error:
        user, reason = await run_in_threadpool(accounts.authenticate, request.user.name,
                                               str(form.get("current_password", "")), url)
        if user is None:
            audit(request, "password_change_failed", request.user.name, reason)
            error = "The current password is wrong (or the account is locked for a while)."
    if error:
        return render(request, "password.html", status_code=400, error=error, changed=False)
    await run_in_threadpool(accounts.set_password, request.user.name, new, request.user.name, url)
    response = RedirectResponse("/password?changed=1", 303)
    start_session(request, response, request.user.name, request.user.role)  # every old session is gone
    return response


@allow()
async def home(request: Request) -> Response:
    """The conversation list."""
    return RedirectResponse("/conversations", 303)


routes = [
    Route("/login", login, methods=["GET", "POST"]),
    Route("/logout", logout, methods=["POST"]),
    Route("/password", change_password, methods=["GET", "POST"]),
    Route("/", home),
]
