"""The appointment-request form: validation, summary, submission and cancel.

Thin adapters: what a message fills is decided by ``bot.appointments.form``; the
fields come from the one table in ``bot.appointments.fields``.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import conversation_context, latest_intent, latest_text, send
from bot.appointments import outbox
from bot.appointments.fields import FIELDS, FORM_SLOTS, HELPER_SLOTS
from bot.appointments.form import form_step
from bot.appointments.repository import NewRequest, StorageError, save_request
from bot.conversation import deserves_an_answer, respond
from bot.nlp.reading import asks, is_question_shaped, read
from bot.safety.redflags import detect_red_flag
from bot.settings import get_settings

logger = logging.getLogger(__name__)

FORM = "appointment_form"
# Intents the rules answer inside the form (the form declines them and resumes after).
RULE_INTENTS = frozenset({
    "stop", "red_flag", "ask_question", "ask_list_tests", "ask_list_treatments", "ask_uncovered",
    "ask_personal_advice", "human_handoff", "empty_message", "message_too_long",
})
QUESTION_INTENTS = frozenset({"ask_question", "ask_list_tests", "ask_list_treatments", "ask_uncovered",
                              "ask_personal_advice"})
# Actions that may run between the patient's message and the form on that same message.
_SAME_MESSAGE = frozenset({"action_listen", "action_extract_slots", FORM, "action_yes_no", "action_fallback"})
# The classifier's "stop" counts inside the form only with a word that means it ("change something" does not).
CANCEL_WORDS = re.compile(
    r"\b(?:cancel|stop|quit|abort|exit|never ?mind|forget|scrap|drop it|leave it|changed my mind|"
    r"don'?t (?:want|need|book)|no longer|not (?:now|anymore|any more)|end this)\b", re.I)
INTERRUPTIONS = ("wait", "hold on", "hang on")  # "wait, what does the MRA show?"


def looks_like_question(text: str) -> bool:
    """A question about the condition typed in the middle of the form."""
    low = text.strip().lower()
    asking = low.startswith(INTERRUPTIONS) or is_question_shaped(low) or asks(read(text))
    return asking and deserves_an_answer(text)  # "before that, why would i need an mra" asks, too


def fresh_message(tracker: Tracker) -> bool:
    """Whether the form runs on the patient's message (not on a return after an interruption)."""
    names = []
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            break
        if event.get("event") == "action":
            names.append(event.get("name"))
    return set(names) <= _SAME_MESSAGE


class ValidateAppointmentForm(Action):
    """Fills every field a message gives, answers questions asked mid-form, handles corrections."""

    def name(self) -> str:
        """Rasa's form calls validate_<form name>."""
        return "validate_appointment_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Slot events for this message; none lets the rules handle it (questions, stop, red flags)."""
        if not fresh_message(tracker):
            return []
        text, intent = latest_text(tracker), latest_intent(tracker)
        requested = tracker.get_slot("requested_slot")
        activation = tracker.active_loop_name != FORM
        if intent in RULE_INTENTS and not activation:
            if intent == "stop" and not CANCEL_WORDS.search(text):
                intent = "inform"  # "change something", "send it": an answer, not a cancel
            elif intent not in QUESTION_INTENTS or looks_like_question(text) or not text.strip():
                return []
        if not activation and requested and (detect_red_flag(text) or looks_like_question(text)):
            send(dispatcher, respond(text, intent, context=conversation_context(tracker)))
            return [SlotSet(requested, None)]
        restart = intent == "request_appointment"  # "book for my husband" inside the form: take what it gives
        turn = form_step(text, requested, tracker.slots, activation or restart, get_settings().clinic_phone)
        if restart and requested and requested not in turn.slots:
            turn.slots[requested] = None
        for message in turn.messages:
            dispatcher.utter_message(**message)
        return [SlotSet(slot, value) for slot, value in turn.slots.items()]


def summary(tracker: Tracker) -> str:
    """Every answer, one line each, from the field table."""
    lines = [f"• {f.label}: {f.shown(tracker.get_slot(f.slot) or '')}" for f in FIELDS if f.slot != "consent"]
    if tracker.get_slot("booked_by"):
        lines.append(f"• Booked by: a caregiver ({tracker.get_slot('booked_by')})")
    return "\n".join(lines)


class ActionAskConfirmation(Action):
    """Shows the summary and asks to confirm, edit or cancel."""

    def name(self) -> str:
        """Rasa calls action_ask_<slot> to request the confirmation slot."""
        return "action_ask_confirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Render the summary of every answer."""
        dispatcher.utter_message(
            text="Please check your appointment request:\n" + summary(tracker) + "\nShall I send it to the clinic?",
            buttons=[{"title": "Yes, send it", "payload": "yes, send it"},
                     {"title": "Change something", "payload": "change something"},
                     {"title": "Cancel", "payload": "/stop"}],
        )
        return []


def _reset_form() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS + HELPER_SLOTS]


class ActionSubmitAppointment(Action):
    """Stores the confirmed request; the patient hears of success only after a stored row."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_submit_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Write through SQLAlchemy; on failure keep it in the outbox and say so."""
        if tracker.get_slot("confirmation") != "yes":
            return []
        request = NewRequest(
            full_name=tracker.get_slot("full_name"),
            date_of_birth=tracker.get_slot("date_of_birth"),
            phone=tracker.get_slot("phone"), email=tracker.get_slot("email"),
            visit_reason=tracker.get_slot("visit_reason"),
            patient_status=tracker.get_slot("patient_status"),
            preferred_times=tracker.get_slot("preferred_times"),
            consent=tracker.get_slot("consent") == "yes",
            channel=tracker.get_latest_input_channel() or "unknown",
            sender_id=tracker.sender_id,
            booked_by=tracker.get_slot("booked_by"),
        )
        settings = get_settings()
        try:
            await asyncio.to_thread(outbox.flush)
        except Exception:  # noqa: BLE001 - the outbox is retried on every submit
            logger.warning("Outbox flush failed")
        try:
            reference = await asyncio.to_thread(save_request, request)
        except StorageError:
            kept = await asyncio.to_thread(outbox.keep, request)
            logger.error("Appointment request not stored (kept in outbox: %s)", kept)
            dispatcher.utter_message(text=(
                "I'm sorry, your request did not go through because of a technical problem, "
                "so it has not been received yet. Please call the clinic at "
                f"{settings.clinic_phone} ({settings.clinic_hours}) to request your appointment."
                + (" We've also kept a copy and will pass it on as soon as our system is back."
                   if kept else "")))
            return _reset_form()
        logger.info("Appointment request stored: %s", reference)  # staff notifications were queued with it
        dispatcher.utter_message(text=(
            f"Thank you. Your appointment request has been sent. Your reference is {reference}. "
            "The clinic will contact you to arrange a time. "
            f"If anything is urgent, call {settings.clinic_phone}."))
        return _reset_form() + [SlotSet("appointment_reference", reference)]


class ActionCancelAppointment(Action):
    """Stops the form at any point; nothing is stored."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_cancel_appointment"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Confirm the cancel and clear the answers."""
        if tracker.active_loop_name == FORM:
            dispatcher.utter_message(response="utter_appointment_cancelled")
        else:
            dispatcher.utter_message(text="Okay, stopped. Is there anything else I can help with?")
        return [ActiveLoop(None)] + _reset_form() + [SlotSet("requested_slot", None)]
