"""The appointment-request form: validation, summary, submission and cancel."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Dict, List, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.actions.common import latest_intent, latest_text, send
from bot.appointments import outbox
from bot.appointments.fields import CHECKS, FIELD_LABELS, clean, detect_correction, field_named
from bot.appointments.notify import notify_staff
from bot.appointments.repository import NewRequest, StorageError, save_request
from bot.conversation import is_knowledge_question, respond
from bot.safety.redflags import detect_red_flag
from bot.settings import get_settings

logger = logging.getLogger(__name__)

FORM = "appointment_form"
FORM_SLOTS = ("full_name", "date_of_birth", "contact", "visit_reason", "patient_status",
              "preferred_times", "consent", "confirmation")
MAX_FAILURES = 3
QUESTION_START = ("what", "how", "why", "when", "which", "is ", "are ", "can ", "does ",
                  "do ", "will ", "should ", "could ", "tell me")


def _looks_like_question(text: str) -> bool:
    low = text.strip().lower()
    return (low.endswith("?") or low.startswith(QUESTION_START)) and is_knowledge_question(text)


def _failure_note() -> str:
    settings = get_settings()
    return ("We can keep trying, or you can say \"cancel\" and contact the clinic another way: "
            f"call {settings.clinic_phone} ({settings.clinic_hours}).")


class ValidateAppointmentForm(FormValidationAction):
    """Validates each answer, handles corrections and questions asked mid-form."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "validate_appointment_form"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        """Red flags and questions first, then corrections, then normal validation."""
        requested = tracker.get_slot("requested_slot")
        text = latest_text(tracker)
        if requested and tracker.get_slot(requested) == text and text:
            if detect_red_flag(text) or _looks_like_question(text):
                send(dispatcher, respond(text, latest_intent(tracker), tracker.get_slot("topic")))
                return [SlotSet(requested, None)]
        correction = detect_correction(text) if requested else None
        if correction and correction[0] != requested:
            return self._apply_correction(correction, requested, dispatcher, tracker)
        return await super().run(dispatcher, tracker, domain)

    def _apply_correction(self, correction: Any, requested: Optional[str],
                          dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
        field, value = correction
        events: List[EventType] = [SlotSet("confirmation", None)]
        if requested:
            events.append(SlotSet(requested, None))
        if value is None:
            dispatcher.utter_message(text=f"Sure, let's change your {FIELD_LABELS[field].lower()}.")
            return events + [SlotSet(field, None)]
        checked = CHECKS[field](value)
        if not checked.ok:
            dispatcher.utter_message(text=checked.error)
            return events + [SlotSet(field, None)]
        dispatcher.utter_message(text=f"Thanks, I've updated your {FIELD_LABELS[field].lower()}.")
        return events + [SlotSet(field, checked.value)] + [SlotSet(k, v or None) for k, v in checked.extra]

    def _check(self, slot: str, value: Any, dispatcher: CollectingDispatcher,
               tracker: Tracker) -> Dict[str, Any]:
        checked = CHECKS[slot](clean(value, slot))
        if checked.ok:
            result: Dict[str, Any] = {slot: checked.value}
            result.update({k: (v or None) for k, v in checked.extra})
            return result
        failures = dict(tracker.get_slot("form_failures") or {})
        failures[slot] = failures.get(slot, 0) + 1
        message = checked.error or "Sorry, I couldn't use that answer."
        if failures[slot] >= MAX_FAILURES:
            message += " " + _failure_note()
        dispatcher.utter_message(text=message)
        return {slot: None, "form_failures": failures}

    def validate_full_name(self, value: Any, dispatcher: CollectingDispatcher,
                           tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """A plausible full name."""
        return self._check("full_name", value, dispatcher, tracker)

    def validate_date_of_birth(self, value: Any, dispatcher: CollectingDispatcher,
                               tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """A valid date in the past."""
        return self._check("date_of_birth", value, dispatcher, tracker)

    def validate_contact(self, value: Any, dispatcher: CollectingDispatcher,
                         tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """A phone number and/or email; fills the phone and email slots."""
        return self._check("contact", value, dispatcher, tracker)

    def validate_visit_reason(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """One of the listed reasons, or other."""
        return self._check("visit_reason", value, dispatcher, tracker)

    def validate_patient_status(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """New or returning."""
        return self._check("patient_status", value, dispatcher, tracker)

    def validate_preferred_times(self, value: Any, dispatcher: CollectingDispatcher,
                                 tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """Free text, not empty."""
        return self._check("preferred_times", value, dispatcher, tracker)

    def validate_consent(self, value: Any, dispatcher: CollectingDispatcher,
                         tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """Consent is required."""
        return self._check("consent", value, dispatcher, tracker)

    def validate_confirmation(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> Dict[str, Any]:
        """Yes sends; naming a field edits it; anything else asks what to change."""
        text = clean(value, "confirmation").lower()
        if latest_intent(tracker) == "affirm" or text in ("yes", "yes, send it", "send", "send it"):
            return {"confirmation": "yes"}
        field = field_named(text)
        if field:
            dispatcher.utter_message(text=f"Sure, let's change your {FIELD_LABELS[field].lower()}.")
            return {"confirmation": None, field: None}
        dispatcher.utter_message(
            text="Which detail would you like to change? (Or say \"cancel\" to stop.)",
            buttons=[{"title": f"Change {label.lower()}", "payload": f"change {label.lower()}"}
                     for slot, label in FIELD_LABELS.items() if slot != "consent"],
        )
        return {"confirmation": None}


class ActionAskConfirmation(Action):
    """Shows the summary and asks to confirm, edit or cancel."""

    def name(self) -> str:
        """Rasa calls action_ask_<slot> to request the confirmation slot."""
        return "action_ask_confirmation"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Render the summary of every answer."""
        lines = [f"• {label}: {tracker.get_slot(slot)}" for slot, label in FIELD_LABELS.items()
                 if slot != "consent"]
        dispatcher.utter_message(
            text="Please check your appointment request:\n" + "\n".join(lines)
            + "\nShall I send it to the clinic?",
            buttons=[{"title": "Yes, send it", "payload": "yes, send it"},
                     {"title": "Change something", "payload": "change something"},
                     {"title": "Cancel", "payload": "/stop"}],
        )
        return []


def _reset_form() -> List[EventType]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS + ("phone", "email", "form_failures")]


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
        logger.info("Appointment request stored: %s", reference)
        if settings.webhook_url:
            asyncio.get_running_loop().run_in_executor(
                None, notify_staff, reference, settings.webhook_url)
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
