"""Send the action server a conversation's recent events, not all of them.

Rasa serialises every event of the tracker into each action-server call, so a call's cost
grows with the conversation (turn 200 costs far more than turn 1). The actions read only
the current and previous turns (the form's new slots, the last bot message, the previous
action) and, while a conversation is paused, the events since the pause. This sends the
events of the last ``RECENT_TURNS`` patient turns, and everything since the latest pause
while paused; slots, the latest message, the active loop and the rest of the tracker
state are sent as before.
"""

from __future__ import annotations

from itertools import islice
from typing import Any, Dict, List, Sequence

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ConversationPaused, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

RECENT_TURNS = 10


def recent_events(events: Sequence[Event], paused: bool = False) -> List[Event]:
    """The events of the last RECENT_TURNS patient turns; while paused, at least those since the pause."""
    start, users, pause_seen = 0, 0, not paused
    for index in range(len(events) - 1, -1, -1):
        event = events[index]
        pause_seen = pause_seen or isinstance(event, ConversationPaused)
        users += isinstance(event, UserUttered)
        if users >= RECENT_TURNS and pause_seen:
            start = index
            break
    return list(islice(events, start, None))


def _action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> Dict[str, Any]:
    """Rasa's request body for the action server, with the recent events only."""
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in recent_events(tracker.events, tracker.is_paused())]
    result: Dict[str, Any] = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
                              "version": rasa.__version__}
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
        result["domain"] = domain.as_dict()
    return result


def install() -> None:
    """Patch RemoteAction._action_call_format once."""
    if RemoteAction._action_call_format is not _action_call_format:
        RemoteAction._action_call_format = _action_call_format
