"""Never silence when the action server is down.

Rasa logs a failed custom action and carries on, so the patient gets no reply. Here a
failed call to the action server returns a bot message saying we are having trouble and
how to reach the clinic. For a form's validation action the answer just given is cleared,
so the form asks for it again instead of keeping an unvalidated value.
"""

from __future__ import annotations

import logging
from typing import Any, List

import aiohttp
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.events import BotUttered, Event, SlotSet

from bot.settings import get_settings

logger = logging.getLogger(__name__)
_original_run = RemoteAction.run


def trouble_text() -> str:
    """What the patient is told while the action server is unreachable."""
    settings = get_settings()
    return (
        "Sorry, I'm having trouble right now. Please try again in a moment, or call the clinic at "
        f"{settings.clinic_phone}. In an emergency, call {settings.emergency_number}."
    )


async def _run(self: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any) -> List[Event]:
    for attempt in (1, 2):
        try:
            return await _original_run(self, output_channel, nlg, tracker, domain)
        except ActionExecutionRejection:
            raise
        except Exception as error:  # noqa: BLE001 - connection refused, timeout, 5xx from the action server
            if attempt == 1 and _stale_connection(error):
                continue  # a kept-alive connection closed by a restarted action server: try once more
            break
    logger.error("Action server call failed for %s", self.name())
    events: List[Event] = [BotUttered(text=trouble_text())]
    requested = tracker.get_slot("requested_slot")
    if self.name().startswith("validate_") and requested:
        events.insert(0, SlotSet(requested, None))
    return events


def _stale_connection(error: BaseException) -> bool:
    """Whether the failure was a reused connection the server had closed."""
    seen = error
    while seen is not None:
        if isinstance(seen, (aiohttp.ServerDisconnectedError, aiohttp.ClientOSError)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def install() -> None:
    """Patch RemoteAction.run once."""
    if RemoteAction.run is not _run:
        RemoteAction.run = _run
