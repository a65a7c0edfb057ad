"""The rule policy's memoised states equal Rasa's own, turn by turn, over random histories
with forms, reverts and restarts (bot.dialogue.states)."""

from __future__ import annotations

import random
from typing import List

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.dialogue.states import RememberingTracker, StatesMemo
from bot.settings import PROJECT_ROOT

DOMAIN = Domain.load(str(PROJECT_ROOT / "domain.yml"))
INTENTS = ["greet", "ask_question", "request_appointment", "inform", "affirm", "stop", "red_flag"]


def _turn(rng: random.Random) -> List[Event]:
    """One patient turn and the assistant's actions, sometimes inside the form."""
    intent = rng.choice(INTENTS)
    events: List[Event] = [UserUttered("text", {"name": intent, "confidence": 1.0})]
    roll = rng.random()
    if roll < 0.25:  # the form runs, asks and maybe fills a slot
        events += [ActionExecuted("appointment_form"), ActiveLoop("appointment_form"),
                   SlotSet("requested_slot", rng.choice(["full_name", "date_of_birth"]))]
        if rng.random() < 0.5:
            events.append(SlotSet("full_name", "Maria Lopez"))
    elif roll < 0.35:  # the form ends
        events += [ActionExecuted("appointment_form"), ActiveLoop(None), SlotSet("requested_slot", None)]
    elif roll < 0.45:  # the fallback reverts the patient's turn
        events += [ActionExecuted("action_fallback"), BotUttered("sorry?"), UserUtteranceReverted()]
    elif roll < 0.5:
        events += [ActionExecuted("action_answer_question"), ActionReverted()]
    elif roll < 0.53:
        events += [ActionExecuted("action_restart"), Restarted()]
    elif roll < 0.56:
        events += [ActionExecuted("action_session_start"), SessionStarted()]
    else:
        events += [ActionExecuted("action_answer_question"), BotUttered("an answer"),
                   SlotSet("topic", rng.choice(["mri", "botox"]))]
    return events + [ActionExecuted("action_listen")]


@pytest.mark.parametrize("seed", range(8))
def test_memoised_states_equal_rasas_on_every_turn(seed: int) -> None:
    rng = random.Random(seed)
    memo = StatesMemo()
    events: List[Event] = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen")]
    for _ in range(60):
        events += _turn(rng)
        # a fresh tracker each turn, as Rasa loads it from the tracker store
        tracker = DialogueStateTracker.from_events("patient", [e.__class__.from_parameters(e.as_dict())
                                                               for e in events], DOMAIN.slots)
        expected = tracker.past_states(DOMAIN)
        assert memo.past_states(tracker, DOMAIN) == expected
        assert RememberingTracker(tracker, memo).past_states(DOMAIN) == expected


def test_the_memo_is_bounded_and_keyed_by_conversation() -> None:
    memo = StatesMemo(size=3)
    for sender in ("a", "b", "c", "d"):
        tracker = DialogueStateTracker.from_events(sender, [ActionExecuted("action_listen")], DOMAIN.slots)
        memo.past_states(tracker, DOMAIN)
    assert list(memo._replays) == ["b", "c", "d"]


@pytest.mark.parametrize("seed", range(8))
def test_a_growing_tracker_reuses_the_memo_and_still_equals_rasa(seed: int) -> None:
    """The same tracker object grows turn by turn (as the tracker store's cache keeps it): the
    memo reads only the new events unless one of them rewrites earlier ones."""
    rng = random.Random(seed)
    memo = StatesMemo()
    tracker = DialogueStateTracker.from_events("patient", [ActionExecuted("action_listen")], DOMAIN.slots)
    for _ in range(80):
        for event in _turn(rng):
            tracker.update(event)
        assert memo.past_states(tracker, DOMAIN) == tracker.past_states(DOMAIN)


@pytest.mark.parametrize("seed", range(8))
def test_incremental_applied_events_equal_rasas_as_a_tracker_grows(seed: int) -> None:
    from bot.dialogue.applied import incremental_applied_events
    from bot.rasa_patches.applied_events import _rasas

    rng = random.Random(seed)
    incremental = incremental_applied_events(_rasas)
    tracker = DialogueStateTracker.from_events("patient", [ActionExecuted("action_listen")], DOMAIN.slots)
    for _ in range(80):
        for event in _turn(rng):
            tracker.update(event)
            assert incremental(tracker) == _rasas(tracker)


def test_states_are_formatted_for_the_log_only_when_debug_logging_is_on() -> None:
    import logging

    from bot.dialogue.policy import TurnSafeRulePolicy

    states = [{"user": {"intent": "greet"}}, {"prev_action": {"action_name": "action_listen"}}]
    logger = logging.getLogger("rasa.core.policies.rule_policy")
    level = logger.level
    try:
        logger.setLevel(logging.INFO)
        assert TurnSafeRulePolicy.format_tracker_states(states) == ""
        logger.setLevel(logging.DEBUG)
        assert "greet" in TurnSafeRulePolicy.format_tracker_states(states)
    finally:
        logger.setLevel(level)
