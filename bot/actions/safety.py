"""Emergency guidance, scope, fallback, yes/no handling and human handoff."""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.common import (
    answer_and_remember,
    entity_values,
    latest_intent,
    latest_text,
    red_flag_of_the_last_turn,
)
from bot.analysis import analyse_message
from bot.appointments.extract import gives_personal_details
from bot.appointments.follow_up import handoff_requested, red_flag_seen
from bot.appointments.repository import open_handoff
from bot.conversation import deserves_an_answer
from bot.dialogue.paused import paused_reply
from bot.replies import APPOINTMENT_BUTTON, TESTS_BUTTON, TREATMENTS_BUTTON
from bot.safety.emergency_care import asks_about_emergency_care
from bot.safety.redflags import CRISIS
from bot.safety.replies import emergency_reply
from bot.settings import get_settings

GENERIC_EMERGENCY = "general"
APPOINTMENT_OFFER = "request an appointment"
logger = logging.getLogger(__name__)


async def notify_quietly(record: Callable[..., Any], *args: Any) -> None:
    """Open a staff follow-up (and its notifications); a storage failure never changes the reply."""
    try:
        await asyncio.to_thread(record, *args)
    except Exception as error:  # noqa: BLE001 - the patient's guidance matters more than the staff alert
        logger.warning("Could not record a staff follow-up (%s)", error.__class__.__name__)


class ActionEmergencyGuidance(Action):
    """Emergency or crisis guidance, before anything else."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_emergency_guidance"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Pick the guidance for the kind of red flag (crisis, stroke, after Botox or surgery)."""
        return await give_emergency_guidance(dispatcher, tracker)


async def give_emergency_guidance(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType]:
    """The guidance for the latest message's red flag, the staff alert, and the slots that remember it."""
    kinds = entity_values(tracker, "red_flag_kind")
    analysis = analyse_message(latest_text(tracker))
    flag = analysis.red_flag
    kind = kinds[0] if kinds else (flag.kind if flag else GENERIC_EMERGENCY)
    reply = emergency_reply(kind, analysis.language)
    text = reply.text
    if kind == GENERIC_EMERGENCY and analysis.is_english:
        settings = get_settings()
        text += (f" If you are thinking about harming yourself, call or text "
                 f"{settings.crisis_line}.")
    if tracker.active_loop_name == "appointment_form":
        text += ("\nYour appointment request is paused; nothing has been sent. "
                 "When you are safe, say \"continue my appointment request\".")
    dispatcher.utter_message(text=text)
    await notify_quietly(red_flag_seen, tracker.sender_id, tracker.get_latest_input_channel() or "unknown")
    events: List[EventType] = [SlotSet("red_flag_raised", kind)]  # every time: it marks the turn (see common.py)
    if kind == CRISIS and not tracker.get_slot("crisis_raised"):
        events.append(SlotSet("crisis_raised", True))
    return events


class ActionOutOfScope(Action):
    """Out of scope, unless the message is in fact a question the page covers."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Answer when the message asks about the page or where it ends; else say what we can do."""
        text = latest_text(tracker)
        if deserves_an_answer(text, tracker.get_slot("topic")):
            return answer_and_remember(dispatcher, tracker, text)
        dispatcher.utter_message(response="utter_out_of_scope")
        return []


def _previous_bot_action(tracker: Tracker) -> str:
    """The last action before the latest user message (ignoring listen)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                break
            seen_user = True
            continue
        if seen_user and event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") or ""
    return ""


class ActionFallback(Action):
    """Two-stage fallback: try the knowledge base, then suggest topics, then offer a person."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Never silent: each stage sends a reply."""
        text = latest_text(tracker)
        if entity_values(tracker, "red_flag_kind") or analyse_message(text).red_flag:
            return await give_emergency_guidance(dispatcher, tracker)  # a red flag the classifier blurred
        if red_flag_of_the_last_turn(tracker) and asks_about_emergency_care(text):
            return answer_and_remember(dispatcher, tracker, text)  # "she's fine now": the guidance again
        if text.strip() and deserves_an_answer(text, tracker.get_slot("topic")):
            return answer_and_remember(dispatcher, tracker, text)
        if gives_personal_details(text):
            return [FollowupAction("appointment_form")]  # "I'm Ruth Adams, born 05/12/1948"
        if _previous_bot_action(tracker) == self.name():
            settings = get_settings()
            dispatcher.utter_message(
                text=("I'm still not sure I understand, sorry. You can choose a topic below, "
                      "say \"talk to a person\", or call the clinic at "
                      f"{settings.clinic_phone} ({settings.clinic_hours})."),
                buttons=[{"title": t, "payload": p} for t, p in
                         (TESTS_BUTTON, TREATMENTS_BUTTON, APPOINTMENT_BUTTON)]
                + [{"title": "Talk to a person", "payload": "/human_handoff"}],
            )
            return []
        dispatcher.utter_message(response="utter_ask_rephrase")
        return []


class ActionYesNo(Action):
    """A bare yes or no outside a form: follow up on the last offer."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_yes_no"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """'Yes' to an appointment offer starts the form; otherwise ask what is needed."""
        text = latest_text(tracker)
        if len(text.split()) > 4 or deserves_an_answer(text, tracker.get_slot("topic")):
            # not a bare yes or no
            return answer_and_remember(dispatcher, tracker, text)
        last_bot = next((e.get("text") or "" for e in reversed(tracker.events)
                         if e.get("event") == "bot"), "")
        offered = APPOINTMENT_OFFER in last_bot.lower()
        if latest_intent(tracker) == "affirm" and offered:
            return [FollowupAction("appointment_form")]
        if offered:
            dispatcher.utter_message(text="No problem. What else would you like to know?")
            return []
        dispatcher.utter_message(
            text="What would you like to know about hemifacial spasm?",
            buttons=[{"title": t, "payload": p}
                     for t, p in (TESTS_BUTTON, TREATMENTS_BUTTON, APPOINTMENT_BUTTON)],
        )
        return []


class ActionHumanHandoff(Action):
    """Record a handoff request for staff and pause the bot for this conversation."""

    def name(self) -> str:
        """Action name used in the domain."""
        return "action_human_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Tell the patient how and when the clinic responds; never claim what did not happen."""
        settings = get_settings()
        channel = tracker.get_latest_input_channel() or "unknown"
        try:
            handoff_id = open_handoff(tracker.sender_id, channel)
        except Exception:  # noqa: BLE001 - any storage failure: say so, do not pause
            dispatcher.utter_message(text=(
                "Sorry, I couldn't pass your conversation to the clinic team just now. "
                f"Please call {settings.clinic_phone} ({settings.clinic_hours})."))
            return []
        await notify_quietly(handoff_requested, handoff_id, tracker.sender_id, channel)
        dispatcher.utter_message(text=(
            "I've asked a member of the clinic team to look at this conversation. "
            f"Someone will reply here during opening hours ({settings.clinic_hours}). "
            f"If it's urgent, call the clinic at {settings.clinic_phone}."))
        return [SlotSet("handoff_requested", True), ConversationPaused()]


class ActionPausedReply(Action):
    """A message while waiting for staff: say it is seen, and by whom once a staff member has joined."""

    def name(self) -> str:
        """Action name used in the domain (run by the paused-conversation patch)."""
        return "action_paused_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]
    ) -> List[EventType]:
        """Never silent: the note varies so that the patient never gets the same words twice in a row."""
        dispatcher.utter_message(text=paused_reply(tracker.events))
        return []
