"""Waiting for staff: paused conversations, a transcript with a reply box, join and hand back.

Every message reaches the patient through Rasa's HTTP API on the channel they last used
(bot.handoff.RasaApi, ``app.state.rasa``); each is audited and stays in the transcript marked as staff.
Reading needs the ``staff`` scope; writing to a patient needs ``personal_data`` (coordinators, admins).
"""

from __future__ import annotations

import logging
from typing import Any, Callable, List, Optional
from urllib.error import URLError
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from bot.appointments.repository import resolve_handoff
from bot.console import handoffs
from bot.console.auth import allow
from bot.console.conversations import load_events, mask, personal_values, transcript
from bot.console.pages.common import audit, db_url, render, sees_personal_data
from bot.dialogue.paused import KIND_KEY, staff_in_chat
from bot.handoff import PATH_SAFE, open_handoffs, resume_events

logger = logging.getLogger(__name__)
NOT_SENT = "The assistant server could not be reached; nothing was sent. Try again in a moment."
NO_PUSH = ("rest", "unknown")  # channels that only answer requests: staff messages are stored, not pushed


def channel_waiting(request: Request, sender: str) -> Optional[str]:
    """The channel of the conversation's open handoff, None when it has none."""
    return next((h.channel for h in open_handoffs(db_url(request)) if h.sender_id == sender), None)


@allow()
async def waiting_list(request: Request) -> Response:
    """Paused conversations, oldest first, with wait, channel and the patient's last messages."""
    url = db_url(request)
    rows = open_handoffs(url)
    events = load_events(url, senders=[r.sender_id for r in rows]) if rows else {}
    items = handoffs.waiting(rows, events)
    if not sees_personal_data(request):
        for item in items:
            secrets = personal_values(events.get(item.sender_id, []))
            item.last_messages = [mask(text, secrets) for text in item.last_messages]
    audit(request, "view_handoffs", detail=f"{len(items)} waiting")
    return render(request, "handoffs.html", items=items, wait_text=handoffs.wait_text)


def detail(request: Request, sender: str, error: str = "", status_code: int = 200) -> Response:
    """One waiting conversation: its transcript and, for coordinators and admins, the reply box."""
    events = load_events(db_url(request), sender).get(sender)
    if not events:
        return PlainTextResponse("No such conversation.", status_code=404)
    masked, channel = not sees_personal_data(request), channel_waiting(request, sender)
    return render(request, "handoff.html", status_code=status_code, sender=sender, masked=masked,
                  rows=transcript(events, masked), waiting=channel is not None, no_push=channel in NO_PUSH,
                  staff=staff_in_chat(events), me=handoffs.staff_label(request.user.name, request.user.role),
                  can_reply=sees_personal_data(request), error=error)


@allow()
async def conversation(request: Request) -> Response:
    """The transcript of a waiting (or handed back) conversation."""
    sender = request.path_params["sender"]
    audit(request, "view_handoff", sender, "full" if sees_personal_data(request) else "masked")
    return detail(request, sender)


@allow()
async def rows(request: Request) -> Response:
    """Only the transcript rows, for the open page to refresh itself (audited once, when the page opened)."""
    sender = request.path_params["sender"]
    events = load_events(db_url(request), sender).get(sender)
    if not events:
        return PlainTextResponse("No such conversation.", status_code=404)
    return render(request, "_transcript.html", rows=transcript(events, not sees_personal_data(request)))


async def send(request: Request, sender: str, action: str, build: Callable[[List[dict]], List[dict]],
               finish: Callable[[], Any] = lambda: None) -> Response:
    """Build events from the conversation, post them to Rasa for delivery, audit; back to the conversation."""
    if channel_waiting(request, sender) is None:
        return detail(request, sender, "This conversation is no longer waiting for staff.", 409)
    events = load_events(db_url(request), sender).get(sender, [])
    try:
        new = build(events)
    except ValueError as problem:
        return detail(request, sender, str(problem), 400)
    if new:
        try:
            await run_in_threadpool(request.app.state.rasa.post_events, sender, new, True)
        except (URLError, OSError) as problem:
            logger.warning("Staff %s for a conversation not delivered: %s", action, type(problem).__name__)
            audit(request, f"{action}_failed", sender, type(problem).__name__)
            return detail(request, sender, NOT_SENT, 502)
    for event in new:
        if event.get("event") == "bot":
            kind = event["metadata"][KIND_KEY]
            audit(request, f"handoff_{kind}", sender, handoffs.fingerprint(event["text"]))
    await run_in_threadpool(finish)
    return RedirectResponse(f"/handoffs/{quote(sender, safe=PATH_SAFE)}", 303)


@allow("personal_data")
async def reply(request: Request) -> Response:
    """Send the staff member's message (joining first if needed)."""
    sender, text = request.path_params["sender"], str((await request.form()).get("message", ""))
    user, role = request.user.name, request.user.role
    return await send(request, sender, "handoff_reply", lambda events: handoffs.reply_events(events, text, user, role))


@allow("personal_data")
async def join(request: Request) -> Response:
    """Tell the patient who has joined."""
    sender, user, role = request.path_params["sender"], request.user.name, request.user.role
    return await send(request, sender, "handoff_join", lambda events: handoffs.join_events(events, user, role))


@allow("personal_data")
async def hand_back(request: Request) -> Response:
    """Tell the patient, resume the assistant and resolve the handoff."""
    sender, url = request.path_params["sender"], db_url(request)
    message = handoffs.handback_event(request.user.name, request.user.role)
    response = await send(request, sender, "handoff_handback", lambda _: resume_events(message),
                          lambda: resolve_handoff(sender, url))
    if response.status_code == 303:
        audit(request, "handoff_resumed", sender)
        return RedirectResponse("/handoffs", 303)
    return response


routes = [
    Route("/handoffs", waiting_list),
    Route("/handoffs/{sender:path}/reply", reply, methods=["POST"]),
    Route("/handoffs/{sender:path}/join", join, methods=["POST"]),
    Route("/handoffs/{sender:path}/handback", hand_back, methods=["POST"]),
    Route("/handoffs/{sender:path}/rows", rows),
    Route("/handoffs/{sender:path}", conversation),
]
