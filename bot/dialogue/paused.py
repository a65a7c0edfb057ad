"""What a patient hears while the conversation waits for a person."""

from __future__ import annotations

import time
from typing import Any, Dict, Iterable, Optional

from bot.settings import get_settings

STAFF_QUIET_SECONDS = 600  # a staff reply this recent means the staff member is in the chat


def staff_replied_recently(events: Iterable[Dict[str, Any]], now: Optional[float] = None,
                           window: float = STAFF_QUIET_SECONDS) -> bool:
    """Whether a staff member wrote in the conversation within ``window`` seconds."""
    now = time.time() if now is None else now
    for event in events:
        if event.get("event") == "bot" and (event.get("metadata") or {}).get("staff"):
            if now - float(event.get("timestamp") or 0) <= window:
                return True
    return False


def paused_reply() -> str:
    """The short note for each message while the clinic team has been asked to reply."""
    settings = get_settings()
    return ("Thanks, your message is here for the clinic team, who have been told you're waiting. "
            f"Someone will reply during opening hours ({settings.clinic_hours}). "
            f"If you can't wait, call the clinic at {settings.clinic_phone}.")
