"""The appointment request queue and its status changes."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.appointments.models import STATUSES
from bot.appointments.repository import list_requests, set_status
from bot.console.auth import allow
from bot.console.conversations import REDACTED, mask
from bot.console.pages.common import audit, db_url, render, sees_personal_data


@allow()
async def appointments(request: Request) -> Response:
    """Requests, optionally of one status; personal fields masked for reviewers."""
    status = request.query_params.get("status", "")
    rows = list_requests(status if status in STATUSES else None, db_url(request))
    full = sees_personal_data(request)
    audit(request, "view_appointments", status, "full" if full else "masked")
    return render(request, "appointments.html", rows=rows, full=full, statuses=STATUSES,
                  status=status, redacted=REDACTED, mask=mask)


@allow("personal_data")
async def appointment_status(request: Request) -> Response:
    """Move one request to another status."""
    reference = request.path_params["reference"]
    status = str((await request.form()).get("status", ""))
    if status not in STATUSES or not set_status(reference, status, db_url(request)):
        return PlainTextResponse("Unknown request or status.", status_code=400)
    audit(request, "appointment_status", reference, status)
    return RedirectResponse("/appointments", 303)


routes = [
    Route("/appointments", appointments),
    Route("/appointments/{reference}/status", appointment_status, methods=["POST"]),
]
