"""Rule-policy states without replaying the whole session on every turn (issue #14).

Rasa's ``RulePolicy`` asks the tracker for the state before every earlier action
(``tracker.past_states``), which replays all of the session's events two or three times a
turn: turn 200 costs several times turn 1. The states of a history prefix never change, so
this memo keeps, per conversation, the events already replayed, the replayed tracker and their
states, and replays only what is new. Before reusing anything it checks that the applied
events still begin with the remembered ones (a revert, a restart or a form rewinding its own
turns changes them); otherwise it starts again. The result equals ``tracker.past_states``
(``tests/unit/test_rule_states.py`` compares them over random histories).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

from rasa.shared.core.domain import Domain, State
from rasa.shared.core.events import ActionExecuted, Event
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.applied import ReadSoFar

MAX_CONVERSATIONS = 500  # conversations remembered per process (least recently used go first)


@dataclass
class _Replay:
    domain: Domain
    omit_unset_slots: bool
    tracker: DialogueStateTracker
    applied: List[Event] = field(default_factory=list)
    states: List[State] = field(default_factory=list)  # the state before each applied action
    read_so_far: ReadSoFar = field(default_factory=ReadSoFar)  # how far the conversation's raw events were read


def _state(domain: Domain, tracker: DialogueStateTracker, omit_unset_slots: bool) -> State:
    """One state, exactly as ``Domain.states_for_tracker_history`` makes it for rule policies."""
    return domain._clean_state(domain.get_active_state(tracker, omit_unset_slots=omit_unset_slots))


def _continues(remembered: List[Event], applied: List[Event]) -> bool:
    return len(applied) >= len(remembered) and all(
        old is new or old == new for old, new in zip(remembered, applied, strict=False))


class StatesMemo:
    """``past_states`` for rule prediction, replaying only the events added since the last turn."""

    def __init__(self, size: int = MAX_CONVERSATIONS) -> None:
        self.size = size
        self._replays: OrderedDict[str, _Replay] = OrderedDict()

    def past_states(self, tracker: DialogueStateTracker, domain: Domain,
                    omit_unset_slots: bool = False) -> List[State]:
        """The states before each action of the tracker's applied events, then its current state."""
        replay = self._replays.pop(tracker.sender_id, None)
        if replay is not None and (replay.domain is not domain or replay.omit_unset_slots != omit_unset_slots):
            replay = None
        events = tracker.events
        new = replay.read_so_far.appended(events) if replay else None  # the same tracker, grown by plain events
        if new is None:
            applied = tracker.applied_events()
            if replay is None or not _continues(replay.applied, applied):
                replay = _Replay(domain, omit_unset_slots, tracker.init_copy())
            new = applied[len(replay.applied):]
            replay.read_so_far.mark(events, new, from_start=True)
        else:
            replay.read_so_far.mark(events, new, from_start=False)
        for event in new:
            if isinstance(event, ActionExecuted):
                replay.states.append(_state(domain, replay.tracker, omit_unset_slots))
            replay.tracker.update(event)
            replay.applied.append(event)
        self._replays[tracker.sender_id] = replay
        while len(self._replays) > self.size:
            self._replays.popitem(last=False)
        return replay.states + [_state(domain, replay.tracker, omit_unset_slots)]


class RememberingTracker:
    """A tracker whose ``past_states`` come from a :class:`StatesMemo`; everything else is the tracker's."""

    def __init__(self, tracker: DialogueStateTracker, memo: StatesMemo) -> None:
        self._tracker = tracker
        self._memo = memo

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tracker, name)

    def past_states(self, domain: Domain, omit_unset_slots: bool = False, ignore_rule_only_turns: bool = False,
                    rule_only_data: Optional[Dict[str, Any]] = None) -> List[State]:
        """Memoised for rule prediction; the ML variant (rule-only turns hidden) is Rasa's own."""
        if ignore_rule_only_turns:
            return self._tracker.past_states(domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
        return self._memo.past_states(self._tracker, domain, omit_unset_slots)
