"""A paused conversation (waiting for staff) still answers: red flags first, else a short note.

Rasa ignores every message of a paused conversation (after a human handoff) except
``/restart``, so a patient waiting for staff hears nothing, even when reporting stroke
signs. Here, for a paused conversation:
- a message whose intent is ``red_flag`` (NLU safety net or classifier) runs the
  emergency action;
- any other message runs ``action_paused_reply``: staff have been told, and the
  clinic's phone number; that action stays quiet when staff replied recently.
Policies cannot do it: they do not see the paused part of the conversation. The
conversation stays paused afterwards.
"""

from __future__ import annotations

from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

RED_FLAG_INTENT = "red_flag"
EMERGENCY_ACTION = "action_emergency_guidance"
PAUSED_REPLY_ACTION = "action_paused_reply"
_original = MessageProcessor._should_handle_message


def _should_handle_message(tracker: DialogueStateTracker) -> bool:
    if _original(tracker):
        return True
    latest = tracker.latest_message
    just_said = bool(tracker.events) and isinstance(tracker.events[-1], UserUttered)
    if not just_said or latest is None:
        return False
    red_flag = latest.intent.get(INTENT_NAME_KEY) == RED_FLAG_INTENT
    tracker.trigger_followup_action(EMERGENCY_ACTION if red_flag else PAUSED_REPLY_ACTION)
    return True


def install() -> None:
    """Patch Rasa's processor once (idempotent)."""
    if MessageProcessor._should_handle_message is not _should_handle_message:
        MessageProcessor._should_handle_message = staticmethod(_should_handle_message)
