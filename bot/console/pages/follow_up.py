"""Needs follow-up: red-flag conversations and unanswered handoffs, dead notifications, the live badge.

Any staff member may mark a follow-up handled; retrying a notification re-sends a request's
personal data to the webhook, so it needs the ``personal_data`` scope. Both are audited.
"""

from __future__ import annotations

from dataclasses import asdict

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.appointments import notifications
from bot.appointments.follow_up import badge_counts, dead_deliveries, mark_handled, needs_follow_up
from bot.console.auth import allow
from bot.console.pages.common import audit, db_url, render

KIND_LABELS = {"red_flag": "Red flag", "handoff": "Asked for a person", "appointment_request": "Appointment request"}


def _id(request: Request) -> int:
    return int(request.path_params["item"])


@allow()
async def follow_up_list(request: Request) -> Response:
    """Open red flags and handoffs, oldest first."""
    items = needs_follow_up(db_url(request))
    audit(request, "view_follow_up", detail=f"{len(items)} open")
    return render(request, "follow_up.html", items=items, labels=KIND_LABELS,
                  handled=request.query_params.get("handled", ""))


@allow()
async def handled(request: Request) -> Response:
    """Take one follow-up off the list."""
    item = _id(request)
    if not mark_handled(item, request.user.name, url=db_url(request)):
        return PlainTextResponse("Unknown or already handled.", status_code=400)
    audit(request, "follow_up_handled", str(item))
    return RedirectResponse(f"/follow-up?handled={item}", 303)


@allow()
async def deliveries(request: Request) -> Response:
    """Staff notifications that gave up after every retry."""
    items = dead_deliveries(db_url(request))
    audit(request, "view_dead_deliveries", detail=f"{len(items)} dead")
    return render(request, "follow_up_deliveries.html", items=items, labels=KIND_LABELS,
                  can_retry="personal_data" in request.auth.scopes,
                  retried=request.query_params.get("retried", ""))


@allow("personal_data")
async def retry(request: Request) -> Response:
    """Queue a dead notification again; the worker sends it on its next pass."""
    item = _id(request)
    if not notifications.retry(item, url=db_url(request)):
        return PlainTextResponse("Unknown delivery, or not dead.", status_code=400)
    audit(request, "delivery_retry", str(item))
    return RedirectResponse(f"/follow-up/deliveries?retried={item}", 303)


@allow()
async def badge(request: Request) -> Response:
    """Counts for the navigation badge (polled by static/follow_up_badge.js)."""
    counts = badge_counts(db_url(request))
    return JSONResponse(dict(asdict(counts), follow_up=counts.follow_up))


routes = [
    Route("/follow-up", follow_up_list),
    Route("/follow-up/deliveries", deliveries),
    Route("/follow-up/deliveries/{item:int}/retry", retry, methods=["POST"]),
    Route("/follow-up/{item:int}/handled", handled, methods=["POST"]),
    Route("/badge.json", badge),
]
