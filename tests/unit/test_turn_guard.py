"""The turn guard: no action twice in a turn, no fallback after a reply, never a silent turn."""

from __future__ import annotations

import pytest

from bot.dialogue.turns import LISTEN, MAX_ACTIONS, guard

FALLBACK = "action_fallback"


@pytest.mark.parametrize("predicted, ran, expected", [
    ("action_answer_question", ["action_extract_slots"], None),
    ("appointment_form", ["action_extract_slots", "action_answer_question"], None),
    ("action_submit_appointment", ["action_extract_slots", "appointment_form"], None),
    (LISTEN, ["action_extract_slots", "action_answer_question"], None),
    # the loop of issue 10: the fallback predicted again after it already answered
    (FALLBACK, ["action_extract_slots", FALLBACK], LISTEN),
    ("action_answer_question", ["action_extract_slots", "action_answer_question"], LISTEN),
    (FALLBACK, ["action_extract_slots", "action_paused_reply"], LISTEN),
    ("utter_greet", ["a", "b", "c", "d"][:MAX_ACTIONS], LISTEN),
    # a turn would end before anything answered: the fallback answers instead
    (LISTEN, ["action_extract_slots"], FALLBACK),
    (LISTEN, [], FALLBACK),
    (FALLBACK, ["action_extract_slots"], None),
])
def test_guard(predicted: str, ran: list, expected: str | None) -> None:
    assert guard(predicted, ran, FALLBACK) == expected


def test_no_sequence_of_predictions_can_exceed_the_cap() -> None:
    ran: list = ["action_extract_slots"]
    for _ in range(20):  # a policy that always predicts the same action
        step = guard("action_fallback", ran, FALLBACK) or "action_fallback"
        if step == LISTEN:
            break
        ran.append(step)
    assert ran.count("action_fallback") == 1


@pytest.mark.parametrize("text, expected", [
    ("my eye has twitched for about a year", "ask_personal_advice"),
    ("my face freezes in a grimace during a spasm then lets go. how do they diagnose this?", "ask_question"),
    ("how much is a first consultation at your clinic?", "ask_uncovered"),
    ("could i get seen for botox?", None),
    ("I'd like to book an appointment about the MRI", None),
])
def test_a_booking_classification_without_a_booking_is_redirected(text: str, expected: str) -> None:
    """The classifier's request_appointment stands only for a booking, not a story or a question."""
    from bot.nlp.components import boundary_intent
    assert boundary_intent(text, "request_appointment") == expected


def test_a_plain_booking_the_classifier_slipped_on_starts_the_form() -> None:
    """'i want to book' (read as stop) and 'hello, booking for my son' (read as a greeting) book."""
    from bot.nlp.components import _WANTS_BOOKING

    assert _WANTS_BOOKING.search("i want to book") and _WANTS_BOOKING.search("hello, booking for my son, im his mother")
    assert not _WANTS_BOOKING.search("stop the booking") and not _WANTS_BOOKING.search("i don't want to book")
