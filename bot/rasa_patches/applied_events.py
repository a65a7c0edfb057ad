"""A tracker's applied events are read incrementally as the tracker grows (``bot.dialogue.applied``).

Rasa asks for them several times per message (session expiry twice, the rule states), each a walk
over every event of the conversation.
"""

from __future__ import annotations

from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.applied import incremental_applied_events

_rasas = DialogueStateTracker.applied_events
_incremental = incremental_applied_events(_rasas)


def install() -> None:
    """Patch DialogueStateTracker.applied_events once."""
    if DialogueStateTracker.applied_events is not _incremental:
        DialogueStateTracker.applied_events = _incremental
