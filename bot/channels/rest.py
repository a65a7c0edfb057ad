"""Rasa's REST channel with request validation, input cleaning (see bot.channels.guard) and
rate limits (see bot.channels.ratelimit): a refused message gets 429 before Rasa sees it."""

from __future__ import annotations

import inspect
import logging
import re
from typing import Any, Awaitable, Callable, Optional, Union

import rasa.utils.endpoints
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage
from sanic.request import Request
from sanic.response import HTTPResponse, ResponseStream

from bot.channels.guard import sanitize_message
from bot.channels.ratelimit import SLOW_DOWN, Verdict, gated, shared_limiter

logger = logging.getLogger(__name__)
OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

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

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """``GET /`` and ``POST /webhook``: validated, rate limited, then Rasa's handling."""
        module = inspect.getmodule(self)
        blueprint = Blueprint(f"custom_webhook_{type(self).__name__}", module.__name__ if module else None)
        limiter = shared_limiter()
        in_line = gated(on_new_message, limiter)

        @blueprint.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @blueprint.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Union[HTTPResponse, ResponseStream]:
            problem = request_problem(request)
            if problem:
                return response.json({"error": problem}, status=400)
            sender = await self._extract_sender(request)
            verdict = limiter.check(sender, client_address(request))
            if not verdict.allowed:
                logger.debug("REST message of %s refused: %s limit", sender, verdict.reason)
                return too_many(sender, verdict)
            return await self._answer(request, sender, in_line)

        return blueprint

    async def _answer(self, request: Request, sender: str,
                      on_new_message: OnNewMessage) -> Union[HTTPResponse, ResponseStream]:
        """Hand the message to Rasa; reply with everything the bot said (or stream it)."""
        text, metadata = self._extract_message(request), self.get_metadata(request)
        channel = self._extract_input_channel(request)
        if rasa.utils.endpoints.bool_arg(request, "stream", default=False):
            return response.stream(self.stream_response(on_new_message, text, sender, channel, metadata),
                                   content_type="text/event-stream")
        collector = CollectingOutputChannel()
        try:
            await on_new_message(UserMessage(text, collector, sender, input_channel=channel, metadata=metadata))
        except Exception:  # noqa: BLE001 - the patient still gets what was said so far, as with Rasa's channel
            logger.exception("REST message of %s failed", sender)
        return response.json(collector.messages)


def client_address(request: Request) -> str:
    """The peer address; forwarded headers count only if Sanic is configured to trust them."""
    return request.remote_addr or request.ip or "unknown"


def too_many(sender: str, verdict: Verdict) -> HTTPResponse:
    """429 with one polite bot message and Retry-After."""
    return response.json([{"recipient_id": sender, "text": SLOW_DOWN}], status=429,
                         headers={"Retry-After": verdict.retry_after_header})
