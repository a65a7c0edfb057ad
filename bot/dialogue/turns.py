"""The turn guard: every patient message gets a reply, and no turn can loop.

Pure functions over the action names run since the patient's last message, so that
the rule is testable without Rasa. A turn ends (``action_listen``) when the next
action would repeat one already run in this turn, when the turn already ran
``MAX_ACTIONS`` actions, or when the core fallback would follow an action that
already answered. A turn that would end before anything answered gets the
fallback instead, so no message is met with silence.
"""

from __future__ import annotations

from typing import Optional, Sequence

LISTEN = "action_listen"
MAX_ACTIONS = 4
# Actions Rasa runs on its own around a user message; they send nothing.
SILENT_ACTIONS = frozenset({"action_extract_slots", "action_session_start", "action_deactivate_loop"})


def answered(ran: Sequence[str]) -> bool:
    """Whether any action that can reply has run in this turn."""
    return any(name not in SILENT_ACTIONS for name in ran)


def guard(predicted: str, ran: Sequence[str], fallback: str) -> Optional[str]:
    """The action to run instead of ``predicted``, or None to keep the prediction.

    ``ran`` lists the actions run since the patient's last message, oldest first.
    """
    if predicted == LISTEN:
        return None if answered(ran) else fallback
    if predicted in ran or len(ran) >= MAX_ACTIONS:
        return LISTEN
    if predicted == fallback and answered(ran):
        return LISTEN
    return None
