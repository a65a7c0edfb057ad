"""A patient message always starts a new turn, even in a conversation left mid-turn.

Rasa appends a user message to the tracker as it is. If the previous turn never ended
with ``action_listen`` (a circuit-breaker trip, a crash, a paused conversation), the
rules see a user message that follows a bot action and match nothing, and Rasa's
circuit breaker counts the new turn's actions on top of the old turn's, so it trips
at once: the conversation is silent for ever, red flags included. Here the missing
``action_listen`` is logged before the message, which repairs such conversations on
their next message.
"""

from __future__ import annotations

from typing import Any

from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

_original = MessageProcessor._handle_message_with_tracker


def needs_listen(tracker: DialogueStateTracker) -> bool:
    """Whether the tracker's last action left the turn open."""
    latest = tracker.latest_action_name
    return latest is not None and latest != ACTION_LISTEN_NAME


async def _handle_message_with_tracker(self: MessageProcessor, message: Any,
                                       tracker: DialogueStateTracker) -> None:
    if needs_listen(tracker):
        tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
    await _original(self, message, tracker)


def install() -> None:
    """Patch Rasa's processor once (idempotent)."""
    if MessageProcessor._handle_message_with_tracker is not _handle_message_with_tracker:
        MessageProcessor._handle_message_with_tracker = _handle_message_with_tracker
