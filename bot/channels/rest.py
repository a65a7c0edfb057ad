"""Rasa's REST channel with request validation and input cleaning (see bot.channels.guard)."""

from __future__ import annotations

import re
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.guard import sanitize_message

MAX_SENDER_CHARS = 128
# Letters, digits and a few separators: no NUL bytes, spaces or markup in conversation ids.
SENDER_ID = re.compile(r"[A-Za-z0-9_.:@+=-]+")


def request_problem(request: Request) -> Optional[str]:
    """Why a webhook POST is unusable, or None if it is fine."""
    try:
        body = request.json
    except InvalidUsage:
        return "The body must be JSON."
    if not isinstance(body, dict):
        return "The body must be a JSON object with 'sender' and 'message'."
    sender = body.get("sender")
    if not isinstance(sender, (str, int)) or not str(sender).strip():
        return "'sender' is required: a string that identifies the conversation."
    if len(str(sender).strip()) > MAX_SENDER_CHARS:
        return f"'sender' must be at most {MAX_SENDER_CHARS} characters."
    if not SENDER_ID.fullmatch(str(sender).strip()):
        return "'sender' may only contain letters, digits and . _ - : @ + ="
    if "metadata" in body and body["metadata"] is not None and not isinstance(body["metadata"], dict):
        return "'metadata' must be a JSON object."
    return None


class GuardedRestInput(RestInput):
    """REST input: malformed requests get 400; messages are cleaned; empty input gets a reply."""

    @classmethod
    def name(cls) -> str:
        """Keep the URL /webhooks/rest/webhook."""
        return "rest"

    def _extract_message(self, req: Request) -> Optional[str]:
        return sanitize_message(req.json.get("message"))

    async def _extract_sender(self, req: Request) -> Optional[str]:
        return str(req.json.get("sender")).strip()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """Rasa's REST blueprint behind request validation."""
        blueprint = super().blueprint(on_new_message)

        @blueprint.middleware("request")
        async def validate(request: Request) -> Optional[HTTPResponse]:
            if request.method == "POST":
                problem = request_problem(request)
                if problem:
                    return response.json({"error": problem}, status=400)
            return None

        return blueprint
