"""Copy a tracker without replaying its events (issue #14: flat per-turn cost).

Before running each action Rasa copies the tracker (``MessageProcessor._run_action``), and its
``copy`` replays every event of the conversation into a new tracker, so the copy costs more with
every turn. A tracker's state is, by Rasa's own rule, what replaying its events gives; this copy
takes that state directly: the same events in a new deque, each slot copied (a later ``SlotSet``
on the copy never reaches the original), the active loop copied, the other fields shared (they
are replaced, never changed in place, when events apply). ``tests/unit/test_tracker_copy.py``
compares it with Rasa's replaying copy over random histories with forms, reverts and restarts,
before and after more events reach the copy.
"""

from __future__ import annotations

import copy

from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.applied import CACHE_ATTRIBUTE

_replaying_copy = DialogueStateTracker.copy


def quick_copy(self: DialogueStateTracker) -> DialogueStateTracker:
    """A duplicate of the tracker, in its current state, built without replaying events."""
    duplicate = copy.copy(self)
    duplicate.__dict__.pop(CACHE_ATTRIBUTE, None)  # the copy reads its own applied events
    duplicate.events = self._create_events(list(self.events))
    slots = copy.copy(self.slots)  # the same mapping type (AnySlotDict stays one)
    for name, slot in self.slots.items():
        slots[name] = copy.copy(slot)
    duplicate.slots = slots
    duplicate.active_loop = copy.copy(self.active_loop)
    return duplicate


def install() -> None:
    """Patch DialogueStateTracker.copy once."""
    if DialogueStateTracker.copy is not quick_copy:
        DialogueStateTracker.copy = quick_copy
