"""The staff console web app (Starlette + Jinja2). Every page but /login needs a signed-in user."""

from __future__ import annotations

import csv
import hmac
import io
import json
import os
import secrets
from datetime import date
from pathlib import Path
from typing import Any, Callable, Optional
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.appointments.models import STATUSES
from bot.appointments.repository import create_tables as create_appointment_tables
from bot.appointments.repository import list_requests, set_status
from bot.console import accounts
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
from bot.settings import VAR_DIR

HERE = Path(__file__).resolve().parent
PAGE_SIZE = 25
SEES_PERSONAL_DATA = ("coordinator", "admin")
templates = Jinja2Templates(directory=str(HERE / "templates"))


def secret_key() -> str:
    """HFS_CONSOLE_SECRET, else a random key kept in var/console_secret."""
    key = os.environ.get("HFS_CONSOLE_SECRET")
    if key:
        return key
    path = VAR_DIR / "console_secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def csrf_token(request: Request) -> str:
    """The session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(24)
        request.session["csrf"] = token
    return token


async def form_with_valid_csrf(request: Request) -> Optional[Any]:
    """The POSTed form if its csrf_token matches the session's, else None."""
    form = await request.form()
    sent, expected = str(form.get("csrf_token") or ""), request.session.get("csrf") or ""
    return form if expected and hmac.compare_digest(sent, expected) else None


def render(request: Request, name: str, **context: Any) -> Response:
    """A template with the user and CSRF token available."""
    context.update(user=request.session.get("user"), role=request.session.get("role"),
                   csrf=csrf_token(request))
    return templates.TemplateResponse(request, name, context)


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

    def page(roles: tuple = ROLES) -> Callable:
        def wrap(handler: Callable) -> Callable:
            async def guarded(request: Request) -> Response:
                if not request.session.get("user"):
                    if request.method == "GET" and request.url.path not in ("/favicon.ico",):
                        return RedirectResponse("/login?" + urlencode({"next": request.url.path}), 303)
                    return PlainTextResponse("Sign in first.", status_code=401)
                if request.session.get("role") not in roles:
                    return PlainTextResponse("Your role does not allow this.", status_code=403)
                if request.method == "POST":
                    form = await form_with_valid_csrf(request)
                    if form is None:
                        return PlainTextResponse("Missing or wrong CSRF token.", status_code=403)
                    request.state.form = form
                return await handler(request)
            return guarded
        return wrap

    def audit(request: Request, action: str, target: str = "", detail: str = "") -> None:
        accounts.audit(request.session.get("user", "?"), action, target, detail, db_url)

    async def login(request: Request) -> Response:
        if request.method == "GET":
            return render(request, "login.html", error="", next=request.query_params.get("next", "/"))
        form = await form_with_valid_csrf(request)
        if form is None:
            return PlainTextResponse("Missing or wrong CSRF token.", status_code=403)
        name = str(form.get("name", ""))[:80]
        user, error = accounts.authenticate(name, str(form.get("password", "")), db_url)
        if user is None:
            accounts.audit(name or "?", "login_failed", detail=error, url=db_url)
            return render(request, "login.html", error=error, next="/")
        request.session.clear()
        request.session.update(user=user.name, role=user.role, csrf=secrets.token_urlsafe(24))
        audit(request, "login")
        target = str(form.get("next") or "/")
        return RedirectResponse(target if target.startswith("/") and not target.startswith("//") else "/", 303)

    @page()
    async def logout(request: Request) -> Response:
        audit(request, "logout")
        request.session.clear()
        return RedirectResponse("/login", 303)

    @page()
    async def home(request: Request) -> Response:
        return RedirectResponse("/conversations", 303)

    @page()
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

    @page()
    async def conversation(request: Request) -> Response:
        sender = request.path_params["sender"]
        events = load_events(db_url, sender).get(sender)
        if not events:
            return PlainTextResponse("No such conversation.", status_code=404)
        masked = request.session.get("role") not in SEES_PERSONAL_DATA
        audit(request, "view_transcript", sender, "masked" if masked else "full")
        return render(request, "transcript.html", sender=sender, rows=transcript(events, masked),
                      review=reviews(db_url).get(sender), masked=masked)

    @page()
    async def review(request: Request) -> Response:
        sender = request.path_params["sender"]
        form = request.state.form
        set_review(sender, request.session["user"], reviewed=form.get("reviewed") == "1",
                   tags=str(form.get("tags", "")), note=str(form.get("note", "")), url=db_url)
        audit(request, "review", sender, f"reviewed={form.get('reviewed') == '1'} tags={form.get('tags', '')}")
        return RedirectResponse(f"/conversations/{sender}", 303)

    @page(roles=("admin",))
    async def erase_conversation(request: Request) -> Response:
        sender = request.path_params["sender"]
        count = erase(sender, db_url)
        audit(request, "erase_conversation", sender, f"{count} events")
        return RedirectResponse("/conversations", 303)

    @page()
    async def export(request: Request) -> Response:
        fmt = request.path_params["fmt"]
        full = request.session.get("role") in SEES_PERSONAL_DATA
        events = load_events(db_url)
        items = conversations(filters_from(request), db_url, events)
        rows = []
        for item in items:
            for row in transcript(events.get(item.sender_id, []), masked=not full):
                if row["kind"] in ("user", "bot"):
                    rows.append({"conversation": item.sender_id, "at": row["at"].isoformat() if row["at"] else "",
                                 "speaker": "patient" if row["kind"] == "user" else "assistant",
                                 "text": row["text"], "intent": row.get("intent") or "",
                                 "confidence": row.get("confidence") or "",
                                 "flags": " ".join(sorted(item.flags))})
        audit(request, "export", fmt, f"{len(items)} conversations, {'full' if full else 'redacted'}")
        if fmt == "jsonl":
            body = "".join(json.dumps(r) + "\n" for r in rows)
            return Response(body, media_type="application/x-ndjson",
                            headers={"content-disposition": "attachment; filename=conversations.jsonl"})
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=["conversation", "at", "speaker", "text", "intent",
                                                    "confidence", "flags"])
        writer.writeheader()
        for r in rows:  # neutralise spreadsheet formulas in patient text
            writer.writerow({k: ("'" + v if isinstance(v, str) and v and v[0] in "=+-@" else v)
                             for k, v in r.items()})
        return Response(buffer.getvalue(), media_type="text/csv",
                        headers={"content-disposition": "attachment; filename=conversations.csv"})

    @page()
    async def appointments(request: Request) -> Response:
        status = request.query_params.get("status", "")
        rows = list_requests(status if status in STATUSES else None, db_url)
        full = request.session.get("role") in SEES_PERSONAL_DATA
        audit(request, "view_appointments", status, "full" if full else "masked")
        return render(request, "appointments.html", rows=rows, full=full, statuses=STATUSES,
                      status=status, redacted=REDACTED, mask=mask)

    @page(roles=SEES_PERSONAL_DATA)
    async def appointment_status(request: Request) -> Response:
        reference = request.path_params["reference"]
        status = str(request.state.form.get("status", ""))
        if status not in STATUSES or not set_status(reference, status, db_url):
            return PlainTextResponse("Unknown request or status.", status_code=400)
        audit(request, "appointment_status", reference, status)
        return RedirectResponse("/appointments", 303)

    @page()
    async def insights(request: Request) -> Response:
        figures = compute(db_url)
        audit(request, "view_insights")
        masked = request.session.get("role") not in SEES_PERSONAL_DATA
        unanswered = [dict(u, text=mask(str(u["text"]), u["secrets"]) if masked else u["text"])
                      for u in figures.unanswered]
        return render(request, "insights.html", f=figures, unanswered=unanswered[-50:][::-1],
                      per_day=bar_chart(figures.per_day, "Patient messages per day"),
                      topics=bar_chart(figures.topics, "Top topics"))

    @page(roles=("admin",))
    async def users(request: Request) -> Response:
        error = ""
        if request.method == "POST":
            form = request.state.form
            try:
                accounts.add_user(str(form.get("name", "")).strip(), str(form.get("role", "")),
                                  str(form.get("password", "")), db_url)
                audit(request, "user_add", str(form.get("name", "")), str(form.get("role", "")))
            except ValueError as problem:
                error = str(problem)
        return render(request, "users.html", users=accounts.list_users(db_url), roles=ROLES, error=error)

    routes = [
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        Route("/", home),
        Route("/conversations", conversation_list),
        Route("/conversations/{sender:path}/review", review, methods=["POST"]),
        Route("/conversations/{sender:path}/erase", erase_conversation, methods=["POST"]),
        Route("/conversations/{sender:path}", conversation),
        Route("/export.{fmt:str}", export),
        Route("/appointments", appointments),
        Route("/appointments/{reference}/status", appointment_status, methods=["POST"]),
        Route("/insights", insights),
        Route("/users", users, methods=["GET", "POST"]),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    middleware = [Middleware(SessionMiddleware, secret_key=secret_key(), session_cookie="hfs_console",
                             max_age=8 * 3600, same_site="strict", https_only=https)]
    return Starlette(routes=routes, middleware=middleware)


__all__ = ["create_app"]
