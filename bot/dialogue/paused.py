"""What a patient hears while the conversation waits for a person, and who from the staff is in it.

Staff messages are ``bot`` events whose metadata names the staff member (``staff``) and how the
patient sees them (``staff_label``, e.g. "Cora, clinic coordinator"); the console writes them.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence

from bot.settings import get_settings

STAFF_KEY = "staff"  # the staff user's name
LABEL_KEY = "staff_label"  # what the patient sees: first name and role
KIND_KEY = "staff_event"  # joined, message or handback
PAUSED_REPLY_ACTION = "action_paused_reply"
Event = Dict[str, Any]


def since_pause(events: Sequence[Event]) -> List[Event]:
    """The events after the latest ``pause`` (all of them if there is none)."""
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "pause":
            return list(events[index + 1:])
    return list(events)


def staff_meta(event: Event) -> Dict[str, Any]:
    """The staff metadata of a ``bot`` event ({} for the assistant's own messages)."""
    meta = event.get("metadata") or {}
    return meta if event.get("event") == "bot" and meta.get(STAFF_KEY) else {}


def staff_in_chat(events: Sequence[Event]) -> Optional[str]:
    """How the patient knows the staff member who joined since the latest pause, if one did."""
    for event in reversed(since_pause(events)):
        meta = staff_meta(event)
        if meta:
            return None if meta.get(KIND_KEY) == "handback" else str(meta.get(LABEL_KEY) or meta[STAFF_KEY])
    return None


def paused_reply(events: Sequence[Event] = ()) -> str:
    """The note for a patient message while paused: full the first time, then shorter and varied.

    No two notes in a row are the same wording; with a staff member in the chat it says who has the message.
    """
    settings = get_settings()
    earlier = sum(1 for e in since_pause(events) if e.get("event") == "action" and e.get("name") == PAUSED_REPLY_ACTION)
    staff = staff_in_chat(events)
    if staff:
        return (f"{staff} can see your message and will answer here.", f"Your message is with {staff}.")[earlier % 2]
    if earlier == 0:
        return ("Thanks, your message is here for the clinic team, who have been told you're waiting. "
                f"Someone will reply during opening hours ({settings.clinic_hours}). "
                f"If you can't wait, call the clinic at {settings.clinic_phone}.")
    return (f"Yes, the clinic team has your messages and will reply in this chat. "
            f"If it's urgent, call the clinic at {settings.clinic_phone}.",
            f"Your message has been added for the clinic team; they will answer here. "
            f"For anything urgent, call {settings.clinic_phone}.")[(earlier - 1) % 2]
