"""Human handoff for staff: list waiting conversations, write to one, resume the bot for one.

``python -m bot.handoff list`` and ``python -m bot.handoff resume SENDER_ID``.
Everything goes through Rasa's token-protected HTTP API: ``POST /conversations/{id}/tracker/events``
with ``output_channel=latest&execute_side_effects=true`` appends the events and sends each ``bot``
event to the channel the patient last wrote on (the web widget over Socket.IO, a messaging platform).
Resuming appends a ``resume`` event and marks the handoff request resolved.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

from sqlalchemy import select

from bot.appointments.models import HandoffRequest
from bot.appointments.repository import create_tables, resolve_handoff, session_scope
from bot.settings import VAR_DIR

DEFAULT_RASA_URL = "http://localhost:5005"
# Rasa's Sanic routes do not percent-decode the conversation id, so every character a URL path allows
# stays as it is ("+15551234567", "whatsapp:+1555..."); only the rest is encoded.
PATH_SAFE = ":@!$&'()*+,;=/"
Event = Dict[str, Any]


def rasa_token() -> str:
    """The HTTP API token: RASA_TOKEN, else the one make run wrote to var/rasa_token."""
    token = os.environ.get("RASA_TOKEN", "")
    path = VAR_DIR / "rasa_token"
    if not token and path.exists():
        token = path.read_text(encoding="utf-8").strip()
    return token


@dataclass(frozen=True)
class RasaApi:
    """The parts of Rasa's HTTP API staff use."""

    url: str
    token: str
    timeout: float = 15.0

    @classmethod
    def from_env(cls) -> RasaApi:
        """RASA_URL (default http://localhost:5005) and the token of :func:`rasa_token`."""
        return cls(os.environ.get("RASA_URL", DEFAULT_RASA_URL), rasa_token())

    def post_events(self, sender_id: str, events: List[Event], deliver: bool = False) -> None:
        """Append events to a conversation; with ``deliver``, send its ``bot`` events to the patient's channel."""
        params = {"token": self.token, "include_events": "NONE"}
        if deliver:
            params.update(output_channel="latest", execute_side_effects="true")
        quoted = urllib.parse.quote(sender_id, safe=PATH_SAFE)
        request = urllib.request.Request(  # noqa: S310 - the clinic's own Rasa server
            f"{self.url.rstrip('/')}/conversations/{quoted}/tracker/events?{urllib.parse.urlencode(params)}",
            data=json.dumps(events).encode(), method="POST", headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=self.timeout):  # noqa: S310
            pass


def resume_events(message: Optional[Event] = None) -> List[Event]:
    """Un-pause and clear the handoff slot, after an optional ``bot`` event telling the patient."""
    events = [message] if message else []
    return events + [{"event": "resume"}, {"event": "slot", "name": "handoff_requested", "value": False}]


def open_handoffs(url: Optional[str] = None) -> List[HandoffRequest]:
    """Handoff requests staff have not resolved yet, oldest first."""
    create_tables(url)
    with session_scope(url) as session:
        return list(session.execute(
            select(HandoffRequest).where(HandoffRequest.status == "open").order_by(HandoffRequest.created_at)
        ).scalars())


def resume(sender_id: str, rasa_url: str, token: str, db_url: Optional[str] = None,
           message: Optional[Event] = None, api: Optional[RasaApi] = None) -> int:
    """Un-pause the conversation in Rasa (first sending ``message`` to the patient), then resolve its handoffs."""
    (api or RasaApi(rasa_url, token)).post_events(sender_id, resume_events(message), deliver=message is not None)
    return resolve_handoff(sender_id, db_url)


def main(argv: Optional[List[str]] = None) -> int:
    """Command line for staff."""
    parser = argparse.ArgumentParser(prog="python -m bot.handoff")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="conversations waiting for a person")
    res = sub.add_parser("resume", help="give a conversation back to the bot")
    res.add_argument("sender_id")
    res.add_argument("--rasa-url", default=os.environ.get("RASA_URL", DEFAULT_RASA_URL))
    args = parser.parse_args(argv)
    if args.command == "list":
        for row in open_handoffs():
            print(f"{row.created_at:%Y-%m-%d %H:%M}  {row.channel:10}  {row.sender_id}")
        return 0
    closed = resume(args.sender_id, args.rasa_url, rasa_token())
    print(f"Resumed {args.sender_id}; {closed} handoff request(s) resolved.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
