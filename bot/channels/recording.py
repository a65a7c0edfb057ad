"""Offline stand-ins for the platforms' outbound APIs.

With ``HFS_OUTBOUND_RECORD=/path/file.jsonl`` set, the messaging channels write what they
would send (in the platform's own shape) to that file instead of calling Telegram, Slack,
Facebook or Twilio. The inbound parsing is untouched. Used by the channel tests, which
have no network; never set it in production.
"""

from __future__ import annotations

import json
import os
import threading
from types import SimpleNamespace
from typing import Any, Dict, Optional

_lock = threading.Lock()


def record_path() -> Optional[str]:
    """Where outbound messages are recorded, if recording is on."""
    return os.environ.get("HFS_OUTBOUND_RECORD") or None


def record(channel: str, recipient: Any, payload: Dict[str, Any]) -> None:
    """Append one outbound message."""
    path = record_path()
    if not path:
        raise RuntimeError("outbound recording is off")
    line = json.dumps({"channel": channel, "recipient": str(recipient), "payload": payload}, default=str)
    with _lock, open(path, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


class RecordingSlackClient:
    """Replaces slack_sdk's AsyncWebClient."""

    async def chat_postMessage(self, **kwargs: Any) -> Dict[str, Any]:  # noqa: N802 - Slack's name
        """Record a Slack message (text and blocks)."""
        record("slack", kwargs.get("channel"), {k: v for k, v in kwargs.items() if k != "channel"})
        return {"ok": True}


class RecordingMessengerClient:
    """Replaces fbmessenger's MessengerClient."""

    def send(self, payload: Dict[str, Any], recipient_id: str, messaging_type: str = "RESPONSE",
             notification_type: str = "REGULAR", **_: Any) -> Dict[str, Any]:
        """Record a Messenger Send API call."""
        record("facebook", recipient_id, payload)
        return {"recipient_id": recipient_id}

    def send_action(self, sender_action: Any, recipient_id: str) -> None:
        """Typing indicators are not recorded."""


def telegram_me(username: str) -> SimpleNamespace:
    """What Telegram's getMe would answer for the configured bot."""
    return SimpleNamespace(username=username)
