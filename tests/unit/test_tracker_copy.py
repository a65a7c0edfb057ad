"""The quick tracker copy equals Rasa's replaying copy and stays independent of the original."""

from __future__ import annotations

import random
from typing import List

import pytest
from rasa.shared.core.events import ActionExecutionRejected, ActiveLoop, Event, LoopInterrupted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.rasa_patches.tracker_copy import _replaying_copy, quick_copy
from tests.unit.test_rule_states import DOMAIN, _turn


def _state(tracker: DialogueStateTracker) -> dict:
    return tracker.current_state(EventVerbosity.ALL)


@pytest.mark.parametrize("seed", range(6))
def test_the_quick_copy_is_rasas_copy_on_every_turn(seed: int) -> None:
    rng = random.Random(seed)
    tracker = DialogueStateTracker.from_events("patient", [], DOMAIN.slots)
    for _ in range(40):
        for event in _turn(rng):
            tracker.update(event)
        quick, replayed = quick_copy(tracker), _replaying_copy(tracker)
        assert _state(quick) == _state(replayed) == _state(tracker)
        later: List[Event] = [UserUttered("more", {"name": "inform", "confidence": 1.0}),
                              LoopInterrupted(True), ActionExecutionRejected("appointment_form"),
                              ActiveLoop("appointment_form"), SlotSet("full_name", "Ana Ruiz")]
        before = _state(tracker)
        for event in later:
            quick.update(event)
            replayed.update(event)
        assert _state(quick) == _state(replayed)
        assert _state(tracker) == before  # the original is untouched by what the copy received
