"""Conversations waiting for staff, and the events a staff member's words become.

Pure functions over handoff rows and Rasa events; the handoffs page sends the events through
Rasa's HTTP API (bot.handoff.RasaApi).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Optional, Sequence

from bot.dialogue.paused import KIND_KEY, LABEL_KEY, STAFF_KEY, since_pause, staff_in_chat

ROLE_LABELS = {"coordinator": "clinic coordinator", "admin": "clinic team"}
MAX_REPLY = 2000
LAST_MESSAGES = 3
HANDBACK_TEXT = ("You're back with the clinic's assistant. Ask me anything about hemifacial spasm, "
                 "or say \"talk to a person\" if you need the clinic team again.")
Event = Dict[str, Any]


@dataclass
class Waiting:
    """One conversation waiting for staff."""

    sender_id: str
    channel: str
    since: datetime
    wait: timedelta
    last_messages: List[str] = field(default_factory=list)
    staff: Optional[str] = None


def _utc(value: datetime) -> datetime:
    """SQLite hands back naive datetimes; they are UTC."""
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def first_name(user: str) -> str:
    """The first part of a staff user name, capitalised ("cora.lee" -> "Cora")."""
    part = re.split(r"[\s._@-]+", user.strip())[0]
    return part[:1].upper() + part[1:] if part else "A staff member"


def staff_label(user: str, role: str) -> str:
    """How the patient sees a staff member: first name and role."""
    return f"{first_name(user)}, {ROLE_LABELS.get(role, 'clinic team')}"


def staff_event(text: str, user: str, label: str, kind: str) -> Event:
    """A ``bot`` event marked as written by (or on behalf of) a staff member."""
    return {"event": "bot", "text": text, "metadata": {STAFF_KEY: user, LABEL_KEY: label, KIND_KEY: kind}}


def joined_text(label: str) -> str:
    """What the patient reads when a staff member joins."""
    return f"{label}, has joined the conversation and will reply here."


def clean_reply(text: str) -> str:
    """A staff reply without surrounding blanks, capped; ValueError when empty."""
    text = text.strip().replace("\r\n", "\n")
    if not text:
        raise ValueError("Type a message first.")
    return text[:MAX_REPLY]


def join_events(events: Sequence[Event], user: str, role: str) -> List[Event]:
    """The "has joined" note, unless this staff member is already the one in the chat."""
    label = staff_label(user, role)
    return [] if staff_in_chat(events) == label else [staff_event(joined_text(label), user, label, "joined")]


def reply_events(events: Sequence[Event], text: str, user: str, role: str) -> List[Event]:
    """The staff message, after a "has joined" note when the patient does not know this staff member yet."""
    message = staff_event(clean_reply(text), user, staff_label(user, role), "message")
    return join_events(events, user, role) + [message]


def handback_event(user: str, role: str) -> Event:
    """The note that the assistant answers again, sent before the conversation resumes."""
    return staff_event(HANDBACK_TEXT, user, staff_label(user, role), "handback")


def fingerprint(text: str) -> str:
    """A short digest of a staff message for the audit log (the words themselves stay in the transcript)."""
    return f"{len(text)} chars, sha256 {hashlib.sha256(text.encode()).hexdigest()[:12]}"


def patient_messages(events: Sequence[Event], limit: int = LAST_MESSAGES) -> List[str]:
    """The patient's last messages since the pause (before it, if none since)."""
    texts = [e.get("text") or "" for e in since_pause(events) if e.get("event") == "user"]
    if not texts:
        texts = [e.get("text") or "" for e in events if e.get("event") == "user"]
    return texts[-limit:]


def waiting(handoffs: Iterable[Any], events_by_sender: Dict[str, List[Event]],
            now: Optional[datetime] = None) -> List[Waiting]:
    """One row per conversation with an open handoff, oldest request first."""
    now = now or datetime.now(timezone.utc)
    rows: Dict[str, Waiting] = {}
    for handoff in sorted(handoffs, key=lambda h: _utc(h.created_at)):
        if handoff.sender_id in rows:
            continue
        events = events_by_sender.get(handoff.sender_id, [])
        since = _utc(handoff.created_at)
        rows[handoff.sender_id] = Waiting(handoff.sender_id, handoff.channel, since, now - since,
                                          patient_messages(events), staff_in_chat(events))
    return list(rows.values())


def wait_text(wait: timedelta) -> str:
    """A wait as people say it: "under a minute", "12 min", "2 h 05 min", "3 d 4 h"."""
    minutes = int(wait.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 24:
        return f"{hours} h {minutes:02d} min"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"
