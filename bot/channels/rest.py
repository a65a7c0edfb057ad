"""Rasa's REST channel with input cleaning (see bot.channels.guard)."""

from __future__ import annotations

from typing import Optional

from rasa.core.channels.rest import RestInput
from sanic.request import Request

from bot.channels.guard import sanitize_message


class GuardedRestInput(RestInput):
    """REST input whose messages are cleaned and bounded; empty input gets a clear reply."""

    @classmethod
    def name(cls) -> str:
        """Keep the URL /webhooks/rest/webhook."""
        return "rest"

    def _extract_message(self, req: Request) -> Optional[str]:
        body = req.json if isinstance(req.json, dict) else {}
        return sanitize_message(body.get("message"))
