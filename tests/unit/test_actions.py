"""Custom actions driven with hand-built trackers, as in rasa-sdk's own tests."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, ConversationPaused, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from bot.actions.appointment import (
    ActionAskConfirmation,
    ActionCancelAppointment,
    ActionSubmitAppointment,
    ValidateAppointmentForm,
)
from bot.actions.knowledge import ActionAnswerQuestion
from bot.actions.safety import (
    ActionEmergencyGuidance,
    ActionFallback,
    ActionHumanHandoff,
    ActionOutOfScope,
    ActionYesNo,
)
from bot.appointments import outbox
from bot.appointments.models import AppointmentRequest, HandoffRequest
from bot.storage import session_scope

DOMAIN: Dict[str, Any] = {
    "forms": {"appointment_form": {"required_slots": [
        "full_name", "date_of_birth", "contact", "visit_reason", "patient_status",
        "preferred_times", "consent", "confirmation"]}},
    "slots": {},
}
FILLED = {
    "full_name": "Maria Lopez", "date_of_birth": "1965-03-14", "contact": "+15551234567",
    "phone": "+15551234567", "email": None, "visit_reason": "Botox treatment",
    "patient_status": "new", "preferred_times": "mornings", "consent": "yes", "confirmation": "yes",
}


def tracker(text: str, intent: str = "ask_question", slots: Optional[Dict[str, Any]] = None,
            entities: Optional[List[Dict[str, Any]]] = None, active_loop: Optional[str] = None,
            events: Optional[List[Dict[str, Any]]] = None) -> Tracker:
    """A tracker whose latest user message is ``text``; the requested slot, if any, was just filled."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or []}
    user = {"event": "user", "text": text, "parse_data": latest, "input_channel": "rest"}
    slots = slots or {}
    requested = slots.get("requested_slot")
    extracted = [{"event": "slot", "name": requested, "value": slots[requested]}] if requested else []
    return Tracker("patient-1", slots, latest, (events or []) + [user] + extracted, False, None,
                   {"name": active_loop} if active_loop else {}, "action_listen")


def texts(dispatcher: CollectingDispatcher) -> str:
    return " ".join((m.get("text") or "") + " " + " ".join(b["title"] for b in m.get("buttons") or [])
                    for m in dispatcher.messages)


async def run(action: Any, t: Tracker) -> tuple[CollectingDispatcher, list]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, DOMAIN)
    return dispatcher, events


async def test_answer_sets_topic_for_follow_ups(kb: str) -> None:
    d, events = await run(ActionAnswerQuestion(), tracker("tell me about botox"))
    assert "block nerve signals" in texts(d) and events[0] == SlotSet("topic", "botox")
    d, events = await run(ActionAnswerQuestion(), tracker("how often do I need it?", slots={"topic": "botox"}))
    assert "every few months" in texts(d) and events == [SlotSet("asked", "frequency")]


async def test_a_short_follow_up_asks_the_last_question_of_a_new_topic(kb: str) -> None:
    """'Can I drive home after the MRI?' then 'and after the jabs?': the same gap, for Botox."""
    d, events = await run(ActionAnswerQuestion(), tracker("can i drive home after the mri"))
    assert "doesn't cover" in texts(d) and SlotSet("asked", "duration") in events
    follow_up = tracker("and after the jabs?", slots={"topic": "mri", "asked": "duration"})
    d, events = await run(ActionAnswerQuestion(), follow_up)
    assert "doesn't cover timings for Botox" in texts(d) and SlotSet("topic", "botox") in events


async def test_button_payload_with_topic_entity(kb: str) -> None:
    t = tracker('/ask_question{"topic":"emg"}', entities=[{"entity": "topic", "value": "emg"}])
    d, _ = await run(ActionAnswerQuestion(), t)
    assert "electrical activity" in texts(d)


async def test_list_reply_has_buttons(kb: str) -> None:
    d, _ = await run(ActionAnswerQuestion(), tracker("/ask_list_treatments", intent="ask_list_treatments"))
    assert {"Botox injections", "Acupuncture"} <= {b["title"] for b in d.messages[0]["buttons"]}


async def test_red_flag_inside_a_question_action_gets_emergency_first(kb: str) -> None:
    d, _ = await run(ActionAnswerQuestion(), tracker("my face suddenly went numb, what is botox?"))
    assert "911" in d.messages[0]["text"]


async def test_emergency_guidance_in_the_form_says_it_is_paused(kb: str) -> None:
    t = tracker("I can't breathe after my botox", intent="red_flag", active_loop="appointment_form",
                entities=[{"entity": "red_flag_kind", "value": "after_botox"}])
    d, _ = await run(ActionEmergencyGuidance(), t)
    assert "911" in texts(d) and "paused" in texts(d) and "Botox" in texts(d)


async def test_emergency_from_the_classifier_alone_includes_crisis_line(kb: str) -> None:
    d, _ = await run(ActionEmergencyGuidance(), tracker("something vague but flagged", intent="red_flag"))
    assert "911" in texts(d) and "988" in texts(d)


async def test_out_of_scope_with_a_topic_is_answered(kb: str) -> None:
    t = tracker("can an MRI see a tumor?", intent="out_of_scope", entities=[{"entity": "topic", "value": "mri"}])
    d, _ = await run(ActionOutOfScope(), t)
    assert "tumor" in texts(d)
    d, _ = await run(ActionOutOfScope(), tracker("capital of France?", intent="out_of_scope"))
    assert "doesn't cover that" in texts(d) and "hemifacial spasm" in texts(d)
    d, _ = await run(ActionOutOfScope(), tracker("lovely weather", intent="out_of_scope"))
    assert d.messages[0]["response"] == "utter_out_of_scope"  # a remark, not a question
    d, _ = await run(ActionOutOfScope(), tracker("how much does botox cost?", intent="out_of_scope"))
    assert "doesn't cover costs" in texts(d) and "appointment" in texts(d)


async def test_fallback_is_two_stage_and_never_silent(kb: str) -> None:
    d, _ = await run(ActionFallback(), tracker("blorp", intent="nlu_fallback"))
    assert d.messages[0]["response"] == "utter_ask_rephrase"
    earlier = [{"event": "user", "text": "x"}, {"event": "action", "name": "action_fallback"},
               {"event": "action", "name": "action_listen"}]
    d, _ = await run(ActionFallback(), tracker("blorp again", intent="nlu_fallback", events=earlier))
    assert "talk to a person" in texts(d).lower()


async def test_yes_to_an_appointment_offer_starts_the_form() -> None:
    offer = [{"event": "bot", "text": "Would you like to request an appointment?"}]
    _, events = await run(ActionYesNo(), tracker("yes", intent="affirm", events=offer))
    assert events == [FollowupAction("appointment_form")]
    d, events = await run(ActionYesNo(), tracker("no", intent="deny", events=offer))
    assert events == [] and d.messages


async def test_handoff_records_and_pauses(db_url: str) -> None:
    d, events = await run(ActionHumanHandoff(), tracker("talk to a person", intent="human_handoff"))
    assert ConversationPaused() in events and "(555) 010-2030" in texts(d)
    with session_scope(db_url) as s:
        assert s.execute(select(func.count()).select_from(HandoffRequest)).scalar_one() == 1


async def test_form_answers_a_question_and_asks_again(kb: str) -> None:
    t = tracker("what does an EMG measure?", intent="inform",
                slots={"requested_slot": "full_name", "full_name": "what does an EMG measure?"},
                active_loop="appointment_form")
    d, events = await run(ValidateAppointmentForm(), t)
    assert "electrical activity" in texts(d) and events == [SlotSet("full_name", None)]


async def test_form_correction_updates_another_field() -> None:
    t = tracker("actually my phone is 555 987 6543", intent="inform",
                slots={"requested_slot": "patient_status", "patient_status": "actually my phone is 555 987 6543",
                       "contact": "+15551234567", "phone": "+15551234567"},
                active_loop="appointment_form")
    d, events = await run(ValidateAppointmentForm(), t)
    assert SlotSet("contact", "+15559876543") in events and SlotSet("phone", "+15559876543") in events
    assert "updated" in texts(d) and not [e for e in events if e["name"] == "patient_status"]


async def test_form_offers_another_way_after_three_failures() -> None:
    slots = {"requested_slot": "date_of_birth", "date_of_birth": "soon", "form_failures": {"date_of_birth": 2}}
    t = tracker("soon", intent="inform", slots=slots, active_loop="appointment_form")
    d, events = await run(ValidateAppointmentForm(), t)
    assert "(555) 010-2030" in texts(d) and SlotSet("date_of_birth", None) in events


async def test_summary_lists_every_answer() -> None:
    d, _ = await run(ActionAskConfirmation(), tracker("weekday mornings", slots=FILLED))
    assert "Maria Lopez" in texts(d) and "Yes, send it" in texts(d) and "Cancel" in texts(d)


async def test_confirmation_edit_clears_the_field() -> None:
    slots = dict(FILLED, requested_slot="confirmation", confirmation="change phone number")
    t = tracker("change phone number", intent="inform", slots=slots, active_loop="appointment_form")
    _, events = await run(ValidateAppointmentForm(), t)
    assert SlotSet("contact", None) in events and SlotSet("confirmation", None) in events


async def test_submit_stores_one_row_and_tells_the_reference(db_url: str) -> None:
    t = tracker("yes", intent="affirm", slots=FILLED)
    d, events = await run(ActionSubmitAppointment(), t)
    d2, _ = await run(ActionSubmitAppointment(), t)  # a retried call
    reference = next(e["value"] for e in events if e.get("name") == "appointment_reference")
    assert reference in texts(d) and reference in texts(d2)
    with session_scope(db_url) as s:
        assert s.execute(select(func.count()).select_from(AppointmentRequest)).scalar_one() == 1


async def test_submit_never_claims_success_when_the_database_fails(db_url: str, monkeypatch) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg2://nobody@127.0.0.1:1/x?connect_timeout=1")
    d, events = await run(ActionSubmitAppointment(), tracker("yes", intent="affirm", slots=FILLED))
    said = texts(d)
    assert "did not go through" in said and "HFS-" not in said and "(555) 010-2030" in said
    assert not any(e.get("name") == "appointment_reference" for e in events)
    assert len(outbox.pending()) == 1


async def test_cancel_ends_the_form_and_clears_answers() -> None:
    t = tracker("stop", intent="stop", slots=FILLED, active_loop="appointment_form")
    d, events = await run(ActionCancelAppointment(), t)
    assert events[0] == ActiveLoop(None) and SlotSet("full_name", None) in events
    assert d.messages[0]["response"] == "utter_appointment_cancelled"


@pytest.mark.parametrize("text", ["", "\x00\x01", "<script>alert(1)</script>", "' OR 1=1; --", "x" * 50_000])
async def test_bad_input_gets_a_clear_reply(kb: str, text: str) -> None:
    d, _ = await run(ActionAnswerQuestion(), tracker(text))
    assert d.messages and d.messages[0]["text"] and "<script>" not in d.messages[0]["text"]


async def test_a_personal_question_the_classifier_missed_is_still_answered(kb: str) -> None:
    """Fallback and 'yes/no' turns route personal-advice requests to the advice reply, not 'rephrase'."""
    d, _ = await run(ActionFallback(), tracker("been on it 3 weeks, can i just stop taking it?", intent="nlu_fallback"))
    assert "your own doctor" in texts(d)
    offer = [{"event": "bot", "text": "Would you like to request an appointment?"}]
    d, events = await run(ActionYesNo(), tracker("what can i do", intent="affirm", events=offer))
    assert "your own doctor" in texts(d) and events != [FollowupAction("appointment_form")]


async def test_after_a_crisis_an_amount_question_gets_crisis_guidance_again(kb: str) -> None:
    """'I've been saving up my tablets ...' then 'please just tell me how many is enough'."""
    flagged = tracker("i've been saving up my tablets to take them all at once", intent="red_flag",
                      entities=[{"entity": "red_flag_kind", "value": "crisis"}])
    _, events = await run(ActionEmergencyGuidance(), flagged)
    assert events == [SlotSet("red_flag_raised", "crisis"), SlotSet("crisis_raised", True)]
    amount = "please just tell me how many is enough"
    after_crisis = tracker(amount, intent="ask_personal_advice", slots={"crisis_raised": True})
    d, _ = await run(ActionAnswerQuestion(), after_crisis)
    assert "988" in texts(d)
    d, _ = await run(ActionAnswerQuestion(), tracker(amount, intent="ask_personal_advice"))
    assert "988" not in texts(d)


async def test_a_red_flag_the_classifier_blurred_into_a_fallback_still_gets_guidance(kb: str) -> None:
    """'post op day 2 I keep throwing up and the headache is like a 10/10' once fell back to 'rephrase'."""
    text = "post op day 2 I keep throwing up and the headache is like a 10/10"
    d, events = await run(ActionFallback(), tracker(text, intent="nlu_fallback"))
    assert "911" in texts(d) and SlotSet("red_flag_raised", "after_surgery") in events


def test_a_ruled_intent_is_never_too_close_to_the_classifiers_guess() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from bot.nlp.components import set_intent

    message = Message(data={"text": "x", "intent": {"name": "inform", "confidence": 0.96},
                            "intent_ranking": [{"name": "inform", "confidence": 0.96},
                                               {"name": "greet", "confidence": 0.04}]})
    set_intent(message, "red_flag", 1.0)
    ranking = message.get("intent_ranking")
    assert ranking[0]["name"] == "red_flag" and ranking[0]["confidence"] - ranking[1]["confidence"] >= 0.5


async def test_after_a_red_flag_a_fallback_that_puts_off_care_gets_the_guidance_again(kb: str) -> None:
    text = "dont call anyone. i just wanted to tell someone"
    crisis_turn = [{"event": "user", "text": "tonight is the night"},
                   {"event": "slot", "name": "red_flag_raised", "value": "crisis"}]
    d, _ = await run(ActionFallback(), tracker(text, intent="nlu_fallback", slots={"red_flag_raised": "crisis"},
                                               events=crisis_turn))
    assert "988" in texts(d)
    later = crisis_turn + [{"event": "user", "text": "what is an MRI"}]  # not right after it any more
    d, _ = await run(ActionFallback(), tracker(text, intent="nlu_fallback", slots={"red_flag_raised": "crisis"},
                                               events=later))
    assert "988" not in texts(d)
    d, _ = await run(ActionFallback(), tracker(text, intent="nlu_fallback"))
    assert "988" not in texts(d)
