"""Red flags get emergency guidance even in a paused conversation.

Rasa ignores every message of a paused conversation (after a human handoff) except
``/restart``. A patient waiting for staff who then reports stroke signs must still get
emergency guidance, so for a message whose intent is ``red_flag`` (set by the NLU safety
net or the classifier) the emergency action runs once. Policies cannot be used for it:
they do not see the paused part of the conversation. It stays paused afterwards.
"""

from __future__ import annotations

from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

RED_FLAG_INTENT = "red_flag"
EMERGENCY_ACTION = "action_emergency_guidance"
_original = MessageProcessor._should_handle_message


def _should_handle_message(tracker: DialogueStateTracker) -> bool:
    if _original(tracker):
        return True
    latest = tracker.latest_message
    just_said = bool(tracker.events) and isinstance(tracker.events[-1], UserUttered)
    if just_said and latest is not None and latest.intent.get(INTENT_NAME_KEY) == RED_FLAG_INTENT:
        tracker.trigger_followup_action(EMERGENCY_ACTION)
        return True
    return False


def install() -> None:
    """Patch Rasa's processor once (idempotent)."""
    if MessageProcessor._should_handle_message is not _should_handle_message:
        MessageProcessor._should_handle_message = staticmethod(_should_handle_message)
