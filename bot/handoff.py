"""Human handoff for staff: list waiting conversations and resume the bot for one.

``python -m bot.handoff list`` and ``python -m bot.handoff resume SENDER_ID``.
Resuming posts a ``resume`` event to the Rasa HTTP API (token protected) and marks
the handoff request resolved.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.parse
import urllib.request
from typing import List, Optional

from sqlalchemy import select

from bot.appointments.models import HandoffRequest
from bot.appointments.repository import create_tables, resolve_handoff, session_scope
from bot.settings import VAR_DIR


def rasa_token() -> str:
    """The HTTP API token: RASA_TOKEN, else the one make run wrote to var/rasa_token."""
    token = os.environ.get("RASA_TOKEN", "")
    path = VAR_DIR / "rasa_token"
    if not token and path.exists():
        token = path.read_text(encoding="utf-8").strip()
    return token


def open_handoffs(url: Optional[str] = None) -> List[HandoffRequest]:
    """Handoff requests staff have not resolved yet, oldest first."""
    create_tables(url)
    with session_scope(url) as session:
        return list(session.execute(
            select(HandoffRequest).where(HandoffRequest.status == "open").order_by(HandoffRequest.created_at)
        ).scalars())


def resume(sender_id: str, rasa_url: str, token: str, db_url: Optional[str] = None) -> int:
    """Un-pause the conversation in Rasa, then resolve its handoff requests."""
    quoted = urllib.parse.quote(sender_id, safe="")
    query = urllib.parse.urlencode({"token": token, "include_events": "NONE"})
    body = json.dumps([{"event": "resume"},
                       {"event": "slot", "name": "handoff_requested", "value": False}]).encode()
    request = urllib.request.Request(  # noqa: S310 - the clinic's own Rasa server
        f"{rasa_url.rstrip('/')}/conversations/{quoted}/tracker/events?{query}",
        data=body, method="POST", headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=15):  # noqa: S310
        pass
    return resolve_handoff(sender_id, db_url)


def main(argv: Optional[List[str]] = None) -> int:
    """Command line for staff."""
    parser = argparse.ArgumentParser(prog="python -m bot.handoff")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="conversations waiting for a person")
    res = sub.add_parser("resume", help="give a conversation back to the bot")
    res.add_argument("sender_id")
    res.add_argument("--rasa-url", default=os.environ.get("RASA_URL", "http://localhost:5005"))
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
