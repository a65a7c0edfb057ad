"""The staff console web app (Starlette + Jinja2). Every page but /login needs a signed-in user.

Sessions live in the database (bot.console.sessions); the cookie holds only a random id. Starlette's
AuthenticationMiddleware resolves it into ``request.user`` and role scopes, which ``allow`` checks.
"""

from __future__ import annotations

import hmac
import os
import secrets
from datetime import date
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.authentication import AuthenticationMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.appointments.models import STATUSES
from bot.appointments.repository import create_tables as create_appointment_tables
from bot.appointments.repository import list_requests, set_status
from bot.console import accounts, export, sessions
from bot.console.auth import LOGIN_COOKIE, SESSION_COOKIE, Cookies, SessionBackend, allow, login_token, secret_key
from bot.console.conversations import (
    FLAGS,
    REDACTED,
    Filters,
    conversations,
    erase,
    load_events,
    mask,
    reviews,
    set_review,
    transcript,
)
from bot.console.insights import bar_chart, compute
from bot.console.models import ROLES
from bot.console.security import SecurityHeaders, security_headers

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 25
LOGIN_NONCE_SECONDS = 3600
templates = Jinja2Templates(directory=str(HERE / "templates"))


def sees_personal_data(request: Request) -> bool:
    """Coordinators and admins see personal data; reviewers see it masked."""
    return "personal_data" in request.auth.scopes


def render(request: Request, name: str, status_code: int = 200, **context: Any) -> Response:
    """A template with the signed-in user, role and session CSRF token available."""
    signed_in = request.user.is_authenticated
    context.update(user=request.user.name if signed_in else None, role=request.user.role if signed_in else None,
                   csrf=request.user.csrf if signed_in else "")
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def safe_next(target: str) -> str:
    """A local path to go to after signing in, else /."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


def filters_from(request: Request) -> Filters:
    """Conversation filters from the query string (bad values are ignored)."""
    args = request.query_params

    def day(key: str) -> Optional[date]:
        try:
            return date.fromisoformat(args.get(key, ""))
        except ValueError:
            return None

    try:
        max_conf = float(args["max_confidence"]) if args.get("max_confidence") else None
    except ValueError:
        max_conf = None
    return Filters(since=day("since"), until=day("until"), flag=args.get("flag", "") if args.get("flag") in FLAGS
                   else "", intent=args.get("intent", "")[:80], max_confidence=max_conf,
                   query=args.get("q", "")[:200])


def create_app(db_url: Optional[str] = None, https: Optional[bool] = None) -> Starlette:
    """The console; ``db_url`` defaults to DATABASE_URL (tracker store, appointments, console tables)."""
    accounts.create_tables(db_url)
    create_appointment_tables(db_url)
    https = os.environ.get("HFS_CONSOLE_HTTPS") == "1" if https is None else https
    cookies, key = Cookies(https), secret_key()

    def audit(request: Request, action: str, target: str = "", detail: str = "") -> None:
        user = request.user.name if request.user.is_authenticated else "?"
        accounts.audit(user, action, target, detail, db_url)

    def start_session(response: Response, name: str, role: str) -> None:
        token, _ = sessions.create(name, role, db_url)
        cookies.set_session(response, token)

    def login_page(request: Request, error: str = "", target: str = "/") -> Response:
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not 20 <= len(nonce) <= 64:
            nonce = secrets.token_urlsafe(24)
        response = render(request, "login.html", error=error, next=safe_next(target),
                          login_csrf=login_token(nonce, key))
        cookies.set(response, LOGIN_COOKIE, nonce, LOGIN_NONCE_SECONDS)
        return response

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return login_page(request, target=request.query_params.get("next", "/"))
        form = await request.form()
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not nonce or not hmac.compare_digest(str(form.get("csrf_token") or ""), login_token(nonce, key)):
            return PlainTextResponse("Missing or wrong CSRF token.", status_code=403)
        name, target = str(form.get("name", ""))[:80], str(form.get("next") or "/")
        user, reason = await run_in_threadpool(accounts.authenticate, name, str(form.get("password", "")), db_url)
        if user is None:
            accounts.audit(name or "?", "login_failed", detail=reason, url=db_url)
            return login_page(request, accounts.LOGIN_FAILED, target)
        if request.user.is_authenticated and sessions.revoke(request.user.session.key, db_url):
            audit(request, "session_revoked", request.user.name, "replaced by a new sign-in")
        response = RedirectResponse(safe_next(target), 303)
        start_session(response, user.name, user.role)
        cookies.clear(response, LOGIN_COOKIE)
        accounts.audit(user.name, "login", url=db_url)
        return response

    @allow()
    async def logout(request: Request) -> Response:
        sessions.revoke(request.user.session.key, db_url)
        audit(request, "logout", detail="session revoked")
        response = RedirectResponse("/login", 303)
        cookies.clear(response, SESSION_COOKIE)
        return response

    @allow()
    async def change_password(request: Request) -> Response:
        if request.method == "GET":
            return render(request, "password.html", error="", changed=request.query_params.get("changed") == "1")
        form = await request.form()
        new = str(form.get("new_password", ""))
        error = "The new passwords differ." if new != str(form.get("new_password_again", "")) else ""
        try:
            accounts.check_password_rules(new)
        except ValueError as problem:
            error = error or f"The new {problem}."
        if not error:
            user, reason = await run_in_threadpool(accounts.authenticate, request.user.name,
                                                   str(form.get("current_password", "")), db_url)
            if user is None:
                audit(request, "password_change_failed", request.user.name, reason)
                error = "The current password is wrong (or the account is locked for a while)."
        if error:
            return render(request, "password.html", status_code=400, error=error, changed=False)
        await run_in_threadpool(accounts.set_password, request.user.name, new, request.user.name, db_url)
        response = RedirectResponse("/password?changed=1", 303)
        start_session(response, request.user.name, request.user.role)  # every old session, this one too, is gone
        return response

    @allow()
    async def home(request: Request) -> Response:
        return RedirectResponse("/conversations", 303)

    @allow()
    async def conversation_list(request: Request) -> Response:
        filters = filters_from(request)
        items = conversations(filters, db_url)
        try:
            number = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            number = 1
        pages = max(1, -(-len(items) // PAGE_SIZE))
        shown = items[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]
        query = {k: v for k, v in request.query_params.items() if k != "page"}
        audit(request, "list_conversations", detail=urlencode(query))
        return render(request, "conversations.html", items=shown, total=len(items), page=number,
                      pages=pages, query=urlencode(query), args=request.query_params, flags=FLAGS)

    @allow()
    async def conversation(request: Request) -> Response:
        sender = request.path_params["sender"]
        events = load_events(db_url, sender).get(sender)
        if not events:
            return PlainTextResponse("No such conversation.", status_code=404)
        masked = not sees_personal_data(request)
        audit(request, "view_transcript", sender, "masked" if masked else "full")
        return render(request, "transcript.html", sender=sender, rows=transcript(events, masked),
                      review=reviews(db_url).get(sender), masked=masked)

    @allow()
    async def review(request: Request) -> Response:
        sender = request.path_params["sender"]
        form = await request.form()
        set_review(sender, request.user.name, reviewed=form.get("reviewed") == "1",
                   tags=str(form.get("tags", "")), note=str(form.get("note", "")), url=db_url)
        audit(request, "review", sender, f"reviewed={form.get('reviewed') == '1'} tags={form.get('tags', '')}")
        return RedirectResponse(f"/conversations/{sender}", 303)

    @allow("admin")
    async def erase_conversation(request: Request) -> Response:
        sender = request.path_params["sender"]
        count = erase(sender, db_url)
        audit(request, "erase_conversation", sender, f"{count} events")
        return RedirectResponse("/conversations", 303)

    @allow()
    async def export_conversations(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        if fmt not in export.MEDIA_TYPES:
            return PlainTextResponse("Export as .csv or .jsonl.", status_code=404)
        full = sees_personal_data(request)
        items, cap = conversations(filters_from(request), db_url), export.limit()
        chosen, truncated = items[:cap], len(items) > cap
        audit(request, "export", fmt, f"{len(chosen)} of {len(items)} conversations (limit {cap}"
                                      f"{', truncated' if truncated else ''}), {'full' if full else 'redacted'}")
        headers = {"content-disposition": f"attachment; filename=conversations.{fmt}",
                   "x-export-conversations": str(len(chosen)), "x-export-limit": str(cap),
                   "x-export-truncated": "true" if truncated else "false"}
        return StreamingResponse(export.chunks(chosen, fmt, full, db_url), media_type=export.MEDIA_TYPES[fmt],
                                 headers=headers)

    @allow()
    async def appointments(request: Request) -> Response:
        status = request.query_params.get("status", "")
        rows = list_requests(status if status in STATUSES else None, db_url)
        full = sees_personal_data(request)
        audit(request, "view_appointments", status, "full" if full else "masked")
        return render(request, "appointments.html", rows=rows, full=full, statuses=STATUSES,
                      status=status, redacted=REDACTED, mask=mask)

    @allow("personal_data")
    async def appointment_status(request: Request) -> Response:
        reference = request.path_params["reference"]
        status = str((await request.form()).get("status", ""))
        if status not in STATUSES or not set_status(reference, status, db_url):
            return PlainTextResponse("Unknown request or status.", status_code=400)
        audit(request, "appointment_status", reference, status)
        return RedirectResponse("/appointments", 303)

    @allow()
    async def insights(request: Request) -> Response:
        figures = compute(db_url)
        audit(request, "view_insights")
        masked = not sees_personal_data(request)
        unanswered = [dict(u, text=mask(str(u["text"]), u["secrets"]) if masked else u["text"])
                      for u in figures.unanswered]
        return render(request, "insights.html", f=figures, unanswered=unanswered[-50:][::-1],
                      per_day=bar_chart(figures.per_day, "Patient messages per day"),
                      topics=bar_chart(figures.topics, "Top topics"))

    def users_page(request: Request, error: str = "", notice: str = "") -> Response:
        return render(request, "users.html", users=accounts.list_users(db_url), roles=ROLES, error=error,
                      notice=notice)

    @allow("admin")
    async def users(request: Request) -> Response:
        if request.method == "GET":
            return users_page(request)
        form = await request.form()
        name, role = str(form.get("name", "")).strip(), str(form.get("role", ""))
        try:
            await run_in_threadpool(accounts.add_user, name, role, str(form.get("password", "")), db_url)
        except ValueError as problem:
            return users_page(request, error=str(problem))
        audit(request, "user_add", name, role)
        return users_page(request, notice=f"Added {name} ({role}).")

    @allow("admin")
    async def reset_password(request: Request) -> Response:
        form = await request.form()
        name = str(form.get("name", ""))
        if name == request.user.name:
            return users_page(request, error="Change your own password on the Change password page.")
        try:
            revoked = await run_in_threadpool(accounts.set_password, name, str(form.get("password", "")),
                                              request.user.name, db_url)
        except ValueError as problem:
            return users_page(request, error=str(problem))
        return users_page(request, notice=f"New password set for {name}; {revoked} open sessions signed out.")

    def server_error(request: Request, exc: Exception) -> Response:
        """Runs outside the middleware, so it sets the security headers itself."""
        return PlainTextResponse("Internal server error.", status_code=500,
                                 headers=dict(security_headers(request.url.path, https)))

    routes = [
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/password", change_password, methods=["GET", "POST"]),
        Route("/", home),
        Route("/conversations", conversation_list),
        Route("/conversations/{sender:path}/review", review, methods=["POST"]),
        Route("/conversations/{sender:path}/erase", erase_conversation, methods=["POST"]),
        Route("/conversations/{sender:path}", conversation),
        Route("/export.{fmt:str}", export_conversations),
        Route("/appointments", appointments),
        Route("/appointments/{reference}/status", appointment_status, methods=["POST"]),
        Route("/insights", insights),
        Route("/users", users, methods=["GET", "POST"]),
        Route("/users/password", reset_password, methods=["POST"]),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [Middleware(SecurityHeaders, https=https),
                  Middleware(AuthenticationMiddleware, backend=SessionBackend(db_url))]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={500: server_error})


__all__ = ["create_app"]
