"""Staff accounts (admins only): add users, reset passwords."""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.console import accounts
from bot.console.auth import allow
from bot.console.models import ROLES
from bot.console.pages.common import audit, db_url, render


def users_page(request: Request, error: str = "", notice: str = "") -> Response:
    """The user list and forms, with an error or notice."""
    return render(request, "users.html", users=accounts.list_users(db_url(request)), roles=ROLES, error=error,
                  notice=notice)


@allow("admin")
async def users(request: Request) -> Response:
    """GET: the list; POST: add a user."""
    if request.method == "GET":
        return users_page(request)
    form = await request.form()
    name, role = str(form.get("name", "")).strip(), str(form.get("role", ""))
    try:
        await run_in_threadpool(accounts.add_user, name, role, str(form.get("password", "")), db_url(request))
    except ValueError as problem:
        return users_page(request, error=str(problem))
    audit(request, "user_add", name, role)
    return users_page(request, notice=f"Added {name} ({role}).")


@allow("admin")
async def reset_password(request: Request) -> Response:
    """Set another user's password (signs them out everywhere)."""
    form = await request.form()
    name = str(form.get("name", ""))
    if name == request.user.name:
        return users_page(request, error="Change your own password on the Change password page.")
    try:
        revoked = await run_in_threadpool(accounts.set_password, name, str(form.get("password", "")),
                                          request.user.name, db_url(request))
    except ValueError as problem:
        return users_page(request, error=str(problem))
    return users_page(request, notice=f"New password set for {name}; {revoked} open sessions signed out.")


routes = [
    Route("/users", users, methods=["GET", "POST"]),
    Route("/users/password", reset_password, methods=["POST"]),
]
