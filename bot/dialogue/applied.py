"""A tracker's applied events, read incrementally as the same tracker grows (issue #14).

Rasa's ``DialogueStateTracker.applied_events`` walks every event of the conversation, and a
message asks for it several times (session expiry, rule states), so the cost grows with every
turn. When the same tracker has only grown by events that simply apply (no revert, restart,
new session, new loop or loop rewind, which may change earlier applied events), the applied
events are the earlier ones plus the new ones; otherwise Rasa's own walk runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from typing import Callable, List, Optional, Sequence, Set

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
)
from rasa.shared.core.trackers import DialogueStateTracker

_UNDOING = (Restarted, SessionStarted, ActionReverted, UserUtteranceReverted)
CACHE_ATTRIBUTE = "_hfs_applied"


def rewrites(event: Event, loops: Set[str]) -> bool:
    """An event after which earlier applied events may change (Rasa's ``applied_events`` rules)."""
    new_loop = isinstance(event, ActiveLoop) and bool(event.name) and event.name not in loops
    return isinstance(event, _UNDOING) or new_loop or (isinstance(event, ActionExecuted) and event.action_name in loops)


def loop_names(events: Sequence[Event]) -> Set[str]:
    """The loop names the events activate."""
    return {e.name for e in events if isinstance(e, ActiveLoop) and e.name}


@dataclass
class ReadSoFar:
    """How far a tracker's raw events were read, and the loops among them."""

    seen: int = 0
    last_seen: Optional[Event] = None
    loops: Set[str] = field(default_factory=set)

    def appended(self, events: Sequence[Event]) -> Optional[List[Event]]:
        """The raw events added since, if all of them simply apply; None to read from the start."""
        if not self.seen or self.seen > len(events) or events[self.seen - 1] is not self.last_seen:
            return None
        new = list(islice(events, self.seen, None))
        return None if any(rewrites(event, self.loops) for event in new) else new

    def mark(self, events: Sequence[Event], new: Sequence[Event], from_start: bool) -> None:
        """Remember that ``events`` were read (``new`` of them just now)."""
        self.loops = loop_names(events) if from_start else self.loops | loop_names(new)
        self.seen, self.last_seen = len(events), events[-1] if events else None


@dataclass
class _Cached:
    read_so_far: ReadSoFar
    applied: List[Event]


def incremental_applied_events(rasas: Callable[[DialogueStateTracker], List[Event]]) -> Callable:
    """``applied_events`` that extends the tracker's last result when it can, else calls ``rasas``."""

    def applied_events(tracker: DialogueStateTracker) -> List[Event]:
        events = tracker.events
        cached: Optional[_Cached] = tracker.__dict__.get(CACHE_ATTRIBUTE)
        new = cached.read_so_far.appended(events) if cached else None
        if cached is None or new is None:
            cached = _Cached(ReadSoFar(), rasas(tracker))
            cached.read_so_far.mark(events, (), from_start=True)
        else:
            cached.applied.extend(new)
            cached.read_so_far.mark(events, new, from_start=False)
        tracker.__dict__[CACHE_ATTRIBUTE] = cached
        return list(cached.applied)

    return applied_events
